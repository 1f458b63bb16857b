import { DEFAULT_CURR_CODE_TYPE } from '../../codes/packaged-content-codes';
import { PAY_DIRECTIONS, type PayDirection } from '../../codes/roles';
import type { XmlElement } from '../../xml/xml-node';
import {
  empty,
  enumAttr,
  locate,
  many,
  requireAttr,
  requireToken,
  requireTokens,
  sequence,
  some,
  type ReadCtx,
} from '../read-context';
import { fail } from '../wire-error';
import { token } from '../xml-access';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Brand List Component and its children (iotp-messages §5.3). */
export interface BrandListComp {
  readonly id: string;
  readonly lang: string;
  readonly shortDesc: string;
  readonly payDirection: PayDirection;
  readonly brands: readonly BrandEl[];
  readonly protocolAmounts: readonly ProtocolAmountEl[];
  readonly currencyAmounts: readonly CurrencyAmountEl[];
  readonly payProtocols: readonly PayProtocolEl[];
  readonly element: XmlElement;
}

export interface BrandEl {
  readonly id: string;
  readonly lang?: string;
  readonly brandId: string;
  readonly brandName: string;
  readonly brandLogoNetLocn: string;
  readonly brandNarrative?: string;
  readonly protocolAmountRefs: readonly string[];
  readonly contentSoftwareId?: string;
  readonly protocolBrands: readonly ProtocolBrandEl[];
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export interface ProtocolBrandEl {
  readonly protocolId: string;
  readonly protocolBrandId: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export interface ProtocolAmountEl {
  readonly id: string;
  readonly payProtocolRef: string;
  readonly currencyAmountRefs: readonly string[];
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export interface CurrencyAmountEl {
  readonly id: string;
  /** Decimal string exactly as sent; validated and compared by checkPaymentRequest, never as a float. */
  readonly amount: string;
  /** `ISO4217-A` when absent. */
  readonly currCodeType: string;
  readonly currCode: string;
  readonly element: XmlElement;
}

export interface PayProtocolEl {
  readonly id: string;
  readonly lang?: string;
  readonly protocolId: string;
  readonly protocolName: string;
  readonly actionOrgRef: string;
  readonly payReqNetLocn?: string;
  readonly secPayReqNetLocn?: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

const pcModel = [many('PackagedContent')];

export const readBrandList = (el: XmlElement, parent: ReadCtx): BrandListComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [
    some('Brand'),
    some('ProtocolAmount'),
    some('CurrencyAmount'),
    some('PayProtocol'),
  ]);
  return {
    id,
    lang: requireToken(el, 'xml:lang', ctx),
    shortDesc: requireAttr(el, 'ShortDesc', ctx),
    payDirection: enumAttr(el, 'PayDirection', PAY_DIRECTIONS, ctx),
    brands: (g.get('Brand') ?? []).map((b) => readBrand(b, ctx)),
    protocolAmounts: (g.get('ProtocolAmount') ?? []).map((p) => readProtocolAmount(p, ctx)),
    currencyAmounts: (g.get('CurrencyAmount') ?? []).map((c) => readCurrencyAmount(c, ctx)),
    payProtocols: (g.get('PayProtocol') ?? []).map((p) => readPayProtocol(p, ctx)),
    element: el,
  };
};

const readBrand = (el: XmlElement, ctx: ReadCtx): BrandEl => {
  const g = sequence(el, ctx, [many('ProtocolBrand'), many('PackagedContent')]);
  const protocolBrands = (g.get('ProtocolBrand') ?? []).map((p) => readProtocolBrand(p, ctx));
  // ProtocolId must be unique within the Brand (RFC 2801 §7.7.2).
  const seen = new Set<string>();
  for (const pb of protocolBrands) {
    if (seen.has(pb.protocolId))
      fail(
        'ElInconsistent',
        `ProtocolBrand ${pb.protocolId} repeated in Brand.`,
        locate(pb.element, ctx, 'ProtocolId'),
        pb.protocolId,
      );
    seen.add(pb.protocolId);
  }
  return {
    id: requireToken(el, 'ID', ctx),
    lang: token(el, 'xml:lang') || undefined,
    brandId: requireAttr(el, 'BrandId', ctx),
    brandName: requireAttr(el, 'BrandName', ctx),
    brandLogoNetLocn: requireAttr(el, 'BrandLogoNetLocn', ctx),
    brandNarrative: el.attrs['BrandNarrative'],
    protocolAmountRefs: requireTokens(el, 'ProtocolAmountRefs', ctx),
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    protocolBrands,
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};

const readProtocolBrand = (el: XmlElement, ctx: ReadCtx): ProtocolBrandEl => {
  const g = sequence(el, ctx, pcModel);
  return {
    protocolId: requireAttr(el, 'ProtocolId', ctx),
    protocolBrandId: requireAttr(el, 'ProtocolBrandId', ctx),
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};

const readProtocolAmount = (el: XmlElement, ctx: ReadCtx): ProtocolAmountEl => {
  const g = sequence(el, ctx, pcModel);
  return {
    id: requireToken(el, 'ID', ctx),
    payProtocolRef: requireToken(el, 'PayProtocolRef', ctx),
    currencyAmountRefs: requireTokens(el, 'CurrencyAmountRefs', ctx),
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};

const readCurrencyAmount = (el: XmlElement, ctx: ReadCtx): CurrencyAmountEl => {
  empty(el, ctx);
  return {
    id: requireToken(el, 'ID', ctx),
    amount: requireToken(el, 'Amount', ctx),
    currCodeType: token(el, 'CurrCodeType') || DEFAULT_CURR_CODE_TYPE,
    currCode: requireToken(el, 'CurrCode', ctx),
    element: el,
  };
};

const readPayProtocol = (el: XmlElement, ctx: ReadCtx): PayProtocolEl => {
  const g = sequence(el, ctx, pcModel);
  return {
    id: requireToken(el, 'ID', ctx),
    lang: token(el, 'xml:lang') || undefined,
    protocolId: requireToken(el, 'ProtocolId', ctx),
    protocolName: requireAttr(el, 'ProtocolName', ctx),
    actionOrgRef: requireToken(el, 'ActionOrgRef', ctx),
    payReqNetLocn: el.attrs['PayReqNetLocn'],
    secPayReqNetLocn: el.attrs['SecPayReqNetLocn'],
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};
