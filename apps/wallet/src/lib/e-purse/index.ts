export {
  EPurseSession,
  runEPursePayment,
  type EPursePaymentResult,
  type EPurseSessionOptions,
  type RecordTamper,
  type RunEPursePaymentOptions,
} from './e-purse-session';
export { loadPurse, purseFile, savePurse } from './purse-file';
