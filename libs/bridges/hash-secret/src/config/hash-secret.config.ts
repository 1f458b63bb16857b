import { inspect } from 'node:util';
import { CUSTOMER_ID } from '../payloads/fields';

/** The hashSecret section of one merchant's registry entry (profile §2.2), as written in the config file. */
export interface HashSecretMerchantSettings {
  /** The merchant's OrgId (compared lower-cased). */
  readonly orgId: string;
  readonly bankId: string;
  readonly kmbHex: string;
  /** Enrolled customers: C → K_CM (hex). */
  readonly customers: Readonly<Record<string, string>>;
}

const KEY_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * One merchant's hash/secret keys. The keys live in private fields so that JSON.stringify, a logger
 * or util.inspect can never print them (toJSON and inspect show only the non-secret facts).
 */
export class HashSecretMerchant {
  readonly merchantId: string;
  readonly bankId: string;
  readonly #kmb: Buffer;
  readonly #customers: ReadonlyMap<string, Buffer>;

  constructor(settings: HashSecretMerchantSettings) {
    this.merchantId = settings.orgId.toLowerCase();
    this.bankId = settings.bankId.toLowerCase();
    this.#kmb = parseKey(settings.kmbHex, `${this.merchantId}: K_MB`);
    const customers = new Map<string, Buffer>();
    for (const [C, kcmHex] of Object.entries(settings.customers)) {
      if (!CUSTOMER_ID.test(C))
        throw new Error(`${this.merchantId}: invalid customer id '${C.slice(0, 40)}'`);
      customers.set(C, parseKey(kcmHex, `${this.merchantId}: K_CM of ${C}`));
    }
    this.#customers = customers;
  }

  /** K_CM of an enrolled customer (customer ids are case-sensitive). */
  customerKey(C: string): Buffer | undefined {
    return this.#customers.get(C);
  }

  merchantBankKey(): Buffer {
    return this.#kmb;
  }

  toJSON(): object {
    return {
      merchantId: this.merchantId,
      bankId: this.bankId,
      customers: [...this.#customers.keys()],
      keys: '[redacted]',
    };
  }

  [inspect.custom](): string {
    return `HashSecretMerchant ${JSON.stringify(this.toJSON())}`;
  }
}

/** Every merchant served by the bridge, keyed by lower-cased OrgId. */
export class HashSecretConfig {
  readonly #merchants: ReadonlyMap<string, HashSecretMerchant>;

  constructor(merchants: readonly HashSecretMerchantSettings[]) {
    this.#merchants = new Map(merchants.map((m) => [m.orgId.toLowerCase(), new HashSecretMerchant(m)]));
  }

  merchant(orgId: string): HashSecretMerchant | undefined {
    return this.#merchants.get(orgId.toLowerCase());
  }

  toJSON(): object {
    return { merchants: [...this.#merchants.values()].map((m) => m.toJSON()) };
  }

  [inspect.custom](): string {
    return `HashSecretConfig ${JSON.stringify(this.toJSON())}`;
  }
}

/** The error names the key, never its value. */
function parseKey(text: string, what: string): Buffer {
  if (!KEY_HEX.test(text)) throw new Error(`${what} must be 64 hex digits`);
  return Buffer.from(text, 'hex');
}
