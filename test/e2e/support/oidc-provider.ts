import {
  createHash,
  createHmac,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  timingSafeEqual,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenID Connect identity provider for the console's bearer and sign-in tests: serves the
 * discovery document and the JWKS over HTTP on 127.0.0.1, and mints RS256 / ES256 tokens with
 * node:crypto (plus the forged kinds an attacker would try: alg none, HS256 keyed with the public
 * key, a key it does not publish). Counts the JWKS fetches so a test can see the console's refetch
 * behaviour.
 *
 * The authorization code flow (OpenID Connect Core §3.1, PKCE RFC 7636) as a provider does it:
 * registered clients with exact redirect URIs; the authorization endpoint signs in the configured
 * test user at once (no login form) — or answers with an error when told to — and redirects back
 * with a one-time code (60 s) bound to the client, the redirect URI, the PKCE challenge (S256 only,
 * required) and the nonce; the token endpoint authenticates the client (secret by HTTP Basic or in
 * the form; none for public clients), checks code, redirect URI and verifier, and issues an ID token
 * (aud = client id, nonce, azp, the user's claims) and a JWT access token. A code used twice or
 * expired is `invalid_grant`.
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

export interface TestClient {
  readonly clientId: string;
  /** A confidential client's secret; absent: a public client (PKCE only). */
  readonly clientSecret?: string;
  /** Exact redirect URIs (no prefix matching, as the OAuth 2.0 Security BCP asks). */
  readonly redirectUris: readonly string[];
}

/** Who the authorization endpoint signs in (at once), or the error it answers with. */
export type TestLogin =
  | {
      readonly sub: string;
      /** Claims of the ID token and the access token (roles, preferred_username, …). */
      readonly claims?: Record<string, unknown>;
      /** Claims of the ID token only, merged last: a misbehaving provider (another nonce, aud, …). */
      readonly idTokenOverrides?: Record<string, unknown>;
    }
  | { readonly error: string; readonly errorDescription?: string };

export interface TestIdentityProviderOptions {
  /** Host name in the issuer URL (default 127.0.0.1; `localhost` makes it another site than the console). */
  readonly host?: string;
  /** Lifetime of an authorization code (default 60 s). */
  readonly codeSeconds?: number;
  /**
   * Show a page with a "Continue" button (a form posted to the provider) before redirecting back, as
   * a real provider's login page does: the redirect back is then started by the provider's page (a
   * cross-site navigation for the console), not by the console's. Default: redirect back at once.
   */
  readonly consentPage?: boolean;
}

export interface TokenRequestRecord {
  readonly grantType: string;
  readonly clientId: string | undefined;
  /** client_secret_basic, client_secret_post or none. */
  readonly clientAuth: string;
  readonly status: number;
  readonly error?: string;
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
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
  registerClient(client: TestClient): void;
  /** The user the authorization endpoint signs in from now on, or the error it answers with. */
  setLogin(login: TestLogin): void;
  /** Authorization requests received, with their query parameters. */
  authorizationRequests(): readonly Record<string, string>[];
  /** Token requests received and how they ended. */
  tokenRequests(): readonly TokenRequestRecord[];
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

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly login: Extract<TestLogin, { sub: string }>;
  readonly expires: number;
  used: boolean;
}

const AUTH_PATH = '/protocol/openid-connect/auth';
const TOKEN_PATH = '/protocol/openid-connect/token';

function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestIdentityProvider(
  audience: string,
  options: TestIdentityProviderOptions = {},
): Promise<TestIdentityProvider> {
  const rsa = keyPair('rsa-1', 'RS256');
  const ec = keyPair('ec-1', 'ES256');
  const published: TestKey[] = [rsa, ec];
  let jwks = 0;
  let discovery = 0;
  let issuer = '';
  const clients = new Map<string, TestClient>();
  const codes = new Map<string, IssuedCode>();
  const authorizations: Record<string, string>[] = [];
  const tokenLog: TokenRequestRecord[] = [];
  const codeSeconds = options.codeSeconds ?? 60;
  let login: TestLogin = { sub: 'f3c1a7e2-operator' };
  /** Consent pages shown and not yet answered (one-time tickets). */
  const tickets = new Map<string, { q: Record<string, string>; client: TestClient; expires: number }>();

  const redirectBack = (
    res: ServerResponse,
    q: Record<string, string>,
    params: Record<string, string | undefined>,
  ) => {
    const back = new URL(q.redirect_uri!);
    for (const [k, v] of Object.entries({ ...params, state: q.state, iss: issuer }))
      if (v !== undefined) back.searchParams.set(k, v);
    res.writeHead(q.__post ? 303 : 302, { location: back.toString(), 'cache-control': 'no-store' });
    res.end();
  };

  /** A one-time code bound to the client, redirect URI, PKCE challenge, nonce and the user. */
  function issueCode(res: ServerResponse, q: Record<string, string>, client: TestClient): void {
    if ('error' in login)
      return redirectBack(res, q, { error: login.error, error_description: login.errorDescription });
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      clientId: client.clientId,
      redirectUri: q.redirect_uri!,
      challenge: q.code_challenge!,
      nonce: q.nonce,
      scope: q.scope!,
      login,
      expires: Date.now() + codeSeconds * 1000,
      used: false,
    });
    redirectBack(res, q, { code });
  }

  async function approve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ticket = new URLSearchParams(await readBody(req)).get('ticket') ?? '';
    const t = tickets.get(ticket);
    tickets.delete(ticket);
    if (!t || t.expires <= Date.now()) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('this sign-in page has expired');
      return;
    }
    issueCode(res, { ...t.q, __post: '1' }, t.client);
  }

  /** OpenID Connect Core §3.1.2: errors before the redirect URI is known good are shown, not redirected. */
  function authorize(url: URL, res: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    authorizations.push(q);
    const client = clients.get(q.client_id ?? '');
    if (!client || !q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(client ? 'redirect_uri is not registered for this client' : 'unknown client_id');
      return;
    }
    const redirect = (params: Record<string, string | undefined>) => redirectBack(res, q, params);
    if (q.response_type !== 'code')
      return redirect({ error: 'unsupported_response_type', error_description: 'only code' });
    if (!(q.scope ?? '').split(' ').includes('openid'))
      return redirect({ error: 'invalid_scope', error_description: 'openid is required' });
    if (q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? ''))
      return redirect({ error: 'invalid_request', error_description: 'PKCE with S256 is required' });
    if (!options.consentPage || 'error' in login) return issueCode(res, q, client);
    const ticket = randomBytes(16).toString('base64url');
    tickets.set(ticket, { q, client, expires: Date.now() + 300_000 });
    const who = login.sub.replace(/[^A-Za-z0-9 _.@-]/g, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>
<form method="post" action="${AUTH_PATH}/approve"><input type="hidden" name="ticket" value="${ticket}">
<p>Sign in to ${client.clientId.replace(/[^A-Za-z0-9 _.-]/g, '')} as ${who}?</p><button id="approve" type="submit">Continue</button></form>`);
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const answer = (status: number, body: Record<string, unknown>, clientId?: string, auth = 'none') => {
      tokenLog.push({
        grantType: form.get('grant_type') ?? '',
        clientId,
        clientAuth: auth,
        status,
        ...(typeof body.error === 'string' && { error: body.error }),
      });
      res.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        ...(status === 401 && { 'www-authenticate': 'Basic realm="test-idp"' }),
      });
      res.end(JSON.stringify(body));
    };
    // Client authentication (RFC 6749 §2.3.1): Basic, or the secret in the form; never both.
    let clientId = form.get('client_id') ?? undefined;
    let secret: string | undefined;
    let auth = 'none';
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      const basicId = dec(decoded.slice(0, i));
      if (i < 0 || (clientId !== undefined && clientId !== basicId) || form.has('client_secret'))
        return answer(400, {
          error: 'invalid_request',
          error_description: 'ambiguous client authentication',
        });
      clientId = basicId;
      secret = dec(decoded.slice(i + 1));
      auth = 'client_secret_basic';
    } else if (form.has('client_secret')) {
      secret = form.get('client_secret')!;
      auth = 'client_secret_post';
    }
    const client = clients.get(clientId ?? '');
    if (!client) return answer(401, { error: 'invalid_client' }, clientId, auth);
    if (client.clientSecret !== undefined) {
      if (secret === undefined || !sameSecret(secret, client.clientSecret))
        return answer(
          401,
          { error: 'invalid_client', error_description: 'client authentication failed' },
          clientId,
          auth,
        );
    } else if (secret !== undefined) {
      return answer(
        401,
        { error: 'invalid_client', error_description: 'a public client has no secret' },
        clientId,
        auth,
      );
    }
    if (form.get('grant_type') !== 'authorization_code')
      return answer(400, { error: 'unsupported_grant_type' }, clientId, auth);
    const code = codes.get(form.get('code') ?? '');
    const invalid = (why: string) =>
      answer(400, { error: 'invalid_grant', error_description: why }, clientId, auth);
    if (!code) return invalid('unknown code');
    if (code.used) {
      codes.delete(form.get('code')!); // RFC 6749 §4.1.2: a code used twice is revoked
      return invalid('code already used');
    }
    code.used = true;
    if (code.expires <= Date.now()) return invalid('code expired');
    if (code.clientId !== client.clientId) return invalid('code issued to another client');
    if (form.get('redirect_uri') !== code.redirectUri) return invalid('redirect_uri does not match');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return invalid('code_verifier missing or malformed');
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
      return invalid('PKCE verification failed');
    const now = Math.floor(Date.now() / 1000);
    const user = code.login;
    const idToken = mintWith(
      rsa,
      {},
      {
        aud: client.clientId,
        azp: client.clientId,
        sub: user.sub,
        auth_time: now,
        ...(code.nonce !== undefined && { nonce: code.nonce }),
        ...user.claims,
        ...user.idTokenOverrides,
      },
    );
    const accessToken = mintWith(
      rsa,
      { typ: 'at+jwt' },
      {
        aud: audience,
        azp: client.clientId,
        sub: user.sub,
        scope: code.scope,
        ...user.claims,
      },
    );
    return answer(
      200,
      {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
        scope: code.scope,
      },
      clientId,
      auth,
    );
  }

  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === AUTH_PATH) return authorize(url, res);
    if (req.method === 'POST' && url.pathname === `${AUTH_PATH}/approve`) {
      approve(req, res).catch(() => res.writeHead(400).end());
      return;
    }
    if (url.pathname === TOKEN_PATH) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
      token(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_request' }));
      });
      return;
    }
    if (req.url === '/.well-known/openid-configuration') {
      discovery += 1;
      return json({
        issuer,
        authorization_endpoint: `${issuer}${AUTH_PATH}`,
        token_endpoint: `${issuer}${TOKEN_PATH}`,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
        subject_types_supported: ['public'],
        scopes_supported: ['openid', 'profile', 'roles'],
        authorization_response_iss_parameter_supported: true,
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
  issuer = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;

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

  function mintWith(key: TestKey, header: Record<string, unknown>, claims: Record<string, unknown>): string {
    const input = `${b64({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })}.${b64(claimsOf(claims))}`;
    const signature =
      key.alg === 'RS256'
        ? sign('sha256', Buffer.from(input), key.privateKey)
        : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  return {
    issuer,
    authorizationEndpoint: `${issuer}${AUTH_PATH}`,
    tokenEndpoint: `${issuer}${TOKEN_PATH}`,
    rsa,
    ec,
    jwksFetches: () => jwks,
    discoveryFetches: () => discovery,
    newKey: keyPair,
    publish: (key) => void published.push(key),
    mint(options = {}) {
      return mintWith(options.key ?? rsa, options.header ?? {}, options.claims ?? {});
    },
    mintNone(claims) {
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(claims))}.`;
    },
    mintHs256WithPublicKey(claims) {
      const input = `${b64({ alg: 'HS256', kid: rsa.kid, typ: 'JWT' })}.${b64(claimsOf(claims))}`;
      const secret = rsa.publicKey.export({ format: 'pem', type: 'spki' });
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    },
    registerClient: (client) => void clients.set(client.clientId, client),
    setLogin: (next) => void (login = next),
    authorizationRequests: () => authorizations,
    tokenRequests: () => tokenLog,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
