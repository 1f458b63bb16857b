import { createHash, createHmac, randomBytes } from 'node:crypto';

/** node:crypto in the shape the shared load-test module expects (it imports nothing itself). */
export const nodeCrypto = {
  sha256: (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest()),
  hmacSha256: (key: Uint8Array, data: Uint8Array): Uint8Array =>
    new Uint8Array(createHmac('sha256', key).update(data).digest()),
  randomBytes: (n: number): Uint8Array => new Uint8Array(randomBytes(n)),
};
