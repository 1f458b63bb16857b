import type { XmlElement } from '../xml/xml-node';
import { el } from './xml-build';

export interface InquiryTypeSpec {
  readonly id: string;
  readonly type: 'Offer' | 'Payment' | 'Delivery';
  readonly elRef?: string;
  readonly processReference?: string;
}

export const buildInquiryType = (s: InquiryTypeSpec): XmlElement =>
  el('InquiryType', { ID: s.id, Type: s.type, ElRef: s.elRef, ProcessReference: s.processReference });

/** Inquiry Request Block: InquiryType, PaySchemeData? (iotp-messages §4.7). */
export const buildInquiryReqBlk = (s: {
  readonly id: string;
  readonly inquiryType: InquiryTypeSpec;
  readonly paySchemeData?: XmlElement;
}): XmlElement => el('InquiryReqBlk', { ID: s.id }, [buildInquiryType(s.inquiryType), s.paySchemeData]);

export interface InquiryRespBlkSpec {
  readonly id: string;
  /** `Null` when nothing was received / sent (iotp-messages §4.7). */
  readonly lastReceivedIotpMsgRef?: string;
  readonly lastSentIotpMsgRef?: string;
  /** A copy of the Status last sent (same ID) or a new one (profile §4.3). */
  readonly status: XmlElement;
  readonly paySchemeData?: XmlElement;
}

/** Inquiry Response Block; an ErrorBlk copy, when needed, goes before it in the message. */
export const buildInquiryRespBlk = (s: InquiryRespBlkSpec): XmlElement =>
  el(
    'InquiryRespBlk',
    {
      ID: s.id,
      LastReceivedIotpMsgRef: s.lastReceivedIotpMsgRef ?? 'Null',
      LastSentIotpMsgRef: s.lastSentIotpMsgRef ?? 'Null',
    },
    [s.status, s.paySchemeData],
  );
