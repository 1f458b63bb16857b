// One SET-like card payment per iteration (RFC 3538 over IOTP; profile §3.4): Payment Request with
// PInitReq → PInitRes checked (PH signature, CA-signed credentials) → Payment Exchange with the PReq
// (dual signature, EncPI for the acquirer's payment gateway) → Payment Response with the PRes verified.
// k6's crypto injected into the shared module: k6/crypto for SHA-1/SHA-256/HMAC/random bytes, the Web
// Crypto API (global `crypto`, k6 ≥ 1.0) for ECDSA P-256, ECDH P-256 and AES-256-GCM.
//   CARDS   comma-separated demo cards, used round robin (default 4111111111111111,5555555555554444:
//           VISA and MasterCard, both approved); 4000000000000002 / 4000000000009995 / 4000000000000069
//           are declined, which counts as expected (Failed/PaymentDecl with a verified PRes)
//   AMOUNT  per payment (0.01 EUR: the approved cards hold 10 000.00 EUR each and keep what was captured)
import k6crypto from 'k6/crypto';
import http from 'k6/http';
import { check } from 'k6';
import {
  answerPInitRes,
  cardEndedAsExpected,
  checkSetPaymentResponse,
  parseCards,
  registerCard,
  startSetPayment,
} from '../lib/iotp-set-like.js';
import { IOTP_CONTENT_TYPE } from '../lib/iotp-hash-secret.js';
import {
  BASE_URL,
  PH_PUBLIC_URL,
  paymentAmount,
  paymentDuration,
  paymentErrors,
  paymentsOk,
} from './common.js';

export const CARDS = parseCards(__ENV.CARDS);
export const SET_AMOUNT = __ENV.AMOUNT || '0.01';

/** @param {Uint8Array} u8 @returns {ArrayBuffer} a copy k6 can take (never a SharedArrayBuffer) */
const buf = (u8) => Uint8Array.from(u8).buffer;
const P256 = /** @type {const} */ ({ namedCurve: 'P-256' });
const ECDSA_SHA256 = /** @type {const} */ ({ name: 'ECDSA', hash: { name: 'SHA-256' } });

/** Imported public keys by (usage, x, y): the PH's and the gateway's keys repeat on every payment. */
/** @type {Record<string, K6CryptoKey>} */
const publicKeys = {};
/** @param {'ECDSA' | 'ECDH'} name @param {{ x: string, y: string }} jwk */
async function publicKey(name, jwk) {
  const id = `${name}.${jwk.x}.${jwk.y}`;
  if (!publicKeys[id])
    publicKeys[id] = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name, ...P256 },
      true,
      name === 'ECDSA' ? ['verify'] : [],
    );
  return publicKeys[id];
}
/** @param {K6CryptoKey} key */
async function publicJwk(key) {
  const j = await crypto.subtle.exportKey('jwk', key);
  return {
    kty: /** @type {'EC'} */ ('EC'),
    crv: /** @type {'P-256'} */ ('P-256'),
    x: String(j.x),
    y: String(j.y),
  };
}

/** k6/crypto + WebCrypto in the shape of the shared module's SetCrypto. */
export const k6SetCrypto = {
  /** @param {Uint8Array} data */
  sha256: (data) => new Uint8Array(k6crypto.sha256(buf(data), 'binary')),
  /** @param {Uint8Array} data */
  sha1: (data) => new Uint8Array(k6crypto.sha1(buf(data), 'binary')),
  /** @param {Uint8Array} key @param {Uint8Array} data */
  hmacSha256: (key, data) => new Uint8Array(k6crypto.hmac('sha256', buf(key), buf(data), 'binary')),
  /** @param {number} n */
  randomBytes: (n) => new Uint8Array(k6crypto.randomBytes(n)),
  /** @param {'sign' | 'derive'} usage */
  async ecGenerate(usage) {
    const pair = await crypto.subtle.generateKey(
      { name: usage === 'sign' ? 'ECDSA' : 'ECDH', ...P256 },
      true,
      usage === 'sign' ? ['sign', 'verify'] : ['deriveBits'],
    );
    return { privateKey: pair.privateKey, publicJwk: await publicJwk(pair.publicKey) };
  },
  /** @param {{ kty: string, crv: string, x: string, y: string, d: string }} jwk */
  ecImportSigningKey: (jwk) =>
    crypto.subtle.importKey('jwk', { ...jwk, ext: true }, { name: 'ECDSA', ...P256 }, false, ['sign']),
  /** @param {any} privateKey @param {Uint8Array} data */
  ecdsaSign: async (privateKey, data) =>
    new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, privateKey, buf(data))),
  /** @param {{ x: string, y: string }} jwk @param {Uint8Array} data @param {Uint8Array} signature */
  ecdsaVerify: async (jwk, data, signature) =>
    crypto.subtle.verify(ECDSA_SHA256, await publicKey('ECDSA', jwk), buf(signature), buf(data)),
  /** @param {any} privateKey @param {{ x: string, y: string }} jwk */
  ecdh: async (privateKey, jwk) =>
    new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'ECDH', public: await publicKey('ECDH', jwk) }, privateKey, 256),
    ),
  /** @param {Uint8Array} key @param {Uint8Array} iv @param {Uint8Array} plaintext @param {Uint8Array} aad */
  async aesGcmEncrypt(key, iv, plaintext, aad) {
    const k = await crypto.subtle.importKey('raw', buf(key), { name: 'AES-GCM' }, false, ['encrypt']);
    return new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad), tagLength: 128 },
        k,
        buf(plaintext),
      ),
    );
  },
};

/** This VU's wallets, one registered cardholder credential per card. */
/** @type {Record<string, import('../lib/iotp-set-like.js').CardWallet>} */
const wallets = {};

const params = {
  headers: { 'Content-Type': IOTP_CONTENT_TYPE },
  timeout: '15s',
  tags: { name: 'POST /iotp' },
};

/** One complete SET-like payment; records the same metrics as the hash/secret one. */
export async function paySetLike() {
  const pan = CARDS[(__VU + __ITER) % CARDS.length];
  if (!wallets[pan]) wallets[pan] = await registerCard(k6SetCrypto, { pan });
  const started = Date.now();
  const p = startSetPayment(k6SetCrypto, wallets[pan], { phUrl: PH_PUBLIC_URL, amount: SET_AMOUNT });
  const r1 = http.post(BASE_URL, p.c1, params);
  const c2 =
    r1.status === 200
      ? await answerPInitRes(k6SetCrypto, p, String(r1.body))
      : { ok: false, problem: `HTTP ${r1.status}` };
  let ok = false;
  let cents = 0;
  if (c2.ok && c2.body) {
    const r2 = http.post(BASE_URL, c2.body, params);
    const result =
      r2.status === 200
        ? await checkSetPaymentResponse(k6SetCrypto, p, String(r2.body))
        : {
            kind: 'unknown',
            ok: false,
            receiptVerified: false,
            processState: 'Unknown',
            problem: `HTTP ${r2.status}`,
          };
    ok = cardEndedAsExpected(result, pan);
    cents = result.capturedCents ?? 0;
    check(result, { 'payment ended as expected, PRes verified': () => ok });
  } else {
    check(c2, { 'PInitRes accepted': () => false });
  }
  paymentDuration.add(Date.now() - started);
  paymentErrors.add(!ok);
  if (ok) {
    paymentsOk.add(1);
    paymentAmount.add(cents);
  }
}
