import type { XmlElement } from '../xml/xml-node';
import { buildPackagedContent, type PackagedContentSpec } from './packaged-content';
import { el, joinTokens } from './xml-build';

export interface PayReceiptSpec {
  readonly id: string;
  readonly paymentRef: string;
  readonly payReceiptNameRefs?: readonly string[];
  readonly contentSoftwareId?: string;
  readonly packagedContents?: readonly PackagedContentSpec[];
}

export const buildPayReceipt = (s: PayReceiptSpec): XmlElement => {
  if (!s.payReceiptNameRefs?.length && !s.packagedContents?.length)
    throw new RangeError('PayReceipt needs PayReceiptNameRefs or PackagedContent');
  return el(
    'PayReceipt',
    {
      ID: s.id,
      PaymentRef: s.paymentRef,
      PayReceiptNameRefs: joinTokens(s.payReceiptNameRefs),
      ContentSoftwareId: s.contentSoftwareId,
    },
    (s.packagedContents ?? []).map(buildPackagedContent),
  );
};

export interface PaymentNoteSpec {
  readonly id: string;
  readonly contentSoftwareId?: string;
  readonly packagedContents: readonly PackagedContentSpec[];
}

export const buildPaymentNote = (s: PaymentNoteSpec): XmlElement =>
  el(
    'PaymentNote',
    { ID: s.id, ContentSoftwareId: s.contentSoftwareId },
    s.packagedContents.map(buildPackagedContent),
  );

export interface PayRespBlkSpec {
  readonly id: string;
  /** StatusType Payment, CompletedOk or Failed (iotp-messages §4.3). */
  readonly status: XmlElement;
  readonly payReceipt?: XmlElement;
  readonly paySchemeData?: XmlElement;
  readonly paymentNote?: XmlElement;
  readonly tradingRoleData?: readonly XmlElement[];
}

/** Payment Response Block: Status, PayReceipt?, PaySchemeData?, PaymentNote?, TradingRoleData*. */
export const buildPayRespBlk = (s: PayRespBlkSpec): XmlElement => {
  const state = s.status.attrs['ProcessState'];
  if (state !== 'CompletedOk' && state !== 'Failed')
    throw new RangeError(`PayRespBlk Status cannot be ${state}`);
  if (state === 'CompletedOk' && !s.payReceipt)
    throw new RangeError('a CompletedOk Payment Response needs a PayReceipt');
  return el('PayRespBlk', { ID: s.id }, [
    s.status,
    s.payReceipt,
    s.paySchemeData,
    s.paymentNote,
    ...(s.tradingRoleData ?? []),
  ]);
};
