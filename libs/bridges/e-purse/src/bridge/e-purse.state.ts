import type { BridgeState } from '@ph/bridges/common';

/**
 * What the bridge remembers between EP-DebitReq and EP-DebitRecord (public values only: the worker
 * records it in events). `awaiting-booking` adds the purse's record while the clearing centre's answer
 * to its booking is outstanding (the payment was suspended).
 */
export interface AwaitingRecord {
  readonly step: 'awaiting-record' | 'awaiting-booking';
  readonly idM: string;
  readonly purseId: string;
  readonly u: string;
  readonly cur: string;
  readonly txRef: string;
  /** nM in hex. */
  readonly nM: string;
  readonly seqM: string;
  /** ISO time the debit request was issued (nM expiry). */
  readonly issuedAt: string;
  /** The EP-DebitRecord text as received (only in awaiting-booking). */
  readonly record?: string;
}

const KEYS = ['idM', 'purseId', 'u', 'cur', 'txRef', 'nM', 'seqM', 'issuedAt'] as const;

export function readAwaitingRecord(state: BridgeState): AwaitingRecord | undefined {
  if (state.step !== 'awaiting-record' && state.step !== 'awaiting-booking') return undefined;
  for (const key of KEYS) if (typeof state[key] !== 'string') return undefined;
  if (state.step === 'awaiting-booking' && typeof state.record !== 'string') return undefined;
  return state as unknown as AwaitingRecord;
}

export const awaitingRecordState = (s: Omit<AwaitingRecord, 'step' | 'record'>): BridgeState => ({
  step: 'awaiting-record',
  ...s,
});

export const awaitingBookingState = (s: AwaitingRecord, record: string): BridgeState => ({
  ...awaitingFields(s),
  step: 'awaiting-booking',
  record,
});

/** The payment's last state: what was decided and about which record. */
export const endedState = (s: AwaitingRecord, result: string, seqC?: string): BridgeState => ({
  step: 'ended',
  idM: s.idM,
  purseId: s.purseId,
  txRef: s.txRef,
  seqM: s.seqM,
  ...(seqC !== undefined ? { seqC } : {}),
  result,
});

function awaitingFields(s: AwaitingRecord): Record<string, string> {
  return Object.fromEntries(KEYS.map((k) => [k, s[k]]));
}
