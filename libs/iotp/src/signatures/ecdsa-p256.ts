import { createECDH, createHash, createHmac, createPublicKey, type KeyObject } from 'node:crypto';

/*
 * Deterministic ECDSA on P-256 with SHA-256 (RFC 6979 §3.2, HMAC-SHA256), because node:crypto's sign uses a
 * random nonce and profile §2.4.3 needs byte-identical rebuilt answers. BigInt arithmetic is not constant
 * time: fine for the development/receipt key of this profile, not for an HSM-grade key.
 * Verification uses node:crypto (`verify` with `dsaEncoding: 'ieee-p1363'`).
 */

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

/** Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. */
type Jacobian = [bigint, bigint, bigint];

const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function invert(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return mod(s0, m);
}

/** dbl-2001-b (a = -3). */
function double([x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const delta = (z * z) % P;
  const gamma = (y * y) % P;
  const beta = (x * gamma) % P;
  const alpha = (3n * mod(x - delta, P) * ((x + delta) % P)) % P;
  const x3 = mod(alpha * alpha - 8n * beta, P);
  const z3 = mod((y + z) * (y + z) - gamma - delta, P);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * ((gamma * gamma) % P), P);
  return [x3, y3, z3];
}

/** add-2007-bl. */
function add(p: Jacobian, q: Jacobian): Jacobian {
  const [x1, y1, z1] = p;
  const [x2, y2, z2] = q;
  if (z1 === 0n) return q;
  if (z2 === 0n) return p;
  const z1z1 = (z1 * z1) % P;
  const z2z2 = (z2 * z2) % P;
  const u1 = (x1 * z2z2) % P;
  const u2 = (x2 * z1z1) % P;
  const s1 = (((y1 * z2) % P) * z2z2) % P;
  const s2 = (((y2 * z1) % P) * z1z1) % P;
  if (u1 === u2) return s1 === s2 ? double(p) : [0n, 1n, 0n];
  const h = mod(u2 - u1, P);
  const i = (4n * h * h) % P;
  const j = (h * i) % P;
  const r = mod(2n * (s2 - s1), P);
  const v = (u1 * i) % P;
  const x3 = mod(r * r - j - 2n * v, P);
  const y3 = mod(r * (v - x3) - 2n * ((s1 * j) % P), P);
  const z3 = (mod((z1 + z2) * (z1 + z2) - z1z1 - z2z2, P) * h) % P;
  return [x3, y3, z3];
}

/** x coordinate (affine) of k·G. */
function baseMultiplyX(k: bigint): bigint {
  let acc: Jacobian = [0n, 1n, 0n];
  for (let bit = BigInt(k.toString(2).length - 1); bit >= 0n; bit--) {
    acc = double(acc);
    if ((k >> bit) & 1n) acc = add(acc, [GX, GY, 1n]);
  }
  const zInv = invert(acc[2], P);
  return (acc[0] * zInv * zInv) % P;
}

const toInt = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
const toBytes32 = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const hmac = (key: Buffer, ...parts: Buffer[]): Buffer => {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * ECDSA P-256 signature `r ‖ s` (64 bytes) of SHA-256(`message`) with private scalar `privateKey`
 * (32 bytes) and the RFC 6979 nonce. No low-s normalisation (RFC 6979's vectors have none).
 */
export function ecdsaP256Sign(privateKey: Buffer, message: Buffer): Buffer {
  const d = toInt(privateKey);
  if (privateKey.length !== 32 || d <= 0n || d >= N)
    throw new Error('P-256 private scalar must be 32 bytes in [1, n-1]');
  const h1 = createHash('sha256').update(message).digest();
  const e = toInt(h1); // qlen = hlen = 256: bits2int is the identity
  const x = toBytes32(d);
  const h1o = toBytes32(e % N); // bits2octets
  let v: Buffer = Buffer.alloc(32, 0x01);
  let k: Buffer = Buffer.alloc(32, 0x00);
  k = hmac(k, v, Buffer.of(0x00), x, h1o);
  v = hmac(k, v);
  k = hmac(k, v, Buffer.of(0x01), x, h1o);
  v = hmac(k, v);
  for (;;) {
    v = hmac(k, v);
    const nonce = toInt(v);
    if (nonce >= 1n && nonce < N) {
      const r = baseMultiplyX(nonce) % N;
      const s = r === 0n ? 0n : (invert(nonce, N) * ((e + r * d) % N)) % N;
      if (s !== 0n) return Buffer.concat([toBytes32(r), toBytes32(s)]);
    }
    k = hmac(k, v, Buffer.of(0x00));
    v = hmac(k, v);
  }
}

/** Public key (for node:crypto `verify`) from the uncompressed point `04 ‖ X ‖ Y`. */
export function p256PublicKeyFromPoint(point: Buffer): KeyObject {
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('expected an uncompressed P-256 point');
  const x = point.subarray(1, 33).toString('base64url');
  const y = point.subarray(33).toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
}

/** The uncompressed public point `Q = d·G` of a private scalar. */
export function p256PublicPoint(privateKey: Buffer): Buffer {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  return ecdh.getPublicKey();
}
