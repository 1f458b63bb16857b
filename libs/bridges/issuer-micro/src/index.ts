export { IssuerMicroBridge, ISSUER_MICRO_BRAND } from './issuer-micro.bridge';
export {
  demoIssuerMicroConfig,
  demoKmio,
  DEMO_MICRO_MERCHANT,
  type IssuerMicroConfig,
} from './issuer-micro.config';
export {
  IssuerUnavailableError,
  signMicroAuthRequest,
  signMicroAuthResponse,
  verifyMicroAuthRequest,
  verifyMicroAuthResponse,
  type IssuerOperator,
  type MicroAuthRequest,
  type MicroAuthResponse,
  type MicroDeclineReason,
} from './issuer-operator.port';
export { HttpIssuerOperator, type HttpIssuerOperatorOptions } from './http-issuer-operator';
export {
  CARD_REF,
  decodeMpAuth,
  decodeMpResult,
  encodeMpAuth,
  encodeMpResult,
  MP_AUTH,
  MP_RESULT,
  type MpResult,
  type MpStatus,
} from './messages';
export { MicroPayloadError, packagedContent } from './payload';
