import type { XmlElement } from '../../xml/xml-node';
import { empty, requireToken, type ReadCtx } from '../read-context';
import { token } from '../xml-access';

/** Inquiry Type Component (iotp-messages §5.10). `type` is kept as sent: a non-Payment type is
 * answered with AttValNotRecog by the inquiry handler (profile §4.3), not rejected here. */
export interface InquiryTypeComp {
  readonly id: string;
  readonly type: string;
  readonly elRef?: string;
  readonly processReference?: string;
  readonly element: XmlElement;
}

export const readInquiryType = (el: XmlElement, parent: ReadCtx): InquiryTypeComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  empty(el, ctx);
  return {
    id,
    type: requireToken(el, 'Type', ctx),
    elRef: token(el, 'ElRef') || undefined,
    processReference: el.attrs['ProcessReference'],
    element: el,
  };
};
