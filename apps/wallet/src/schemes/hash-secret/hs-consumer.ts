import { minimalDecimal } from '@ph/money';
import { randomBytes } from 'node:crypto';
import type { HashSecretCredentials } from './hs-credentials';
import { AMOUNT, bytes32, CUR, CUSTOMER, emit, HsPayloadError, read, str, TEXT } from './hs-json';
import { customerKeys, macLp, sameMac } from './hs-mac';

/** The Consumer side of x-HashSecret-1.0 (profile §3.3.8): pure functions over payload texts. */

export type RandomBytes = (size: number) => Buffer;

export interface HsInitOut {
  /** The HS-Init PackagedContent text. */
  readonly text: string;
  readonly nA: Buffer;
}

/** C1: HS-Init with a fresh 32-byte n_A. */
export function buildHsInit(creds: HashSecretCredentials, random: RandomBytes = randomBytes): HsInitOut {
  const nA = random(32);
  return {
    nA,
    text: emit([
      ['type', 'HS-Init'],
      ['v', 1],
      ['C', creds.customerId],
      ['nA', nA.toString('hex')],
    ]),
  };
}

/** What the wallet knows independently of P1, to check the challenge against (§3.3.8). */
export interface ChallengeExpectations {
  /** The Merchant's OrgId as in the offer (compared lower-cased). */
  readonly merchantOrgId: string;
  /** PaySchemeData/@PaymentHandlerPayId of P1. */
  readonly paymentHandlerPayId: string;
  /** The selected CurrencyAmount/@Amount and CurrCode. */
  readonly amount: string;
  readonly currency: string;
}

export interface AcceptedChallenge {
  readonly C: string;
  readonly M: string;
  readonly B: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
}

export type ChallengeCheck =
  | { readonly ok: true; readonly challenge: AcceptedChallenge }
  /** The wallet then computes no π and cancels ("merchant authentication failed"). */
  | { readonly ok: false; readonly problem: string };

/** P1: HS-Challenge must name us, the offer's merchant, our bank, y, the amount, and a_M must verify. */
export function checkHsChallenge(
  creds: HashSecretCredentials,
  init: HsInitOut,
  text: string,
  expected: ChallengeExpectations,
): ChallengeCheck {
  let c: AcceptedChallenge;
  let aM: Buffer;
  try {
    const f = read(text, 'HS-Challenge');
    c = {
      C: str(f, 'C', CUSTOMER),
      M: str(f, 'M', TEXT),
      B: str(f, 'B', TEXT),
      t: str(f, 't', /^[!-~]{1,64}$/),
      y: str(f, 'y', /^[!-~]{1,14}$/),
      u: str(f, 'u', AMOUNT),
      cur: str(f, 'cur', CUR),
    };
    aM = bytes32(f, 'aM');
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const mismatches: string[] = [];
  if (c.C !== creds.customerId) mismatches.push('C');
  if (c.M !== expected.merchantOrgId.toLowerCase()) mismatches.push('M');
  if (c.B !== creds.bankId.toLowerCase()) mismatches.push('B');
  if (c.y !== expected.paymentHandlerPayId) mismatches.push('y');
  if (c.u !== minimalDecimal(expected.amount)) mismatches.push('u');
  if (c.cur !== expected.currency) mismatches.push('cur');
  if (mismatches.length > 0)
    return { ok: false, problem: `HS-Challenge ${mismatches.join(', ')} not as expected` };
  const { kcm } = keysFor(creds, c);
  if (!sameMac(macLp(kcm, 'authM', c.M, c.C, c.t, init.nA), aM)) {
    return { ok: false, problem: 'merchant authentication failed' };
  }
  return { ok: true, challenge: c };
}

/** What the wallet keeps as proof of order and payment (§3.3.8), completed by A_B and T from P2. */
export interface PaymentProof {
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly nC: Buffer;
  readonly pi: Buffer;
}

/** C2: HS-Pay with a fresh n_C, a_C, π and o. */
export function buildHsPay(
  creds: HashSecretCredentials,
  c: AcceptedChallenge,
  random: RandomBytes = randomBytes,
): { readonly text: string; readonly proof: PaymentProof } {
  const { kcm, kcb } = keysFor(creds, c);
  const nC = random(32);
  const aC = macLp(kcm, 'authC', c.C, c.M, c.t);
  const pi = macLp(kcb, 'pay', c.C, c.M, c.B, c.t, c.y, c.u, c.cur, nC);
  const o = macLp(kcm, 'confirm', c.t, c.y, c.u, c.cur, nC, pi);
  const text = emit([
    ['type', 'HS-Pay'],
    ['v', 1],
    ['C', c.C],
    ['t', c.t],
    ['y', c.y],
    ['u', c.u],
    ['cur', c.cur],
    ['aC', aC.toString('hex')],
    ['nC', nC.toString('hex')],
    ['pi', pi.toString('hex')],
    ['o', o.toString('hex')],
  ]);
  return { text, proof: { t: c.t, y: c.y, u: c.u, cur: c.cur, nC, pi } };
}

export interface HsResultCheck {
  readonly status: 'CompletedOk' | 'InsuffFunds' | 'AuthError' | 'Unspecified';
  readonly reason?: string;
  /** Present when the bank answered: A_B (bank cleared exactly this π) and T (same merchant) verified. */
  readonly ack?: {
    readonly AB: Buffer;
    readonly T: Buffer;
    readonly abValid: boolean;
    readonly tValid: boolean;
  };
  /** y, u, cur of HS-Result equal those we paid. */
  readonly matchesPayment: boolean;
  /** From HS-Balance, when sent. */
  readonly balance?: { readonly amount: string; readonly currency: string };
}

/** P2: read HS-Result (and HS-Balance), verify A_B and T. Throws HsPayloadError on a malformed payload. */
export function checkHsResult(
  creds: HashSecretCredentials,
  c: AcceptedChallenge,
  proof: PaymentProof,
  resultText: string,
  balanceText?: string,
): HsResultCheck {
  const f = read(resultText, 'HS-Result');
  const status = str(
    f,
    'status',
    /^(CompletedOk|InsuffFunds|AuthError|Unspecified)$/,
  ) as HsResultCheck['status'];
  const reason = f.reason === undefined ? undefined : str(f, 'reason', /^(BadAC|BadO|BadPi|PiReplayed)$/);
  const matchesPayment =
    str(f, 'y', /^[!-~]{1,14}$/) === proof.y &&
    str(f, 'u', AMOUNT) === proof.u &&
    str(f, 'cur', CUR) === proof.cur;
  let ack: HsResultCheck['ack'];
  if (f.AB !== undefined || f.T !== undefined) {
    const AB = bytes32(f, 'AB');
    const T = bytes32(f, 'T');
    const { kcm, kcb } = keysFor(creds, c);
    const ackStatus = status === 'CompletedOk' || status === 'InsuffFunds' ? status : 'CompletedOk';
    const abValid =
      (status === 'CompletedOk' || status === 'InsuffFunds') &&
      sameMac(macLp(kcb, 'ack', proof.pi, ackStatus), AB);
    const tValid = sameMac(macLp(kcm, 'receipt', proof.y, proof.u, proof.cur, proof.nC, AB), T);
    ack = { AB, T, abValid, tValid };
  }
  let balance: HsResultCheck['balance'];
  if (balanceText !== undefined) {
    const b = read(balanceText, 'HS-Balance');
    if (str(b, 'C', CUSTOMER) !== creds.customerId)
      throw new HsPayloadError('HS-Balance names another customer');
    balance = { amount: str(b, 'balance', AMOUNT), currency: str(b, 'cur', CUR) };
  }
  return {
    status,
    ...(reason !== undefined ? { reason } : {}),
    ...(ack ? { ack } : {}),
    matchesPayment,
    ...(balance ? { balance } : {}),
  };
}

function keysFor(creds: HashSecretCredentials, c: AcceptedChallenge) {
  const { p, r } = creds.secrets();
  return customerKeys(p, r, c.M, c.B);
}
