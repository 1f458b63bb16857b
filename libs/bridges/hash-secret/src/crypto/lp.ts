import { createHash, createHmac } from 'node:crypto';

/** A MAC input field: text is taken as its UTF-8 bytes, a Buffer as raw bytes (never its hex). */
export type LpField = string | Uint8Array;

/** LP(f1, f2, …) of profile §3.3.3: for each field u32 big-endian byte length ‖ bytes. */
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

/** H = SHA-256. */
export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** MAC_K(f…) = HMAC-SHA256 with key K over LP(f…). */
export function mac(key: Uint8Array, ...fields: readonly LpField[]): Buffer {
  return createHmac('sha256', key)
    .update(lp(...fields))
    .digest();
}
