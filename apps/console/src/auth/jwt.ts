import {
  createHash,
  createPublicKey,
  type JsonWebKey,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';

/*
 * JSON Web Token checks for the console's OIDC bearer option, with node:crypto only: RS256 and ES256
 * signatures over the compact serialisation (RFC 7515/7518), then the registered claims (RFC 7519).
 * Everything that is not one of those two algorithms is refused, in particular `none` and every HS*
 * (a public key used as an HMAC secret is the classic algorithm-confusion attack).
 */

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'] as const;
export type JwtAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** Why a token is refused; `detail` is safe to show to the caller (it names no key material). */
export class JwtError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'JwtError';
  }
}

export interface JwtHeader {
  readonly alg: JwtAlgorithm;
  readonly kid?: string;
  readonly typ?: string;
}

export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly signingInput: Buffer;
  readonly signature: Buffer;
}

/** Tokens larger than this are refused before any parsing (headers are limited anyway). */
export const MAX_TOKEN_LENGTH = 16 * 1024;
const B64URL = /^[A-Za-z0-9_-]*$/;

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError(`The token's ${what} is not base64url JSON.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new JwtError(`The token's ${what} is not a JSON object.`);
  return value as Record<string, unknown>;
}

/** Splits and decodes a compact JWS; checks the header's algorithm before anything else. */
export function decodeJwt(token: string): DecodedJwt {
  if (token.length > MAX_TOKEN_LENGTH) throw new JwtError('The token is too long.');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || parts[0] === '' || parts[1] === '')
    throw new JwtError('The token is not a compact JWT (three base64url parts).');
  const header = jsonPart(parts[0]!, 'header');
  const alg = header.alg;
  if (typeof alg !== 'string' || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(alg))
    throw new JwtError(
      `The token's algorithm ${JSON.stringify(alg ?? null)} is not accepted (only ${ACCEPTED_ALGORITHMS.join(', ')}).`,
    );
  if (header.crit !== undefined)
    throw new JwtError('The token has critical header parameters the console does not understand.');
  if (header.kid !== undefined && (typeof header.kid !== 'string' || header.kid.length > 256))
    throw new JwtError('The token header kid is not a short string.');
  if (header.typ !== undefined && typeof header.typ !== 'string')
    throw new JwtError('The token header typ is not a string.');
  const payload = jsonPart(parts[1]!, 'payload');
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (signature.length === 0) throw new JwtError('The token is not signed.');
  return {
    header: {
      alg: alg as JwtAlgorithm,
      ...(typeof header.kid === 'string' && { kid: header.kid }),
      ...(typeof header.typ === 'string' && { typ: header.typ }),
    },
    payload,
    signingInput: Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'),
    signature,
  };
}

/** A verification key of the identity provider, imported from its JWKS. */
export interface VerificationKey {
  readonly kid?: string;
  /** The one algorithm this key verifies (from the JWK's `alg`, else from its type). */
  readonly alg: JwtAlgorithm;
  readonly key: KeyObject;
}

/**
 * The usable signature keys of a JWKS document: RSA (≥ 2048 bits) for RS256 and EC P-256 for
 * ES256; keys for encryption (`use: enc`), symmetric keys (`kty: oct`) and other algorithms are
 * skipped, as are keys that do not import.
 */
export function importJwks(document: unknown): VerificationKey[] {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new JwtError('The JWKS document has no keys array.');
  const out: VerificationKey[] = [];
  for (const raw of keys as unknown[]) {
    if (raw === null || typeof raw !== 'object') continue;
    const jwk = raw as Record<string, unknown>;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify')) continue;
    const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    let alg: JwtAlgorithm;
    if (jwk.kty === 'RSA' && (jwk.alg === undefined || jwk.alg === 'RS256')) alg = 'RS256';
    else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && (jwk.alg === undefined || jwk.alg === 'ES256'))
      alg = 'ES256';
    else continue;
    // Only the public members: a JWKS that (wrongly) publishes a private key still yields a public one.
    const publicJwk: JsonWebKey =
      alg === 'RS256'
        ? { kty: 'RSA', n: jwk.n as string, e: jwk.e as string }
        : { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string };
    let key: KeyObject;
    try {
      key = createPublicKey({ key: publicJwk, format: 'jwk' });
    } catch {
      continue;
    }
    if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) continue;
    out.push({ ...(kid !== undefined && { kid }), alg, key });
  }
  return out;
}

/** True when the signature of the token verifies with the key (the key's type fits the algorithm). */
export function verifySignature(token: DecodedJwt, key: VerificationKey): boolean {
  if (key.alg !== token.header.alg) return false;
  if (token.header.alg === 'RS256') {
    if (key.key.asymmetricKeyType !== 'rsa') return false;
    return verify('sha256', token.signingInput, key.key, token.signature);
  }
  if (key.key.asymmetricKeyType !== 'ec' || key.key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    return false;
  if (token.signature.length !== 64) return false; // JWS ES256: R ‖ S, 32 bytes each
  return verify('sha256', token.signingInput, { key: key.key, dsaEncoding: 'ieee-p1363' }, token.signature);
}

export interface ClaimRules {
  readonly issuer: string;
  /** At least one of these must be in `aud`. */
  readonly audiences: readonly string[];
  readonly clockSkewSeconds: number;
}

/** iss, aud, exp (required), nbf and iat (if present), sub (required); `now` in ms. */
export function checkClaims(
  payload: Readonly<Record<string, unknown>>,
  rules: ClaimRules,
  now: number,
): void {
  const seconds = now / 1000;
  if (payload.iss !== rules.issuer) throw new JwtError('The token was not issued by the configured issuer.');
  const aud = payload.aud;
  const auds = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!auds.some((a) => typeof a === 'string' && rules.audiences.includes(a)))
    throw new JwtError('The token is not meant for this console (audience).');
  const exp = payload.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new JwtError('The token has no expiry (exp).');
  if (seconds >= exp + rules.clockSkewSeconds) throw new JwtError('The token has expired.');
  const nbf = payload.nbf;
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) throw new JwtError('The token has a bad nbf.');
    if (seconds < nbf - rules.clockSkewSeconds) throw new JwtError('The token is not valid yet (nbf).');
  }
  const iat = payload.iat;
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new JwtError('The token has a bad iat.');
    if (iat > seconds + rules.clockSkewSeconds)
      throw new JwtError('The token was issued in the future (iat).');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255)
    throw new JwtError('The token has no subject (sub).');
}

/**
 * The value at a dotted claim path (`roles`, `realm_access.roles`, `resource_access.console.roles`)
 * as a list of strings: an array of strings, or a string of space- or comma-separated names. A
 * top-level claim named exactly `path` wins over the dotted walk (namespaced claims such as
 * `https://bank.example/roles` contain dots).
 */
export function claimValues(payload: Readonly<Record<string, unknown>>, path: string): string[] {
  let value: unknown = payload[path];
  if (value === undefined) {
    value = payload;
    for (const part of path.split('.')) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
      value = (value as Record<string, unknown>)[part];
    }
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The ID token checks of OpenID Connect Core §3.1.3.7 beyond checkClaims (which ran with the client id
 * as the audience): `nonce` equal to the one this sign-in sent (compared in constant time), `azp`
 * equal to the client id when present (required when `aud` names several parties), `iat` present.
 */
export function checkIdTokenClaims(
  payload: Readonly<Record<string, unknown>>,
  expected: { readonly clientId: string; readonly nonce: string },
): void {
  const nonce = payload.nonce;
  if (typeof nonce !== 'string' || !sameText(nonce, expected.nonce))
    throw new JwtError("The ID token's nonce does not match this sign-in.");
  const aud = payload.aud;
  const several = Array.isArray(aud) && aud.length > 1;
  if ((several || payload.azp !== undefined) && payload.azp !== expected.clientId)
    throw new JwtError('The ID token was issued to another client (azp).');
  if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat))
    throw new JwtError('The ID token has no issue time (iat).');
}

/** Constant-time comparison of two strings (their lengths may differ: a digest of each is compared). */
export function sameText(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a === b;
}
