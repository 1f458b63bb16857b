import type { XmlElement } from '../../xml/xml-node';
import { requireToken, sequence, some, type ReadCtx } from '../read-context';
import { token } from '../xml-access';
import { readPackagedContents, type PackagedContent } from './packaged-content';

/** Payment Scheme Component (iotp-messages §5.5). Which ids are required depends on the block. */
export interface PaySchemeDataComp {
  readonly id: string;
  readonly paymentRef?: string;
  readonly consumerPaymentId?: string;
  readonly paymentHandlerPayId?: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContent[];
  readonly element: XmlElement;
}

export const readPaySchemeData = (el: XmlElement, parent: ReadCtx): PaySchemeDataComp => {
  const id = requireToken(el, 'ID', parent);
  const ctx = { ...parent, compRef: id };
  const g = sequence(el, ctx, [some('PackagedContent')]);
  return {
    id,
    paymentRef: token(el, 'PaymentRef') || undefined,
    consumerPaymentId: el.attrs['ConsumerPaymentId'],
    paymentHandlerPayId: el.attrs['PaymentHandlerPayId'],
    contentSoftwareId: el.attrs['ContentSoftwareId'],
    packagedContents: readPackagedContents(g.get('PackagedContent'), ctx),
    element: el,
  };
};
