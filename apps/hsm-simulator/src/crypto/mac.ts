import { tdesDecryptEcb, tdesEncryptCbc, tdesEncryptEcb } from './des';

/** ISO/IEC 9797-1 padding and MAC algorithms 1 and 3 over DES (8-byte blocks). */

export type PaddingMethod = 0 | 1 | 2;

/** Method 1: zero bytes up to a whole block (empty data becomes one zero block). Method 2: 0x80 then method 1. */
export function pad(data: Uint8Array, method: PaddingMethod): Buffer {
  const d = Buffer.from(data);
  if (method === 0) {
    if (d.length === 0 || d.length % 8 !== 0) throw new RangeError('padding method 0 needs whole blocks');
    return d;
  }
  const body = method === 2 ? Buffer.concat([d, Buffer.from([0x80])]) : d;
  const rest = body.length % 8;
  if (body.length > 0 && rest === 0) return body;
  return Buffer.concat([body, Buffer.alloc(body.length === 0 ? 8 : 8 - rest)]);
}

/** Algorithm 1: CBC-MAC with the whole key (a single-length key gives DES CBC-MAC, X9.9). */
export function macAlgorithm1(key: Uint8Array, data: Uint8Array, method: PaddingMethod): Buffer {
  const cbc = tdesEncryptCbc(key, Buffer.alloc(8), pad(data, method));
  return cbc.subarray(cbc.length - 8);
}

/**
 * Algorithm 3 ("retail MAC", ANSI X9.19): single-DES CBC with the left key KL over all blocks, then
 * the last block is decrypted with KR and encrypted again with KL. Needs a double-length key.
 */
export function macAlgorithm3(key: Uint8Array, data: Uint8Array, method: PaddingMethod): Buffer {
  if (key.length !== 16) throw new RangeError('ISO 9797-1 algorithm 3 needs a double-length key');
  const kl = key.subarray(0, 8);
  const kr = key.subarray(8, 16);
  const cbc = tdesEncryptCbc(kl, Buffer.alloc(8), pad(data, method));
  const last = cbc.subarray(cbc.length - 8);
  return tdesEncryptEcb(kl, tdesDecryptEcb(kr, last));
}
