import { timingSafeEqual } from 'node:crypto';
import { mac } from './lp';

/** The six MACs of profile §3.3.3, one function each, fields in the spec's order. */

export interface PaymentFields {
  readonly C: string;
  readonly M: string;
  readonly B: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly nC: Uint8Array;
}

/** The bank's answers that carry A_B (§3.3.3). */
export type AckStatus = 'CompletedOk' | 'InsuffFunds';

/** a_M = MAC_K_CM("authM", M, C, t, n_A): merchant authentication, covers the wallet's challenge. */
export const authM = (kcm: Uint8Array, M: string, C: string, t: string, nA: Uint8Array): Buffer =>
  mac(kcm, 'authM', M, C, t, nA);

/** a_C = MAC_K_CM("authC", C, M, t): customer authentication. */
export const authC = (kcm: Uint8Array, C: string, M: string, t: string): Buffer => mac(kcm, 'authC', C, M, t);

/** π = MAC_K_CB("pay", C, M, B, t, y, u, cur, n_C): the payment value only the bank can check. */
export const paymentValue = (kcb: Uint8Array, f: PaymentFields): Buffer =>
  mac(kcb, 'pay', f.C, f.M, f.B, f.t, f.y, f.u, f.cur, f.nC);

/** o = MAC_K_CM("confirm", t, y, u, cur, n_C, π): binds π to the authenticated session. */
export const confirmation = (
  kcm: Uint8Array,
  t: string,
  y: string,
  u: string,
  cur: string,
  nC: Uint8Array,
  pi: Uint8Array,
): Buffer => mac(kcm, 'confirm', t, y, u, cur, nC, pi);

/** A_B = MAC_K_CB("ack", π, status): the bank's acknowledgement. */
export const bankAck = (kcb: Uint8Array, pi: Uint8Array, status: AckStatus): Buffer =>
  mac(kcb, 'ack', pi, status);

/** T = MAC_K_CM("receipt", y, u, cur, n_C, A_B): the merchant's acknowledgement ticket. */
export const receiptTicket = (
  kcm: Uint8Array,
  y: string,
  u: string,
  cur: string,
  nC: Uint8Array,
  ab: Uint8Array,
): Buffer => mac(kcm, 'receipt', y, u, cur, nC, ab);

/** Constant-time comparison of a computed MAC with a received one (lengths may differ). */
export function macEquals(expected: Uint8Array, received: Uint8Array): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}
