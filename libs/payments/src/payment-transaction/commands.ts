import type { ProcessState } from '@ph/payment-api';
import type { SchemeMessageDigest } from '../digest';
import type { SchemeOutcome } from '../scheme-outcome';

/** Facts of the Payment Request that the payment is started with (no clock: time travels in metadata). */
export interface PaymentStartContext {
  /** PaymentHandlerPayId. */
  readonly payId: string;
  readonly iotpTransId: string;
  readonly brandId: string;
  readonly protocolId: string;
  readonly protocolBrandId: string;
  /** CurrencyAmount/@Amount exactly as received (decimal string). */
  readonly amount: string;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
  readonly merchantOrgId: string;
  readonly consumerPaymentId?: string;
  /** The IOTP Payment ID (Payment/@ID, PaySchemeData/@PaymentRef). */
  readonly paymentRef: string;
}

/*
 * Commands are issued by the payment worker after it called the scheme bridge, so those that
 * reach the bridge carry its outcome. commandId: the inbound IOTP MsgId key, Payment API call id or
 * operator command id; a redelivered command has the same id.
 */

/** StartPaymentPaymentHandler (P2–P5). */
export interface StartPayment {
  readonly type: 'StartPayment';
  readonly commandId: string;
  readonly context: PaymentStartContext;
  readonly schemeIn: readonly SchemeMessageDigest[];
  readonly outcome: SchemeOutcome;
}

/** ContinueProcess (P6–P9). */
export interface ContinuePayment {
  readonly type: 'ContinuePayment';
  readonly commandId: string;
  readonly schemeIn: readonly SchemeMessageDigest[];
  readonly outcome: SchemeOutcome;
}

/** Suspension by the PH itself, e.g. the janitor after a time-out (P11). */
export interface SuspendPayment {
  readonly type: 'SuspendPayment';
  readonly commandId: string;
  readonly reason: string;
}

/** ResumePaymentPaymentHandler (P12–P14, P19). */
export interface ResumePayment {
  readonly type: 'ResumePayment';
  readonly commandId: string;
  readonly outcome: SchemeOutcome;
  /** The PaySchemePackagedContent of the request, if any. */
  readonly schemeIn?: readonly SchemeMessageDigest[];
}

/** ChangeProcessState (P11, P15–P18). */
export interface ChangeProcessState {
  readonly type: 'ChangeProcessState';
  readonly commandId: string;
  readonly target: ProcessState;
  readonly completionCode?: string;
  readonly statusDesc?: string;
}

/** RemovePaymentLog (P20). */
export interface RemovePaymentLog {
  readonly type: 'RemovePaymentLog';
  readonly commandId: string;
}

export type PaymentCommand =
  StartPayment | ContinuePayment | SuspendPayment | ResumePayment | ChangeProcessState | RemovePaymentLog;
export type PaymentCommandType = PaymentCommand['type'];
