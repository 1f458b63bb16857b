import type { BridgeOutcome, BridgeState } from './payment-bridge';

/** The scheme data could not be decoded: Error Block, no state change (profile §3.3.7, schemes.md). */
export const encapProtErr = (errorDesc: string): BridgeOutcome => ({
  kind: 'reject',
  errorCode: 'EncapProtErr',
  severity: 'HardError',
  errorDesc,
});

/** The scheme data contradicts the payment (amount, ids, brand): Error Block, no state change. */
export const elInconsistent = (errorDesc: string, attName?: string): BridgeOutcome => ({
  kind: 'reject',
  errorCode: 'ElInconsistent',
  severity: 'HardError',
  errorDesc,
  ...(attName !== undefined ? { attName } : {}),
});

/** The PH refuses or aborts the payment: Cancel Block (recoverable: a new Payment Request may follow). */
export const refuse = (completionCode: string, statusDesc: string, state: BridgeState): BridgeOutcome => ({
  kind: 'refuse',
  completionCode,
  statusDesc,
  state,
});

/** The existing payment software could not be asked: SystemBusy; the retransmission retries the same call. */
export const systemBusy = (errorDesc: string): BridgeOutcome => ({
  kind: 'transient',
  errorCode: 'SystemBusy',
  errorDesc,
  minRetrySecs: 5,
});

/**
 * The existing payment software did not answer in time after the request went out: it may have acted.
 * The payment is Suspended; a resumption asks again (the retransmitted request is idempotent there).
 */
export const suspend = (reason: string, state: BridgeState, minRetrySecs = 5): BridgeOutcome => ({
  kind: 'suspend',
  reason,
  state,
  minRetrySecs,
});
