import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A MAC input field: text as its UTF-8 bytes, a Buffer as raw bytes (never its hex). */
export type LpField = string | Uint8Array;

/** LP(f1, f2, …) of profile §3.3.3 (also used by §3.5): per field u32 big-endian length ‖ bytes. */
export function lp(...fields: readonly LpField[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(field);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** Profile §3.5: MAC_K(x) = the first 16 bytes of HMAC-SHA256(K, x) where x = LP(…). */
export const PURSE_MAC_BYTES = 16;

export function purseMac(key: Uint8Array, input: Uint8Array): Buffer {
  return createHmac('sha256', key).update(input).digest().subarray(0, PURSE_MAC_BYTES);
}

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * DEV ONLY (profile §3.5): K = SHA-256("IOTP profile 1.0 e-purse key <id> (DEV ONLY)") for a purse id
 * or a merchant card id. Anyone who knows an id knows its key: never use outside development.
 */
export function devPurseKey(id: string): Buffer {
  return sha256(Buffer.from(`IOTP profile 1.0 e-purse key ${id} (DEV ONLY)`, 'utf8'));
}
