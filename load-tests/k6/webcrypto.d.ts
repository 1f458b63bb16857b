// The part of the Web Crypto API that load-tests/k6/set-like.js uses, as k6 (≥ 1.0) provides it as the
// global `crypto` (https://grafana.com/docs/k6/latest/javascript-api/crypto/). @types/k6 2.x does not
// declare it and this project's tsconfig has no DOM lib, so the subset is declared here: the k6 type
// check then still catches a wrong algorithm name, key format or argument order.
export {};

declare global {
  type K6BufferSource = ArrayBuffer | ArrayBufferView;
  type K6KeyUsage =
    'encrypt' | 'decrypt' | 'sign' | 'verify' | 'deriveKey' | 'deriveBits' | 'wrapKey' | 'unwrapKey';
  type K6NamedCurve = 'P-256' | 'P-384' | 'P-521';
  type K6Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

  interface K6CryptoKey {
    readonly type: 'public' | 'private' | 'secret';
    readonly extractable: boolean;
    readonly algorithm: object;
    readonly usages: K6KeyUsage[];
  }
  interface K6CryptoKeyPair {
    readonly publicKey: K6CryptoKey;
    readonly privateKey: K6CryptoKey;
  }
  interface K6JsonWebKey {
    kty?: string;
    crv?: string;
    x?: string;
    y?: string;
    d?: string;
    k?: string;
    ext?: boolean;
    key_ops?: string[];
  }
  interface K6EcKeyParams {
    name: 'ECDSA' | 'ECDH';
    namedCurve: K6NamedCurve;
  }
  interface K6EcdsaParams {
    name: 'ECDSA';
    hash: K6Hash | { name: K6Hash };
  }
  interface K6EcdhKeyDeriveParams {
    name: 'ECDH';
    public: K6CryptoKey;
  }
  interface K6AesGcmParams {
    name: 'AES-GCM';
    iv: K6BufferSource;
    additionalData?: K6BufferSource;
    tagLength?: 32 | 64 | 96 | 104 | 112 | 120 | 128;
  }

  interface K6SubtleCrypto {
    digest(algorithm: K6Hash | { name: K6Hash }, data: K6BufferSource): Promise<ArrayBuffer>;
    generateKey(
      algorithm: K6EcKeyParams,
      extractable: boolean,
      keyUsages: K6KeyUsage[],
    ): Promise<K6CryptoKeyPair>;
    importKey(
      format: 'jwk',
      keyData: K6JsonWebKey,
      algorithm: K6EcKeyParams,
      extractable: boolean,
      keyUsages: K6KeyUsage[],
    ): Promise<K6CryptoKey>;
    importKey(
      format: 'raw' | 'spki' | 'pkcs8',
      keyData: K6BufferSource,
      algorithm: K6EcKeyParams | { name: 'AES-GCM' | 'AES-CBC' | 'AES-CTR' | 'AES-KW' },
      extractable: boolean,
      keyUsages: K6KeyUsage[],
    ): Promise<K6CryptoKey>;
    exportKey(format: 'jwk', key: K6CryptoKey): Promise<K6JsonWebKey>;
    exportKey(format: 'raw' | 'spki' | 'pkcs8', key: K6CryptoKey): Promise<ArrayBuffer>;
    sign(algorithm: K6EcdsaParams, key: K6CryptoKey, data: K6BufferSource): Promise<ArrayBuffer>;
    verify(
      algorithm: K6EcdsaParams,
      key: K6CryptoKey,
      signature: K6BufferSource,
      data: K6BufferSource,
    ): Promise<boolean>;
    deriveBits(algorithm: K6EcdhKeyDeriveParams, baseKey: K6CryptoKey, length: number): Promise<ArrayBuffer>;
    encrypt(algorithm: K6AesGcmParams, key: K6CryptoKey, data: K6BufferSource): Promise<ArrayBuffer>;
  }

  // eslint-disable-next-line no-var
  var crypto: {
    readonly subtle: K6SubtleCrypto;
    getRandomValues<T extends ArrayBufferView>(array: T): T;
    randomUUID(): string;
  };
}
