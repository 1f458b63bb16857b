import type { XmlElement } from '../../xml/xml-node';
import { locate, many, requireToken, sequence, type ReadCtx } from '../read-context';
import { fail } from '../wire-error';
import { tokens } from '../xml-access';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Payment Receipt Component (iotp-messages §5.6); read when a wallet receives a Payment Response. */
export interface PayReceiptComp {
  readonly id: string;
  readonly paymentRef: string;
  readonly payReceiptNameRefs: readonly string[];
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readPayReceipt = (el: XmlElement, parent: ReadCtx): PayReceiptComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [many('PackagedContent')]);
  const payReceiptNameRefs = tokens(el, 'PayReceiptNameRefs');
  const packagedContents = readPackagedContents(g.get('PackagedContent'), ctx);
  // "At least one of PayReceiptNameRefs and PackagedContent must be present" (RFC 2801 §7.11).
  if (payReceiptNameRefs.length === 0 && packagedContents.length === 0)
    fail(
      'ElMissing',
      'PayReceipt holds neither PayReceiptNameRefs nor PackagedContent.',
      locate(el, ctx),
      'PackagedContent',
    );
  return {
    id,
    paymentRef: requireToken(el, 'PaymentRef', ctx),
    payReceiptNameRefs,
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents,
    element: el,
  };
};
