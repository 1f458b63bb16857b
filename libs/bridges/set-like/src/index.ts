export { SetLikeBridge, SET_LIKE_BRANDS, SET_PROTOCOL_ID } from './bridge/set-like.bridge';
export { SetLikeConfig, demoSetLikeConfig, type SetLikeConfigSettings } from './bridge/set-like.config';
export {
  AcquirerRefusedError,
  AcquirerUnavailableError,
  type AcquirerGateway,
} from './acquirer/acquirer.port';
export type {
  AuthCode,
  AuthReq,
  AuthRes,
  AuthRevReq,
  AuthRevRes,
  CapCode,
  CapReq,
  CapRes,
  CapStatus,
  TransIds,
  XidStatus,
} from './acquirer/acquirer-wire';
export { HttpAcquirer, type HttpAcquirerOptions } from './acquirer/http-acquirer';
export { canonicalJson, canonicalBytes } from './crypto/jcs';
export {
  b64u,
  devKeyPair,
  digestOf,
  dualSignatureInput,
  sha256,
  signBytes,
  signObject,
  verifyBytes,
  verifyObject,
  type PublicJwk,
  type SigMember,
} from './crypto/es256';
export { jweDecrypt, jweEncrypt, JweError, type JweHeader } from './crypto/jwe';
export {
  acctHash,
  issueCredential,
  thumbprint,
  verifyCredential,
  type Credential,
} from './crypto/credentials';
export {
  DEV_CA,
  DEV_CA_PUBLIC,
  devGatewayKexKey,
  devGatewaySigKey,
  devMerchantKey,
  type KeyWithCredential,
} from './crypto/dev-keys';
export { ISO4217_NUMERIC, readPurchAmt, samePurchAmt, toPurchAmt, type PurchAmt } from './messages/purch-amt';
export {
  decodeSetPayload,
  encodeSetPayload,
  PRES_NAME,
  SET_CONTENT,
  SET_TRANSFORM,
  SETLIKE_VERSION,
  SetPayloadError,
} from './messages/payload';
export {
  decodePInitReq,
  decodePReq,
  type OIData,
  type PInitReq,
  type PInitRes,
  type PReq,
  type PRes,
} from './messages/set-messages';
