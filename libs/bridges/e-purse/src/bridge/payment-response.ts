import type { BridgeOutcome, BridgeState } from '@ph/bridges/common';
import { encodeEpCreditConf, EP_CREDIT_CONF } from '../payloads/ep-credit-conf';
import { EP_DEBIT_RECORD } from '../payloads/ep-debit-record';
import { encodeEpResult, EP_RESULT } from '../payloads/ep-result';
import { packagedContent } from '../payloads/json-payload';
import type { AwaitingRecord } from './e-purse.state';

/** Why a purse record was not credited, with its completion code (schemes.md §1.6, profile §3.5). */
export const DECLINES = {
  BadMacC: { code: 'AuthError', desc: 'purse authentication failed' },
  SeqReplayed: { code: 'Unspecified', desc: 'card record already used' },
  UnknownNonce: { code: 'Unspecified', desc: 'payment session unknown' },
  NonceExpired: { code: 'Unspecified', desc: 'payment session expired' },
  UnknownPurchase: { code: 'Unspecified', desc: 'purchase unknown to the clearing centre' },
  CardBlocked: { code: 'BadInstrument', desc: 'purse card blocked' },
  CardExpired: { code: 'BadInstrument', desc: 'purse card expired' },
  UnknownCard: { code: 'BadInstrument', desc: 'purse card unknown to the issuer' },
} as const;

export type DeclineReason = keyof typeof DECLINES;

/** The record was credited: EP-CreditConf; receipt = the purse's record and the confirmation. */
export function credited(s: AwaitingRecord, mac: Buffer, state: BridgeState): BridgeOutcome {
  return {
    kind: 'end',
    processState: 'CompletedOk',
    statusDesc: 'Payment completed',
    schemeOut: [
      packagedContent(EP_CREDIT_CONF, encodeEpCreditConf({ idM: s.idM, seqM: s.seqM, txRef: s.txRef, mac })),
    ],
    receiptNameRefs: [EP_DEBIT_RECORD, EP_CREDIT_CONF],
    state,
  };
}

/** A business failure: Payment Response Failed + code, EP-Result names the reason; no receipt. */
export function declined(s: AwaitingRecord, reason: DeclineReason, state: BridgeState): BridgeOutcome {
  const { code, desc } = DECLINES[reason];
  return {
    kind: 'end',
    processState: 'Failed',
    completionCode: code,
    statusDesc: desc,
    schemeOut: [packagedContent(EP_RESULT, encodeEpResult({ txRef: s.txRef, status: code, reason }))],
    state,
  };
}
