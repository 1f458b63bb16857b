export {
  runSetLikePayment,
  SetLikeSession,
  type RunSetLikePaymentOptions,
  type SetLikePaymentResult,
  type SetLikeSessionOptions,
} from './set-like-session';
