import type { XmlElement } from '../../xml/xml-node';
import { requireToken, requireTokens, sequence, some, type ReadCtx } from '../read-context';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Trading Role Data Component (iotp-messages §5.9): opaque data from one role to others. */
export interface TradingRoleDataComp {
  readonly id: string;
  readonly originatorElRef: string;
  readonly destinationElRefs: readonly string[];
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readTradingRoleData = (el: XmlElement, parent: ReadCtx): TradingRoleDataComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [some('PackagedContent')]);
  return {
    id,
    originatorElRef: requireToken(el, 'OriginatorElRef', ctx),
    destinationElRefs: requireTokens(el, 'DestinationElRefs', ctx),
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};
