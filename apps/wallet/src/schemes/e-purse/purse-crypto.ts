import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The purse chip's cryptography (profile §3.5), written again here because the wallet checks the PH
 * from the outside (it imports no bridge): LP encoding, MAC_K = first 16 bytes of HMAC-SHA256, and the
 * DEV ONLY key K = SHA-256("IOTP profile 1.0 e-purse key <id> (DEV ONLY)").
 */
export function lp(...fields: readonly (string | Uint8Array)[]): Buffer {
  return Buffer.concat(
    fields.flatMap((f) => {
      const bytes = typeof f === 'string' ? Buffer.from(f, 'utf8') : Buffer.from(f);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

export const devKey = (id: string): Buffer =>
  sha256(Buffer.from(`IOTP profile 1.0 e-purse key ${id} (DEV ONLY)`, 'utf8'));

export const mac = (key: Uint8Array, input: Uint8Array): Buffer =>
  createHmac('sha256', key).update(input).digest().subarray(0, 16);

export const macOk = (expected: Buffer, got: Buffer): boolean =>
  expected.length === got.length && timingSafeEqual(expected, got);
