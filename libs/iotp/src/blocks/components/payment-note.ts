import type { XmlElement } from '../../xml/xml-node';
import { requireToken, sequence, some, type ReadCtx } from '../read-context';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Payment Note Component (iotp-messages §5.7): non-payment information such as a balance. */
export interface PaymentNoteComp {
  readonly id: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readPaymentNote = (el: XmlElement, parent: ReadCtx): PaymentNoteComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [some('PackagedContent')]);
  return {
    id,
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};
