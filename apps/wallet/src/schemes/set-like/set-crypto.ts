import {
  createCipheriv,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

/*
 * The wallet's own SET-like cryptography (schemes.md §6.9), written independently of the PH's bridge so
 * the wallet tests the PH from outside: JCS, ES256 (P1363), the dual signature, JWE ECDH-ES + A256GCM.
 */

export interface Jwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

export const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
export const sha256 = (d: Uint8Array | string): Buffer => createHash('sha256').update(d).digest();

export function jcs(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
}

/** H(x) = SHA-256(JCS(x)), base64url. */
export const digest = (value: unknown): string => b64u(sha256(jcs(value)));

/** DEV ONLY deterministic P-256 key of the simulation (d = SHA-256 of a label); the CA's is 'ca'. */
export function devKey(label: string): { privateKey: KeyObject; jwk: Jwk } {
  const d = sha256(`SET-like simulation DEV ONLY key: ${label}`);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const jwk: Jwk = { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)) };
  return { privateKey: createPrivateKey({ key: { ...jwk, d: b64u(d) } as JsonWebKey, format: 'jwk' }), jwk };
}

export function newKey(): { privateKey: KeyObject; jwk: Jwk } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const j = pair.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  return { privateKey: pair.privateKey, jwk: { kty: 'EC', crv: 'P-256', x: j.x, y: j.y } };
}

const pub = (jwk: Jwk) => createPublicKey({ key: { ...jwk } as JsonWebKey, format: 'jwk' });

export const signRaw = (key: KeyObject, data: Uint8Array): string =>
  b64u(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }));

export function verifyRaw(jwk: Jwk, data: Uint8Array, sig: string): boolean {
  try {
    return verify(
      'sha256',
      data,
      { key: pub(jwk), dsaEncoding: 'ieee-p1363' },
      Buffer.from(sig, 'base64url'),
    );
  } catch {
    return false;
  }
}

export function signed<T extends object>(obj: T, key: KeyObject, kid: string): T & { Sig: object } {
  return { ...obj, Sig: { alg: 'ES256', kid, value: signRaw(key, Buffer.from(jcs(obj))) } };
}

export function verifySigned(obj: Readonly<Record<string, unknown>>, jwk: Jwk): boolean {
  const sig = obj.Sig as { alg?: unknown; value?: unknown } | undefined;
  if (!sig || sig.alg !== 'ES256' || typeof sig.value !== 'string') return false;
  const { Sig: _s, ...rest } = obj;
  void _s;
  return verifyRaw(jwk, Buffer.from(jcs(rest)), sig.value);
}

export const dsInput = (piDigest: string, oiDigest: string): Buffer =>
  sha256(Buffer.concat([Buffer.from(piDigest, 'base64url'), Buffer.from(oiDigest, 'base64url')]));

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** JWE compact, alg ECDH-ES (Concat KDF, RFC 7518 §4.6.2), enc A256GCM; `xid` in the protected header. */
export function encryptFor(recipient: Jwk, kid: string, xid: string, plaintext: Buffer, iv: Buffer): string {
  const eph = newKey();
  const header = { alg: 'ECDH-ES', enc: 'A256GCM', kid, xid, epk: eph.jwk };
  const z = diffieHellman({ privateKey: eph.privateKey, publicKey: pub(recipient) });
  const alg = Buffer.from('A256GCM');
  const otherInfo = Buffer.concat([u32(alg.length), alg, u32(0), u32(0), u32(256)]);
  const cek = sha256(Buffer.concat([u32(1), z, otherInfo]));
  const h = b64u(Buffer.from(JSON.stringify(header)));
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(h, 'ascii'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${h}..${b64u(iv)}.${b64u(ct)}.${b64u(cipher.getAuthTag())}`;
}
