import { PaymentSession } from '../../apps/wallet/src/lib';
import { startConsoleSystem, type ConsoleSystem } from '../browser/support/console-system';
import { startTestIdentityProvider, type TestIdentityProvider } from './support/oidc-provider';

/**
 * The console's OIDC/JWT bearer option against a real (small) identity provider on HTTP: discovery,
 * JWKS, RS256 and ES256 tokens, roles from `realm_access.roles`, the audit record naming the subject,
 * and every kind of bad token refused with 401 problem+json and `WWW-Authenticate: Bearer
 * error="invalid_token"`.
 */
describe('operator console: OIDC bearer tokens', () => {
  const AUDIENCE = 'ph-console';
  let idp: TestIdentityProvider;
  let sys: ConsoleSystem;

  const operatorClaims = {
    realm_access: { roles: ['offline_access', 'ph-operator'] },
    preferred_username: 'olga',
  };
  const viewerClaims = {
    sub: 'b81d-viewer',
    realm_access: { roles: ['ph-viewer'] },
    preferred_username: 'victor',
  };

  async function api(path: string, token: string | undefined, method = 'GET') {
    const res = await fetch(`${sys.consoleUrl}${path}`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      challenge: res.headers.get('www-authenticate') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  }

  async function pendingPayment(): Promise<string> {
    const before = await api('/api/pending?state=InProgress', idp.mint({ claims: viewerClaims }));
    const known = before.body.items.map((p: { payId: string }) => p.payId);
    const session = new PaymentSession({
      gatewayUrl: sys.gatewayUrl,
      customer: 'bob',
      amount: '3.00',
      currency: 'EUR',
    });
    expect((await session.paymentRequest()).kind).toBe('exchange');
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await api('/api/pending?state=InProgress', idp.mint({ claims: viewerClaims }));
      const fresh = res.body.items
        .map((p: { payId: string }) => p.payId)
        .filter((id: string) => !known.includes(id));
      if (fresh.length === 1) return fresh[0];
      if (Date.now() > until) throw new Error('no new pending payment');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    idp = await startTestIdentityProvider(AUDIENCE);
    sys = await startConsoleSystem({
      consoleEnv: {
        CONSOLE_OIDC_ISSUER: idp.issuer,
        CONSOLE_OIDC_AUDIENCE: `other-client,${AUDIENCE}`,
        CONSOLE_OIDC_ROLES_CLAIM: 'realm_access.roles',
        CONSOLE_OIDC_OPERATOR_ROLES: 'ph-operator',
        CONSOLE_OIDC_VIEWER_ROLES: 'ph-viewer',
        // Every unknown kid may refetch the JWKS here (the rate limit has its unit test), so a
        // rotation is visible at once.
        CONSOLE_OIDC_JWKS_REFETCH_SECONDS: '0',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await sys?.stop();
    await idp?.stop();
  });

  it('accepts an RS256 operator token found through discovery; whoami names the subject', async () => {
    const res = await api('/api/whoami', idp.mint({ claims: operatorClaims }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'f3c1a7e2-operator', role: 'operator', via: 'oidc', username: 'olga' });
    expect(idp.discoveryFetches()).toBe(1);
    expect(idp.jwksFetches()).toBe(1);
    // the keys are cached: more tokens, no more fetches
    expect((await api('/api/whoami', idp.mint({ claims: operatorClaims }))).status).toBe(200);
    expect(idp.jwksFetches()).toBe(1);
  });

  it('runs an operator command with an ES256 operator token; the audit record names the subject', async () => {
    const payId = await pendingPayment();
    const token = idp.mint({ key: idp.ec, claims: operatorClaims });
    const res = await api(`/api/payments/${payId}/cancel`, token, 'POST');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'cancel',
      processState: 'Failed',
      completionCode: 'PaymtCancelled',
    });
    const actions = await api(`/api/operator-actions?payId=${payId}`, token);
    expect(actions.body.items).toHaveLength(1);
    expect(actions.body.items[0]).toMatchObject({
      actor: 'f3c1a7e2-operator',
      actorName: 'olga',
      via: 'oidc',
      role: 'operator',
      action: 'cancel',
      outcome: 'done',
    });
  });

  it('lets a viewer token read but refuses it an operator command with 403 (nothing recorded)', async () => {
    const payId = await pendingPayment();
    const token = idp.mint({ claims: viewerClaims });
    expect((await api(`/api/payments/${payId}`, token)).status).toBe(200);
    const res = await api(`/api/payments/${payId}/cancel`, token, 'POST');
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, role: 'viewer', requiredRole: 'operator' });
    expect(res.body.detail).toContain('victor');
    expect(res.challenge).toMatch(/^Bearer .*error="insufficient_scope"/);
    expect((await api(`/api/operator-actions?payId=${payId}`, token)).body.items).toHaveLength(0);
  });

  it('refuses a valid token that carries no console role with 403', async () => {
    const res = await api(
      '/api/payments',
      idp.mint({ claims: { realm_access: { roles: ['offline_access'] } } }),
    );
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.detail).toContain('realm_access.roles');
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bad: [string, (idp: TestIdentityProvider) => string, RegExp][] = [
    [
      'expired',
      (p) => p.mint({ claims: { ...operatorClaims, iat: now() - 900, exp: now() - 600 } }),
      /expired/,
    ],
    ['not valid yet', (p) => p.mint({ claims: { ...operatorClaims, nbf: now() + 600 } }), /not valid yet/],
    ['without exp', (p) => p.mint({ claims: { ...operatorClaims, exp: undefined } }), /expiry/],
    [
      'for another audience',
      (p) => p.mint({ claims: { ...operatorClaims, aud: 'someone-else' } }),
      /audience/,
    ],
    [
      'from another issuer',
      (p) => p.mint({ claims: { ...operatorClaims, iss: 'https://evil.example' } }),
      /issuer/,
    ],
    [
      'with a tampered payload (viewer made operator)',
      (p) => {
        const [h, , s] = p.mint({ claims: viewerClaims }).split('.');
        const forged = Buffer.from(
          JSON.stringify({
            ...JSON.parse(
              Buffer.from(p.mint({ claims: viewerClaims }).split('.')[1]!, 'base64url').toString(),
            ),
            realm_access: { roles: ['ph-operator'] },
          }),
        ).toString('base64url');
        return `${h}.${forged}.${s}`;
      },
      /signature/,
    ],
    [
      'with a tampered signature',
      (p) => {
        const t = p.mint({ claims: operatorClaims });
        const sig = Buffer.from(t.split('.')[2]!, 'base64url');
        sig[10] ^= 0x01;
        return `${t.split('.').slice(0, 2).join('.')}.${sig.toString('base64url')}`;
      },
      /signature/,
    ],
    ['with alg none', (p) => p.mintNone(operatorClaims), /algorithm "none"/],
    ['HS256 keyed with the public key', (p) => p.mintHs256WithPublicKey(operatorClaims), /algorithm "HS256"/],
    [
      'signed by an unknown kid',
      (p) => p.mint({ key: p.newKey('rogue-1', 'RS256'), claims: operatorClaims }),
      /rogue-1/,
    ],
    [
      'signed by an unpublished key under a known kid',
      (p) => p.mint({ key: p.newKey('rsa-1', 'RS256'), claims: operatorClaims }),
      /signature/,
    ],
    ['that is not a JWT', () => 'not-a-jwt', /compact JWT/],
  ];

  it.each(bad)('refuses a token %s with 401 invalid_token problem+json', async (_what, make, detail) => {
    const res = await api('/api/payments', make(idp));
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    expect(res.body.detail).toMatch(detail);
    expect(res.challenge).toMatch(/^Bearer realm="ph-console", error="invalid_token", error_description="/);
  });

  it('refetches the JWKS once for an unknown kid: a rotated-in key works, a forged kid stays refused', async () => {
    const before = idp.jwksFetches();
    expect((await api('/api/whoami', idp.mint({ key: idp.newKey('rogue-2', 'ES256') }))).status).toBe(401);
    expect(idp.jwksFetches()).toBe(before + 1);
    const rotated = idp.newKey('rsa-2', 'RS256');
    idp.publish(rotated);
    const res = await api('/api/whoami', idp.mint({ key: rotated, claims: operatorClaims }));
    expect(res.status).toBe(200);
    expect(idp.jwksFetches()).toBe(before + 2);
    expect((await api('/api/whoami', idp.mint({ key: rotated, claims: operatorClaims }))).status).toBe(200);
    expect(idp.jwksFetches()).toBe(before + 2);
  });

  it('still takes API keys, and offers both schemes to a caller without credentials', async () => {
    const key = await fetch(`${sys.consoleUrl}/api/whoami`, { headers: { 'x-api-key': 'viewer-dev-key' } });
    expect(await key.json()).toMatchObject({ name: 'dev-viewer', role: 'viewer', via: 'api-key' });
    const none = await fetch(`${sys.consoleUrl}/api/payments`);
    expect(none.status).toBe(401);
    const challenge = none.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('ApiKey realm="ph-console"');
    expect(challenge).toContain('Bearer realm="ph-console"');
    const empty = await fetch(`${sys.consoleUrl}/api/payments`, { headers: { authorization: 'Bearer' } });
    expect(empty.status).toBe(401);
    expect(empty.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });
});
