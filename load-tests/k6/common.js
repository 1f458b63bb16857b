// What every k6 script shares: k6's own crypto injected into the shared message module, one complete
// hash/secret payment per iteration (Payment Request → HS-Challenge → HS-Pay → Payment Response with
// A_B and T verified), and the custom metrics the thresholds read.
//   BASE_URL      where to POST (default http://127.0.0.1:8080/iotp)
//   PH_PUBLIC_URL the PH's public IOTP URL the merchant offers (PayReqNetLocn; default BASE_URL)
//   CUSTOMER      demo customer (alice; carol is always declined, which counts as expected)
//   AMOUNT        per payment (1.00 EUR)
import crypto from 'k6/crypto';
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import {
  IOTP_CONTENT_TYPE,
  PROFILES,
  THRESHOLDS,
  answerChallenge,
  checkPaymentResponse,
  endedAsExpected,
  startPayment,
} from '../lib/iotp-hash-secret.js';

export { PROFILES };
export const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080/iotp';
export const PH_PUBLIC_URL = __ENV.PH_PUBLIC_URL || BASE_URL;
export const CUSTOMER = __ENV.CUSTOMER || 'alice';
export const AMOUNT = __ENV.AMOUNT || '1.00';

/** @param {Uint8Array} u8 @returns {ArrayBuffer} a copy k6 can take (never a SharedArrayBuffer) */
const buf = (u8) => Uint8Array.from(u8).buffer;

/** k6/crypto in the shape the shared module expects. */
export const k6Crypto = {
  /** @param {Uint8Array} data */
  sha256: (data) => new Uint8Array(crypto.sha256(buf(data), 'binary')),
  /** @param {Uint8Array} key @param {Uint8Array} data */
  hmacSha256: (key, data) => new Uint8Array(crypto.hmac('sha256', buf(key), buf(data), 'binary')),
  /** @param {number} n */
  randomBytes: (n) => new Uint8Array(crypto.randomBytes(n)),
};

export const paymentDuration = new Trend('payment_duration', true);
export const paymentErrors = new Rate('payment_errors');
export const paymentsOk = new Counter('payments_completed');
export const paymentAmount = new Counter('payment_amount_cents');

/**
 * Thresholds on errors and on p99 of a complete payment (both round trips), as in `npm run load`.
 * @param {number} p99Ms
 */
export const thresholdsFor = (p99Ms = THRESHOLDS.p99Ms) => ({
  payment_errors: [`rate<=${THRESHOLDS.maxErrorRate}`],
  payment_duration: [`p(99)<${p99Ms}`],
  checks: ['rate==1'],
});
export const thresholds = thresholdsFor();

const params = {
  headers: { 'Content-Type': IOTP_CONTENT_TYPE },
  timeout: '15s',
  tags: { name: 'POST /iotp' },
};

/** One complete payment; records payment_duration, payment_errors, payments_completed. */
export function pay() {
  const started = Date.now();
  const p = startPayment(k6Crypto, { phUrl: PH_PUBLIC_URL, customer: CUSTOMER, amount: AMOUNT });
  const r1 = http.post(BASE_URL, p.c1, params);
  const c2 =
    r1.status === 200
      ? answerChallenge(k6Crypto, p, String(r1.body))
      : { ok: false, problem: `HTTP ${r1.status}` };
  let ok = false;
  if (c2.ok && c2.body) {
    const r2 = http.post(BASE_URL, c2.body, params);
    const result =
      r2.status === 200
        ? checkPaymentResponse(k6Crypto, p, String(r2.body))
        : {
            kind: 'unknown',
            ok: false,
            receiptVerified: false,
            processState: 'Unknown',
            problem: `HTTP ${r2.status}`,
          };
    ok = endedAsExpected(result, CUSTOMER);
    check(result, { 'payment ended as expected, receipt verified': () => ok });
  } else {
    check(c2, { 'challenge accepted': () => false });
  }
  paymentDuration.add(Date.now() - started);
  paymentErrors.add(!ok);
  if (ok) {
    paymentsOk.add(1);
    paymentAmount.add(Math.round(Number(AMOUNT) * 100));
  }
}
