import type { PayDirection } from '../codes/roles';
import type { XmlElement } from '../xml/xml-node';
import { buildPackagedContent, type PackagedContentSpec } from './packaged-content';
import { el, joinTokens } from './xml-build';

export interface BrandSpec {
  readonly id: string;
  readonly lang?: string;
  readonly brandId: string;
  readonly brandName: string;
  readonly brandLogoNetLocn: string;
  readonly brandNarrative?: string;
  readonly protocolAmountRefs: readonly string[];
  readonly contentSoftwareId?: string;
  readonly protocolBrands?: readonly { readonly protocolId: string; readonly protocolBrandId: string }[];
  readonly packagedContents?: readonly PackagedContentSpec[];
}

export interface ProtocolAmountSpec {
  readonly id: string;
  readonly payProtocolRef: string;
  readonly currencyAmountRefs: readonly string[];
  readonly contentSoftwareId?: string;
}

export interface CurrencyAmountSpec {
  readonly id: string;
  /** Decimal string, written as given. */
  readonly amount: string;
  /** Written explicitly (the profile examples do); `ISO4217-A` when omitted. */
  readonly currCodeType?: string;
  readonly currCode: string;
}

export interface PayProtocolSpec {
  readonly id: string;
  readonly lang?: string;
  readonly protocolId: string;
  readonly protocolName: string;
  readonly actionOrgRef: string;
  readonly payReqNetLocn?: string;
  readonly secPayReqNetLocn?: string;
  readonly contentSoftwareId?: string;
}

export interface BrandListSpec {
  readonly id: string;
  readonly lang?: string;
  readonly shortDesc: string;
  readonly payDirection: PayDirection;
  readonly brands: readonly BrandSpec[];
  readonly protocolAmounts: readonly ProtocolAmountSpec[];
  readonly currencyAmounts: readonly CurrencyAmountSpec[];
  readonly payProtocols: readonly PayProtocolSpec[];
}

/** BrandList := Brand+, ProtocolAmount+, CurrencyAmount+, PayProtocol+ (iotp-messages §5.3). */
export const buildBrandList = (s: BrandListSpec): XmlElement => {
  if (!s.brands.length || !s.protocolAmounts.length || !s.currencyAmounts.length || !s.payProtocols.length)
    throw new RangeError(
      'a BrandList needs at least one Brand, ProtocolAmount, CurrencyAmount and PayProtocol',
    );
  if (s.payDirection === 'Credit' && s.brands.length !== 1)
    throw new RangeError('a Credit BrandList has one Brand');
  return el(
    'BrandList',
    { ID: s.id, 'xml:lang': s.lang ?? 'en', ShortDesc: s.shortDesc, PayDirection: s.payDirection },
    [
      ...s.brands.map((b) =>
        el(
          'Brand',
          {
            ID: b.id,
            'xml:lang': b.lang,
            BrandId: b.brandId,
            BrandName: b.brandName,
            BrandLogoNetLocn: b.brandLogoNetLocn,
            BrandNarrative: b.brandNarrative,
            ProtocolAmountRefs: joinTokens(b.protocolAmountRefs),
            ContentSoftwareId: b.contentSoftwareId,
          },
          [
            ...(b.protocolBrands ?? []).map((p) =>
              el('ProtocolBrand', { ProtocolId: p.protocolId, ProtocolBrandId: p.protocolBrandId }),
            ),
            ...(b.packagedContents ?? []).map(buildPackagedContent),
          ],
        ),
      ),
      ...s.protocolAmounts.map((p) =>
        el('ProtocolAmount', {
          ID: p.id,
          PayProtocolRef: p.payProtocolRef,
          CurrencyAmountRefs: joinTokens(p.currencyAmountRefs),
          ContentSoftwareId: p.contentSoftwareId,
        }),
      ),
      ...s.currencyAmounts.map((c) =>
        el('CurrencyAmount', {
          ID: c.id,
          Amount: c.amount,
          CurrCodeType: c.currCodeType ?? 'ISO4217-A',
          CurrCode: c.currCode,
        }),
      ),
      ...s.payProtocols.map((p) =>
        el('PayProtocol', {
          ID: p.id,
          'xml:lang': p.lang ?? 'en',
          ProtocolId: p.protocolId,
          ProtocolName: p.protocolName,
          ActionOrgRef: p.actionOrgRef,
          PayReqNetLocn: p.payReqNetLocn,
          SecPayReqNetLocn: p.secPayReqNetLocn,
          ContentSoftwareId: p.contentSoftwareId,
        }),
      ),
    ],
  );
};

export interface BrandSelInfoSpec {
  readonly id: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContentSpec[];
}

export interface BrandSelectionSpec {
  readonly id: string;
  readonly brandListRef: string;
  readonly brandRef: string;
  readonly protocolAmountRef: string;
  readonly currencyAmountRef: string;
  readonly brandInfo?: BrandSelInfoSpec;
  readonly protocolAmountInfo?: BrandSelInfoSpec;
  readonly currencyAmountInfo?: BrandSelInfoSpec;
}

const info = (name: string, s: BrandSelInfoSpec | undefined): XmlElement | undefined =>
  s &&
  el(
    name,
    { ID: s.id, ContentSoftwareId: s.contentSoftwareId },
    s.packagedContents.map(buildPackagedContent),
  );

/** The Consumer's choice (iotp-messages §5.4). */
export const buildBrandSelection = (s: BrandSelectionSpec): XmlElement =>
  el(
    'BrandSelection',
    {
      ID: s.id,
      BrandListRef: s.brandListRef,
      BrandRef: s.brandRef,
      ProtocolAmountRef: s.protocolAmountRef,
      CurrencyAmountRef: s.currencyAmountRef,
    },
    [
      info('BrandSelBrandInfo', s.brandInfo),
      info('BrandSelProtocolAmountInfo', s.protocolAmountInfo),
      info('BrandSelCurrencyAmountInfo', s.currencyAmountInfo),
    ],
  );
