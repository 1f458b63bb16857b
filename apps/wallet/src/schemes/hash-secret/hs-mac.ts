import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The wallet's own implementation of profile §3.3.2–§3.3.3 (deliberately not shared with the PH's
 * bridge, so each checks the other). Text = UTF-8 bytes; Buffers are raw bytes (never hex).
 */
type Field = string | Buffer;

function frame(fields: readonly Field[]): Buffer {
  const chunks = fields.flatMap((f) => {
    const bytes = Buffer.isBuffer(f) ? f : Buffer.from(f, 'utf8');
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32BE(bytes.byteLength, 0);
    return [len, bytes];
  });
  return Buffer.concat(chunks);
}

export const hashLp = (...fields: Field[]): Buffer => createHash('sha256').update(frame(fields)).digest();
export const macLp = (key: Buffer, ...fields: Field[]): Buffer =>
  createHmac('sha256', key).update(frame(fields)).digest();

export function sameMac(a: Buffer, b: Buffer): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

/** K_CM and K_CB from p and r; s lives only inside this call. */
export function customerKeys(p: string, r: Buffer, M: string, B: string): { kcm: Buffer; kcb: Buffer } {
  const s = hashLp('s', p, r);
  try {
    return { kcm: hashLp('CM', s, M), kcb: hashLp('CB', s, B) };
  } finally {
    s.fill(0);
  }
}
