import { describeError } from '../metrics/scraper';
import type { Principal, Role } from './api-keys';
import {
  checkClaims,
  checkIdTokenClaims,
  claimValues,
  decodeJwt,
  type DecodedJwt,
  importJwks,
  JwtError,
  type VerificationKey,
  verifySignature,
} from './jwt';

/** The OIDC/JWT bearer option (CONSOLE_OIDC_*): which identity provider, and how its roles map. */
export interface OidcConfig {
  /** Expected `iss`, exactly (e.g. `https://idp.bank.example/realms/ops`). */
  readonly issuer: string;
  /** Accepted `aud` values (one must be in the token). */
  readonly audiences: readonly string[];
  /** The JWKS URL; absent: from `<issuer>/.well-known/openid-configuration` (jwks_uri). */
  readonly jwksUrl?: string;
  /** Dotted path of the roles claim: `roles`, `realm_access.roles`, `resource_access.console.roles`. */
  readonly rolesClaim: string;
  /** Claim values that make an operator (checked first) and a viewer. */
  readonly operatorRoles: readonly string[];
  readonly viewerRoles: readonly string[];
  readonly clockSkewSeconds: number;
  /** An unknown kid refetches the JWKS at most this often (a flood of forged kids costs one fetch). */
  readonly jwksRefetchSeconds: number;
  /** Known keys are fetched again after this long even without an unknown kid (revoked keys go). */
  readonly jwksMaxAgeSeconds: number;
  /** Time-out of a discovery or JWKS request. */
  readonly fetchTimeoutMs: number;
}

export type Fetch = (
  url: string,
  init: {
    signal: AbortSignal;
    headers: Record<string, string>;
    /** GET when absent; the sign-in's token request is a POST with a form body. */
    method?: string;
    body?: string;
  },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

/** The outcome of a presented bearer token. */
export type BearerResult =
  | { readonly ok: true; readonly principal: Principal }
  /** Not a valid token (401, `error="invalid_token"`). */
  | { readonly ok: false; readonly status: 401; readonly detail: string }
  /** A valid token whose roles give no console role (403, `error="insufficient_scope"`). */
  | { readonly ok: false; readonly status: 403; readonly detail: string; readonly subject: string };

const MAX_DOCUMENT_BYTES = 512 * 1024;

/** The role a token's claim values give: operator wins over viewer; none of them: undefined. */
export function roleOf(
  values: readonly string[],
  config: Pick<OidcConfig, 'operatorRoles' | 'viewerRoles'>,
): Role | undefined {
  if (values.some((v) => config.operatorRoles.includes(v))) return 'operator';
  if (values.some((v) => config.viewerRoles.includes(v))) return 'viewer';
  return undefined;
}

/**
 * The identity provider's signature keys: fetched on first use (discovery first when no JWKS URL is
 * configured), fetched again when a token names an unknown kid — at most once per
 * `jwksRefetchSeconds`, so forged kids cannot make the console hammer the provider — and after
 * `jwksMaxAgeSeconds`. Concurrent callers share one fetch. When a refresh fails, the keys already
 * known stay in use (the provider being down must not log every operator out).
 */
export class JwksCache {
  private keys: readonly VerificationKey[] = [];
  /** When the keys were last fetched successfully (-Infinity: never). */
  private fetchedAt = -Infinity;
  /** When a fetch was last started (the rate limit counts attempts, failed ones too). */
  private attemptedAt = -Infinity;
  private lastError: Error | undefined;
  private jwksUrl: string | undefined;
  private inFlight: Promise<void> | undefined;
  /** Number of JWKS documents fetched (tests and logs). */
  fetches = 0;

  constructor(
    private readonly config: OidcConfig,
    private readonly fetcher: Fetch = fetch as unknown as Fetch,
    private readonly now: () => number = Date.now,
  ) {
    this.jwksUrl = config.jwksUrl;
  }

  /** Candidate keys for a token: the one with its kid, or every key of its algorithm if it has none. */
  async keysFor(token: DecodedJwt): Promise<readonly VerificationKey[]> {
    if (this.fetchedAt === -Infinity) {
      // Never loaded: after a failed attempt, callers within the next few seconds get its error
      // rather than each waiting for a provider that is down.
      if (
        !this.inFlight &&
        this.now() - this.attemptedAt < Math.min(5, this.config.jwksRefetchSeconds) * 1000
      )
        throw this.lastError ?? new IdentityProviderError('The identity provider is not reachable yet.');
      await this.refresh();
    } else if (this.now() - this.fetchedAt > this.config.jwksMaxAgeSeconds * 1000 && this.mayRefetch()) {
      await this.refresh().catch(() => undefined); // keep the known keys while the provider is down
    }
    let found = this.match(token);
    if (found.length === 0 && token.header.kid !== undefined && (this.inFlight || this.mayRefetch())) {
      await this.refresh(); // a key rotated in; if the provider is down this is a 503, not a 401
      found = this.match(token);
    }
    return found;
  }

  private match(token: DecodedJwt): VerificationKey[] {
    const { kid, alg } = token.header;
    return this.keys.filter((k) => k.alg === alg && (kid === undefined || k.kid === kid));
  }

  private mayRefetch(): boolean {
    return this.now() - this.attemptedAt >= this.config.jwksRefetchSeconds * 1000;
  }

  /** Starts a fetch, or joins the one under way. */
  private async refresh(): Promise<void> {
    if (!this.inFlight) {
      this.attemptedAt = this.now();
      this.inFlight = this.load()
        .then(
          () => void (this.lastError = undefined),
          (error: Error) => {
            this.lastError = error;
            throw error;
          },
        )
        .finally(() => (this.inFlight = undefined));
    }
    await this.inFlight;
  }

  private async load(): Promise<void> {
    if (this.jwksUrl === undefined) {
      const discoveryUrl = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const discovery = (await this.getJson(discoveryUrl, 'discovery document')) as {
        issuer?: unknown;
        jwks_uri?: unknown;
      };
      // OpenID Connect Discovery §4.3: the document's issuer must be the one asked for.
      if (discovery.issuer !== this.config.issuer)
        throw new IdentityProviderError('The discovery document names another issuer.');
      if (typeof discovery.jwks_uri !== 'string' || !/^https?:\/\//.test(discovery.jwks_uri))
        throw new IdentityProviderError('The discovery document has no jwks_uri.');
      this.jwksUrl = discovery.jwks_uri;
    }
    let keys: VerificationKey[];
    try {
      keys = importJwks(await this.getJson(this.jwksUrl, 'JWKS'));
    } catch (error) {
      if (error instanceof JwtError) throw new IdentityProviderError(error.detail);
      throw error;
    }
    this.fetches += 1;
    this.keys = keys;
    this.fetchedAt = this.now();
  }

  private getJson(url: string, what: string): Promise<unknown> {
    return getProviderJson(this.fetcher, url, what, this.config.fetchTimeoutMs);
  }
}

/**
 * A JSON document of the identity provider (discovery, JWKS): a GET with a time-out; any failure —
 * network, HTTP status, size, not JSON — is an IdentityProviderError (a 503 matter, not the caller's).
 */
export async function getProviderJson(
  fetcher: Fetch,
  url: string,
  what: string,
  timeoutMs: number,
): Promise<unknown> {
  let text: string;
  try {
    const res = await fetcher(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } catch (error) {
    throw new IdentityProviderError(
      `The identity provider's ${what} could not be fetched (${describeError(error)}).`,
    );
  }
  if (text.length > MAX_DOCUMENT_BYTES)
    throw new IdentityProviderError(`The identity provider's ${what} is too large.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new IdentityProviderError(`The identity provider's ${what} is not JSON.`);
  }
}

/** The identity provider could not be asked (network, HTTP error, bad document): a 503 matter, not the token's. */
export class IdentityProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityProviderError';
  }
}

/** Verifies `Authorization: Bearer <JWT>` tokens against the configured identity provider. */
export class OidcVerifier {
  readonly jwks: JwksCache;

  constructor(
    readonly config: OidcConfig,
    fetcher?: Fetch,
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = new JwksCache(config, fetcher, now);
  }

  async verify(token: string): Promise<BearerResult> {
    let payload: Readonly<Record<string, unknown>>;
    try {
      payload = await this.checked(token, this.config.audiences);
    } catch (error) {
      if (error instanceof JwtError) return { ok: false, status: 401, detail: error.detail };
      throw error;
    }
    return this.principalOf(payload, 'token');
  }

  /**
   * An ID token of the sign-in (authorization code flow): the same signature and claim checks as a
   * bearer token, but the audience is the console's client id, and `nonce`, `azp`, `iat` are checked
   * (checkIdTokenClaims). Its roles claim gives the role, as for a bearer token.
   */
  async verifyIdToken(
    token: string,
    expected: { readonly clientId: string; readonly nonce: string },
  ): Promise<BearerResult> {
    let payload: Readonly<Record<string, unknown>>;
    try {
      payload = await this.checked(token, [expected.clientId]);
      checkIdTokenClaims(payload, expected);
    } catch (error) {
      if (error instanceof JwtError) return { ok: false, status: 401, detail: error.detail };
      throw error;
    }
    return this.principalOf(payload, 'ID token');
  }

  /** Signature (a key of the provider) and registered claims; throws JwtError. */
  private async checked(
    token: string,
    audiences: readonly string[],
  ): Promise<Readonly<Record<string, unknown>>> {
    const decoded = decodeJwt(token);
    const keys = await this.jwks.keysFor(decoded);
    if (keys.length === 0)
      throw new JwtError(
        decoded.header.kid === undefined
          ? 'No key of the identity provider fits the token.'
          : `The token's key (kid ${JSON.stringify(decoded.header.kid)}) is not one of the identity provider's keys.`,
      );
    if (!keys.some((k) => verifySignature(decoded, k)))
      throw new JwtError('The token signature does not verify.');
    checkClaims(decoded.payload, { ...this.config, audiences }, this.now());
    return decoded.payload;
  }

  private principalOf(p: Readonly<Record<string, unknown>>, what: string): BearerResult {
    const subject = p.sub as string;
    const username =
      typeof p.preferred_username === 'string' &&
      p.preferred_username !== '' &&
      p.preferred_username.length <= 255
        ? p.preferred_username
        : undefined;
    const role = roleOf(claimValues(p, this.config.rolesClaim), this.config);
    if (!role)
      return {
        ok: false,
        status: 403,
        subject,
        detail: `The ${what} of ${username ?? subject} carries no console role in the claim ${this.config.rolesClaim} (operator: ${this.config.operatorRoles.join(', ')}; viewer: ${this.config.viewerRoles.join(', ')}).`,
      };
    return {
      ok: true,
      principal: { name: subject, role, via: 'oidc', ...(username !== undefined && { username }) },
    };
  }
}
