export {
  DOM_HASH_URN,
  ECDSA_URN,
  HMAC_URN,
  SHA256_URN,
  SIGNATURE_TYPE_ATTRIBUTE,
  algorithmKind,
  isSignatureTypeAttribute,
  type AlgorithmKind,
} from './algorithms';
export { resolveLocator, locatorHref, type LocatorTarget } from './locator';
export {
  parseSignature,
  type IotpSignature,
  type SignatureAlgorithm,
  type SignatureAttribute,
  type SignatureDigest,
  type SignatureParameter,
  type SignatureParseOutcome,
  type SignatureRecipient,
  type SignatureValue,
} from './signature';
export { signaturesAddressedTo, isAddressedTo } from './addressed-to';
export type { SignatureKeyLookup, SignatureSignKey, SignatureVerifyKey } from './keys';
export { computeSignatureValue, verifySignatureValue } from './signature-value';
export { verifyIotpSignature, type SignatureCheck, type SignatureVerification } from './verify-signature';
export { verifyOfferResponseSignature, type OfferResponseVerification } from './verify-offer-response';
export {
  buildSignature,
  type BuildSignatureInput,
  type DigestTarget,
  type IotpSignatureType,
} from './build-signature';
export { ecdsaP256Sign, p256PublicKeyFromPoint, p256PublicPoint } from './ecdsa-p256';
