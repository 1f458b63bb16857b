import type { BridgeOutcome, BridgeState } from '../../../common/src/payment-bridge';
import type { ClearingResult } from '../clearing/clearing-bank.port';
import { encodeHsBalance, HS_BALANCE } from '../payloads/hs-balance';
import { HS_PAY } from '../payloads/hs-pay';
import { encodeHsResult, HS_RESULT, type HsResult } from '../payloads/hs-result';
import { packagedContent } from '../payloads/packaged-content';
import type { AwaitingPay } from './hash-secret.state';

/** Payment Responses of profile §3.3.7 (ContStatus=End). */

const STATUS_DESC = {
  BadAC: 'Customer authentication failed',
  BadO: 'Payment confirmation failed',
  BadPi: 'Payment value rejected by the bank',
  PiReplayed: 'Payment value already used',
} as const;

function hsResult(attempt: AwaitingPay, rest: Pick<HsResult, 'status' | 'reason' | 'ack'>) {
  const result: HsResult = { y: attempt.y, u: attempt.u, cur: attempt.cur, ...rest };
  return [packagedContent(HS_RESULT, encodeHsResult(result))];
}

/** a_C or o did not verify: Failed / AuthError, no AB/T, no balance. */
export function failedAuth(
  attempt: AwaitingPay,
  reason: 'BadAC' | 'BadO',
  state: BridgeState,
): BridgeOutcome {
  return {
    kind: 'end',
    processState: 'Failed',
    completionCode: 'AuthError',
    statusDesc: STATUS_DESC[reason],
    schemeOut: hsResult(attempt, { status: 'AuthError', reason }),
    state,
  };
}

/** The bank refused π: BadPi → AuthError; PiReplayed → Unspecified (RFC 2801 has no replay code). */
export function bankRejected(
  attempt: AwaitingPay,
  reason: 'BadPi' | 'PiReplayed',
  state: BridgeState,
): BridgeOutcome {
  const status = reason === 'BadPi' ? 'AuthError' : 'Unspecified';
  return {
    kind: 'end',
    processState: 'Failed',
    completionCode: status,
    statusDesc: STATUS_DESC[reason],
    schemeOut: hsResult(attempt, { status, reason }),
    state,
  };
}

/** The bank answered (steps 4–5 of §3.3.6): AB, T and the HS-Balance note; a receipt only when paid. */
export function bankAnswered(
  attempt: AwaitingPay,
  result: Extract<ClearingResult, { outcome: 'answered' }>,
  T: Buffer,
  state: BridgeState,
): BridgeOutcome {
  const schemeOut = hsResult(attempt, {
    status: result.status,
    ack: { AB: Buffer.from(result.AB, 'hex'), T },
  });
  const notes = [
    packagedContent(HS_BALANCE, encodeHsBalance({ C: attempt.C, balance: result.balance, cur: result.cur })),
  ];
  if (result.status === 'CompletedOk') {
    return {
      kind: 'end',
      processState: 'CompletedOk',
      statusDesc: 'Payment completed',
      schemeOut,
      notes,
      receiptNameRefs: [HS_PAY, HS_RESULT],
      state,
    };
  }
  return {
    kind: 'end',
    processState: 'Failed',
    completionCode: 'InsuffFunds',
    statusDesc: 'Insufficient funds',
    schemeOut,
    notes,
    state,
  };
}
