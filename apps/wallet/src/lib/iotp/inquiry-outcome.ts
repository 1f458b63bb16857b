import type { StatusComp } from '@ph/iotp';
import type { IotpAnswer } from './answer';

export interface InquiryOutcome {
  readonly answer: IotpAnswer;
  /** The InquiryRespBlk's Status, when the PH answered with one. */
  readonly status?: StatusComp;
  readonly lastReceivedIotpMsgRef?: string;
  readonly lastSentIotpMsgRef?: string;
}

export function inquiryOutcome(answer: IotpAnswer): InquiryOutcome {
  if (answer.kind !== 'inquiry-response') return { answer };
  const b = answer.block;
  return {
    answer,
    status: b.status,
    ...(b.lastReceivedIotpMsgRef ? { lastReceivedIotpMsgRef: b.lastReceivedIotpMsgRef } : {}),
    ...(b.lastSentIotpMsgRef ? { lastSentIotpMsgRef: b.lastSentIotpMsgRef } : {}),
  };
}
