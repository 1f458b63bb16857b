import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'viewer' | 'operator';
export const ROLES: readonly Role[] = ['viewer', 'operator'];

/** One configured key: only its SHA-256 is kept (keys are long random strings, so no slow hash is needed). */
export interface ApiKeyEntry {
  readonly name: string;
  readonly role: Role;
  /** Lower-case hex SHA-256 of the key. */
  readonly sha256: string;
}

export interface Principal {
  /** The identity recorded with every operator command: the key's name, or the token's `sub`. */
  readonly name: string;
  readonly role: Role;
  readonly via: 'api-key' | 'session' | 'oidc';
  /** OIDC: the token's `preferred_username`, when it has one (shown beside the subject). */
  readonly username?: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** DEV ONLY: `viewer-dev-key` and `operator-dev-key`; refused when NODE_ENV=production. */
export const DEV_API_KEYS: readonly ApiKeyEntry[] = [
  { name: 'dev-viewer', role: 'viewer', sha256: sha256Hex('viewer-dev-key') },
  { name: 'dev-operator', role: 'operator', sha256: sha256Hex('operator-dev-key') },
];

/** `[{"name":"alice","role":"operator","sha256":"<64 hex>"}]`; throws a readable error. */
export function parseApiKeys(json: string): ApiKeyEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('must be a non-empty JSON array');
  return parsed.map((raw: unknown, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') throw new Error(`entry ${i}: name is required`);
    if (!ROLES.includes(e.role as Role)) throw new Error(`entry ${i}: role must be viewer or operator`);
    if (typeof e.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(e.sha256))
      throw new Error(`entry ${i}: sha256 must be 64 hex digits (the SHA-256 of the key, never the key)`);
    return { name: e.name, role: e.role as Role, sha256: e.sha256.toLowerCase() };
  });
}

export class ApiKeyVerifier {
  private readonly entries: readonly { entry: ApiKeyEntry; digest: Buffer }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.entries = entries.map((entry) => ({ entry, digest: Buffer.from(entry.sha256, 'hex') }));
  }

  /** The principal of a presented key, or undefined. Compares digests in constant time. */
  verify(key: string): Principal | undefined {
    if (key.length === 0 || key.length > 512) return undefined;
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: ApiKeyEntry | undefined;
    for (const { entry, digest: d } of this.entries) if (timingSafeEqual(d, digest)) found = entry;
    return found && { name: found.name, role: found.role, via: 'api-key' };
  }
}

/** What a request presents: an API key, a bearer token, an Authorization header of no known scheme. */
export type Credentials =
  | { readonly kind: 'api-key'; readonly key: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'unknown-scheme'; readonly scheme: string };

/**
 * The credentials of `Authorization: ApiKey <key>`, `Authorization: Bearer <token>` or
 * `X-Api-Key: <key>` (when the Authorization header is absent or of another scheme); undefined when
 * none is present. An empty or malformed value is an empty key (refused as not valid).
 */
export function presentedCredentials(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Credentials | undefined {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const auth = one(headers.authorization);
  if (auth !== undefined) {
    const m = /^(ApiKey|Bearer)\s+(\S+)\s*$/i.exec(auth);
    if (m)
      return m[1]!.toLowerCase() === 'bearer'
        ? { kind: 'bearer', token: m[2]! }
        : { kind: 'api-key', key: m[2]! };
  }
  const x = one(headers['x-api-key']);
  if (x !== undefined) return { kind: 'api-key', key: x.trim() };
  if (auth === undefined) return undefined;
  const scheme = /^\s*(\S+)/.exec(auth)?.[1] ?? '';
  if (/^Bearer$/i.test(scheme)) return { kind: 'bearer', token: '' };
  if (/^ApiKey$/i.test(scheme)) return { kind: 'api-key', key: '' };
  return { kind: 'unknown-scheme', scheme: scheme.slice(0, 20) };
}
