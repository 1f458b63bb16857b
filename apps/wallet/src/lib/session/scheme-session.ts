import { inquiryHandleOf, type InquiryHandle } from './payment-result';
import { randomBytes } from 'node:crypto';
import type { PackagedContentSpec } from '@ph/iotp';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import { buildPaymentExchange, buildPaymentRequest } from '../iotp/consumer-messages';
import { DemoMerchant, type SignedOffer } from '../merchant/demo-merchant';
import type { OfferBrandChoice } from '../merchant/offer-brands';
import { outbound, postAndRecord, type Outbound, type SessionStep } from './session-step';

export interface SchemeSessionOptions {
  readonly gatewayUrl: string;
  readonly amount: string;
  readonly currency: string;
  readonly brand: string | OfferBrandChoice;
  /** The Consumer's id in the offer (default alice). */
  readonly customerId?: string;
  readonly client?: IotpHttpClient;
  readonly now?: () => Date;
}

/** A profile §3.2 JSON payload as a PackagedContent. */
export const jsonContent = (name: string, value: string): PackagedContentSpec => ({
  name,
  content: 'MIME:application/json',
  transform: 'BASE64',
  value,
});

/**
 * The scheme-neutral part of a Consumer's payment: the signed offer, a Payment Request with one scheme
 * message, Payment Exchanges with the PH's PaymentHandlerPayId, and resending the last message unchanged.
 * Every message is recorded in `steps`.
 */
export class SchemeSession {
  readonly offer: SignedOffer;
  readonly steps: SessionStep[] = [];
  readonly consumerPaymentId = `CP${randomBytes(6).toString('hex')}`;
  payId?: string;
  private readonly client: IotpHttpClient;
  private readonly now: () => Date;
  private msgNumber = 0;
  private lastPhMsgId: string;
  private last?: Outbound;

  constructor(options: SchemeSessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.client = options.client ?? sharedClient(options.gatewayUrl);
    const merchant = new DemoMerchant({ gatewayUrl: options.gatewayUrl, now: this.now });
    this.offer = merchant.makeOffer({
      customerId: options.customerId ?? 'alice',
      amount: options.amount,
      currency: options.currency,
      brand: options.brand,
    });
    this.lastPhMsgId = this.offer.components.ids.msgId;
  }

  async paymentRequest(content: PackagedContentSpec, summary: string): Promise<IotpAnswer> {
    const built = buildPaymentRequest({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: this.consumerPaymentId,
      packagedContent: content,
    });
    return this.send(outbound(built.root, built.msgId, summary));
  }

  async exchange(content: PackagedContentSpec, summary: string): Promise<IotpAnswer> {
    if (!this.payId) throw new Error('no PaymentHandlerPayId yet');
    const built = buildPaymentExchange({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: this.consumerPaymentId,
      paymentHandlerPayId: this.payId,
      packagedContent: content,
    });
    return this.send(outbound(built.root, built.msgId, summary));
  }

  /** Re-POSTs the exact bytes of the last message (profile §1.6). */
  async resend(): Promise<IotpAnswer> {
    if (!this.last) throw new Error('nothing sent yet');
    return this.post({ ...this.last, summary: `${this.last.summary}  (resent)` });
  }

  private envelope() {
    return { msgNumber: ++this.msgNumber, respIotpMsg: this.lastPhMsgId, timeStamp: this.now() };
  }

  private async send(out: Outbound): Promise<IotpAnswer> {
    this.last = out;
    return this.post(out);
  }

  private async post(out: Outbound): Promise<IotpAnswer> {
    const { answer } = await postAndRecord(this.client, this.steps, out);
    if (answer.kind !== 'no-content' && answer.kind !== 'invalid' && answer.kind !== 'inquiry-response')
      this.lastPhMsgId = answer.message.transRef.msgId.id;
    if (!this.payId && answer.kind === 'exchange')
      this.payId = answer.block.paySchemeData.paymentHandlerPayId;
    else if (!this.payId && (answer.kind === 'cancel' || answer.kind === 'response'))
      this.payId = answer.block.status.processReference;
    return answer;
  }
}

/** What a scheme payment ended with, as the wallet saw it. */
export interface SchemePaymentResult {
  readonly iotpTransId: string;
  readonly payId?: string;
  readonly processState: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly errorCode?: string;
  /** The Payment Response carries a PayReceipt whose names resolve to components we received. */
  readonly receiptVerified: boolean;
  readonly receiptNameRefs?: readonly string[];
  readonly answer: IotpAnswer;
  readonly steps: readonly SessionStep[];
  readonly problems: readonly string[];
  readonly inquiry: InquiryHandle;
}

/** Status, error and receipt facts of the final answer. */
export function schemeResult(
  session: SchemeSession,
  answer: IotpAnswer,
  checkReceipt: (
    names: readonly string[],
    contents: ReadonlyMap<string, string>,
  ) => readonly string[] = () => [],
): SchemePaymentResult {
  const base = {
    iotpTransId: session.offer.iotpTransId,
    payId: session.payId,
    answer,
    steps: session.steps,
    inquiry: inquiryHandleOf(session.offer),
  };
  if (answer.kind === 'response' || answer.kind === 'cancel') {
    const s = answer.block.status;
    const status = {
      processState: s.processState,
      ...(s.completionCode ? { completionCode: s.completionCode } : {}),
      ...(s.statusDesc !== undefined ? { statusDesc: s.statusDesc } : {}),
    };
    if (answer.kind === 'cancel') return { ...base, ...status, receiptVerified: false, problems: [] };
    const block = answer.block;
    const contents = new Map(
      (block.paySchemeData?.packagedContents ?? []).map((p) => [p.name ?? '', p.value] as const),
    );
    const names = block.payReceipt?.payReceiptNameRefs;
    const problems: string[] = [];
    if (s.processState === 'CompletedOk') {
      if (!names || names.length === 0) problems.push('no PayReceipt');
      else {
        for (const n of names) if (!contents.has(n)) problems.push(`receipt name ${n} not received`);
        if (problems.length === 0) problems.push(...checkReceipt(names, contents));
      }
    }
    return {
      ...base,
      ...status,
      receiptVerified: s.processState === 'CompletedOk' && problems.length === 0,
      ...(names ? { receiptNameRefs: names } : {}),
      problems,
    };
  }
  if (answer.kind === 'error') {
    const e = answer.block.errorComps[0];
    return {
      ...base,
      processState: 'Unknown',
      ...(e ? { errorCode: e.errorCode, statusDesc: e.errorDesc } : {}),
      receiptVerified: false,
      problems: [],
    };
  }
  return {
    ...base,
    processState: answer.kind === 'exchange' ? 'InProgress' : 'Unknown',
    receiptVerified: false,
    problems: [],
  };
}
