import type { ErrorCode, Severity } from '@ph/payment-api';

/** A command refused without any change to the stream; the worker answers with an ErrorResponse. */
export interface Rejection {
  readonly errorCode: ErrorCode;
  readonly severity: Severity;
  readonly desc: string;
  readonly attName?: string;
  readonly elementRef?: string;
  /** With TransientError. */
  readonly minRetrySecs?: number;
}

/** BusError: the payment's state forbids the call (§6.2); ErrorLocation AttName=PayId, ElementRef=the payment. */
export const busError = (payId: string | undefined, desc: string): Rejection => ({
  errorCode: 'BusError',
  severity: 'HardError',
  desc: `Business Error. ${desc}`,
  attName: 'PayId',
  ...(payId !== undefined && { elementRef: payId }),
});

/** P10: no payment with this id here (AttValIllegal on PayId, never the undefined AttValInvalid). */
export const unknownPayment: Rejection = {
  errorCode: 'AttValIllegal',
  severity: 'HardError',
  desc: 'Attribute value illegal. No payment with this identifier.',
  attName: 'PayId',
};
