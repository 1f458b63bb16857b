import type { ProcessState } from '@ph/iotp';
import type { IotpAnswer } from '../iotp/answer';
import type { HsPayFields } from '../hash-secret/hs-pay-variants';
import type { SessionStep } from './session-step';

/** The outcome of one payment attempt as the wallet saw and checked it. */
export interface PaymentResult {
  readonly iotpTransId: string;
  /** TransId/@TransTimeStamp, needed to inquire later (profile §4.3). */
  readonly transTimeStamp: string;
  /** The Payment component's ID (`M1.20`): InquiryType/@ElRef. */
  readonly paymentRef: string;
  /** PaymentHandlerPayId, once the PH assigned one. */
  readonly payId?: string;
  /** From the last Status; `Unknown` when the PH answered with no Status (Error Block, 204, HTTP error). */
  readonly processState: ProcessState | 'Unknown';
  readonly completionCode?: string;
  readonly statusDesc?: string;
  /** The ErrorCode when the PH answered with an Error Block. */
  readonly errorCode?: string;
  /** HS-Result status and reason (BadAC, BadO, BadPi, PiReplayed). */
  readonly hsStatus?: string;
  readonly hsReason?: string;
  readonly receiptVerified: boolean;
  readonly receiptSignatureVerified: boolean;
  /** HS-Balance after this payment, canonical amount ('999987.50') and currency. */
  readonly balance?: string;
  readonly balanceCurrency?: string;
  /** Why the receipt did not verify, or why the wallet refused the challenge. */
  readonly problems: readonly string[];
  /** The HS-Pay we sent, for replay tests (`reusePiFrom`). */
  readonly hsPay?: HsPayFields;
  /** The PH's last answer. */
  readonly answer: IotpAnswer;
  readonly steps: readonly SessionStep[];
}

/** What a Transaction Status Inquiry about a payment needs (profile §4.3), for any scheme's result. */
export interface InquiryHandle {
  readonly iotpTransId: string;
  readonly transTimeStamp: string;
  /** The Payment component's ID: InquiryType/@ElRef. */
  readonly paymentRef: string;
}

export const inquiryHandleOf = (offer: {
  readonly iotpTransId: string;
  readonly transTimeStamp: string;
  readonly components: { readonly ids: { readonly payment: string } };
}): InquiryHandle => ({
  iotpTransId: offer.iotpTransId,
  transTimeStamp: offer.transTimeStamp,
  paymentRef: offer.components.ids.payment,
});
