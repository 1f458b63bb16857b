import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { type Fetch, type OidcConfig, OidcVerifier } from './oidc';
import {
  checkCallback,
  isPkceVerifier,
  LoginSealer,
  OidcLogin,
  type OidcLoginConfig,
  type PendingLogin,
  pkceChallenge,
  printable,
  randomToken,
} from './oidc-login';

const ISSUER = 'https://idp.bank.example/realms/ops';
const NOW = 1_800_000_000_000;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function mint(claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', kid: 'r1', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
}

const pending = (extra: Partial<PendingLogin> = {}): PendingLogin => ({
  state: 'S'.repeat(43),
  nonce: 'N'.repeat(43),
  verifier: 'V'.repeat(43),
  next: '/pending',
  redirectUri: 'https://console.bank.example/login/oidc/callback',
  expires: NOW + 600_000,
  ...extra,
});

describe('PKCE and random values', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes 256-bit random tokens that are valid verifiers and never repeat', () => {
    const seen = new Set(Array.from({ length: 200 }, randomToken));
    expect(seen.size).toBe(200);
    for (const t of seen) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(isPkceVerifier(t)).toBe(true);
    }
    expect(isPkceVerifier('short')).toBe(false);
    expect(isPkceVerifier('a'.repeat(129))).toBe(false);
    expect(isPkceVerifier(`${'a'.repeat(42)}+`)).toBe(false);
  });
});

describe('LoginSealer (the login cookie)', () => {
  let now = NOW;
  const sealer = new LoginSealer(randomBytes(32), () => now);
  afterEach(() => (now = NOW));

  it('opens what it sealed; the sealed text shows none of the values', () => {
    const p = pending();
    const sealed = sealer.seal(p);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('SSSS');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('pending');
    expect(sealer.open(sealed)).toEqual(p);
    expect(sealer.seal(p)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses an altered, truncated, foreign, expired or absent cookie', () => {
    const sealed = sealer.seal(pending());
    const raw = Buffer.from(sealed, 'base64url');
    for (const i of [0, 12, 20, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i]! ^= 0x01;
      expect(sealer.open(bad.toString('base64url'))).toBeUndefined();
    }
    expect(sealer.open(sealed.slice(0, 30))).toBeUndefined();
    expect(sealer.open(`${sealed}!`)).toBeUndefined();
    expect(new LoginSealer(randomBytes(32), () => now).open(sealed)).toBeUndefined();
    expect(sealer.open(undefined)).toBeUndefined();
    expect(sealer.open('')).toBeUndefined();
    now = NOW + 600_000;
    expect(sealer.open(sealed)).toBeUndefined();
  });
});

describe('checkCallback', () => {
  const ok = { code: 'c0de', state: 'S'.repeat(43) };

  it('takes the code when the state is this browser’s', () => {
    expect(checkCallback(ok, pending(), ISSUER)).toEqual({ ok: true, code: 'c0de', pending: pending() });
    expect(checkCallback({ ...ok, iss: ISSUER }, pending(), ISSUER).ok).toBe(true);
  });

  it.each([
    ['no login cookie', ok, undefined, 400, 'bad-state', /not started in this browser/],
    ['another state', { ...ok, state: 'T'.repeat(43) }, pending(), 400, 'bad-state', /state/],
    ['no state', { code: 'c0de' }, pending(), 400, 'bad-state', /state/],
    ['a state given twice', { ...ok, state: [ok.state, ok.state] }, pending(), 400, 'bad-state', /state/],
    ['another iss (mix-up)', { ...ok, iss: 'https://evil.example' }, pending(), 400, 'bad-request', /iss/],
    ['no code', { state: ok.state }, pending(), 400, 'bad-request', /no authorization code/],
    ['a huge code', { ...ok, code: 'x'.repeat(3000) }, pending(), 400, 'bad-request', /code/],
    ['a code with spaces', { ...ok, code: 'a b' }, pending(), 400, 'bad-request', /code/],
    [
      'the provider’s error',
      { error: 'access_denied', error_description: 'no\u0000 thanks', state: ok.state },
      pending(),
      403,
      'idp-error',
      /did not sign you in: access_denied \(no\? thanks\)/,
    ],
    ['another error', { error: 'server_error' }, undefined, 401, 'idp-error', /server_error\.$/],
  ])('refuses %s', (_what, query, p, status, reason, detail) => {
    const r = checkCallback(query, p, ISSUER);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure).toMatchObject({ status, reason });
    expect(r.failure.detail).toMatch(detail);
  });

  it('shows the provider’s texts printable and short', () => {
    expect(printable('a\nb<c>')).toBe('a?b<c>');
    expect(printable('x'.repeat(300))).toHaveLength(200);
    expect(printable(['x'])).toBe('');
  });
});

describe('OidcLogin', () => {
  const CONFIG: OidcConfig = {
    issuer: ISSUER,
    audiences: ['ph-console'],
    rolesClaim: 'roles',
    operatorRoles: ['operator'],
    viewerRoles: ['viewer'],
    clockSkewSeconds: 60,
    jwksRefetchSeconds: 30,
    jwksMaxAgeSeconds: 3600,
    fetchTimeoutMs: 1000,
  };
  const LOGIN: OidcLoginConfig = {
    clientId: 'ph-web',
    clientSecret: 'top secret',
    extraScopes: ['roles', 'openid'],
    loginSeconds: 600,
  };

  /** A provider as fetch sees it; `answer` decides the token endpoint's reply. */
  function provider(answer: (form: URLSearchParams, headers: Record<string, string>) => unknown) {
    const calls: { url: string; method: string; headers: Record<string, string>; body?: string }[] = [];
    let authMethods = ['client_secret_basic', 'client_secret_post'];
    const fetcher: Fetch = async (url, init) => {
      calls.push({ url, method: init.method ?? 'GET', headers: init.headers, body: init.body });
      const reply = (status: number, body: unknown) => ({
        ok: status < 300,
        status,
        text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
      });
      if (url === `${ISSUER}/.well-known/openid-configuration`)
        return reply(200, {
          issuer: ISSUER,
          authorization_endpoint: `${ISSUER}/auth`,
          token_endpoint: `${ISSUER}/token`,
          jwks_uri: `${ISSUER}/certs`,
          token_endpoint_auth_methods_supported: authMethods,
        });
      if (url === `${ISSUER}/certs`)
        return reply(200, { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'r1' }] });
      if (url === `${ISSUER}/token`) {
        const r = answer(new URLSearchParams(init.body), init.headers);
        if (r instanceof Error) throw r;
        const [status, body] = r as [number, unknown];
        return reply(status, body);
      }
      return reply(404, '');
    };
    return { calls, fetcher, setAuthMethods: (m: string[]) => (authMethods = m) };
  }

  const idToken = (extra: Record<string, unknown> = {}, nonce = 'N'.repeat(43)) =>
    mint({
      iss: ISSUER,
      aud: 'ph-web',
      sub: 'user-1',
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
      nonce,
      roles: ['operator'],
      preferred_username: 'olga',
      ...extra,
    });
  const tokens = (id: string) => [200, { access_token: 'opaque', token_type: 'Bearer', id_token: id }];

  function client(answer: Parameters<typeof provider>[0]) {
    const p = provider(answer);
    const login = new OidcLogin(LOGIN, new OidcVerifier(CONFIG, p.fetcher, () => NOW), p.fetcher, () => NOW);
    const cookie = login.sealer.seal(pending());
    return { ...p, login, cookie };
  }
  const query = { code: 'the-code', state: 'S'.repeat(43) };

  it('builds the authorization request from discovery: code, PKCE S256, state, nonce, scopes', async () => {
    const { login } = client(() => [500, {}]);
    const { location, cookie } = await login.start('/log', 'https://c.example/login/oidc/callback');
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/auth`);
    const q = Object.fromEntries(url.searchParams);
    const p = login.sealer.open(cookie)!;
    expect(q).toEqual({
      response_type: 'code',
      client_id: 'ph-web',
      redirect_uri: 'https://c.example/login/oidc/callback',
      scope: 'openid profile roles',
      state: p.state,
      nonce: p.nonce,
      code_challenge: pkceChallenge(p.verifier),
      code_challenge_method: 'S256',
    });
    expect(p).toMatchObject({ next: '/log', expires: NOW + 600_000 });
  });

  it('derives the redirect URI from the request unless one is configured', () => {
    const { login } = client(() => [500, {}]);
    expect(login.redirectUri({ protocol: 'http', host: '127.0.0.1:8081' })).toBe(
      'http://127.0.0.1:8081/login/oidc/callback',
    );
    expect(login.redirectUri({ protocol: 'https', host: 'bad host"<' })).toBe(
      'https://localhost/login/oidc/callback',
    );
    const configured = new OidcLogin(
      { ...LOGIN, redirectUrl: 'https://console.bank.example/login/oidc/callback' },
      new OidcVerifier(CONFIG),
    );
    expect(configured.redirectUri({ protocol: 'http', host: 'x' })).toBe(
      'https://console.bank.example/login/oidc/callback',
    );
  });

  it('exchanges the code with the verifier and HTTP Basic, and signs the user in from the ID token', async () => {
    const c = client((form, headers) => {
      expect(Object.fromEntries(form)).toEqual({
        grant_type: 'authorization_code',
        code: 'the-code',
        redirect_uri: 'https://console.bank.example/login/oidc/callback',
        code_verifier: 'V'.repeat(43),
      });
      expect(headers.authorization).toBe(`Basic ${Buffer.from('ph-web:top+secret').toString('base64')}`);
      return tokens(idToken());
    });
    expect(await c.login.finish(query, c.cookie)).toEqual({
      ok: true,
      next: '/pending',
      principal: { name: 'user-1', role: 'operator', via: 'oidc', username: 'olga' },
    });
  });

  it('puts the secret in the form when the provider takes only client_secret_post', async () => {
    const c = client((form, headers) => {
      expect(headers.authorization).toBeUndefined();
      expect(form.get('client_id')).toBe('ph-web');
      expect(form.get('client_secret')).toBe('top secret');
      return tokens(idToken());
    });
    c.setAuthMethods(['client_secret_post']);
    expect((await c.login.finish(query, c.cookie)).ok).toBe(true);
  });

  it('refuses a callback replayed with the same cookie before asking the provider', async () => {
    const c = client(() => tokens(idToken()));
    expect((await c.login.finish(query, c.cookie)).ok).toBe(true);
    const exchanges = c.calls.filter((x) => x.method === 'POST').length;
    expect(await c.login.finish(query, c.cookie)).toMatchObject({
      ok: false,
      failure: { reason: 'bad-state' },
    });
    expect(c.calls.filter((x) => x.method === 'POST').length).toBe(exchanges);
  });

  it.each([
    [
      'the provider refuses the code',
      () => [400, { error: 'invalid_grant', error_description: 'used' }],
      401,
      'exchange-refused',
      /invalid_grant \(used\)/,
    ],
    [
      'the token endpoint is down',
      () => new Error('connect ECONNREFUSED'),
      502,
      'exchange-failed',
      /could not be reached/,
    ],
    ['the token endpoint fails', () => [500, 'oops'], 502, 'exchange-failed', /HTTP 500/],
    [
      'no ID token',
      () => [200, { access_token: 'a', token_type: 'Bearer' }],
      502,
      'exchange-failed',
      /no ID token/,
    ],
    ['not JSON', () => [200, '<html>'], 502, 'exchange-failed', /HTTP 200/],
    ['a wrong nonce', () => tokens(idToken({}, 'other')), 401, 'invalid-token', /nonce/],
    ['another audience', () => tokens(idToken({ aud: 'ph-console' })), 401, 'invalid-token', /audience/],
    [
      'several audiences without azp',
      () => tokens(idToken({ aud: ['ph-web', 'x'] })),
      401,
      'invalid-token',
      /azp/,
    ],
    ['another azp', () => tokens(idToken({ azp: 'x' })), 401, 'invalid-token', /azp/],
    ['no iat', () => tokens(idToken({ iat: undefined })), 401, 'invalid-token', /iat/],
    [
      'an expired ID token',
      () => tokens(idToken({ exp: NOW / 1000 - 600 })),
      401,
      'invalid-token',
      /expired/,
    ],
    ['a forged signature', () => tokens(`${idToken().slice(0, -4)}AAAA`), 401, 'invalid-token', /signature/],
    ['no console role', () => tokens(idToken({ roles: ['payroll'] })), 403, 'no-role', /no console role/],
  ])('ends without a session when %s', async (_what, answer, status, reason, detail) => {
    const c = client(answer as Parameters<typeof provider>[0]);
    const r = await c.login.finish(query, c.cookie);
    expect(r).toMatchObject({ ok: false, next: '/pending', failure: { status, reason } });
    if (!r.ok) expect(r.failure.detail).toMatch(detail);
  });

  it('reports a provider it cannot reach as unavailable (503), and tries discovery again later', async () => {
    let down = true;
    const p = provider(() => tokens(idToken()));
    const fetcher: Fetch = async (url, init) => {
      if (down) throw new Error('getaddrinfo ENOTFOUND');
      return p.fetcher(url, init);
    };
    const login = new OidcLogin(LOGIN, new OidcVerifier(CONFIG, fetcher, () => NOW), fetcher, () => NOW);
    await expect(login.start('/', 'https://c/login/oidc/callback')).rejects.toThrow(/discovery document/);
    const r = await login.finish(query, login.sealer.seal(pending()));
    expect(r).toMatchObject({ ok: false, failure: { status: 503, reason: 'unavailable' } });
    down = false;
    await expect(login.start('/', 'https://c/login/oidc/callback')).resolves.toBeDefined();
  });
});
