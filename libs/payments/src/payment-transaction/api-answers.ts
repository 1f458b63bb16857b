import type { CallType, ErrorCode, ErrorLocation, ErrorResponse, Severity } from '@ph/payment-api';

/*
 * Small builders of Payment API values. payments imports only *types* from @ph/payment-api
 * (architecture §3), so it never loads the XML codec; the shapes are checked by those types.
 */

const NMTOKEN14 = /^[A-Za-z0-9._:-]{1,14}$/;

/** A bridge's error code as an API ErrorCode; anything that cannot be one becomes UnknownError. */
export const asErrorCode = (code: string): ErrorCode =>
  NMTOKEN14.test(code) ? (code as ErrorCode) : 'UnknownError';

/** RFC 3867 prose writes PaymCancelled; the IOTP wire spelling is PaymtCancelled (payment-api §5). */
export const wireCompletionCode = (code: string): string =>
  code === 'PaymCancelled' ? 'PaymtCancelled' : code;

export function errorResponseOf(
  code: ErrorCode,
  desc: string,
  severity: Severity,
  call: CallType,
  where: { attName?: string; elementRef?: string } = {},
  minRetrySecs?: number,
): ErrorResponse {
  const location: ErrorLocation = {
    ElementType: call,
    ...(where.elementRef !== undefined && { ElementRef: where.elementRef }),
    ...(where.attName !== undefined && { AttName: where.attName }),
  };
  return {
    ErrorCode: code,
    ErrorDesc: desc,
    Severity: severity,
    ...(minRetrySecs !== undefined && { MinRetrySecs: String(minRetrySecs) }),
    ErrorLocation: [location],
  };
}

/** BusError on the payment (§6.2: AttName PayId, ElementRef = the payment id). */
export const busErrorResponse = (call: CallType, payId: string, desc: string): ErrorResponse =>
  errorResponseOf('BusError', desc, 'HardError', call, { attName: 'PayId', elementRef: payId });

/** No payment with this id (§6.2 AttValIllegal/PayId). */
export const unknownPaymentResponse = (call: CallType, attName = 'PayId'): ErrorResponse =>
  errorResponseOf(
    'AttValIllegal',
    'Attribute value illegal. No payment with this identifier.',
    'HardError',
    call,
    {
      attName,
    },
  );
