import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaymentSession } from '../../apps/wallet/src/lib';
import { startConsoleSystem, type ConsoleSystem } from '../browser/support/console-system';
import { startTestIdentityProvider, type TestIdentityProvider } from './support/oidc-provider';

/**
 * Sign-in to the dashboards with the identity provider (authorization code flow with PKCE) against
 * the simulator over HTTP, every redirect followed by hand: the console's authorization request,
 * the provider's redirect back, the callback's code exchange (confidential client, secret from a
 * file) and the session it makes. Then the refusals: bad state, a replayed callback, a code used
 * twice, a wrong nonce, the provider's error, no console role — each a login page with its reason
 * and no session.
 */
describe('operator console: sign-in with the identity provider (OIDC code flow + PKCE)', () => {
  const CLIENT_ID = 'ph-console-web';
  const SECRET = 's3cr3t: with spaces & symbols';
  let idp: TestIdentityProvider;
  let sys: ConsoleSystem;
  let dir: string;
  let callbackUrl: string;

  const operator = {
    sub: 'f3c1a7e2-operator',
    claims: { realm_access: { roles: ['offline_access', 'ph-operator'] }, preferred_username: 'olga' },
  };
  const viewer = {
    sub: 'b81d-viewer',
    claims: { realm_access: { roles: ['ph-viewer'] }, preferred_username: 'victor' },
  };

  /** Cookies of one client (name → value), as a browser would keep them for the console. */
  type Jar = Map<string, string>;
  const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  function keep(jar: Jar, res: Response): string[] {
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0/i.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return set;
  }
  async function get(url: string, jar?: Jar, headers: Record<string, string> = {}) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { ...headers, ...(jar && jar.size > 0 && { cookie: cookieHeader(jar) }) },
    });
    const setCookies = jar ? keep(jar, res) : res.headers.getSetCookie();
    return { res, setCookies, location: res.headers.get('location') ?? '', text: await res.text() };
  }

  /** Console → provider → back to the callback URL (not yet visited). */
  async function toCallback(jar: Jar, next = '/pending') {
    const start = await get(`${sys.consoleUrl}/login/oidc?next=${encodeURIComponent(next)}`, jar);
    expect(start.res.status).toBe(302);
    expect(start.location.startsWith(idp.authorizationEndpoint)).toBe(true);
    const auth = await get(start.location); // the provider's cookies are its own: no console jar
    expect(auth.res.status).toBe(302);
    return { start, callback: auth.location };
  }

  async function signIn(jar: Jar = new Map(), next = '/pending') {
    const { callback } = await toCallback(jar, next);
    const done = await get(callback, jar);
    return { jar, done, callback };
  }

  async function api(path: string, jar: Jar, method = 'GET') {
    const res = await fetch(`${sys.consoleUrl}${path}`, {
      method,
      headers: { cookie: cookieHeader(jar), ...(method !== 'GET' && { 'x-console-request': '1' }) },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async function pendingPayment(jar: Jar): Promise<string> {
    const known = (await api('/api/pending?state=InProgress', jar)).body.items.map(
      (p: { payId: string }) => p.payId,
    );
    const session = new PaymentSession({
      gatewayUrl: sys.gatewayUrl,
      customer: 'bob',
      amount: '4.00',
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    for (const until = Date.now() + 10_000; ;) {
      const fresh = (await api('/api/pending?state=InProgress', jar)).body.items
        .map((p: { payId: string }) => p.payId)
        .filter((id: string) => !known.includes(id));
      if (fresh.length === 1) return fresh[0];
      if (Date.now() > until) throw new Error('no new pending payment');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A refusal: the login page with the reason, no session cookie, the login cookie cleared. */
  function expectRefused(r: Awaited<ReturnType<typeof get>>, status: number, message: RegExp) {
    expect(r.res.status).toBe(status);
    expect(r.res.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('id="login-problem"');
    expect(r.text).toMatch(message);
    expect(r.text).not.toMatch(/at \w+ \(|Error:/); // no stack
    expect(r.setCookies.some((c) => c.startsWith('ph_console='))).toBe(false);
    expect(r.setCookies.some((c) => c.startsWith('ph_console_oidc=;') && /Max-Age=0/.test(c))).toBe(true);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ph-oidc-'));
    writeFileSync(join(dir, 'client-secret'), `${SECRET}\n`);
    idp = await startTestIdentityProvider('ph-console');
    sys = await startConsoleSystem({
      consoleEnv: {
        CONSOLE_OIDC_ISSUER: idp.issuer,
        CONSOLE_OIDC_AUDIENCE: 'ph-console',
        CONSOLE_OIDC_ROLES_CLAIM: 'realm_access.roles',
        CONSOLE_OIDC_OPERATOR_ROLES: 'ph-operator',
        CONSOLE_OIDC_VIEWER_ROLES: 'ph-viewer',
        CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
        CONSOLE_OIDC_CLIENT_SECRET_FILE: join(dir, 'client-secret'),
        CONSOLE_OIDC_EXTRA_SCOPES: 'roles',
      },
    });
    // The redirect URI is derived from the request: the console's own address.
    callbackUrl = `${sys.consoleUrl}/login/oidc/callback`;
    idp.registerClient({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [callbackUrl] });
  }, 60_000);

  beforeEach(() => idp.setLogin(operator));

  afterAll(async () => {
    await sys?.stop();
    await idp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers "Sign in with <issuer>" beside the API-key form', async () => {
    const page = await get(`${sys.consoleUrl}/login?next=%2Fpending`);
    expect(page.res.status).toBe(200);
    expect(page.text).toContain(`Sign in with ${idp.issuer}`);
    expect(page.text).toContain('href="/login/oidc?next=%2Fpending"');
    expect(page.text).toContain('name="apiKey"');
  });

  it('sends the browser to the authorization endpoint with PKCE S256, state and nonce in a login cookie', async () => {
    const jar: Jar = new Map();
    const start = await get(`${sys.consoleUrl}/login/oidc?next=%2Flog`, jar);
    expect(start.res.status).toBe(302);
    const url = new URL(start.location);
    expect(`${url.origin}${url.pathname}`).toBe(idp.authorizationEndpoint);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: callbackUrl,
      scope: 'openid profile roles',
      code_challenge_method: 'S256',
    });
    expect(q.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.nonce).not.toBe(q.state);
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = start.setCookies.find((c) => c.startsWith('ph_console_oidc='))!;
    expect(cookie).toMatch(/; Path=\/login\/oidc; HttpOnly; SameSite=Lax; Max-Age=600/);
    // The cookie is sealed: neither the state, the nonce nor the verifier can be read from it.
    expect(cookie).not.toContain(q.state);
    expect(cookie).not.toContain(q.nonce);
    // A second start makes new values.
    const again = new URL((await get(`${sys.consoleUrl}/login/oidc`, new Map())).location);
    expect(again.searchParams.get('state')).not.toBe(q.state);
    expect(again.searchParams.get('code_challenge')).not.toBe(q.code_challenge);
  });

  it('an operator signs in and runs an operator command recorded with their subject', async () => {
    const before = idp.tokenRequests().length;
    const { jar, done } = await signIn(new Map(), '/pending');
    expect(done.res.status).toBe(200);
    expect(done.text).toContain('<meta http-equiv="refresh" content="0;url=/pending">');
    expect(done.text).toContain('olga (operator)');
    const session = done.setCookies.find((c) => c.startsWith('ph_console='))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800/);
    expect(jar.has('ph_console_oidc')).toBe(false);
    // One token request, authenticated with HTTP Basic (the secret read from the file).
    expect(idp.tokenRequests().slice(before)).toEqual([
      {
        grantType: 'authorization_code',
        clientId: CLIENT_ID,
        clientAuth: 'client_secret_basic',
        status: 200,
      },
    ]);
    expect(await api('/api/whoami', jar)).toEqual({
      status: 200,
      body: { name: 'f3c1a7e2-operator', role: 'operator', via: 'session', username: 'olga' },
    });
    const page = await get(`${sys.consoleUrl}/pending`, jar);
    expect(page.res.status).toBe(200);
    expect(page.text).toContain('olga (operator)');

    const payId = await pendingPayment(jar);
    const cancel = await api(`/api/payments/${payId}/cancel`, jar, 'POST');
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ action: 'cancel', processState: 'Failed' });
    const actions = await api(`/api/operator-actions?payId=${payId}`, jar);
    expect(actions.body.items).toHaveLength(1);
    expect(actions.body.items[0]).toMatchObject({
      actor: 'f3c1a7e2-operator',
      actorName: 'olga',
      via: 'session',
      role: 'operator',
      action: 'cancel',
      outcome: 'done',
    });
  });

  it('a viewer signs in, reads, and is refused an operator command (nothing recorded)', async () => {
    idp.setLogin(viewer);
    const { jar, done } = await signIn();
    expect(done.res.status).toBe(200);
    expect((await api('/api/whoami', jar)).body).toMatchObject({ name: 'b81d-viewer', role: 'viewer' });
    const payId = await pendingPayment(jar);
    const cancel = await api(`/api/payments/${payId}/cancel`, jar, 'POST');
    expect(cancel.status).toBe(403);
    expect(cancel.body).toMatchObject({ status: 403, role: 'viewer', requiredRole: 'operator' });
    expect(cancel.body.detail).toContain('victor');
    expect((await api(`/api/operator-actions?payId=${payId}`, jar)).body.items).toHaveLength(0);
  });

  it('refuses a callback whose state is not the one this browser started (no exchange)', async () => {
    const jar: Jar = new Map();
    const { callback } = await toCallback(jar);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    const before = idp.tokenRequests().length;
    expectRefused(await get(forged.toString(), jar), 400, /state/);
    expect(idp.tokenRequests().length).toBe(before);
    // Without the login cookie (another browser, or a cookie expired), the genuine URL is refused too.
    expectRefused(await get(callback, new Map()), 400, /not started in this browser/);
    expect(idp.tokenRequests().length).toBe(before);
  });

  it('refuses a replayed callback, and a code used twice is refused by the provider', async () => {
    const jar: Jar = new Map();
    const { callback } = await toCallback(jar);
    const spent = new Map(jar); // a copy of the login cookie, as an attacker replaying the request
    expect((await get(callback, jar)).res.status).toBe(200);
    const before = idp.tokenRequests().length;
    expectRefused(await get(callback, spent), 400, /already been used/);
    expect(idp.tokenRequests().length).toBe(before);
    // The same code under a freshly started sign-in (its own state): the provider refuses the code.
    const other: Jar = new Map();
    const fresh = new URL((await toCallback(other)).callback);
    fresh.searchParams.set('code', new URL(callback).searchParams.get('code')!);
    const replay = await get(fresh.toString(), other);
    expectRefused(replay, 401, /did not accept the authorization code: invalid_grant \(code already used\)/);
    expect(idp.tokenRequests().at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('refuses an ID token with another nonce', async () => {
    idp.setLogin({ ...operator, idTokenOverrides: { nonce: 'a-nonce-of-another-sign-in' } });
    const { done } = await signIn();
    expectRefused(done, 401, /ID token is not valid: The ID token(&#39;|')s nonce does not match/);
  });

  it('refuses an ID token for another client', async () => {
    idp.setLogin({ ...operator, idTokenOverrides: { aud: 'another-client', azp: 'another-client' } });
    const { done } = await signIn();
    expectRefused(done, 401, /audience/);
  });

  it("shows the provider's error (the user refused, or the provider failed)", async () => {
    idp.setLogin({ error: 'access_denied', errorDescription: 'User <b>declined</b> consent' });
    const { done } = await signIn();
    expectRefused(
      done,
      403,
      /did not sign you in: access_denied \(User &lt;b&gt;declined&lt;\/b&gt; consent\)/,
    );
  });

  it('refuses a user without a console role', async () => {
    idp.setLogin({ sub: 'payroll-1', claims: { realm_access: { roles: ['payroll'] } } });
    const { done } = await signIn();
    expectRefused(done, 403, /carries no console role in the claim realm_access.roles/);
  });

  it('answers problem+json to a caller that asks for JSON', async () => {
    const jar: Jar = new Map();
    const { callback } = await toCallback(jar);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'nope');
    const r = await get(forged.toString(), jar, { accept: 'application/json' });
    expect(r.res.status).toBe(400);
    expect(r.res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(r.text)).toMatchObject({ status: 400, reason: 'bad-state', title: 'Bad request' });
  });

  it('goes only to local pages afterwards', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/login/oidc'])
      expect((await signIn(new Map(), next)).done.text).toContain('content="0;url=/"');
  });
});
