import type { PayDirection } from '../codes/roles';
import type { XmlElement } from '../xml/xml-node';
import { buildBrandList } from './brand-list';
import type { IdAllocator } from './id-allocator';
import { buildOrg, type OrgSpec } from './org';
import { buildPayment } from './payment';
import { buildStatus } from './status';
import { buildTransId } from './trans-ref-blk';

/** IDs of the Merchant's first message (TPO + Offer Response), as the reference Merchant numbers them. */
export interface OfferIds {
  readonly msgId: string;
  readonly transRefBlk: string;
  readonly transId: string;
  readonly tpoBlk: string;
  readonly protocolOptions: string;
  readonly brandList: string;
  readonly brands: readonly string[];
  readonly protocolAmount: string;
  readonly currencyAmount: string;
  readonly payProtocol: string;
  readonly merchantOrg: string;
  readonly merchantRole: string;
  readonly consumerOrg: string;
  readonly consumerRole: string;
  readonly phOrg: string;
  readonly phRole: string;
  readonly offerRespBlk: string;
  readonly offerStatus: string;
  readonly order: string;
  readonly payment: string;
  /** Where the Offer Response Signature's IDs continue (IotpSignatures, Signature, …). */
  readonly next: () => string;
}

/**
 * The reference numbering of profile §6.1 / iotp-messages §12 (`M1.2` TransId, `M1.5` BrandList,
 * `M1.20` Payment …): two Brand slots are always reserved, so one or two brands give the same IDs.
 */
export const defaultOfferIds = (alloc: IdAllocator, brandCount: number): OfferIds => {
  const n = alloc.next.bind(alloc);
  const transRefBlk = n();
  const transId = n();
  const tpoBlk = n();
  const protocolOptions = n();
  const brandList = n();
  const slots = Array.from({ length: Math.max(2, brandCount) }, n);
  return {
    msgId: alloc.msgId,
    transRefBlk,
    transId,
    tpoBlk,
    protocolOptions,
    brandList,
    brands: slots.slice(0, brandCount),
    protocolAmount: n(),
    currencyAmount: n(),
    payProtocol: n(),
    merchantOrg: n(),
    merchantRole: n(),
    consumerOrg: n(),
    consumerRole: n(),
    phOrg: n(),
    phRole: n(),
    offerRespBlk: n(),
    offerStatus: n(),
    order: n(),
    payment: n(),
    next: n,
  };
};

export interface OfferBrand {
  readonly brandId: string;
  readonly brandName: string;
  readonly brandLogoNetLocn: string;
  readonly protocolBrandId: string;
}

export interface MerchantOfferSpec {
  readonly ids: OfferIds;
  readonly iotpTransId: string;
  readonly iotpTransType: string;
  readonly transTimeStamp: Date;
  readonly lang?: string;
  readonly shortDesc: string;
  readonly payDirection?: PayDirection;
  readonly brands: readonly OfferBrand[];
  /** One protocol and one amount for all brands (our schemes are single-protocol). */
  readonly protocol: {
    readonly protocolId: string;
    readonly protocolName: string;
    readonly payReqNetLocn?: string;
    readonly secPayReqNetLocn?: string;
  };
  readonly amount: string;
  readonly currCode: string;
  readonly currCodeType?: string;
  readonly okFrom: Date;
  readonly okTo: Date;
  readonly signedPayReceipt: boolean;
  readonly orderIdentifier: string;
  /** Each Org has one TradingRole (Merchant, Consumer, PaymentHandler). */
  readonly merchant: OrgSpec;
  readonly consumer: OrgSpec;
  readonly paymentHandler: OrgSpec;
}

export interface MerchantOffer {
  readonly transId: XmlElement;
  readonly brandList: XmlElement;
  readonly payment: XmlElement;
  readonly merchantOrg: XmlElement;
  readonly consumerOrg: XmlElement;
  readonly paymentHandlerOrg: XmlElement;
  /** Offer Response Status: StatusType Offer, ElRef = Order, CompletedOk. */
  readonly offerStatus: XmlElement;
  readonly ids: OfferIds;
}

/** The components of the Merchant's offer that the Consumer copies into its Payment Request. */
export const buildMerchantOffer = (s: MerchantOfferSpec): MerchantOffer => {
  const ids = s.ids;
  if (ids.brands.length !== s.brands.length) throw new RangeError('one Brand ID per brand');
  const lang = s.lang ?? 'en';
  return {
    ids,
    transId: buildTransId({
      id: ids.transId,
      iotpTransId: s.iotpTransId,
      iotpTransType: s.iotpTransType,
      transTimeStamp: s.transTimeStamp,
    }),
    brandList: buildBrandList({
      id: ids.brandList,
      lang,
      shortDesc: s.shortDesc,
      payDirection: s.payDirection ?? 'Debit',
      brands: s.brands.map((b, i) => ({
        id: ids.brands[i],
        brandId: b.brandId,
        brandName: b.brandName,
        brandLogoNetLocn: b.brandLogoNetLocn,
        protocolAmountRefs: [ids.protocolAmount],
        protocolBrands: [{ protocolId: s.protocol.protocolId, protocolBrandId: b.protocolBrandId }],
      })),
      protocolAmounts: [
        { id: ids.protocolAmount, payProtocolRef: ids.payProtocol, currencyAmountRefs: [ids.currencyAmount] },
      ],
      currencyAmounts: [
        { id: ids.currencyAmount, amount: s.amount, currCodeType: s.currCodeType, currCode: s.currCode },
      ],
      payProtocols: [{ id: ids.payProtocol, lang, actionOrgRef: ids.phOrg, ...s.protocol }],
    }),
    payment: buildPayment({
      id: ids.payment,
      okFrom: s.okFrom,
      okTo: s.okTo,
      brandListRef: ids.brandList,
      signedPayReceipt: s.signedPayReceipt,
    }),
    merchantOrg: buildOrg(s.merchant, { orgId: ids.merchantOrg, tradingRoleIds: [ids.merchantRole] }),
    consumerOrg: buildOrg(s.consumer, { orgId: ids.consumerOrg, tradingRoleIds: [ids.consumerRole] }),
    paymentHandlerOrg: buildOrg(s.paymentHandler, { orgId: ids.phOrg, tradingRoleIds: [ids.phRole] }),
    offerStatus: buildStatus({
      id: ids.offerStatus,
      lang,
      statusType: 'Offer',
      elRef: ids.order,
      processState: 'CompletedOk',
      processReference: s.orderIdentifier,
    }),
  };
};
