/** Payment completion codes, StatusType="Payment" (RFC 2801 §7.16.2, iotp-messages §7.3). */
export const PAYMENT_COMPLETION_CODES = [
  'BrandNotSupp',
  'CurrNotSupp',
  'ConsCancelled',
  'PaymtCancelled',
  'AuthError',
  'InsuffFunds',
  'InstBrandInvalid',
  'InstNotValid',
  'BadInstrument',
  'Unspecified',
  'TimedOutRcvr',
  'TimedOutNoRcvr',
] as const;
export type PaymentCompletionCode = (typeof PAYMENT_COMPLETION_CODES)[number];

/** Any completion code on the wire: NMTOKEN ≤ 14 chars; schemes add their own (SET `PaymentDecl`). */
export type CompletionCode = PaymentCompletionCode | (string & {});

export const MAX_CODE_LENGTH = 14;

export interface PaymentCompletionCodeInfo {
  readonly meaning: string;
  /** §7.7: may the Consumer send a new Payment Request in the same transaction? */
  readonly recoverable: boolean;
  /** Legal only in a Cancel Block or an Inquiry Response (ConsCancelled, PaymtCancelled). */
  readonly cancelOrInquiryOnly?: true;
  /** Legal only in an Inquiry Response (the two time-out codes). */
  readonly inquiryOnly?: true;
}

export const PAYMENT_COMPLETION_CODE_INFO: Readonly<
  Record<PaymentCompletionCode, PaymentCompletionCodeInfo>
> = {
  BrandNotSupp: { meaning: 'Payment brand not supported.', recoverable: true },
  CurrNotSupp: { meaning: 'Currency not supported.', recoverable: true },
  ConsCancelled: { meaning: 'Consumer cancelled.', recoverable: false, cancelOrInquiryOnly: true },
  PaymtCancelled: { meaning: 'Payment handler cancelled.', recoverable: true, cancelOrInquiryOnly: true },
  // Per scheme supplement; none of ours allows a retry after a failed authentication check.
  AuthError: { meaning: 'Authentication error.', recoverable: false },
  InsuffFunds: { meaning: 'Insufficient funds.', recoverable: true },
  InstBrandInvalid: { meaning: 'Instrument not valid for brand.', recoverable: true },
  InstNotValid: { meaning: 'Instrument not valid for trade.', recoverable: true },
  BadInstrument: { meaning: 'Bad instrument.', recoverable: true },
  Unspecified: { meaning: 'Unspecified error.', recoverable: true },
  TimedOutRcvr: { meaning: 'Time out - recoverable.', recoverable: true, inquiryOnly: true },
  TimedOutNoRcvr: { meaning: 'Time out - not recoverable.', recoverable: false, inquiryOnly: true },
};

export const isPaymentCompletionCode = (v: string): v is PaymentCompletionCode =>
  (PAYMENT_COMPLETION_CODES as readonly string[]).includes(v);

/** RFC 3867 prose writes `PaymCancelled`; the IOTP wire uses `PaymtCancelled` (register #18). */
export const normaliseCompletionCode = (code: string): string =>
  code === 'PaymCancelled' ? 'PaymtCancelled' : code;

/**
 * Recovery decision of §7.7 / §10.9: unknown (scheme) codes are treated like `Unspecified`,
 * i.e. recoverable. `allowAuthErrorRetry` is the scheme supplement's say on `AuthError`.
 */
export const isRecoverablePaymentFailure = (code: string, allowAuthErrorRetry = false): boolean => {
  const c = normaliseCompletionCode(code);
  if (c === 'AuthError') return allowAuthErrorRetry;
  return isPaymentCompletionCode(c) ? PAYMENT_COMPLETION_CODE_INFO[c].recoverable : true;
};

/** Codes the PH may put in its Cancel Block right after a Payment Request (iotp-messages §7.4). */
export const PH_CANCEL_CODES = [
  'BrandNotSupp',
  'CurrNotSupp',
  'PaymtCancelled',
  'AuthError',
  'InsuffFunds',
  'InstBrandInvalid',
  'InstNotValid',
  'BadInstrument',
  'Unspecified',
] as const satisfies readonly PaymentCompletionCode[];

/** Other completion code lists, for parsing (iotp-messages §7.5, §7.6). */
export const OFFER_COMPLETION_CODES = [
  'AuthError',
  'ConsCancelled',
  'MerchCancelled',
  'Unspecified',
  'TimedOutRcvr',
  'TimedOutNoRcvr',
] as const;
export const DELIVERY_COMPLETION_CODES = [
  'PermNotAvail',
  'BackOrdered',
  'TempNotAvail',
  'ShipPending',
  'Shipped',
  'ShippedNoConf',
  'Confirmed',
  'ConsCancelled',
  'DelivCancelled',
  'Unspecified',
  'TimedOutRcvr',
  'TimedOutNoRcvr',
] as const;
export const AUTHENTICATION_COMPLETION_CODES = [
  'AutEeCancel',
  'AutOrCancel',
  'NoAuthReq',
  'AuthFailed',
  'TradRolesIncon',
  'Unspecified',
  'TimedOutRcvr',
  'TimedOutNoRcvr',
] as const;
/** StatusType="Undefined": the request block type could not be identified. */
export const UNDEFINED_COMPLETION_CODES = ['InMsgHardError'] as const;
/** Transaction Inquiry: the recipient declines to answer (used by us per iotp-messages §10.7). */
export const INQUIRY_COMPLETION_CODES = ['UnAuthReq'] as const;
