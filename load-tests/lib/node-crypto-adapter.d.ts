import type { SetCrypto } from './iotp-set-like.js';

/** node:crypto (passed in as the module object) in the shape of SetCrypto (which includes InjectedCrypto). */
export function nodeCryptoAdapter(nodeCrypto: typeof import('node:crypto')): SetCrypto;
