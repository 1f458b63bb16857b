import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import { buildInquiryRequest } from '../iotp/inquiry-request';
import { inquiryOutcome, type InquiryOutcome } from '../iotp/inquiry-outcome';
import { outbound, postAndRecord, type SessionStep } from './session-step';

export interface InquireTransactionOptions {
  readonly gatewayUrl: string;
  readonly client?: IotpHttpClient;
  readonly iotpTransId: string;
  readonly transTimeStamp: string;
  readonly paymentRef?: string;
  readonly paymentHandlerPayId?: string;
  /** I<n>; default 1. Inquirers without a session pick a number; a repeated one gets the saved answer. */
  readonly msgNumber?: number;
  readonly now?: () => Date;
}

/** An Inquiry Request outside a session (the CLI's `inquire`, an operator's later look). */
export async function inquireTransaction(
  o: InquireTransactionOptions,
): Promise<InquiryOutcome & { readonly steps: readonly SessionStep[] }> {
  const built = buildInquiryRequest({
    iotpTransId: o.iotpTransId,
    transTimeStamp: o.transTimeStamp,
    msgNumber: o.msgNumber ?? 1,
    paymentRef: o.paymentRef,
    paymentHandlerPayId: o.paymentHandlerPayId,
    timeStamp: (o.now ?? (() => new Date()))(),
  });
  const steps: SessionStep[] = [];
  const summary =
    `Inquiry Request  ${o.iotpTransId}  ${o.paymentRef ?? ''} ${o.paymentHandlerPayId ?? ''}`.trimEnd();
  const { answer } = await postAndRecord(
    o.client ?? sharedClient(o.gatewayUrl),
    steps,
    outbound(built.root, built.msgId, summary),
  );
  return { ...inquiryOutcome(answer), steps };
}
