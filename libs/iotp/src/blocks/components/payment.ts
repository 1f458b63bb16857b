import type { XmlElement } from '../../xml/xml-node';
import { boolAttr, empty, requireToken, type ReadCtx } from '../read-context';
import { tokens } from '../xml-access';

/** Payment Component (iotp-messages §5.2). */
export interface PaymentComp {
  readonly id: string;
  /** UTC time strings as sent; the time-window check (profile §2.3 #12) parses them. */
  readonly okFrom: string;
  readonly okTo: string;
  readonly brandListRef: string;
  readonly signedPayReceipt: boolean;
  /** `StartAfterRefs`, or the prose spelling `StartAfter` (register #16); empty = no dependency. */
  readonly startAfterRefs: readonly string[];
  readonly element: XmlElement;
}

export const readPayment = (el: XmlElement, parent: ReadCtx): PaymentComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  empty(el, ctx);
  return {
    id,
    okFrom: requireToken(el, 'OkFrom', ctx),
    okTo: requireToken(el, 'OkTo', ctx),
    brandListRef: requireToken(el, 'BrandListRef', ctx),
    signedPayReceipt: boolAttr(el, 'SignedPayReceipt', ctx),
    startAfterRefs:
      el.attrs['StartAfterRefs'] !== undefined ? tokens(el, 'StartAfterRefs') : tokens(el, 'StartAfter'),
    element: el,
  };
};
