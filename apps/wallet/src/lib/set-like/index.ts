export {
  runSetLikePayment,
  SetLikeSession,
  type ChipStep,
  type RunSetLikePaymentOptions,
  type SetLikePaymentResult,
  type SetLikeSessionOptions,
} from './set-like-session';
export { chipFile, loadChipCard, saveChipCard } from './chip-file';
