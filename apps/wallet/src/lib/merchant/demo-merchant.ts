import { randomBytes } from 'node:crypto';
import {
  buildMerchantOffer,
  buildSignature,
  defaultOfferIds,
  domHash,
  formatIotpTimestamp,
  IdAllocator,
  newIotpTransId,
  type MerchantOffer,
  type SignatureCheck,
  type SignatureKeyLookup,
  type SignatureSignKey,
  type XmlElement,
  p256PublicKeyFromPoint,
  buildOrg,
} from '@ph/iotp';
import { Money } from '@ph/money';
import {
  consumerOrg,
  DEMO_MERCHANT_KEY_HEX,
  DEMO_MERCHANT_KEY_ID,
  DEMO_MERCHANT_ORG_ID,
  demoMerchantOrg,
  paymentHandlerOrg,
} from './demo-merchant-profile';
import { offerBrand, type OfferBrandChoice } from './offer-brands';
import { verifyReceiptSignature, type ReceiptSignatureInput } from './receipt-signature';

/** The PH's development ECDSA receipt key Q of profile §2.4.4 (public; its private half is DEV ONLY). */
export const DEV_PH_RECEIPT_KEY = {
  keyId: 'pay.bank.example/ecdsa-1',
  publicPointHex:
    '047de97c5405e1bb6047029d0ac9cdfd7ee4d5b7318b922cd3c5d90a6d9effc0ff50113720e1a65a8f0603b5c88f94dd102632a8e5048a47dfa4e50636c035bd2c',
} as const;

export interface DemoMerchantOptions {
  /** The PH's public URL: PayProtocol/@PayReqNetLocn and the PH Org's net locations. */
  readonly gatewayUrl: string;
  readonly keyHex?: string;
  readonly keyId?: string;
  /** The PH's public ECDSA receipt key (uncompressed point, hex), for merchants that asked for ECDSA receipts. */
  readonly phReceiptKey?: { readonly keyId: string; readonly publicPointHex: string };
  readonly now?: () => Date;
  readonly random?: (size: number) => Buffer;
}

export interface OfferRequest {
  readonly customerId: string;
  /** IOTP Amount text as the offer writes it ('12.50'); never a float. */
  readonly amount: string;
  readonly currency: string;
  readonly brand?: string | OfferBrandChoice;
  /** Payment/@SignedPayReceipt, `true` by default. */
  readonly signedPayReceipt?: boolean;
  /** Fixed inputs, for tests that rebuild profile §6.1. */
  readonly iotpTransId?: string;
  readonly transTimeStamp?: Date;
  readonly orderId?: string;
}

/** The offer components the Consumer copies, plus the Merchant's Offer Response Signature (profile §2.5). */
export interface SignedOffer {
  readonly iotpTransId: string;
  readonly transTimeStamp: string;
  readonly amount: string;
  readonly currency: string;
  readonly brand: OfferBrandChoice;
  readonly signedPayReceipt: boolean;
  readonly merchantOrgId: string;
  readonly components: MerchantOffer;
  readonly signature: XmlElement;
}

/** Offer validity around "now", as the reference Merchant sets it (profile §6.1: −5 min … +1 h). */
const OK_FROM_MS = -5 * 60_000;
const OK_TO_MS = 60 * 60_000;

/**
 * Plays the demo merchant `demo-merchant.example`: makes and signs offers exactly like profile §6.1
 * message C1 (IDs M1.x, digests TransId, BrandList, Payment, Merchant Org, PH Org, Consumer Org, Offer
 * Status), and — holding the shared key — verifies the PH's receipt signatures (profile §2.6).
 */
export class DemoMerchant {
  readonly orgId = DEMO_MERCHANT_ORG_ID;
  readonly keyId: string;
  private readonly signKey: SignatureSignKey;
  readonly lookupKey: SignatureKeyLookup;
  private readonly now: () => Date;
  private readonly random: (size: number) => Buffer;

  constructor(private readonly options: DemoMerchantOptions) {
    const secret = Buffer.from(options.keyHex ?? DEMO_MERCHANT_KEY_HEX, 'hex');
    if (secret.byteLength < 16) throw new RangeError('merchant key too short');
    this.keyId = options.keyId ?? DEMO_MERCHANT_KEY_ID;
    this.signKey = { alg: 'hmac-sha256', secret };
    const verifyKey = { alg: 'hmac-sha256' as const, secret };
    const ph = options.phReceiptKey ?? DEV_PH_RECEIPT_KEY;
    const phKey = {
      alg: 'ecdsa-p256' as const,
      publicKey: p256PublicKeyFromPoint(Buffer.from(ph.publicPointHex, 'hex')),
    };
    this.lookupKey = (id) => (id === this.keyId ? verifyKey : id === ph.keyId ? phKey : undefined);
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? randomBytes;
  }

  get gatewayUrl(): string {
    return this.options.gatewayUrl;
  }

  /**
   * A signed Ping Request's Orgs and Signature (profile §2.7): this merchant's Org and the PH's, signed
   * `PingRequest` by the merchant for the PH with its shared key. `tamper` spoils the value (tests).
   */
  pingOrgsAndSignature(
    iotpTransId: string,
    ids: IdAllocator,
    tamper = false,
  ): { orgs: XmlElement[]; signature: XmlElement; merchantOrgRef: string; phOrgRef: string } {
    const merchantOrgRef = ids.next();
    const merchantOrg = buildOrg(demoMerchantOrg, { orgId: merchantOrgRef, tradingRoleIds: [ids.next()] });
    const phOrgRef = ids.next();
    const phOrg = buildOrg(paymentHandlerOrg(this.options.gatewayUrl), {
      orgId: phOrgRef,
      tradingRoleIds: [ids.next()],
    });
    const key: SignatureSignKey =
      tamper && this.signKey.alg === 'hmac-sha256'
        ? { alg: 'hmac-sha256', secret: Buffer.concat([this.signKey.secret, Buffer.from('x')]) }
        : this.signKey;
    const signature = buildSignature({
      nextId: () => ids.next(),
      iotpTransId,
      digests: [merchantOrg, phOrg].map((e) => ({ id: e.attrs['ID'], digest: domHash(e) })),
      signatureType: 'PingRequest',
      originatorRef: merchantOrgRef,
      recipientRefs: [phOrgRef],
      keyId: this.keyId,
      key,
    });
    return { orgs: [merchantOrg, phOrg], signature, merchantOrgRef, phOrgRef };
  }

  makeOffer(r: OfferRequest): SignedOffer {
    Money.parse(r.amount, r.currency); // refuses floats' spellings, signs, unknown currencies
    const now = r.transTimeStamp ?? this.now();
    const iotpTransId = r.iotpTransId ?? newIotpTransId(now, this.random(8).toString('hex'), this.orgId);
    const orderId = r.orderId ?? `ORD-${this.random(4).toString('hex')}`;
    const brand = offerBrand(r.brand);
    const signedPayReceipt = r.signedPayReceipt ?? true;
    const ids = defaultOfferIds(new IdAllocator('M', 1), 1);
    const components = buildMerchantOffer({
      ids,
      iotpTransId,
      iotpTransType: 'BaselinePurchase',
      transTimeStamp: now,
      shortDesc: `Order ${orderId}`,
      brands: [brand],
      protocol: {
        protocolId: brand.protocolId,
        protocolName: brand.protocolName,
        payReqNetLocn: this.options.gatewayUrl,
      },
      amount: r.amount,
      currCode: r.currency,
      currCodeType: 'ISO4217-A',
      okFrom: new Date(now.getTime() + OK_FROM_MS),
      okTo: new Date(now.getTime() + OK_TO_MS),
      signedPayReceipt,
      orderIdentifier: orderId,
      merchant: demoMerchantOrg,
      consumer: consumerOrg(r.customerId),
      paymentHandler: paymentHandlerOrg(this.options.gatewayUrl),
    });
    const c = components;
    ids.next(); // M1.21: the IotpSignatures block of the Merchant's own message (profile §6.1 numbering)
    const signature = buildSignature({
      nextId: ids.next,
      iotpTransId,
      // The reference Merchant's order (profile §2.5): required ones first, then the SHOULDs.
      digests: [
        c.transId,
        c.brandList,
        c.payment,
        c.merchantOrg,
        c.paymentHandlerOrg,
        c.consumerOrg,
        c.offerStatus,
      ].map((e) => ({ id: e.attrs['ID'], digest: domHash(e) })),
      signatureType: 'OfferResponse',
      originatorRef: ids.merchantOrg,
      recipientRefs: [ids.phOrg],
      keyId: this.keyId,
      key: this.signKey,
    });
    return {
      iotpTransId,
      transTimeStamp: formatIotpTimestamp(now),
      amount: r.amount,
      currency: r.currency,
      brand,
      signedPayReceipt,
      merchantOrgId: this.orgId,
      components,
      signature,
    };
  }

  /** The Merchant's check of a Payment Response signature (profile §2.6) with its own key. */
  verifyReceiptSignature(input: Omit<ReceiptSignatureInput, 'lookupKey'>): SignatureCheck {
    return verifyReceiptSignature({ ...input, lookupKey: this.lookupKey });
  }
}
