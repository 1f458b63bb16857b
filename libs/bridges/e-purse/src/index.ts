export { EPurseBridge, EPURSE_BRAND } from './bridge/e-purse.bridge';
export {
  demoEPurseConfig,
  DEFAULT_NONCE_LIFETIME_MS,
  DEMO_EPURSE_MERCHANT,
  DEMO_MERCHANT_CARD,
  type EPurseConfig,
} from './bridge/e-purse.config';
export { DECLINES, type DeclineReason } from './bridge/payment-response';
export type { MerchantSam } from './sam/merchant-sam.port';
export { SamUnavailableError } from './sam/merchant-sam.port';
export { HsmMerchantSam } from './sam/hsm-merchant-sam';
export type { HsmConnectionOptions } from '@ph/hsm-client';
export {
  ClearingCentreTimeoutError,
  ClearingCentreUnavailableError,
  type ClearingCentre,
} from './clearing/clearing-centre.port';
export { HttpClearingCentre, type HttpClearingCentreOptions } from './clearing/http-clearing-centre';
export type {
  BookRecordRequest,
  BookRejection,
  BookResult,
  CutRejection,
  CutRequest,
  CutResult,
  DebitRecordWire,
  OpenPurchaseRequest,
  OpenPurchaseResult,
  PurseRefusal,
  RecordStatus,
} from './clearing/clearing-centre-wire';
export { creditedInput, debitInput, debitReqInput } from './crypto/mac-inputs';
export { devPurseKey, lp, macEquals, purseMac, sha256, PURSE_MAC_BYTES } from './crypto/purse-mac';
export { PayloadError } from './payloads/payload-error';
export { CARD_ID, SEQUENCE } from './payloads/fields';
export { decodeEpHello, encodeEpHello, EP_HELLO, type EpHello } from './payloads/ep-hello';
export { decodeEpDebitReq, encodeEpDebitReq, EP_DEBIT_REQ, type EpDebitReq } from './payloads/ep-debit-req';
export {
  decodeEpDebitRecord,
  encodeEpDebitRecord,
  EP_DEBIT_RECORD,
  type EpDebitRecord,
} from './payloads/ep-debit-record';
export {
  decodeEpCreditConf,
  encodeEpCreditConf,
  EP_CREDIT_CONF,
  type EpCreditConf,
} from './payloads/ep-credit-conf';
export { decodeEpResult, encodeEpResult, EP_RESULT, type EpResult } from './payloads/ep-result';
export { packagedContent, payloadBytes, PAYLOAD_CONTENT, PAYLOAD_TRANSFORM } from './payloads/json-payload';
