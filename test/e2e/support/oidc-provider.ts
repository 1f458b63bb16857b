import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenID Connect identity provider for the console's bearer tests: serves the discovery
 * document and the JWKS over HTTP on 127.0.0.1, and mints RS256 / ES256 tokens with node:crypto
 * (plus the forged kinds an attacker would try: alg none, HS256 keyed with the public key, a key it
 * does not publish). Counts the JWKS fetches so a test can see the console's refetch behaviour.
 */
export interface TestKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface MintOptions {
  /** Signing key (default: the published RS256 key). */
  readonly key?: TestKey;
  /** Header overrides (e.g. another kid), merged over {alg, kid, typ}. */
  readonly header?: Record<string, unknown>;
  /** Claims merged over the defaults (iss, aud, sub, iat, exp = now + 300 s); undefined removes one. */
  readonly claims?: Record<string, unknown>;
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly rsa: TestKey;
  readonly ec: TestKey;
  /** JWKS documents served so far. */
  jwksFetches(): number;
  discoveryFetches(): number;
  /** A key pair of the given algorithm, not published until `publish`. */
  newKey(kid: string, alg: 'RS256' | 'ES256'): TestKey;
  publish(key: TestKey): void;
  mint(options?: MintOptions): string;
  /** An unsigned token (`alg: none`). */
  mintNone(claims?: Record<string, unknown>): string;
  /** HS256 with the published RSA public key (PEM) as the HMAC secret: the algorithm-confusion forgery. */
  mintHs256WithPublicKey(claims?: Record<string, unknown>): string;
  stop(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function keyPair(kid: string, alg: 'RS256' | 'ES256'): TestKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, alg, privateKey, publicKey };
}

export async function startTestIdentityProvider(audience: string): Promise<TestIdentityProvider> {
  const rsa = keyPair('rsa-1', 'RS256');
  const ec = keyPair('ec-1', 'ES256');
  const published: TestKey[] = [rsa, ec];
  let jwks = 0;
  let discovery = 0;
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      discovery += 1;
      return json({
        issuer,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      });
    }
    if (req.url === '/protocol/openid-connect/certs') {
      jwks += 1;
      return json({
        keys: published.map((k) => ({
          ...(k.publicKey.export({ format: 'jwk' }) as object),
          kid: k.kid,
          alg: k.alg,
          use: 'sig',
        })),
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const claimsOf = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      aud: audience,
      sub: 'f3c1a7e2-operator',
      iat: now,
      exp: now + 300,
      ...extra,
    };
    for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
    return claims;
  };

  return {
    issuer,
    rsa,
    ec,
    jwksFetches: () => jwks,
    discoveryFetches: () => discovery,
    newKey: keyPair,
    publish: (key) => void published.push(key),
    mint(options = {}) {
      const key = options.key ?? rsa;
      const header = { alg: key.alg, kid: key.kid, typ: 'JWT', ...options.header };
      const input = `${b64(header)}.${b64(claimsOf(options.claims))}`;
      const signature =
        key.alg === 'RS256'
          ? sign('sha256', Buffer.from(input), key.privateKey)
          : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    },
    mintNone(claims) {
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(claims))}.`;
    },
    mintHs256WithPublicKey(claims) {
      const input = `${b64({ alg: 'HS256', kid: rsa.kid, typ: 'JWT' })}.${b64(claimsOf(claims))}`;
      const secret = rsa.publicKey.export({ format: 'pem', type: 'spki' });
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
