import type { ContStatus, ErrorCode, ProcessState } from '@ph/payment-api';
import type { SchemeMessageDigest } from '../digest';
import type { BridgeState, SchemePackagedContent } from '../scheme-outcome';
import type { PaymentCommandType, PaymentStartContext } from './commands';

/** What the answer to a handled command was, rebuilt from its events (idempotency, architecture §4). */
export interface RecordedReply {
  readonly command: PaymentCommandType;
  /** The state the call left the payment in (the real one; Suspended is not hidden here). */
  readonly processState: ProcessState;
  readonly contStatus?: ContStatus;
  readonly schemeOut?: readonly SchemePackagedContent[];
  readonly completionCode?: string;
  readonly statusDesc?: string;
  /** Set when the call was answered with an error although it changed the payment (a refusal). */
  readonly error?: { readonly errorCode: ErrorCode; readonly desc: string };
  /**
   * Set when the call ended with the bridge suspending the payment (no answer from the existing payment
   * software): answered SystemBusy, and not replayed while the payment stays Suspended — a reissued
   * Resume asks the bridge again.
   */
  readonly suspended?: { readonly reason: string; readonly minRetrySecs: number };
  /** How many times this call ended in a suspension: re-executions get fresh event ids. */
  readonly suspensions?: number;
}

export interface PaymentTransactionState {
  /** false until PaymentStarted: the payment does not exist (P10). */
  readonly exists: boolean;
  readonly payId?: string;
  readonly context?: PaymentStartContext;
  readonly startCommandId?: string;
  readonly processState: ProcessState;
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly bridgeState: BridgeState;
  /** Scheme messages received and sent so far. */
  readonly messageCount: number;
  readonly received: readonly SchemeMessageDigest[];
  readonly sent: readonly SchemePackagedContent[];
  readonly receiptNameRefs: readonly string[];
  readonly notes: readonly SchemePackagedContent[];
  /** RemovePaymentLog was accepted: the log may be purged, the payment is no longer known. */
  readonly removed: boolean;
  readonly handled: Readonly<Record<string, RecordedReply>>;
}

export const initialState: PaymentTransactionState = {
  exists: false,
  processState: 'NotYetStarted',
  bridgeState: {},
  messageCount: 0,
  received: [],
  sent: [],
  receiptNameRefs: [],
  notes: [],
  removed: false,
  handled: {},
};
