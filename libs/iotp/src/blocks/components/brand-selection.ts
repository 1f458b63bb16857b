import type { XmlElement } from '../../xml/xml-node';
import { opt, requireToken, sequence, some, type ReadCtx } from '../read-context';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Brand Selection Component (iotp-messages §5.4); its Info contents go to the bridge. */
export interface BrandSelectionComp {
  readonly id: string;
  readonly brandListRef: string;
  readonly brandRef: string;
  readonly protocolAmountRef: string;
  readonly currencyAmountRef: string;
  readonly brandInfo?: BrandSelInfo;
  readonly protocolAmountInfo?: BrandSelInfo;
  readonly currencyAmountInfo?: BrandSelInfo;
  readonly element: XmlElement;
}

/** BrandSelBrandInfo / BrandSelProtocolAmountInfo / BrandSelCurrencyAmountInfo share one shape. */
export interface BrandSelInfo {
  readonly id: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readBrandSelection = (el: XmlElement, parent: ReadCtx): BrandSelectionComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [
    opt('BrandSelBrandInfo'),
    opt('BrandSelProtocolAmountInfo'),
    opt('BrandSelCurrencyAmountInfo'),
  ]);
  const info = (name: string): BrandSelInfo | undefined => {
    const e = g.get(name)?.[0];
    return e && readInfo(e, ctx);
  };
  return {
    id,
    brandListRef: requireToken(el, 'BrandListRef', ctx),
    brandRef: requireToken(el, 'BrandRef', ctx),
    protocolAmountRef: requireToken(el, 'ProtocolAmountRef', ctx),
    currencyAmountRef: requireToken(el, 'CurrencyAmountRef', ctx),
    brandInfo: info('BrandSelBrandInfo'),
    protocolAmountInfo: info('BrandSelProtocolAmountInfo'),
    currencyAmountInfo: info('BrandSelCurrencyAmountInfo'),
    element: el,
  };
};

const readInfo = (el: XmlElement, ctx: ReadCtx): BrandSelInfo => {
  const g = sequence(el, ctx, [some('PackagedContent')]);
  return {
    id: requireToken(el, 'ID', ctx),
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};
