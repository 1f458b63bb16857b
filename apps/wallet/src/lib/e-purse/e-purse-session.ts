import { inquiryHandleOf, type InquiryHandle } from '../session/payment-result';
import { randomBytes } from 'node:crypto';
import type { XmlElement } from '@ph/iotp';
import { minimalDecimal } from '@ph/money';
import {
  creditConfMacOk,
  decodeCreditConf,
  decodeDebitRequest,
  decodeEpResult,
  encodeJson,
  EP_CONTENT,
  EP_TRANSFORM,
  type DebitRequest,
  type PurseCard,
} from '../../schemes/e-purse';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import { buildConsumerCancel, buildPaymentExchange, buildPaymentRequest } from '../iotp/consumer-messages';
import { DemoMerchant, type SignedOffer } from '../merchant/demo-merchant';
import { outbound, postAndRecord, type Outbound, type SessionStep } from '../session/session-step';

export interface EPurseSessionOptions {
  readonly gatewayUrl: string;
  readonly card: PurseCard;
  readonly amount: string;
  readonly currency: string;
  readonly signedPayReceipt?: boolean;
  readonly client?: IotpHttpClient;
  readonly now?: () => Date;
  readonly random?: (n: number) => Buffer;
}

export interface EPursePaymentResult {
  readonly payId?: string;
  readonly inquiry: InquiryHandle;
  readonly processState: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly errorCode?: string;
  readonly severity?: string;
  /** EP-CreditConf verified (merchant card MAC over our record) and the receipt names both. */
  readonly receiptVerified: boolean;
  readonly receiptSignatureVerified: boolean;
  /** EP-Result's reason on a decline (BadMacC, SeqReplayed, …). */
  readonly reason?: string;
  /** The record our card wrote (kept on the card too), to claim it back if it was not credited. */
  readonly record?: string;
  readonly balance: string;
  readonly problems: readonly string[];
  readonly answer: IotpAnswer;
  readonly steps: readonly SessionStep[];
}

/** What a test may do to the purse's record before it goes out. */
export type RecordTamper = 'bad-mac' | 'wrong-nonce';

/**
 * One purse purchase from the Consumer's side (seed 000, schemes.md §1.4, profile §3.5): EP-Hello in
 * the Payment Request → the card checks EP-DebitReq (merchant MAC), shows balance and amount, debits
 * itself → EP-DebitRecord → EP-CreditConf verified. Step by step so tests can resend messages.
 */
export class EPurseSession {
  readonly offer: SignedOffer;
  readonly merchant: DemoMerchant;
  readonly steps: SessionStep[] = [];
  private readonly client: IotpHttpClient;
  private readonly now: () => Date;
  private readonly random: (n: number) => Buffer;
  private readonly sent = new Map<string, Outbound>();
  private readonly roots: XmlElement[] = [];
  private msgNumber = 0;
  private lastPhMsgId: string;
  private consumerPaymentId = '';
  private record?: string;
  private refusal?: { code: string; desc: string };
  payId?: string;

  constructor(private readonly options: EPurseSessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? randomBytes;
    this.client = options.client ?? sharedClient(options.gatewayUrl);
    this.merchant = new DemoMerchant({ gatewayUrl: options.gatewayUrl, now: this.now, random: this.random });
    this.offer = this.merchant.makeOffer({
      customerId: options.card.data.purseId,
      amount: options.amount,
      currency: options.currency,
      brand: 'GeldKarte',
      signedPayReceipt: options.signedPayReceipt,
    });
    this.lastPhMsgId = this.offer.components.ids.msgId;
  }

  get card(): PurseCard {
    return this.options.card;
  }

  /** C1: Payment Request with EP-Hello (purse id, counter, currency). */
  async paymentRequest(): Promise<IotpAnswer> {
    this.consumerPaymentId = `CP${this.random(6).toString('hex')}`;
    const { purseId, seqC, cur } = this.card.data;
    const hello = encodeJson({ type: 'EP-Hello', v: 1, purseId, seqC: String(seqC), cur });
    const built = buildPaymentRequest({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: this.consumerPaymentId,
      packagedContent: { name: 'EP-Hello', content: EP_CONTENT, transform: EP_TRANSFORM, value: hello },
    });
    this.roots.push(built.root);
    const summary = `Payment Request  ${this.offer.currency} ${this.offer.amount}  GeldKarte  EP-Hello  (purse ${purseId}, seqC ${seqC})`;
    const answer = await this.send(outbound(built.root, built.msgId, summary));
    if (answer.kind === 'exchange') this.payId = answer.block.paySchemeData.paymentHandlerPayId;
    else if (answer.kind === 'cancel' || answer.kind === 'response')
      this.payId = answer.block.status.processReference;
    return answer;
  }

  /** E3/E4: the card checks the debit request, shows balance and amount, debits; C2 carries its record. */
  async pay(exchange: IotpAnswer, tamper?: RecordTamper): Promise<EPursePaymentResult> {
    if (exchange.kind !== 'exchange') return this.resultOf(exchange);
    // Also an exchange got by resending C1 (after SystemBusy) names the payment.
    this.payId = exchange.block.paySchemeData.paymentHandlerPayId ?? this.payId;
    const pc = exchange.block.paySchemeData.packagedContents.find((p) => p.name === 'EP-DebitReq');
    const req = pc && decodeDebitRequest(pc.value);
    const problem = req ? this.mismatch(req) : 'no readable EP-DebitReq';
    if (problem || !req)
      return this.refuse('Unspecified', problem ?? 'no debit request', 'merchant card authentication failed');
    this.note(
      `reader shows  balance ${this.card.balance} ${req.cur}  pay ${req.u} ${req.cur}  to ${req.idM}  — confirmed`,
    );
    const debited = this.card.debit(req, this.now());
    if ('refused' in debited) {
      if (debited.refused === 'InsuffFunds')
        return this.refuse('InsuffFunds', 'insufficient purse balance', 'insufficient purse balance');
      return this.refuse(
        'Unspecified',
        `purse refused: ${debited.refused}`,
        'merchant card authentication failed',
      );
    }
    this.record = tamper ? tampered(debited.record, tamper) : debited.record;
    return this.sendRecord(exchange.block.paySchemeData.paymentHandlerPayId ?? '');
  }

  /** C<n>: (re)sends the last record the card wrote, e.g. after a lost answer (schemes.md §1.6). */
  async sendRecord(payId: string): Promise<EPursePaymentResult> {
    const built = buildPaymentExchange({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: this.consumerPaymentId,
      paymentHandlerPayId: payId,
      packagedContent: {
        name: 'EP-DebitRecord',
        content: EP_CONTENT,
        transform: EP_TRANSFORM,
        value: this.record ?? '',
      },
    });
    this.roots.push(built.root);
    const answer = await this.send(
      outbound(
        built.root,
        built.msgId,
        `Payment Exchange  EP-DebitRecord  (balance now ${this.card.balance})`,
      ),
    );
    return this.resultOf(answer);
  }

  /** Re-POSTs the exact bytes of an earlier message ('C1', 'C2'). */
  async resend(which: string): Promise<IotpAnswer> {
    const earlier = this.sent.get(which);
    if (!earlier) throw new Error(`nothing sent as ${which}`);
    return (
      await postAndRecord(this.client, this.steps, { ...earlier, summary: `${earlier.summary}  (resent)` })
    ).answer;
  }

  resultOf(answer: IotpAnswer): EPursePaymentResult {
    const base = {
      ...(this.payId ? { payId: this.payId } : {}),
      inquiry: inquiryHandleOf(this.offer),
      ...(this.record ? { record: this.record } : {}),
      balance: this.card.balance,
      answer,
      steps: this.steps,
    };
    const none = { receiptVerified: false, receiptSignatureVerified: false, problems: [] as string[] };
    if (answer.kind === 'error') {
      const e = answer.block.errorComps[0];
      return {
        ...base,
        processState: 'Unknown',
        errorCode: e?.errorCode,
        severity: e?.severity,
        statusDesc: e?.errorDesc,
        ...none,
      };
    }
    if (answer.kind === 'no-content' && this.refusal)
      return {
        ...base,
        processState: 'Failed',
        completionCode: this.refusal.code,
        statusDesc: this.refusal.desc,
        ...none,
      };
    if (answer.kind === 'cancel') return { ...base, ...statusOf(answer.block.status), ...none };
    if (answer.kind === 'exchange') return { ...base, processState: 'InProgress', ...none };
    if (answer.kind !== 'response') return { ...base, processState: 'Unknown', ...none };
    const block = answer.block;
    const problems: string[] = [];
    const contents = block.paySchemeData?.packagedContents ?? [];
    const paid = block.status.processState === 'CompletedOk';
    const result = contents.find((p) => p.name === 'EP-Result');
    const conf = contents.find((p) => p.name === 'EP-CreditConf');
    let verified = false;
    if (paid) {
      const cc = conf && decodeCreditConf(conf.value);
      if (!cc) problems.push('no readable EP-CreditConf');
      else if (cc.txRef !== this.payId) problems.push('EP-CreditConf txRef is not our PaymentHandlerPayId');
      else if (!this.record || !creditConfMacOk(cc.idM, this.record, cc.mac))
        problems.push('EP-CreditConf MAC does not verify');
      else verified = true;
      const refs = block.payReceipt?.payReceiptNameRefs ?? [];
      if (!refs.includes('EP-DebitRecord') || !refs.includes('EP-CreditConf'))
        problems.push('PayReceiptNameRefs does not name EP-DebitRecord and EP-CreditConf');
    }
    const reason = result ? decodeEpResult(result.value)?.reason : undefined;
    const signature = answer.message.signatures
      ? this.merchant.verifyReceiptSignature({ response: answer.message, sent: this.roots })
      : undefined;
    return {
      ...base,
      ...statusOf(block.status),
      ...(reason ? { reason } : {}),
      receiptVerified: verified && problems.length === 0,
      receiptSignatureVerified: signature?.ok === true,
      problems,
    };
  }

  /** The card's checks of the debit request against what the customer agreed to (profile §3.5). */
  private mismatch(req: DebitRequest): string | undefined {
    if (req.txRef !== this.payId) return 'EP-DebitReq txRef is not the PaymentHandlerPayId';
    if (req.cur !== this.offer.currency || !sameAmount(req.u, this.offer.amount))
      return 'EP-DebitReq amount differs from the offer';
    return undefined;
  }

  /** The purse refuses: a Consumer Cancel Block (profile §4.2); the PH answers 204. */
  private async refuse(localCode: string, localDesc: string, wireDesc: string): Promise<EPursePaymentResult> {
    this.refusal = { code: localCode, desc: localDesc };
    const built = buildConsumerCancel({
      ...this.envelope(),
      offer: this.offer,
      completionCode: 'Unspecified',
      paymentHandlerPayId: this.payId,
      statusDesc: wireDesc,
    });
    const answer = await this.send(
      outbound(built.root, built.msgId, `Cancel  Failed Unspecified  (${localDesc})`),
    );
    return this.resultOf(answer);
  }

  private note(summary: string): void {
    this.steps.push({ direction: '→', msgId: '—', summary: `[card] ${summary}`, xml: Buffer.alloc(0) });
  }

  private envelope() {
    return { msgNumber: ++this.msgNumber, respIotpMsg: this.lastPhMsgId, timeStamp: this.now() };
  }

  private async send(out: Outbound): Promise<IotpAnswer> {
    this.sent.set(out.msgId, out);
    const { answer } = await postAndRecord(this.client, this.steps, out);
    if (answer.kind !== 'no-content' && answer.kind !== 'invalid' && answer.kind !== 'inquiry-response')
      this.lastPhMsgId = answer.message.transRef.msgId.id;
    return answer;
  }
}

const sameAmount = (minimal: string, offered: string): boolean => minimal === minimalDecimal(offered);

const statusOf = (s: { processState: string; completionCode?: string; statusDesc?: string }) => ({
  processState: s.processState,
  ...(s.completionCode ? { completionCode: s.completionCode } : {}),
  ...(s.statusDesc !== undefined ? { statusDesc: s.statusDesc } : {}),
});

/** A record the PH must refuse: its MAC flipped, or made for another debit request's nM. */
function tampered(record: string, how: RecordTamper): string {
  const obj = JSON.parse(Buffer.from(record, 'base64').toString('utf8')) as Record<string, string | number>;
  const flip = (hexText: string) => (hexText[0] === '0' ? '1' : '0') + hexText.slice(1);
  if (how === 'bad-mac') obj.macC = flip(String(obj.macC));
  else obj.nM = flip(String(obj.nM));
  return Buffer.from(JSON.stringify(obj), 'utf8').toString('base64');
}

export type RunEPursePaymentOptions = EPurseSessionOptions;

/** A complete purse payment: C1 (EP-Hello) → P1 (EP-DebitReq) → C2 (EP-DebitRecord) → P2 (EP-CreditConf). */
export async function runEPursePayment(options: RunEPursePaymentOptions): Promise<EPursePaymentResult> {
  const session = new EPurseSession(options);
  return session.pay(await session.paymentRequest());
}
