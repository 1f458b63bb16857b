import type { KeyObject } from 'node:crypto';

/** A key that verifies a signature value (profile §2.4.3). */
export type SignatureVerifyKey =
  { alg: 'hmac-sha256'; secret: Buffer } | { alg: 'ecdsa-p256'; publicKey: KeyObject };

/** A key that produces one; the ECDSA key is the 32-byte private scalar (deterministic signing needs it). */
export type SignatureSignKey =
  { alg: 'hmac-sha256'; secret: Buffer } | { alg: 'ecdsa-p256'; privateKey: Buffer };

/** The registry lookup for one merchant: its key by `KeyIdentifier/@value`. */
export type SignatureKeyLookup = (keyId: string) => SignatureVerifyKey | undefined;
