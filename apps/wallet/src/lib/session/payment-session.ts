import { randomBytes } from 'node:crypto';
import type { PayExchBlk, StatusComp, XmlElement } from '@ph/iotp';
import { Money } from '@ph/money';
import {
  buildHsInit,
  demoCredentials,
  type HashSecretCredentials,
  type AcceptedChallenge,
  type HsInitOut,
  type PaymentProof,
  type RandomBytes,
} from '../../schemes/hash-secret';
import { checkChallengeExchange } from '../hash-secret/challenge-check';
import {
  buildHsPayVariant,
  hsPayFields,
  type HsPayFields,
  type HsPayOptions,
} from '../hash-secret/hs-pay-variants';
import { checkPaymentResponse } from '../hash-secret/receipt-check';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import { buildConsumerCancel, buildPaymentExchange, buildPaymentRequest } from '../iotp/consumer-messages';
import { buildInquiryRequest } from '../iotp/inquiry-request';
import { inquiryOutcome, type InquiryOutcome } from '../iotp/inquiry-outcome';
import { DemoMerchant, type OfferRequest, type SignedOffer } from '../merchant/demo-merchant';
import type { OfferBrandChoice } from '../merchant/offer-brands';
import type { PaymentResult } from './payment-result';
import { outbound, postAndRecord, type Outbound, type SessionStep } from './session-step';

export interface PaymentSessionOptions {
  /** Where to POST; defaults to the merchant's gateway URL. */
  readonly gatewayUrl?: string;
  readonly client?: IotpHttpClient;
  /** Defaults to the demo merchant offering `gatewayUrl` as PayReqNetLocn. */
  readonly merchant?: DemoMerchant;
  /** A demo customer id (alice, bob, carol) or full credentials. Default alice. */
  readonly customer?: string | HashSecretCredentials;
  readonly amount: string;
  readonly currency: string;
  readonly brand?: string | OfferBrandChoice;
  readonly signedPayReceipt?: boolean;
  /** Fixed offer inputs (iotpTransId, transTimeStamp, orderId), for reproducible tests. */
  readonly offer?: Pick<OfferRequest, 'iotpTransId' | 'transTimeStamp' | 'orderId'>;
  readonly now?: () => Date;
  readonly random?: RandomBytes;
}

export interface PaymentRequestOptions {
  readonly consumerPaymentId?: string;
}

export interface InquiryOptions {
  /** InquiryType/@ProcessReference; defaults to the PaymentHandlerPayId, `null` leaves it out. */
  readonly processReference?: string | null;
  readonly paymentRef?: string | null;
  /** Another TransTimeStamp than the transaction's (the PH answers ElInconsistent). */
  readonly transTimeStamp?: string;
}

/** Misuse of the session API by a caller (e.g. pay() before a challenge arrived) — not a PH failure. */
export class WalletUsageError extends Error {
  readonly kind = 'WalletUsageError';
}

/** One payment attempt: the Payment Request and what follows it. */
interface Attempt {
  readonly requestRoot: XmlElement;
  readonly init: HsInitOut;
  readonly consumerPaymentId: string;
  payId?: string;
  exchange?: PayExchBlk;
  challenge?: AcceptedChallenge;
  proof?: PaymentProof;
  hsPayText?: string;
  exchangeRoot?: XmlElement;
}

/**
 * One IOTP transaction from the Consumer's side (profile §3.3.8, §4, §6), step by step so tests can
 * misbehave on purpose: paymentRequest → pay (or cancel), resend, inquire. Every message is recorded
 * in `steps`.
 */
export class PaymentSession {
  readonly offer: SignedOffer;
  readonly merchant: DemoMerchant;
  readonly credentials: HashSecretCredentials;
  readonly steps: SessionStep[] = [];
  private readonly client: IotpHttpClient;
  private readonly now: () => Date;
  private readonly random: RandomBytes;
  private consumerMsgNumber = 0;
  private inquiryMsgNumber = 0;
  /** MsgId of the PH's last trading answer, for RespIotpMsg. */
  private lastPhMsgId: string;
  private attempt?: Attempt;
  private readonly sent = new Map<string, Outbound>();
  private lastSent?: Outbound;
  /** Set by cancel(): what our Cancel Block said. */
  private cancelled?: { readonly completionCode: string; readonly statusDesc: string };

  constructor(private readonly options: PaymentSessionOptions) {
    const gatewayUrl = options.gatewayUrl ?? options.merchant?.gatewayUrl;
    if (!gatewayUrl) throw new WalletUsageError('a gatewayUrl or a merchant is needed');
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? randomBytes;
    this.client = options.client ?? sharedClient(gatewayUrl);
    this.merchant = options.merchant ?? new DemoMerchant({ gatewayUrl, now: this.now, random: this.random });
    const customer = options.customer ?? 'alice';
    this.credentials = typeof customer === 'string' ? demoCredentials(customer) : customer;
    this.offer = this.merchant.makeOffer({
      customerId: this.credentials.customerId,
      amount: options.amount,
      currency: options.currency,
      brand: options.brand,
      signedPayReceipt: options.signedPayReceipt,
      ...options.offer,
    });
    this.lastPhMsgId = this.offer.components.ids.msgId; // C1 answers the Merchant's M1
  }

  get iotpTransId(): string {
    return this.offer.iotpTransId;
  }

  get paymentRef(): string {
    return this.offer.components.ids.payment;
  }

  /** PaymentHandlerPayId of the current attempt, once the PH sent one. */
  get payId(): string | undefined {
    return this.attempt?.payId;
  }

  /** The HS-Pay fields of the current attempt, once sent (for `reusePiFrom` in another session). */
  get hsPay(): HsPayFields | undefined {
    return this.attempt?.hsPayText ? hsPayFields(this.attempt.hsPayText) : undefined;
  }

  /** C<n>: the Payment Request with a fresh HS-Init (a new attempt when called again). */
  async paymentRequest(opts: PaymentRequestOptions = {}): Promise<IotpAnswer> {
    const init = buildHsInit(this.credentials, this.random);
    const consumerPaymentId = opts.consumerPaymentId ?? `CP${this.random(6).toString('hex')}`;
    const built = buildPaymentRequest({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId,
      packagedContent: hsContent('HS-Init', init.text),
    });
    this.attempt = { requestRoot: built.root, init, consumerPaymentId };
    const o = this.offer;
    const amount = Money.parse(o.amount, o.currency).toCanonical();
    const summary = `Payment Request  ${o.currency} ${amount}  ${o.brand.brandId}  (${this.credentials.customerId})`;
    const { answer } = await this.send(outbound(built.root, built.msgId, summary));
    this.adopt(answer);
    return answer;
  }

  /** Takes the challenge of an answer to the Payment Request (also one got by resending C1 after SystemBusy). */
  adopt(answer: IotpAnswer): void {
    if (!this.attempt) return;
    if (answer.kind === 'exchange') {
      this.attempt.exchange = answer.block;
      this.attempt.payId = answer.block.paySchemeData.paymentHandlerPayId;
    } else if (answer.kind === 'cancel' || answer.kind === 'response') {
      this.attempt.payId = answer.block.status.processReference;
    }
  }

  /**
   * C<n>: checks the challenge (profile §3.3.8) and sends HS-Pay; on a bad challenge sends a Cancel
   * Block `Unspecified` instead and reports it. Verifies the Payment Response it gets.
   */
  async pay(opts: HsPayOptions = {}): Promise<PaymentResult> {
    const attempt = this.attempt;
    if (!attempt?.exchange) throw new WalletUsageError('pay() needs the HS-Challenge of paymentRequest()');
    const check = checkChallengeExchange(this.credentials, attempt.init, attempt.exchange, {
      paymentRef: this.paymentRef,
      consumerPaymentId: attempt.consumerPaymentId,
      merchantOrgId: this.offer.merchantOrgId,
      amount: this.offer.amount,
      currency: this.offer.currency,
    });
    if (!check.ok) {
      const answer = await this.cancel('Unspecified', 'merchant authentication failed');
      return { ...this.resultOf(answer), problems: [check.problem] };
    }
    const hsPay = buildHsPayVariant(this.credentials, check.challenge, opts, this.random);
    const built = buildPaymentExchange({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: attempt.consumerPaymentId,
      paymentHandlerPayId: check.payId,
      packagedContent: hsContent('HS-Pay', hsPay.text),
    });
    Object.assign(attempt, {
      challenge: check.challenge,
      proof: hsPay.proof,
      hsPayText: hsPay.text,
      exchangeRoot: built.root,
    });
    const variant = opts.tamper
      ? ` (spoilt ${opts.tamper})`
      : opts.reusePiFrom
        ? ' (π of another payment)'
        : '';
    const { answer, step } = await this.send(
      outbound(built.root, built.msgId, `Payment Exchange  HS-Pay${variant}`),
    );
    const result = this.resultOf(answer);
    if (answer.kind === 'response') step.summary = responseSummary(result);
    return result;
  }

  /** C<n>: Cancel Block (profile §4.2, §6.5); the PH answers 204. */
  async cancel(code = 'ConsCancelled', statusDesc = 'Cancelled by the consumer'): Promise<IotpAnswer> {
    this.cancelled = { completionCode: code, statusDesc };
    const built = buildConsumerCancel({
      ...this.envelope(),
      offer: this.offer,
      completionCode: code,
      paymentHandlerPayId: this.attempt?.payId,
      statusDesc,
    });
    return (await this.send(outbound(built.root, built.msgId, `Cancel  Failed ${code}`))).answer;
  }

  /** Re-POSTs the exact bytes of an earlier message (profile §1.6, §6.2). */
  async resend(which: 'C1' | 'C2' | 'last' | string = 'last'): Promise<IotpAnswer> {
    const earlier = which === 'last' ? this.lastSent : this.sent.get(which);
    if (!earlier) throw new WalletUsageError(`nothing sent as ${which}`);
    const again = { ...earlier, summary: `${earlier.summary}  (resent)` };
    return (await postAndRecord(this.client, this.steps, again)).answer;
  }

  /** I<n>: Transaction Status Inquiry about this payment (profile §4.3, §6.3); each call a new number. */
  async inquire(opts: InquiryOptions = {}): Promise<InquiryOutcome> {
    const processReference =
      opts.processReference === null ? undefined : (opts.processReference ?? this.payId);
    const paymentRef = opts.paymentRef === null ? undefined : (opts.paymentRef ?? this.paymentRef);
    const built = buildInquiryRequest({
      iotpTransId: this.iotpTransId,
      transTimeStamp: opts.transTimeStamp ?? this.offer.transTimeStamp,
      msgNumber: ++this.inquiryMsgNumber,
      paymentRef,
      paymentHandlerPayId: processReference,
      timeStamp: this.now(),
    });
    const summary = `Inquiry Request  Payment ${paymentRef ?? ''} ${processReference ?? ''}`.trimEnd();
    const out = outbound(built.root, built.msgId, summary);
    this.remember(out);
    const { answer } = await postAndRecord(this.client, this.steps, out);
    return inquiryOutcome(answer);
  }

  /** The result as of an answer (used by pay(), and by callers whose Payment Request was not answered with a challenge). */
  resultOf(answer: IotpAnswer): PaymentResult {
    const attempt = this.attempt;
    const base = {
      iotpTransId: this.iotpTransId,
      transTimeStamp: this.offer.transTimeStamp,
      paymentRef: this.paymentRef,
      ...(attempt?.payId ? { payId: attempt.payId } : {}),
      ...(attempt?.hsPayText ? { hsPay: hsPayFields(attempt.hsPayText) } : {}),
      answer,
      steps: this.steps,
    };
    const unverified = { receiptVerified: false, receiptSignatureVerified: false, problems: [] as string[] };
    switch (answer.kind) {
      case 'response': {
        const status = answer.block.status;
        const signature = answer.message.signatures
          ? this.merchant.verifyReceiptSignature({
              response: answer.message,
              sent: [attempt?.requestRoot, attempt?.exchangeRoot].filter((r) => r !== undefined),
            })
          : undefined;
        const check =
          attempt?.challenge && attempt.proof
            ? checkPaymentResponse({
                creds: this.credentials,
                challenge: attempt.challenge,
                proof: attempt.proof,
                block: answer.block,
                paymentRef: this.paymentRef,
                consumerPaymentId: attempt.consumerPaymentId,
                signedPayReceipt: this.offer.signedPayReceipt,
                signature,
              })
            : {
                receiptVerified: false,
                receiptSignatureVerified: signature?.ok === true,
                problems: ['no HS-Pay sent'],
              };
        return {
          ...base,
          ...statusFields(status),
          receiptVerified: check.receiptVerified,
          receiptSignatureVerified: check.receiptSignatureVerified,
          ...('hs' in check && check.hs
            ? { hsStatus: check.hs.status, ...(check.hs.reason ? { hsReason: check.hs.reason } : {}) }
            : {}),
          ...('balance' in check && check.balance
            ? { balance: check.balance.amount, balanceCurrency: check.balance.currency }
            : {}),
          problems: check.problems,
        };
      }
      case 'cancel':
        return { ...base, ...statusFields(answer.block.status), ...unverified };
      case 'error': {
        const e = answer.block.errorComps[0];
        return {
          ...base,
          processState: 'Unknown',
          ...(e ? { errorCode: e.errorCode, statusDesc: e.errorDesc } : {}),
          ...unverified,
        };
      }
      case 'no-content':
        // Our own Cancel (profile §4.2) is answered 204: the attempt is Failed with our code.
        return this.cancelled
          ? { ...base, processState: 'Failed', ...this.cancelled, ...unverified }
          : { ...base, processState: 'Unknown', ...unverified };
      case 'exchange':
        return { ...base, processState: 'InProgress', ...unverified };
      default:
        return { ...base, processState: 'Unknown', ...unverified, problems: [describeUnexpected(answer)] };
    }
  }

  private envelope() {
    return { msgNumber: ++this.consumerMsgNumber, respIotpMsg: this.lastPhMsgId, timeStamp: this.now() };
  }

  private async send(out: Outbound) {
    this.remember(out);
    const r = await postAndRecord(this.client, this.steps, out);
    if (r.answer.kind !== 'no-content' && r.answer.kind !== 'invalid' && r.answer.kind !== 'inquiry-response')
      this.lastPhMsgId = r.answer.message.transRef.msgId.id;
    return r;
  }

  private remember(out: Outbound): void {
    this.sent.set(out.msgId, out);
    this.lastSent = out;
  }
}

const hsContent = (name: string, text: string) => ({
  name,
  content: 'MIME:application/json',
  transform: 'BASE64' as const,
  value: text,
});

const statusFields = (s: StatusComp) => ({
  processState: s.processState,
  ...(s.completionCode ? { completionCode: s.completionCode } : {}),
  ...(s.statusDesc !== undefined ? { statusDesc: s.statusDesc } : {}),
});

/** `Payment Response  CompletedOk  receipt verified  signature verified  balance 999987.50 EUR`. */
function responseSummary(r: PaymentResult): string {
  const parts = [`Payment Response  ${[r.processState, r.completionCode].filter(Boolean).join(' ')}`];
  if (r.hsReason) parts.push(r.hsReason);
  parts.push(r.receiptVerified ? 'receipt verified' : `receipt NOT verified (${r.problems.join('; ')})`);
  parts.push(r.receiptSignatureVerified ? 'signature verified' : 'no valid signature');
  if (r.balance) parts.push(`balance ${r.balance} ${r.balanceCurrency ?? ''}`.trimEnd());
  return parts.join('  ');
}

const describeUnexpected = (a: IotpAnswer): string =>
  a.kind === 'invalid' ? a.problem : `unexpected ${a.kind} answer`;
