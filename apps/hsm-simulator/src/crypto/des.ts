import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * DES and triple DES from node:crypto. OpenSSL 3 no longer offers single DES by default, so a
 * single-length key K runs as 3DES with K‖K‖K (which is single DES); a double-length key K1‖K2 runs
 * as K1‖K2‖K1. All functions work on whole 8-byte blocks and never pad.
 */

function expand(key: Uint8Array): Buffer {
  const k = Buffer.from(key);
  if (k.length === 8) return Buffer.concat([k, k, k]);
  if (k.length === 16) return Buffer.concat([k, k.subarray(0, 8)]);
  if (k.length === 24) return k;
  throw new RangeError('DES key must be 8, 16 or 24 bytes');
}

function blocks(data: Uint8Array): Buffer {
  if (data.length === 0 || data.length % 8 !== 0) throw new RangeError('data must be whole 8-byte blocks');
  return Buffer.from(data);
}

function run(
  encrypt: boolean,
  mode: 'des-ede3' | 'des-ede3-cbc',
  key: Uint8Array,
  iv: Buffer | null,
  data: Uint8Array,
) {
  const c = encrypt ? createCipheriv(mode, expand(key), iv) : createDecipheriv(mode, expand(key), iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(blocks(data)), c.final()]);
}

export function tdesEncryptEcb(key: Uint8Array, data: Uint8Array): Buffer {
  return run(true, 'des-ede3', key, null, data);
}

export function tdesDecryptEcb(key: Uint8Array, data: Uint8Array): Buffer {
  return run(false, 'des-ede3', key, null, data);
}

export function tdesEncryptCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  return run(true, 'des-ede3-cbc', key, Buffer.from(iv), data);
}

function oddParityByte(b: number): number {
  let ones = 0;
  for (let bit = 1; bit < 0x100; bit <<= 1) if (b & bit && bit !== 1) ones += 1;
  return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
}

/** Sets the low bit of every byte so each byte has odd parity (DES key convention). */
export function adjustParity(key: Uint8Array): Buffer {
  return Buffer.from(Array.from(key, oddParityByte));
}

export function hasOddParity(key: Uint8Array): boolean {
  return Array.from(key).every((b) => oddParityByte(b) === b);
}

/** Key check value: 3DES encryption of eight zero bytes under the key, first `bytes` bytes (3 = the usual 6 hex). */
export function keyCheckValue(key: Uint8Array, bytes = 3): Buffer {
  return tdesEncryptEcb(key, Buffer.alloc(8)).subarray(0, bytes);
}
