/** Hex and byte helpers shared by the HSM crypto code. Hex output is upper case, as a payShield returns it. */

const HEX = /^[0-9A-Fa-f]*$/;

export function isHex(text: string, length?: number): boolean {
  return HEX.test(text) && text.length % 2 === 0 && (length === undefined || text.length === length);
}

export function fromHex(text: string): Buffer {
  if (!isHex(text)) throw new TypeError('not an even-length hex string');
  return Buffer.from(text, 'hex');
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function xor(a: Uint8Array, b: Uint8Array): Buffer {
  if (a.length !== b.length) throw new RangeError('xor of buffers of different lengths');
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] ^ b[i];
  return out;
}

/** Constant-time comparison of two byte strings (different lengths compare unequal). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
  return diff === 0;
}
