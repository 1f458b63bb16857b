// Wallet sessions of the seed-003 schemes (profile §3.6, §3.7).
export {
  runSmsPayment,
  type RunSmsPaymentOptions,
  type SmsPaymentResult,
} from './sms-confirm/run-sms-payment';
export { SimulatedPhone, type SimulatedPhoneMessage } from './sms-confirm/sms-phone';
export {
  runIssuerMicroPayment,
  type IssuerMicroPaymentResult,
  type RunIssuerMicroPaymentOptions,
} from './issuer-micro/run-issuer-micro-payment';
export { SchemeSession, schemeResult, jsonContent, type SchemePaymentResult } from './session/scheme-session';
