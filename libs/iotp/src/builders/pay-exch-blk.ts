import type { XmlElement } from '../xml/xml-node';
import { buildPackagedContent, type PackagedContentSpec } from './packaged-content';
import { el } from './xml-build';

export interface PaySchemeDataSpec {
  readonly id: string;
  /** Required everywhere except inside Inquiry blocks. */
  readonly paymentRef?: string;
  readonly consumerPaymentId?: string;
  /** Absent only in the Consumer's Payment Request. */
  readonly paymentHandlerPayId?: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContentSpec[];
}

export const buildPaySchemeData = (s: PaySchemeDataSpec): XmlElement => {
  if (s.packagedContents.length === 0) throw new RangeError('PaySchemeData needs a PackagedContent');
  return el(
    'PaySchemeData',
    {
      ID: s.id,
      PaymentRef: s.paymentRef,
      ConsumerPaymentId: s.consumerPaymentId,
      PaymentHandlerPayId: s.paymentHandlerPayId,
      ContentSoftwareId: s.contentSoftwareId,
    },
    s.packagedContents.map(buildPackagedContent),
  );
};

/** Payment Exchange Block: exactly one PaySchemeData (iotp-messages §4.2), both directions. */
export const buildPayExchBlk = (s: { readonly id: string; readonly paySchemeData: XmlElement }): XmlElement =>
  el('PayExchBlk', { ID: s.id }, [s.paySchemeData]);
