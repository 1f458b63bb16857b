import { PAYMENT_COMPLETION_CODES, type PaymentCompletionCode } from '@ph/iotp';

/**
 * Completion codes (payment-api §5): the twelve payment codes of RFC 2801 §7.16.2, the Offer code
 * MerchCancelled, and scheme codes such as SET's PaymentDecl. Spellings as on the IOTP wire.
 */
// One list of the twelve RFC 2801 codes for the whole project: the IOTP codec owns it.
export { PAYMENT_COMPLETION_CODES, type PaymentCompletionCode };

/** Used only by the Merchant role (RFC 2801 §7.16.1); never in a PH payment Status. */
export const OFFER_COMPLETION_CODES = ['MerchCancelled'] as const;
/** RFC 3538: SET business failure. */
export const SCHEME_COMPLETION_CODES = ['PaymentDecl'] as const;

export type KnownCompletionCode =
  PaymentCompletionCode | (typeof OFFER_COMPLETION_CODES)[number] | (typeof SCHEME_COMPLETION_CODES)[number];
/** Any NMTOKEN ≤ 14 chars is accepted (scheme supplements add codes); known ones autocomplete. */
export type CompletionCode = KnownCompletionCode | (string & {});

export type CompletionCodeWhere = 'PayResp' | 'Cancel' | 'Inquiry';
const ANY_BLOCK: readonly CompletionCodeWhere[] = ['PayResp', 'Cancel', 'Inquiry'];

/** Where each payment code may appear on the IOTP wire (§5 table). */
export const COMPLETION_CODE_WHERE: Readonly<Record<PaymentCompletionCode, readonly CompletionCodeWhere[]>> =
  {
    BrandNotSupp: ANY_BLOCK,
    CurrNotSupp: ANY_BLOCK,
    ConsCancelled: ['Cancel', 'Inquiry'],
    PaymtCancelled: ['Cancel', 'Inquiry'],
    AuthError: ANY_BLOCK,
    InsuffFunds: ANY_BLOCK,
    InstBrandInvalid: ANY_BLOCK,
    InstNotValid: ANY_BLOCK,
    BadInstrument: ANY_BLOCK,
    Unspecified: ANY_BLOCK,
    TimedOutRcvr: ['Inquiry'],
    TimedOutNoRcvr: ['Inquiry'],
  };

const NMTOKEN = /^[A-Za-z0-9._:-]{1,14}$/;

/** A completion code is an NMTOKEN of at most 14 characters. */
export const isCompletionCode = (s: string): boolean => NMTOKEN.test(s);

/** RFC 3867 prose writes PaymCancelled; the wire spelling is PaymtCancelled (accept the former on input). */
export const normalizeCompletionCode = (s: string): string => (s === 'PaymCancelled' ? 'PaymtCancelled' : s);

export const isPaymentCompletionCode = (s: string): s is PaymentCompletionCode =>
  (PAYMENT_COMPLETION_CODES as readonly string[]).includes(s);

/** Unknown codes are treated like Unspecified for recovery decisions (§5 [IMPL]). */
export const recoveryCodeOf = (s: string): PaymentCompletionCode =>
  isPaymentCompletionCode(s) ? s : 'Unspecified';
