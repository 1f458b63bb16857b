/**
 * The Payment Handler's organisation and its merchant registry (profile §2.1, §2.2). The development
 * default holds the profile's PUBLIC TEST KEYS; a production start with them is refused.
 */
export interface MerchantKey {
  readonly keyId: string;
  readonly alg: 'hmac-sha256';
  /** Hex of the shared key. Kept out of JSON.stringify by MerchantEntry's toJSON. */
  readonly secretHex: string;
}

export interface MerchantEntry {
  readonly id: string;
  /** Lower-cased. */
  readonly orgId: string;
  readonly transTypes: readonly string[];
  readonly requireOfferSignature: boolean;
  readonly keys: readonly MerchantKey[];
  readonly receiptSignature: 'hmac-sha256' | 'ecdsa-p256';
  readonly brands: readonly string[];
  readonly currencies: readonly string[];
  readonly maxAmount: string;
}

/** The PH's own ECDSA P-256 key for receipts of merchants with `receiptSignature: ecdsa-p256` (§2.4.4, §2.6). */
export interface EcdsaReceiptKey {
  readonly keyId: string;
  /** Hex of the 32-byte private scalar. Never logged (PhConfig is not serialised). */
  readonly dHex: string;
}

export interface PaymentHandlerOrg {
  /** Optional (profile §2.1): without it, merchants that ask for ECDSA receipts are refused at start. */
  readonly ecdsaReceiptKey?: EcdsaReceiptKey;
  readonly orgId: string;
  readonly legalName: string;
  readonly shortDesc: string;
  readonly publicUrl: string;
  readonly softwareId: string;
  readonly postalAddress: {
    readonly addressLine1: string;
    readonly cityOrTown: string;
    readonly postalCode: string;
    readonly country: string;
  };
}

export interface PhConfig {
  readonly paymentHandler: PaymentHandlerOrg;
  readonly merchants: readonly MerchantEntry[];
}

/** The PH's development ECDSA receipt key of profile §2.2 (PUBLIC TEST KEY, DEV ONLY). */
export const DEV_PH_ECDSA_KEY = '3b0df57b401065ed12736e09b537b03af982992f232d98a2395d03b42821ceab';

/** SHA-256 of "IOTP profile 1.0 demo-merchant.example HMAC key 1 (DEV ONLY)" (profile §2.2). */
export const DEV_MERCHANT_HMAC_KEY = 'f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26';

export function developmentPhConfig(publicUrl: string, softwareId: string): PhConfig {
  return {
    paymentHandler: {
      ecdsaReceiptKey: { keyId: 'pay.bank.example/ecdsa-1', dHex: DEV_PH_ECDSA_KEY },
      orgId: 'pay.bank.example',
      legalName: 'Example Bank AG',
      shortDesc: 'Example Bank',
      publicUrl,
      softwareId,
      postalAddress: {
        addressLine1: 'Bankplatz 5',
        cityOrTown: 'Frankfurt am Main',
        postalCode: '60311',
        country: 'DE',
      },
    },
    merchants: [
      {
        id: 'demo-merchant',
        orgId: 'demo-merchant.example',
        transTypes: ['BaselinePurchase'],
        requireOfferSignature: true,
        keys: [
          { keyId: 'demo-merchant.example/hmac-1', alg: 'hmac-sha256', secretHex: DEV_MERCHANT_HMAC_KEY },
        ],
        receiptSignature: 'hmac-sha256',
        brands: ['x-DemoHashPay', 'VISA', 'MasterCard', 'GeldKarte', 'x-SmsConfirm', 'x-IssuerMicro'],
        currencies: ['EUR'],
        maxAmount: '10000.00',
      },
    ],
  };
}

/** True when any merchant key or the PH's ECDSA key is one of the profile's published development keys. */
export function usesDevelopmentKeys(config: PhConfig): boolean {
  return (
    config.paymentHandler.ecdsaReceiptKey?.dHex.toLowerCase() === DEV_PH_ECDSA_KEY ||
    config.merchants.some((m) => m.keys.some((k) => k.secretHex.toLowerCase() === DEV_MERCHANT_HMAC_KEY))
  );
}

/** Why this configuration cannot sign what its merchants ask for, or undefined. */
export function receiptKeyProblem(config: PhConfig): string | undefined {
  const key = config.paymentHandler.ecdsaReceiptKey;
  if (key && !/^[0-9a-fA-F]{64}$/.test(key.dHex))
    return 'paymentHandler.ecdsaReceiptKey.dHex must be 64 hex digits';
  const needing = config.merchants.filter((m) => m.receiptSignature === 'ecdsa-p256').map((m) => m.id);
  if (needing.length > 0 && !key)
    return `merchants ${needing.join(', ')} ask for ECDSA receipts but paymentHandler.ecdsaReceiptKey is not set`;
  return undefined;
}
