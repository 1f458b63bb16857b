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

export interface PaymentHandlerOrg {
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

/** SHA-256 of "IOTP profile 1.0 demo-merchant.example HMAC key 1 (DEV ONLY)" (profile §2.2). */
export const DEV_MERCHANT_HMAC_KEY = 'f10ac7a575421f85be5e40a8f4dc3f4a1527251ccc13aa4a776c841589fbae26';

export function developmentPhConfig(publicUrl: string, softwareId: string): PhConfig {
  return {
    paymentHandler: {
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

/** True when any merchant key is one of the profile's published development keys. */
export function usesDevelopmentKeys(config: PhConfig): boolean {
  return config.merchants.some((m) =>
    m.keys.some((k) => k.secretHex.toLowerCase() === DEV_MERCHANT_HMAC_KEY),
  );
}
