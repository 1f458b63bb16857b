import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describeError } from '../metrics/scraper';
import type { Principal } from './api-keys';
import { sameText } from './jwt';
import { type Fetch, getProviderJson, IdentityProviderError, type OidcVerifier } from './oidc';

/*
 * Sign-in to the dashboards with the bank's identity provider: the OpenID Connect authorization code
 * flow with PKCE (RFC 7636, S256), `state` against cross-site request forgery of the callback and
 * `nonce` against ID token injection, both bound to the browser by a short-lived cookie that only this
 * console process can read or forge (AES-256-GCM under a key made at start). The code is exchanged at
 * the token endpoint (client secret when the client is confidential); the ID token is verified with
 * the same keys and checks as bearer tokens, its audience being the client id; its roles claim gives
 * the console role. The result is the same browser session an API key gets on the login page.
 */

/** CONSOLE_OIDC_CLIENT_ID and friends: the console as an OIDC client (needs the bearer option's issuer). */
export interface OidcLoginConfig {
  readonly clientId: string;
  /** Confidential client: sent with HTTP Basic (client_secret_basic) or in the form (client_secret_post). */
  readonly clientSecret?: string;
  /** The registered redirect URI; absent: derived from the request (`<proto>://<host>/login/oidc/callback`). */
  readonly redirectUrl?: string;
  /** Scopes beyond `openid profile` (e.g. the one that puts roles into the ID token). */
  readonly extraScopes: readonly string[];
  /** How long a started sign-in may take (the login cookie's lifetime). */
  readonly loginSeconds: number;
}

export const CALLBACK_PATH = '/login/oidc/callback';
export const LOGIN_COOKIE = 'ph_console_oidc';

/** 32 random bytes, base64url (43 characters): state, nonce, PKCE verifier. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export const pkceChallenge = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 §4.1: 43–128 unreserved characters. */
export const isPkceVerifier = (v: string): boolean => /^[A-Za-z0-9._~-]{43,128}$/.test(v);

/** One sign-in under way: what the callback must find again. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** Where to go afterwards: a same-origin path. */
  readonly next: string;
  readonly redirectUri: string;
  /** Epoch ms. */
  readonly expires: number;
}

/**
 * The login cookie's value: the pending sign-in, encrypted and authenticated with AES-256-GCM under a
 * key of this process (a restart abandons sign-ins under way, as it ends sessions). The browser
 * cannot read the PKCE verifier or change `next`; anything altered, expired or sealed by another
 * process opens as undefined.
 */
export class LoginSealer {
  constructor(
    private readonly key: Buffer = randomBytes(32),
    private readonly now: () => number = Date.now,
  ) {}

  seal(p: PendingLogin): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(p), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  open(sealed: string | undefined): PendingLogin | undefined {
    if (!sealed || sealed.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(sealed)) return undefined;
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return undefined;
    let p: PendingLogin;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      p = JSON.parse(text) as PendingLogin;
    } catch {
      return undefined;
    }
    if (typeof p.expires !== 'number' || p.expires <= this.now()) return undefined;
    return p;
  }
}

/** Why a sign-in ended without a session: shown on the login page (or as problem+json). */
export interface LoginFailure {
  readonly status: 400 | 401 | 403 | 502 | 503;
  readonly reason:
    | 'idp-error'
    | 'bad-state'
    | 'bad-request'
    | 'exchange-refused'
    | 'exchange-failed'
    | 'invalid-token'
    | 'no-role'
    | 'unavailable';
  readonly detail: string;
}

export type CallbackQuery = Readonly<Record<string, unknown>>;

/** A printable, short rendering of an untrusted value (the identity provider's error texts). */
export function printable(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value : '';
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A query parameter given once (given twice, the parser makes an array: refused as absent). */
const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The callback's checks before anything is sent to the identity provider: its error parameter,
 * the login cookie (present, genuine, not expired), `state` equal to the cookie's (constant time),
 * `iss` (RFC 9207) equal to the issuer when present, a code of sane size. Parameters given twice
 * are refused.
 */
export function checkCallback(
  query: CallbackQuery,
  pending: PendingLogin | undefined,
  issuer: string,
): { ok: true; code: string; pending: PendingLogin } | { ok: false; failure: LoginFailure } {
  const fail = (status: LoginFailure['status'], reason: LoginFailure['reason'], detail: string) => ({
    ok: false as const,
    failure: { status, reason, detail },
  });
  if (query.error !== undefined) {
    const error = printable(one(query.error) ?? 'error', 64);
    const description = printable(one(query.error_description), 200);
    return fail(
      error === 'access_denied' ? 403 : 401,
      'idp-error',
      `The identity provider did not sign you in: ${error}${description ? ` (${description})` : ''}.`,
    );
  }
  if (!pending)
    return fail(
      400,
      'bad-state',
      'This sign-in was not started in this browser, has already been used, or took longer than allowed. Start again.',
    );
  const state = one(query.state);
  if (state === undefined || !sameText(state, pending.state))
    return fail(
      400,
      'bad-state',
      'The sign-in response does not belong to the sign-in this browser started (state).',
    );
  const iss = query.iss;
  if (iss !== undefined && one(iss) !== issuer)
    return fail(400, 'bad-request', 'The sign-in response comes from another identity provider (iss).');
  const code = one(query.code);
  if (code === undefined || code === '' || code.length > 2048 || !/^[\x21-\x7e]+$/.test(code))
    return fail(400, 'bad-request', 'The sign-in response carries no authorization code.');
  return { ok: true, code, pending };
}

interface ProviderEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** True when the provider takes the secret only in the form (client_secret_post). */
  readonly secretInForm: boolean;
}

export type LoginResult =
  | { readonly ok: true; readonly principal: Principal; readonly next: string }
  | { readonly ok: false; readonly failure: LoginFailure; readonly next: string };

/**
 * The console as an OIDC client: `start` makes the authorization request and the login cookie,
 * `finish` checks the callback, exchanges the code and verifies the ID token.
 */
export class OidcLogin {
  private endpoints: Promise<ProviderEndpoints> | undefined;
  private endpointsAt = 0;
  /** States already used up to their expiry: a replayed callback is refused before any exchange. */
  private readonly used = new Map<string, number>();

  constructor(
    readonly config: OidcLoginConfig,
    private readonly verifier: OidcVerifier,
    private readonly fetcher: Fetch = fetch as unknown as Fetch,
    private readonly now: () => number = Date.now,
    readonly sealer: LoginSealer = new LoginSealer(undefined, now),
  ) {}

  get issuer(): string {
    return this.verifier.config.issuer;
  }

  /** The redirect URI: configured, else this console's own callback as the browser reached it. */
  redirectUri(origin: { protocol: string; host: string | undefined }): string {
    if (this.config.redirectUrl) return this.config.redirectUrl;
    const host = origin.host && /^[A-Za-z0-9.[\]:-]{1,300}$/.test(origin.host) ? origin.host : 'localhost';
    return `${origin.protocol === 'https' ? 'https' : 'http'}://${host}${CALLBACK_PATH}`;
  }

  /** The authorization request (where to send the browser) and the login cookie's sealed value. */
  async start(next: string, redirectUri: string): Promise<{ location: string; cookie: string }> {
    const { authorizationEndpoint } = await this.discover();
    const pending: PendingLogin = {
      state: randomToken(),
      nonce: randomToken(),
      verifier: randomToken(),
      next,
      redirectUri,
      expires: this.now() + this.config.loginSeconds * 1000,
    };
    const url = new URL(authorizationEndpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: redirectUri,
      scope: [
        'openid',
        'profile',
        ...this.config.extraScopes.filter((s) => !['openid', 'profile'].includes(s)),
      ].join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: pkceChallenge(pending.verifier),
      code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return { location: url.toString(), cookie: this.sealer.seal(pending) };
  }

  /** The callback: the checks, the code exchange, the ID token; never throws for the provider's faults. */
  async finish(query: CallbackQuery, cookie: string | undefined): Promise<LoginResult> {
    const opened = this.sealer.open(cookie);
    const pending = opened && !this.used.has(opened.state) ? opened : undefined;
    const checked = checkCallback(query, pending, this.issuer);
    const next = opened?.next ?? '/';
    if (!checked.ok) return { ok: false, failure: checked.failure, next };
    this.markUsed(checked.pending);
    try {
      const idToken = await this.exchange(checked.code, checked.pending);
      const r = await this.verifier.verifyIdToken(idToken, {
        clientId: this.config.clientId,
        nonce: checked.pending.nonce,
      });
      if (r.ok) return { ok: true, principal: r.principal, next };
      return r.status === 403
        ? { ok: false, next, failure: { status: 403, reason: 'no-role', detail: r.detail } }
        : {
            ok: false,
            next,
            failure: {
              status: 401,
              reason: 'invalid-token',
              detail: `The ID token is not valid: ${r.detail}`,
            },
          };
    } catch (error) {
      if (error instanceof LoginError) return { ok: false, next, failure: error.failure };
      if (error instanceof IdentityProviderError)
        return {
          ok: false,
          next,
          failure: { status: 503, reason: 'unavailable', detail: error.message },
        };
      throw error;
    }
  }

  /** The endpoints from the discovery document, kept for jwksMaxAgeSeconds; a failure is not kept. */
  async discover(): Promise<ProviderEndpoints> {
    const maxAge = this.verifier.config.jwksMaxAgeSeconds * 1000;
    if (!this.endpoints || this.now() - this.endpointsAt > maxAge) {
      this.endpointsAt = this.now();
      const loading = this.loadEndpoints();
      this.endpoints = loading;
      loading.catch(() => {
        if (this.endpoints === loading) this.endpoints = undefined;
      });
    }
    return this.endpoints;
  }

  private async loadEndpoints(): Promise<ProviderEndpoints> {
    const issuer = this.issuer;
    const doc = (await getProviderJson(
      this.fetcher,
      `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      'discovery document',
      this.verifier.config.fetchTimeoutMs,
    )) as Record<string, unknown> | null;
    if (doc === null || typeof doc !== 'object' || doc.issuer !== issuer)
      throw new IdentityProviderError('The discovery document names another issuer.');
    const url = (name: string): string => {
      const v = doc[name];
      if (typeof v !== 'string' || !/^https?:\/\//.test(v))
        throw new IdentityProviderError(`The discovery document has no ${name}.`);
      return v;
    };
    const methods = doc.token_endpoint_auth_methods_supported;
    return {
      authorizationEndpoint: url('authorization_endpoint'),
      tokenEndpoint: url('token_endpoint'),
      secretInForm:
        Array.isArray(methods) &&
        methods.includes('client_secret_post') &&
        !methods.includes('client_secret_basic'),
    };
  }

  /** RFC 6749 §4.1.3 with the PKCE verifier; the ID token of the answer. */
  private async exchange(code: string, pending: PendingLogin): Promise<string> {
    const { tokenEndpoint, secretInForm } = await this.discover();
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const secret = this.config.clientSecret;
    if (secret !== undefined && !secretInForm) {
      // RFC 6749 §2.3.1: both parts form-urlencoded before Basic.
      const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
      headers.authorization = `Basic ${Buffer.from(`${enc(this.config.clientId)}:${enc(secret)}`).toString('base64')}`;
    } else {
      form.set('client_id', this.config.clientId);
      if (secret !== undefined) form.set('client_secret', secret);
    }
    let status: number;
    let text: string;
    try {
      const res = await this.fetcher(tokenEndpoint, {
        method: 'POST',
        signal: AbortSignal.timeout(this.verifier.config.fetchTimeoutMs),
        headers,
        body: form.toString(),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new LoginError(
        502,
        'exchange-failed',
        `The identity provider's token endpoint could not be reached (${describeError(error)}).`,
      );
    }
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = text.length <= 256 * 1024 ? JSON.parse(text) : undefined;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    if (status >= 400 && status < 500 && typeof body?.error === 'string') {
      const description = printable(body.error_description);
      throw new LoginError(
        401,
        'exchange-refused',
        `The identity provider did not accept the authorization code: ${printable(body.error, 64)}${description ? ` (${description})` : ''}. Sign in again.`,
      );
    }
    if (status !== 200 || !body)
      throw new LoginError(
        502,
        'exchange-failed',
        `The identity provider's token endpoint answered HTTP ${status}.`,
      );
    if (typeof body.id_token !== 'string' || body.id_token === '')
      throw new LoginError(
        502,
        'exchange-failed',
        "The identity provider's token answer has no ID token (is the scope openid allowed for this client?).",
      );
    if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer')
      throw new LoginError(
        502,
        'exchange-failed',
        "The identity provider's token answer is not of type Bearer.",
      );
    return body.id_token;
  }

  private markUsed(p: PendingLogin): void {
    const now = this.now();
    for (const [s, expires] of this.used) if (expires <= now) this.used.delete(s);
    this.used.set(p.state, p.expires);
  }
}

class LoginError extends Error {
  readonly failure: LoginFailure;
  constructor(status: LoginFailure['status'], reason: LoginFailure['reason'], detail: string) {
    super(detail);
    this.failure = { status, reason, detail };
  }
}
