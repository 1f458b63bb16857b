import {
  createCipheriv,
  createDecipheriv,
  createHash,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { b64u, publicKeyOf, type PublicJwk } from './es256';

/**
 * EncPI: JWE compact serialisation (RFC 7516) with `alg` ECDH-ES (direct key agreement, RFC 7518 §4.6,
 * Concat KDF with AlgorithmID = "A256GCM") and `enc` A256GCM. The protected header also carries `xid`.
 */
export interface JweHeader {
  readonly alg: 'ECDH-ES';
  readonly enc: 'A256GCM';
  readonly kid: string;
  readonly xid: string;
  readonly epk: PublicJwk;
}

function concatKdf(z: Buffer): Buffer {
  const lp = (b: Buffer) => Buffer.concat([u32(b.length), b]);
  const otherInfo = Buffer.concat([
    lp(Buffer.from('A256GCM', 'ascii')),
    lp(Buffer.alloc(0)),
    lp(Buffer.alloc(0)),
    u32(256),
  ]);
  return createHash('sha256')
    .update(Buffer.concat([u32(1), z, otherInfo]))
    .digest();
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function jweEncrypt(plaintext: Buffer, recipient: PublicJwk, kid: string, xid: string): string {
  const eph = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const epkJwk = eph.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  const header: JweHeader = {
    alg: 'ECDH-ES',
    enc: 'A256GCM',
    kid,
    xid,
    epk: { kty: 'EC', crv: 'P-256', x: epkJwk.x, y: epkJwk.y },
  };
  const z = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyOf(recipient) });
  const cek = concatKdf(z);
  const protectedB64 = b64u(Buffer.from(JSON.stringify(header), 'utf8'));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(protectedB64, 'ascii'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${protectedB64}..${b64u(iv)}.${b64u(ct)}.${b64u(cipher.getAuthTag())}`;
}

export class JweError extends Error {
  override readonly name = 'JweError';
}

/** Decrypts; the message of a JweError never contains plaintext. */
export function jweDecrypt(compact: string, privateKey: KeyObject): { header: JweHeader; plaintext: Buffer } {
  const parts = compact.split('.');
  if (parts.length !== 5 || parts[1] !== '') throw new JweError('EncPI is not a compact ECDH-ES JWE');
  const [protectedB64, , ivB64, ctB64, tagB64] = parts;
  let header: JweHeader;
  try {
    header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8')) as JweHeader;
  } catch {
    throw new JweError('EncPI header unreadable');
  }
  if (header.alg !== 'ECDH-ES' || header.enc !== 'A256GCM' || typeof header.xid !== 'string' || !header.epk)
    throw new JweError('EncPI header: unsupported alg/enc or missing xid/epk');
  try {
    const z = diffieHellman({ privateKey, publicKey: publicKeyOf(header.epk) });
    const decipher = createDecipheriv('aes-256-gcm', concatKdf(z), Buffer.from(ivB64, 'base64url'));
    decipher.setAAD(Buffer.from(protectedB64, 'ascii'));
    decipher.setAuthTag(Buffer.from(tagB64, 'base64url'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64url')), decipher.final()]);
    return { header, plaintext };
  } catch {
    throw new JweError('EncPI does not decrypt with the gateway key');
  }
}
