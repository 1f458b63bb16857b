// The public surface of @ph/iotp: code lists, the hardened XML codec, DOM-HASH, typed blocks, builders, signatures.
export * from './codes';
export * from './xml';
export * from './dom-hash';
export * from './blocks';
export * from './builders';
export * from './signatures';
