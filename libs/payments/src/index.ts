export type { SchemePackagedContent, BridgeState, FinalProcessState, SchemeOutcome } from './scheme-outcome';
export { paymentStream, PAYMENT_STREAM_PREFIX } from './stream';
export { uuidV5, DNS_NAMESPACE, PAYMENT_EVENT_NAMESPACE } from './uuid-v5';
export { digestOf, digestSchemeIn, type SchemeMessageDigest } from './digest';
export type {
  PaymentCommand,
  PaymentCommandType,
  PaymentStartContext,
  StartPayment,
  ContinuePayment,
  SuspendPayment,
  ResumePayment,
  ChangeProcessState,
  RemovePaymentLog,
} from './payment-transaction/commands';
export {
  PAYMENT_EVENT_SCHEMA_VERSIONS,
  isPaymentEventType,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentStarted,
  type SchemeMessageReceived,
  type SchemeMessageSent,
  type PaymentSuspended,
  type PaymentResumed,
  type PaymentCompleted,
  type PaymentFailed,
  type ProcessErrorRaised,
  type ProcessStateChangeDeclined,
  type PaymentLogRemoved,
} from './payment-transaction/events';
export { initialState, type PaymentTransactionState, type RecordedReply } from './payment-transaction/state';
export { evolve } from './payment-transaction/evolve';
export { fold } from './payment-transaction/fold';
export {
  decide,
  precheck,
  stateReply,
  type Decision,
  type PrecheckInput,
} from './payment-transaction/decide';
export { busError, unknownPayment, type Rejection } from './payment-transaction/rejection';
export {
  ALLOWED_FROM,
  isAllowedFrom,
  isFinal,
  isPending,
  reportedState,
} from './payment-transaction/transitions';
export { CALL_OF_COMMAND, rejectionResponse, replyFor, responseForReply } from './payment-transaction/reply';
export {
  checkPaymentReceipt,
  expandPaymentReceipt,
  inquirePaymentStatus,
  inquirePendingPayment,
  inquireProcessState,
  paymentNotes,
  receiptItems,
  verifyReceipt,
} from './payment-transaction/queries';
export {
  fromStoredEvent,
  paymentEventId,
  toNewEvents,
  UnknownPaymentEventError,
  type PaymentEventMeta,
  type PaymentNewEvent,
} from './payment-transaction/to-new-events';
