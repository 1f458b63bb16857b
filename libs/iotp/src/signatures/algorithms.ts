/** Profile §2.4.1: the URNs we emit, and the spellings we also accept (RFC 2801 vs RFC 2802). */
export const SHA256_URN = 'urn:fips:sha256';
export const DOM_HASH_URN = 'urn:ibm:dom-hash';
export const HMAC_URN = 'urn:ibm:hmac';
export const ECDSA_URN = 'urn:ansi-org:ecdsa';

export type AlgorithmKind = 'sha256' | 'dom-hash' | 'hmac' | 'ecdsa';

const ACCEPTED: Readonly<Record<string, AlgorithmKind>> = {
  [SHA256_URN]: 'sha256',
  'urn:nist-gov:sha256': 'sha256',
  [DOM_HASH_URN]: 'dom-hash',
  'urn:ibm-com:dom-hash': 'dom-hash',
  [HMAC_URN]: 'hmac',
  'urn:ietf-org:hmac': 'hmac',
  [ECDSA_URN]: 'ecdsa',
};

/** The kind of an accepted algorithm name; `undefined` for everything else (SHA-1, MD5, DSA, RSA, …). */
export const algorithmKind = (name: string): AlgorithmKind | undefined =>
  Object.prototype.hasOwnProperty.call(ACCEPTED, name) ? ACCEPTED[name] : undefined;

/** iotp-messages §5.12: the "IOTP Signature Type" attribute type, in any of its spellings. */
export const isSignatureTypeAttribute = (type: string): boolean =>
  /^iotp[\s_:-]*signature[\s_:-]*type$/i.test(type);

export const SIGNATURE_TYPE_ATTRIBUTE = 'IOTPSignatureType';
