export * from './bytes';
export * from './des';
export * from './mac';
export * from './emv';
export * from './pin';
export {
  Lmk,
  TEST_LMK_HEX,
  KEY_TYPES,
  SCHEME_LENGTH,
  parseKeyType,
  encryptUnderKek,
  decryptUnderKek,
  type KeyType,
  type KeyScheme,
} from './lmk';
