import { SEVERITIES, type Severity } from '../../codes/severity';
import type { XmlElement } from '../../xml/xml-node';
import {
  empty,
  enumAttr,
  many,
  requireAttr,
  requireToken,
  sequence,
  some,
  type ReadCtx,
} from '../read-context';
import type { ErrorLocationSpec } from '../wire-error';
import { token } from '../xml-access';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Error Component (iotp-messages §5.11). The code is kept as sent (it may be a vendor's). */
export interface ErrorCompModel {
  readonly id: string;
  readonly lang: string;
  readonly errorCode: string;
  readonly errorDesc: string;
  readonly severity: Severity;
  readonly minRetrySecs?: string;
  readonly swVendorErrorRef?: string;
  readonly locations: readonly ErrorLocationSpec[];
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readErrorComp = (el: XmlElement, parent: ReadCtx): ErrorCompModel => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [some('ErrorLocation'), many('PackagedContent')]);
  return {
    id,
    lang: requireToken(el, 'xml:lang', ctx),
    errorCode: requireToken(el, 'ErrorCode', ctx),
    errorDesc: requireAttr(el, 'ErrorDesc', ctx),
    severity: enumAttr(el, 'Severity', SEVERITIES, ctx),
    minRetrySecs: token(el, 'MinRetrySecs') || undefined,
    swVendorErrorRef: el.attrs['SwVendorErrorRef'],
    locations: (g.get('ErrorLocation') ?? []).map((l) => readErrorLocation(l, ctx)),
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};

const readErrorLocation = (el: XmlElement, ctx: ReadCtx): ErrorLocationSpec => {
  empty(el, ctx);
  const o = (n: string) => token(el, n) || undefined;
  return {
    elementType: requireToken(el, 'ElementType', ctx),
    iotpMsgRef: o('IotpMsgRef'),
    blkRef: o('BlkRef'),
    compRef: o('CompRef'),
    elementRef: o('ElementRef'),
    attName: o('AttName'),
  };
};
