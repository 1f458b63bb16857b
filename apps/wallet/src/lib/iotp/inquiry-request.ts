import {
  buildInquiryReqBlk,
  buildIotpMessage,
  buildTransId,
  buildTransRefBlk,
  IdAllocator,
  type XmlElement,
} from '@ph/iotp';
import { WALLET_SOFTWARE_ID } from './consumer-messages';

export interface InquiryRequestSpec {
  readonly iotpTransId: string;
  /** The transaction's TransTimeStamp as written in its TransId (the PH compares it, profile §4.3). */
  readonly transTimeStamp: string;
  /** `I<n>`: a new number gets fresh status, the same message again gets the saved answer. */
  readonly msgNumber: number;
  /** The Payment ID (`M1.20`). */
  readonly paymentRef?: string;
  /** The PaymentHandlerPayId, when known. */
  readonly paymentHandlerPayId?: string;
  readonly timeStamp: Date;
  readonly softwareId?: string;
}

/** Inquiry Request I<n> of profile §6.3: own TransId (BaselineInquiry) with the transaction's id and time. */
export function buildInquiryRequest(s: InquiryRequestSpec): { root: XmlElement; msgId: string } {
  const ids = new IdAllocator('I', s.msgNumber);
  const transRefBlkId = ids.next();
  const transId = buildTransId({
    id: ids.next(),
    iotpTransId: s.iotpTransId,
    iotpTransType: 'BaselineInquiry',
    transTimeStamp: s.transTimeStamp,
  });
  const root = buildIotpMessage({
    transRefBlk: buildTransRefBlk({
      id: transRefBlkId,
      transId,
      msgId: { id: ids.msgId, softwareId: s.softwareId ?? WALLET_SOFTWARE_ID, timeStamp: s.timeStamp },
    }),
    blocks: [
      buildInquiryReqBlk({
        id: ids.next(),
        inquiryType: {
          id: ids.next(),
          type: 'Payment',
          elRef: s.paymentRef,
          processReference: s.paymentHandlerPayId,
        },
      }),
    ],
  });
  return { root, msgId: ids.msgId };
}
