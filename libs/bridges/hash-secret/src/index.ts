export { HashSecretBridge, HASH_SECRET_BRAND } from './bridge/hash-secret.bridge';
export { CHALLENGE_LIFETIME_MS } from './bridge/bridge-deps';
export {
  CLEARING_BANK,
  ClearingUnavailableError,
  type ClearingBank,
  type ClearingRejection,
  type ClearingRequest,
  type ClearingResult,
  type ClearingStatus,
} from './clearing/clearing-bank.port';
export {
  clearingRequestMac,
  signClearingRequest,
  verifyClearingRequest,
} from './clearing/clearing-request-mac';
export { ClearingWireError, parseClearingRequest, parseClearingResult } from './clearing/clearing-wire';
export { HttpClearingBank, type HttpClearingBankOptions } from './clearing/http-clearing-bank';
export {
  HashSecretConfig,
  HashSecretMerchant,
  type HashSecretMerchantSettings,
} from './config/hash-secret.config';
export { demoHashSecretConfig, DEMO_HASH_SECRET_MERCHANT } from './config/demo-hash-secret.config';
export { deriveKcb, deriveKcm, deriveS } from './crypto/keys';
export { lp, mac, sha256, type LpField } from './crypto/lp';
export {
  authC,
  authM,
  bankAck,
  confirmation,
  macEquals,
  paymentValue,
  receiptTicket,
  type AckStatus,
  type PaymentFields,
} from './crypto/macs';
export { PayloadError } from './payloads/payload-error';
export { decodeHsBalance, encodeHsBalance, HS_BALANCE, type HsBalance } from './payloads/hs-balance';
export {
  decodeHsChallenge,
  encodeHsChallenge,
  HS_CHALLENGE,
  type HsChallenge,
} from './payloads/hs-challenge';
export { decodeHsInit, encodeHsInit, HS_INIT, type HsInit } from './payloads/hs-init';
export { decodeHsPay, encodeHsPay, HS_PAY, type HsPay } from './payloads/hs-pay';
export {
  decodeHsResult,
  encodeHsResult,
  HS_RESULT,
  type HsResult,
  type HsResultReason,
  type HsResultStatus,
} from './payloads/hs-result';
export { packagedContent } from './payloads/packaged-content';
