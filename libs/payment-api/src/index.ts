export { PAYMENT_API_NAMESPACE } from './codes/namespace';
export {
  PROCESS_STATES,
  FINAL_PROCESS_STATES,
  isFinalProcessState,
  reportedToCounterParty,
  type ProcessState,
  type FinalState,
} from './codes/process-state';
export { CONT_STATUSES, type ContStatus } from './codes/cont-status';
export {
  PAYMENT_COMPLETION_CODES,
  OFFER_COMPLETION_CODES,
  SCHEME_COMPLETION_CODES,
  COMPLETION_CODE_WHERE,
  isCompletionCode,
  isPaymentCompletionCode,
  normalizeCompletionCode,
  recoveryCodeOf,
  type CompletionCode,
  type CompletionCodeWhere,
  type KnownCompletionCode,
  type PaymentCompletionCode,
} from './codes/completion-code';
export {
  ERROR_CODES,
  SEVERITIES,
  TRANSIENT_ONLY_CODES,
  API_ONLY_CODES,
  forwardedErrorCode,
  isErrorCode,
  type ErrorCode,
  type ForwardingContext,
  type Severity,
} from './codes/error-code';
export {
  CALL_TYPES,
  ROLE_CALLS,
  PAYMENT_HANDLER_CALLS,
  isCallType,
  roleImplements,
  type CallType,
  type Requirement,
  type Role,
} from './codes/roles';
export { PACKAGED_CONTENT_DEFAULTS, type PackagedContent } from './schema/packaged-content';
export { ELEMENT_SPECS, type ElementName } from './schema/elements';
export type * from './calls/call-types';
export type { IotpPaymentApiRequest, IotpPaymentApiResponse } from './envelope/envelope';
export { encodePaymentApiRequest, encodePaymentApiResponse, PaymentApiEncodeError } from './envelope/encode';
export { decodePaymentApiRequest, decodePaymentApiResponse, MAX_ENVELOPE_LENGTH } from './envelope/decode';
export type { DecodeResult, PaymentApiDecodeError } from './envelope/decode-error';
export {
  busError,
  decodeErrorResponse,
  errorAt,
  errorResponse,
  makeErrorResponse,
  notPaymentHandlerCall,
  transientErrorResponse,
  unknownPayment,
  warningResponse,
  type ErrorLocations,
} from './errors/error-response';
export { paymentApiWireCodec, UndecodableEnvelopeError } from './envelope/wire-codec';
