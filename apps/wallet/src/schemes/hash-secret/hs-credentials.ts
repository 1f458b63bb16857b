import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

const CUSTOMER_ID = /^[A-Za-z0-9._-]{1,32}$/;

/**
 * What the customer holds (seed 002): id C, the typed secret p and the "diskette" random r, plus her
 * bank B. p and r sit in private fields: JSON, inspect and log lines show only C and B.
 */
export class HashSecretCredentials {
  readonly #p: string;
  readonly #r: Buffer;

  constructor(
    readonly customerId: string,
    p: string,
    r: Buffer,
    readonly bankId: string = 'demo-bank.example',
  ) {
    if (!CUSTOMER_ID.test(customerId)) throw new Error('invalid customer id');
    if (r.byteLength !== 32) throw new Error('r must be 32 bytes');
    this.#p = p;
    this.#r = Buffer.from(r);
  }

  /** The secrets, for the key derivation only. */
  secrets(): { readonly p: string; readonly r: Buffer } {
    return { p: this.#p, r: this.#r };
  }

  toJSON(): object {
    return { customerId: this.customerId, bankId: this.bankId };
  }

  [inspect.custom](): string {
    return `HashSecretCredentials ${JSON.stringify(this.toJSON())}`;
  }
}

/** Demo customers of profile §3.3.9 (DEV ONLY): p = "<C>-dev-passphrase", r = SHA-256 of the diskette text. */
export function demoCredentials(customerId: 'alice' | 'bob' | 'carol' | string): HashSecretCredentials {
  const r = createHash('sha256')
    .update(`IOTP profile 1.0 diskette r of ${customerId} (DEV ONLY)`, 'utf8')
    .digest();
  return new HashSecretCredentials(customerId, `${customerId}-dev-passphrase`, r);
}
