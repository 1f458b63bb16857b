import type { ProcessState } from '@ph/payment-api';
import type { SchemeMessageDigest } from '../digest';
import type { BridgeState, SchemePackagedContent } from '../scheme-outcome';
import type { PaymentCommandType, PaymentStartContext } from './commands';

/*
 * The facts of one payment (architecture §4): past tense, one fact each, JSON-serialisable, never a
 * secret. Every event names the command that produced it, so the state can answer a redelivered
 * command from the stream alone.
 */
interface Caused {
  readonly commandId: string;
}

export interface PaymentStarted extends Caused {
  readonly type: 'PaymentStarted';
  readonly context: PaymentStartContext;
}

/** Inbound scheme data: names and digests only (the content may hold customer secrets). */
export interface SchemeMessageReceived extends Caused {
  readonly type: 'SchemeMessageReceived';
  readonly command: PaymentCommandType;
  /** 1-based count of scheme messages of the payment, received and sent. */
  readonly sequence: number;
  readonly messages: readonly SchemeMessageDigest[];
}

/** Outbound scheme data (our payloads hold no secrets) and the bridge's state after producing it. */
export interface SchemeMessageSent extends Caused {
  readonly type: 'SchemeMessageSent';
  readonly sequence: number;
  readonly contStatus: 'Continue' | 'End';
  readonly messages: readonly SchemePackagedContent[];
  readonly bridgeState: BridgeState;
}

export interface PaymentSuspended extends Caused {
  readonly type: 'PaymentSuspended';
  readonly reason: string;
  /**
   * Set when the bridge suspended the payment because the existing payment software did not answer in
   * time: the bridge's state for finding out what became of the request, and when a retry makes sense.
   * Absent when the AppCore suspended it (ChangeProcessState).
   */
  readonly bridgeState?: BridgeState;
  readonly retryAfterSecs?: number;
}

export interface PaymentResumed extends Caused {
  readonly type: 'PaymentResumed';
}

export interface PaymentCompleted extends Caused {
  readonly type: 'PaymentCompleted';
  readonly completionCode?: string;
  readonly statusDesc: string;
  /** Names of the PackagedContent elements forming the receipt (PayReceiptNameRefs). */
  readonly receiptNameRefs: readonly string[];
  /** PaymentNote contents (e.g. HS-Balance). */
  readonly notes: readonly SchemePackagedContent[];
}

export interface PaymentFailed extends Caused {
  readonly type: 'PaymentFailed';
  readonly completionCode: string;
  readonly statusDesc: string;
  /** scheme: the scheme ended with a business failure; refused: the bridge refused/aborted (Cancel Block); changeProcessState: the AppCore closed it. */
  readonly how: 'scheme' | 'refused' | 'changeProcessState';
  readonly notes: readonly SchemePackagedContent[];
}

export interface ProcessErrorRaised extends Caused {
  readonly type: 'ProcessErrorRaised';
  readonly statusDesc: string;
  readonly how: 'scheme' | 'changeProcessState';
}

/**
 * A ChangeProcessState/SuspendPayment that left a non-final payment unchanged (P17 declined, or a
 * state the call may not set). Recorded so a redelivery of that command cannot act later.
 */
export interface ProcessStateChangeDeclined extends Caused {
  readonly type: 'ProcessStateChangeDeclined';
  readonly requested: ProcessState;
  readonly actual: ProcessState;
}

export interface PaymentLogRemoved extends Caused {
  readonly type: 'PaymentLogRemoved';
}

export type PaymentEvent =
  | PaymentStarted
  | SchemeMessageReceived
  | SchemeMessageSent
  | PaymentSuspended
  | PaymentResumed
  | PaymentCompleted
  | PaymentFailed
  | ProcessErrorRaised
  | ProcessStateChangeDeclined
  | PaymentLogRemoved;
export type PaymentEventType = PaymentEvent['type'];

/** Schema version of each event type's data; bump and add an upcaster when a shape changes. */
export const PAYMENT_EVENT_SCHEMA_VERSIONS: Readonly<Record<PaymentEventType, number>> = {
  PaymentStarted: 1,
  SchemeMessageReceived: 1,
  SchemeMessageSent: 1,
  PaymentSuspended: 1,
  PaymentResumed: 1,
  PaymentCompleted: 1,
  PaymentFailed: 1,
  ProcessErrorRaised: 1,
  ProcessStateChangeDeclined: 1,
  PaymentLogRemoved: 1,
};

export const isPaymentEventType = (t: string): t is PaymentEventType => t in PAYMENT_EVENT_SCHEMA_VERSIONS;
