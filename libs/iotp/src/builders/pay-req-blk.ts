import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

export interface PayReqBlkSpec {
  readonly id: string;
  /** Copied Offer Status (and a previous payment's Status in a Value Exchange). */
  readonly statuses: readonly XmlElement[];
  readonly brandList: XmlElement;
  readonly brandSelection: XmlElement;
  readonly payment: XmlElement;
  readonly paySchemeData?: XmlElement;
  readonly orgs: readonly XmlElement[];
  readonly tradingRoleData?: readonly XmlElement[];
}

/** The Consumer's Payment Request Block, in DTD order (iotp-messages §4.1). */
export const buildPayReqBlk = (s: PayReqBlkSpec): XmlElement => {
  if (s.statuses.length === 0) throw new RangeError('a PayReqBlk needs at least one Status');
  return el('PayReqBlk', { ID: s.id }, [
    ...s.statuses,
    s.brandList,
    s.brandSelection,
    s.payment,
    s.paySchemeData,
    ...s.orgs,
    ...(s.tradingRoleData ?? []),
  ]);
};

/** Signature Block holding given Signature elements (copied or made by the signatures module). */
export const buildIotpSignatures = (s: {
  readonly id?: string;
  readonly signatures: readonly XmlElement[];
  readonly certificates?: readonly XmlElement[];
}): XmlElement => {
  if (s.signatures.length === 0) throw new RangeError('IotpSignatures needs a Signature');
  return el('IotpSignatures', { ID: s.id }, [...s.signatures, ...(s.certificates ?? [])]);
};
