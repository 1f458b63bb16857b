// The wallet library: a Consumer (and demo Merchant) that runs IOTP payments against any PH gateway.
export {
  IotpHttpClient,
  IotpTransportError,
  sharedClient,
  type IotpHttpAnswer,
} from './http/iotp-http-client';
export { readAnswer, answerMsgId, type IotpAnswer, type AnswerKind } from './iotp/answer';
export { buildInquiryRequest, type InquiryRequestSpec } from './iotp/inquiry-request';
export type { InquiryOutcome } from './iotp/inquiry-outcome';
export { WALLET_SOFTWARE_ID } from './iotp/consumer-messages';
export {
  DemoMerchant,
  type DemoMerchantOptions,
  type OfferRequest,
  type SignedOffer,
} from './merchant/demo-merchant';
export {
  DEMO_MERCHANT_KEY_HEX,
  DEMO_MERCHANT_KEY_ID,
  DEMO_MERCHANT_ORG_ID,
  PH_ORG_ID,
} from './merchant/demo-merchant-profile';
export { KNOWN_BRANDS, DEFAULT_BRAND, type OfferBrandChoice } from './merchant/offer-brands';
export { verifyReceiptSignature, type ReceiptSignatureInput } from './merchant/receipt-signature';
export {
  checkChallengeExchange,
  type ChallengeContext,
  type ChallengeOutcome,
} from './hash-secret/challenge-check';
export {
  checkPaymentResponse,
  type ResponseCheck,
  type ResponseCheckInput,
} from './hash-secret/receipt-check';
export type { HsPayFields, HsPayOptions, HsPayTamper } from './hash-secret/hs-pay-variants';
export {
  PaymentSession,
  WalletUsageError,
  type InquiryOptions,
  type PaymentRequestOptions,
  type PaymentSessionOptions,
} from './session/payment-session';
export type { PaymentResult } from './session/payment-result';
export type { SessionStep } from './session/session-step';
export { runPayment, type RunPaymentOptions } from './session/run-payment';
export { inquireTransaction, type InquireTransactionOptions } from './session/inquire-transaction';
export { ping, type PingOutcome } from './session/ping';
export { signedPing, type SignedPingOutcome } from './session/signed-ping';
export { demoCredentials, HashSecretCredentials } from '../schemes/hash-secret';
export { runSetLikePayment, SetLikeSession, type SetLikePaymentResult } from './set-like';
