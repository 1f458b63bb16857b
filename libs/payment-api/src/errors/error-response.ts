import type { ErrorLocation, ErrorResponse } from '../calls/call-types';
import { TRANSIENT_ONLY_CODES, type ErrorCode, type Severity } from '../codes/error-code';
import type { CallType } from '../codes/roles';
import { ROLE_CALLS } from '../codes/roles';
import type { PaymentApiDecodeError } from '../envelope/decode-error';
import type { IotpPaymentApiResponse } from '../envelope/envelope';

/** At least one ErrorLocation is mandatory (payment-api §2.3). */
export type ErrorLocations = readonly [ErrorLocation, ...ErrorLocation[]];

/** An ErrorLocation as the IPB fills it: IotpMsgRef/BlkRef/CompRef stay empty on purpose (§2.3). */
export const errorAt = (
  elementType: string,
  where: { attName?: string; elementRef?: string } = {},
): ErrorLocation => ({
  ElementType: elementType,
  ...(where.elementRef !== undefined && { ElementRef: where.elementRef }),
  ...(where.attName !== undefined && { AttName: where.attName }),
});

/**
 * An ErrorResponse. Severity defaults to HardError, or TransientError (with MinRetrySecs, default
 * 1 s) for the codes that only exist as transient errors (SystemBusy, MsgBeingProc).
 */
export function errorResponse(code: ErrorCode, desc: string, ...locations: ErrorLocations): ErrorResponse {
  const severity: Severity = TRANSIENT_ONLY_CODES.includes(code) ? 'TransientError' : 'HardError';
  return makeErrorResponse(code, desc, severity, locations, severity === 'TransientError' ? 1 : undefined);
}

/** A TransientError: the AppCore re-sends the request after at least `minRetrySecs` whole seconds. */
export const transientErrorResponse = (
  code: ErrorCode,
  desc: string,
  minRetrySecs: number,
  location: ErrorLocation,
): ErrorResponse => makeErrorResponse(code, desc, 'TransientError', [location], minRetrySecs);

/** A Warning; the response may carry a result next to it (§2.2). */
export const warningResponse = (code: ErrorCode, desc: string, ...locations: ErrorLocations): ErrorResponse =>
  makeErrorResponse(code, desc, 'Warning', locations);

export function makeErrorResponse(
  code: ErrorCode,
  desc: string,
  severity: Severity,
  locations: readonly ErrorLocation[],
  minRetrySecs?: number,
): ErrorResponse {
  if (code.length > 14) throw new RangeError(`ErrorCode ${code} is longer than 14 characters`);
  if (locations.length === 0) throw new RangeError('an ErrorResponse needs at least one ErrorLocation');
  if (minRetrySecs !== undefined && (!Number.isInteger(minRetrySecs) || minRetrySecs < 0)) {
    throw new RangeError('MinRetrySecs is a whole number of seconds');
  }
  return {
    ErrorCode: code,
    ErrorDesc: desc,
    Severity: severity,
    ...(minRetrySecs !== undefined && { MinRetrySecs: String(minRetrySecs) }),
    ErrorLocation: locations,
  };
}

/** BusError: a request refused because of the payment's state; points at PayId = the payment (§6.2). */
export const busError = (elementType: string, payId: string, desc: string): ErrorResponse =>
  errorResponse('BusError', desc, errorAt(elementType, { attName: 'PayId', elementRef: payId }));

/** The standard answer for a payment that does not exist here (§6.2 AttValIllegal/PayId; never AttValInvalid). */
export const unknownPayment = (elementType: string, attName = 'PayId'): ErrorResponse =>
  errorResponse(
    'AttValIllegal',
    'Attribute value illegal. No payment with this identifier.',
    errorAt(elementType, { attName }),
  );

/**
 * The answer of the Payment Handler to a call that is not in its column of RFC 3867 Table 1 (§1.4).
 * The spec prescribes it: every IPB must at least answer `ReqNotSupp` for calls it does not
 * implement (payment-api §7 common errors, §11 "everything else answers ReqNotSupp"). HardError:
 * re-sending cannot help. ReqNotSupp is API-only and is mapped to UnknownError if ever forwarded.
 */
export function notPaymentHandlerCall(callType: CallType): ErrorResponse {
  const roles = Object.keys(ROLE_CALLS[callType]).join(', ') || 'no role';
  return errorResponse(
    'ReqNotSupp',
    `Function not supported. ${callType} is not a Payment Handler call (implemented by: ${roles}).`,
    errorAt(callType),
  );
}

/** An ErrorResponse envelope for an input the codec could not read. */
export const decodeErrorResponse = (error: PaymentApiDecodeError): IotpPaymentApiResponse => ({
  ErrorResponse: errorResponse(error.errorCode, error.desc, error.location),
});
