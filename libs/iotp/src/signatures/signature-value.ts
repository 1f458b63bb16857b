import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { ecdsaP256Sign } from './ecdsa-p256';
import type { SignatureSignKey, SignatureVerifyKey } from './keys';

/**
 * Profile §2.4.3 over `mh` = DOM-HASH(Manifest): HMAC-SHA256(key, mh), or ECDSA P-256/SHA-256 of `mh`
 * as `r ‖ s` with an RFC 6979 nonce (so a rebuilt answer is byte-identical).
 */
export function computeSignatureValue(key: SignatureSignKey, mh: Buffer): Buffer {
  return key.alg === 'hmac-sha256'
    ? createHmac('sha256', key.secret).update(mh).digest()
    : ecdsaP256Sign(key.privateKey, mh);
}

export function verifySignatureValue(key: SignatureVerifyKey, mh: Buffer, value: Buffer): boolean {
  if (key.alg === 'hmac-sha256') {
    const expected = createHmac('sha256', key.secret).update(mh).digest();
    return value.length === expected.length && timingSafeEqual(value, expected);
  }
  if (value.length !== 64) return false;
  return verify('sha256', mh, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, value);
}
