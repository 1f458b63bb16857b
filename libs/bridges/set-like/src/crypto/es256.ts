import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { canonicalBytes } from './jcs';

/** A P-256 public key as carried in credentials (JWK without `d`). */
export interface PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** `Sig` member of a signed SET-like object (schemes.md §6.9). */
export interface SigMember {
  readonly alg: 'ES256';
  readonly kid: string;
  readonly value: string;
}

export const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();
export const b64u = (data: Uint8Array): string => Buffer.from(data).toString('base64url');

/**
 * A deterministic DEV ONLY P-256 key pair from a label (d = SHA-256(label)), so every party of the
 * simulation knows the public keys of the others without a key distribution step.
 */
export function devKeyPair(label: string): { privateKey: KeyObject; publicJwk: PublicJwk } {
  const d = sha256(`SET-like simulation DEV ONLY key: ${label}`);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const publicJwk: PublicJwk = {
    kty: 'EC',
    crv: 'P-256',
    x: b64u(pub.subarray(1, 33)),
    y: b64u(pub.subarray(33, 65)),
  };
  const privateKey = createPrivateKey({ key: { ...publicJwk, d: b64u(d) } as JsonWebKey, format: 'jwk' });
  return { privateKey, publicJwk };
}

export const publicKeyOf = (jwk: PublicJwk): KeyObject =>
  createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as JsonWebKey, format: 'jwk' });

export function signBytes(key: KeyObject, data: Uint8Array): string {
  return b64u(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }));
}

export function verifyBytes(jwk: PublicJwk, data: Uint8Array, signature: string): boolean {
  try {
    return verify(
      'sha256',
      data,
      { key: publicKeyOf(jwk), dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** Adds `Sig` over JCS(object without Sig). */
export function signObject<T extends object>(obj: T, key: KeyObject, kid: string): T & { Sig: SigMember } {
  const { Sig: _drop, ...rest } = obj as T & { Sig?: unknown };
  void _drop;
  const value = signBytes(key, canonicalBytes(rest));
  return { ...(rest as T), Sig: { alg: 'ES256', kid, value } };
}

/** Verifies `Sig` of an object with the given key; false on any problem. */
export function verifyObject(obj: Readonly<Record<string, unknown>>, jwk: PublicJwk): boolean {
  const sig = obj.Sig as Partial<SigMember> | undefined;
  if (!sig || sig.alg !== 'ES256' || typeof sig.value !== 'string') return false;
  const { Sig: _drop, ...rest } = obj;
  void _drop;
  return verifyBytes(jwk, canonicalBytes(rest), sig.value);
}

/** SHA-256 of the JCS form of a value, base64url (our H(…)). */
export const digestOf = (value: unknown): string => b64u(sha256(canonicalBytes(value)));

/** The dual signature input: SHA-256(H(PIData) ‖ H(OIData)) with both digests as raw bytes. */
export const dualSignatureInput = (piDigest: string, oiDigest: string): Buffer =>
  sha256(Buffer.concat([Buffer.from(piDigest, 'base64url'), Buffer.from(oiDigest, 'base64url')]));
