import type { BridgeOutcome, BridgeState } from '../../../common/src/payment-bridge';

/** Error Block answers (profile §3.3.7): no state change; the worker ends a known transaction on HardError. */
export const encapProtErr = (errorDesc: string): BridgeOutcome => ({
  kind: 'reject',
  errorCode: 'EncapProtErr',
  severity: 'HardError',
  errorDesc,
});

export const elInconsistent = (errorDesc: string, attName?: string): BridgeOutcome => ({
  kind: 'reject',
  errorCode: 'ElInconsistent',
  severity: 'HardError',
  errorDesc,
  ...(attName !== undefined ? { attName } : {}),
});

/** Cancel Block answers (recoverable: a new Payment Request may start a new attempt). */
export const refuse = (completionCode: string, statusDesc: string, state: BridgeState): BridgeOutcome => ({
  kind: 'refuse',
  completionCode,
  statusDesc,
  state,
});

/** The bank could not be asked; the wallet resends C2 unchanged and we retry the identical clearing. */
export const systemBusy = (errorDesc: string): BridgeOutcome => ({
  kind: 'transient',
  errorCode: 'SystemBusy',
  errorDesc,
  minRetrySecs: 5,
});
