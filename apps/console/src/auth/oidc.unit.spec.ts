import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { checkClaims, claimValues, decodeJwt, importJwks, JwtError, verifySignature } from './jwt';
import { type Fetch, IdentityProviderError, type OidcConfig, OidcVerifier, roleOf } from './oidc';

const ISSUER = 'https://idp.bank.example/realms/ops';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaSmall = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ecOther = generateKeyPairSync('ec', { namedCurve: 'P-384' });

const jwk = (key: KeyObject, kid: string, extra: Record<string, unknown> = {}) => ({
  ...(key.export({ format: 'jwk' }) as object),
  kid,
  ...extra,
});
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function mint(
  claims: Record<string, unknown>,
  options: { key?: KeyObject; alg?: 'RS256' | 'ES256'; kid?: string | null; header?: object } = {},
): string {
  const alg = options.alg ?? 'RS256';
  const key = options.key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey);
  const header = {
    alg,
    typ: 'JWT',
    ...(options.kid !== null && { kid: options.kid ?? (alg === 'RS256' ? 'r1' : 'e1') }),
    ...options.header,
  };
  const input = `${b64(header)}.${b64(claims)}`;
  const sig =
    alg === 'RS256'
      ? sign('sha256', Buffer.from(input), key)
      : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

const NOW = 1_800_000_000_000;
const good = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: ['ph-console', 'account'],
  sub: 'user-123',
  iat: NOW / 1000 - 10,
  exp: NOW / 1000 + 300,
  roles: ['operator'],
  ...extra,
});

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

/** A fake identity provider: discovery + a JWKS the test can change; counts requests. */
function provider(keys: unknown[] = [jwk(rsa.publicKey, 'r1'), jwk(ec.publicKey, 'e1')]) {
  const state = { keys, jwks: 0, discovery: 0, down: false, issuer: ISSUER };
  const fetcher: Fetch = async (url) => {
    if (state.down) throw new Error('connect ECONNREFUSED');
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      state.discovery += 1;
      return {
        ok: true,
        status: 200,
        text: async () => JSON.stringify({ issuer: state.issuer, jwks_uri: `${ISSUER}/certs` }),
      };
    }
    if (url === `${ISSUER}/certs`) {
      state.jwks += 1;
      return { ok: true, status: 200, text: async () => JSON.stringify({ keys: state.keys }) };
    }
    return { ok: false, status: 404, text: async () => '' };
  };
  return { state, fetcher };
}

describe('decodeJwt', () => {
  it.each([
    ['none', `${b64({ alg: 'none' })}.${b64(good())}.`],
    ['HS256', `${b64({ alg: 'HS256' })}.${b64(good())}.c2ln`],
    ['RS512', `${b64({ alg: 'RS512' })}.${b64(good())}.c2ln`],
    ['missing', `${b64({ typ: 'JWT' })}.${b64(good())}.c2ln`],
  ])('refuses alg %s before looking at keys', (_alg, token) => {
    expect(() => decodeJwt(token)).toThrow(/algorithm .* is not accepted/);
  });

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['non-base64url', 'a+b.c.d'],
    ['empty header', '.abc.def'],
  ])('refuses %s', (_what, token) => {
    expect(() => decodeJwt(token)).toThrow(/compact JWT/);
  });

  it('refuses headers and payloads that are not JSON objects, crit headers, and huge tokens', () => {
    expect(() => decodeJwt(`${Buffer.from('nope').toString('base64url')}.${b64(good())}.c2ln`)).toThrow(
      /header is not/,
    );
    expect(() => decodeJwt(`${b64({ alg: 'RS256' })}.${b64([1])}.c2ln`)).toThrow(
      /payload is not a JSON object/,
    );
    expect(() => decodeJwt(`${b64({ alg: 'RS256', crit: ['exp'] })}.${b64(good())}.c2ln`)).toThrow(
      /critical/,
    );
    expect(() => decodeJwt(`${b64({ alg: 'RS256' })}.${b64(good())}.`)).toThrow(/not signed/);
    expect(() => decodeJwt('a'.repeat(20_000))).toThrow(/too long/);
  });
});

describe('importJwks and verifySignature', () => {
  it('imports RSA ≥ 2048 and P-256 signature keys only', () => {
    const keys = importJwks({
      keys: [
        jwk(rsa.publicKey, 'r1'),
        jwk(ec.publicKey, 'e1', { alg: 'ES256', use: 'sig' }),
        jwk(rsaSmall.publicKey, 'small'),
        jwk(ecOther.publicKey, 'p384'),
        jwk(rsa.publicKey, 'enc', { use: 'enc' }),
        jwk(rsa.publicKey, 'ps', { alg: 'PS256' }),
        { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
        { kty: 'RSA', n: '!!', e: 'AQAB', kid: 'broken' },
        null,
      ],
    });
    expect(keys.map((k) => [k.kid, k.alg])).toEqual([
      ['r1', 'RS256'],
      ['e1', 'ES256'],
    ]);
    expect(() => importJwks({})).toThrow(JwtError);
  });

  it('takes only the public half of a JWK that (wrongly) publishes a private key', () => {
    const [key] = importJwks({ keys: [jwk(rsa.privateKey, 'r1')] });
    expect(key!.key.type).toBe('public');
  });

  it('verifies RS256 and ES256; a key of the other type never verifies', () => {
    const [r, e] = importJwks({ keys: [jwk(rsa.publicKey, 'r1'), jwk(ec.publicKey, 'e1')] });
    const rs = decodeJwt(mint(good()));
    const es = decodeJwt(mint(good(), { alg: 'ES256' }));
    expect(verifySignature(rs, r!)).toBe(true);
    expect(verifySignature(es, e!)).toBe(true);
    expect(verifySignature(rs, e!)).toBe(false);
    expect(verifySignature(es, r!)).toBe(false);
    expect(
      verifySignature(
        decodeJwt(
          mint(good({ sub: 'x' }), { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
        ),
        r!,
      ),
    ).toBe(false);
  });
});

describe('checkClaims', () => {
  const rules = { issuer: ISSUER, audiences: ['ph-console'], clockSkewSeconds: 60 };
  it('accepts a good token, and exp/nbf within the clock skew', () => {
    expect(() => checkClaims(good(), rules, NOW)).not.toThrow();
    expect(() => checkClaims(good({ exp: NOW / 1000 - 30 }), rules, NOW)).not.toThrow();
    expect(() => checkClaims(good({ nbf: NOW / 1000 + 30 }), rules, NOW)).not.toThrow();
    expect(() => checkClaims(good({ aud: 'ph-console' }), rules, NOW)).not.toThrow();
  });

  it.each([
    ['expired beyond the skew', { exp: NOW / 1000 - 61 }, /expired/],
    ['without exp', { exp: undefined }, /no expiry/],
    ['exp not a number', { exp: '1900000000' }, /no expiry/],
    ['nbf in the future', { nbf: NOW / 1000 + 61 }, /not valid yet/],
    ['iat in the future', { iat: NOW / 1000 + 3600 }, /issued in the future/],
    ['another issuer', { iss: `${ISSUER}/` }, /issuer/],
    ['another audience', { aud: 'account' }, /audience/],
    ['no audience', { aud: undefined }, /audience/],
    ['no subject', { sub: undefined }, /subject/],
    ['an empty subject', { sub: '' }, /subject/],
  ])('refuses a token %s', (_what, extra, message) => {
    const claims: Record<string, unknown> = good(extra);
    for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
    expect(() => checkClaims(claims, rules, NOW)).toThrow(message);
  });
});

describe('claimValues and roleOf', () => {
  it('reads arrays, space- or comma-separated strings, dotted paths, and namespaced claim names', () => {
    expect(claimValues({ roles: ['a', 'b', 3] }, 'roles')).toEqual(['a', 'b']);
    expect(claimValues({ scope: 'openid ph:operator' }, 'scope')).toEqual(['openid', 'ph:operator']);
    expect(claimValues({ groups: 'a,b' }, 'groups')).toEqual(['a', 'b']);
    expect(claimValues({ realm_access: { roles: ['operator'] } }, 'realm_access.roles')).toEqual([
      'operator',
    ]);
    expect(
      claimValues({ resource_access: { console: { roles: ['viewer'] } } }, 'resource_access.console.roles'),
    ).toEqual(['viewer']);
    expect(claimValues({ 'https://bank.example/roles': ['operator'] }, 'https://bank.example/roles')).toEqual(
      ['operator'],
    );
    expect(claimValues({ realm_access: ['x'] }, 'realm_access.roles')).toEqual([]);
    expect(claimValues({}, 'roles')).toEqual([]);
  });

  it('maps operator first, then viewer, else no role', () => {
    const m = { operatorRoles: ['ops'], viewerRoles: ['audit', 'support'] };
    expect(roleOf(['support', 'ops'], m)).toBe('operator');
    expect(roleOf(['support'], m)).toBe('viewer');
    expect(roleOf(['other'], m)).toBeUndefined();
  });
});

describe('OidcVerifier', () => {
  it('finds the JWKS through discovery once and verifies RS256 and ES256 tokens', async () => {
    const idp = provider();
    const v = new OidcVerifier(CONFIG, idp.fetcher, () => NOW);
    expect(await v.verify(mint(good({ preferred_username: 'olga' })))).toEqual({
      ok: true,
      principal: { name: 'user-123', role: 'operator', via: 'oidc', username: 'olga' },
    });
    expect(await v.verify(mint(good({ roles: ['viewer'] }), { alg: 'ES256' }))).toMatchObject({
      ok: true,
      principal: { role: 'viewer', via: 'oidc' },
    });
    expect([idp.state.discovery, idp.state.jwks]).toEqual([1, 1]);
  });

  it('uses a configured JWKS URL without discovery; a token without kid tries the keys of its algorithm', async () => {
    const idp = provider();
    const v = new OidcVerifier({ ...CONFIG, jwksUrl: `${ISSUER}/certs` }, idp.fetcher, () => NOW);
    expect((await v.verify(mint(good(), { kid: null }))).ok).toBe(true);
    expect([idp.state.discovery, idp.state.jwks]).toEqual([0, 1]);
  });

  it('refuses a discovery document that names another issuer (503: the provider is misconfigured)', async () => {
    const idp = provider();
    idp.state.issuer = 'https://evil.example';
    const v = new OidcVerifier(CONFIG, idp.fetcher, () => NOW);
    await expect(v.verify(mint(good()))).rejects.toThrow(IdentityProviderError);
  });

  it('gives 403 for a valid token without a console role, 401 for a bad one', async () => {
    const v = new OidcVerifier(CONFIG, provider().fetcher, () => NOW);
    expect(await v.verify(mint(good({ roles: ['payroll'] })))).toMatchObject({
      ok: false,
      status: 403,
      subject: 'user-123',
    });
    expect(await v.verify(mint(good({ exp: NOW / 1000 - 3600 })))).toMatchObject({
      ok: false,
      status: 401,
      detail: 'The token has expired.',
    });
    const hs = `${b64({ alg: 'HS256', kid: 'r1' })}.${b64(good())}`;
    const forged = `${hs}.${createHmac('sha256', rsa.publicKey.export({ format: 'pem', type: 'spki' }))
      .update(hs)
      .digest('base64url')}`;
    expect(await v.verify(forged)).toMatchObject({
      ok: false,
      status: 401,
      detail: expect.stringMatching(/HS256/),
    });
  });

  it('refetches the JWKS for an unknown kid at most once per jwksRefetchSeconds', async () => {
    const idp = provider();
    let now = NOW;
    const v = new OidcVerifier(CONFIG, idp.fetcher, () => now);
    expect((await v.verify(mint(good()))).ok).toBe(true);
    expect(idp.state.jwks).toBe(1);
    // a rotated-in key right after the first fetch: within the rate limit, refused without a fetch
    const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
    idp.state.keys = [...idp.state.keys, jwk(rotated.publicKey, 'r2')];
    const withNew = mint(good(), { key: rotated.privateKey, kid: 'r2' });
    expect(await v.verify(withNew)).toMatchObject({
      ok: false,
      status: 401,
      detail: expect.stringMatching(/r2/),
    });
    expect(idp.state.jwks).toBe(1);
    // a flood of forged kids costs one fetch per window
    now += 31_000;
    for (let i = 0; i < 5; i++) expect((await v.verify(mint(good(), { kid: `forged-${i}` }))).ok).toBe(false);
    expect(idp.state.jwks).toBe(2);
    // that fetch brought the rotated key: accepted now without another one
    expect((await v.verify(withNew)).ok).toBe(true);
    expect(idp.state.jwks).toBe(2);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const idp = provider();
    const v = new OidcVerifier(CONFIG, idp.fetcher, () => NOW);
    const results = await Promise.all([1, 2, 3, 4].map(() => v.verify(mint(good()))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(idp.state.jwks).toBe(1);
  });

  it('keeps the known keys when a refresh fails; a provider down before the first fetch is a 503 matter', async () => {
    const idp = provider();
    let now = NOW;
    const v = new OidcVerifier(CONFIG, idp.fetcher, () => now);
    expect((await v.verify(mint(good()))).ok).toBe(true);
    idp.state.down = true;
    now += 2 * 3600_000; // keys stale: a refresh is tried and fails
    const later = mint(good({ iat: now / 1000, exp: now / 1000 + 300 }));
    expect((await v.verify(later)).ok).toBe(true);
    const fresh = new OidcVerifier(CONFIG, idp.fetcher, () => now);
    await expect(fresh.verify(later)).rejects.toBeInstanceOf(IdentityProviderError);
    // and the next caller within seconds gets the same answer without another attempt
    await expect(fresh.verify(later)).rejects.toThrow(/could not be fetched/);
  });
});
