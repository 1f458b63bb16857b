import { inquiryHandleOf, type InquiryHandle } from '../session/payment-result';
import { resendWhileBusy, type BusyRetryOptions } from '../session/resend-while-busy';
import { randomBytes } from 'node:crypto';
import type { XmlElement } from '@ph/iotp';
import {
  buildPInitReq,
  buildPReq,
  checkPInitRes,
  checkPRes,
  maskedPan,
  purchAmt,
  registerCard,
  setOrderDescription,
  type AcceptedPInitRes,
  type CardBrand,
  type CardholderWallet,
  type ChipCard,
  type ChipData,
  type PInitReqOut,
  type PReqOut,
  type PResCheck,
  type SetLikeCard,
} from '../../schemes/set-like';
import { sharedClient, type IotpHttpClient } from '../http/iotp-http-client';
import type { IotpAnswer } from '../iotp/answer';
import { buildPaymentExchange, buildPaymentRequest } from '../iotp/consumer-messages';
import { DemoMerchant, type SignedOffer } from '../merchant/demo-merchant';
import { outbound, postAndRecord, type Outbound, type SessionStep } from '../session/session-step';

export interface SetLikeSessionOptions {
  readonly gatewayUrl: string;
  readonly card: SetLikeCard;
  readonly amount: string;
  readonly currency: string;
  /** The brand selected in IOTP (default: the card's). */
  readonly brand?: CardBrand;
  /** The brand written into the cardholder credential (default: the card's; a test may lie). */
  readonly credentialBrand?: string;
  readonly signedPayReceipt?: boolean;
  /** The card's EMV chip (a chip card): it computes an ARQC that travels inside EncPI. */
  readonly chip?: ChipCard;
  /** Test only: flip a bit of the ARQC after the chip computed it (the issuer must decline). */
  readonly tamperArqc?: boolean;
  readonly client?: IotpHttpClient;
  readonly now?: () => Date;
  readonly random?: (n: number) => Buffer;
}

export interface SetLikePaymentResult {
  readonly payId?: string;
  readonly inquiry: InquiryHandle;
  readonly processState: string;
  readonly completionCode?: string;
  readonly statusDesc?: string;
  readonly errorCode?: string;
  readonly severity?: string;
  /** PRes verified (PH signature, Chall-C, XID, RRPID, amount) and named by PayReceiptNameRefs when paid. */
  readonly receiptVerified: boolean;
  readonly receiptSignatureVerified: boolean;
  readonly pres?: PResCheck;
  /** Chip cards: the ATC and ARQC the chip produced and the issuer authentication (ARPC) outcome. */
  readonly chip?: ChipStep;
  readonly problems: readonly string[];
  readonly answer: IotpAnswer;
  readonly steps: readonly SessionStep[];
}

export interface ChipStep {
  readonly atc: number;
  readonly arqc: string;
  readonly cvn: string;
  /** `verified`: the ARPC proves the issuer checked our ARQC; `absent`: no ARPC in the PRes. */
  readonly arpc: 'verified' | 'failed' | 'absent' | 'not-checked';
  /** The issuer's authorisation response code carried with the ARPC ('00' approved). */
  readonly arc?: string;
}

/**
 * One SET-like card payment from the Consumer's side (RFC 3538 over IOTP, profile §3.4): Payment
 * Request with PInitReq → PInitRes checked → Payment Exchange with PReq → Payment Response with PRes.
 * Step by step so tests can resend messages; the PAN is printed only masked.
 */
export class SetLikeSession {
  readonly offer: SignedOffer;
  readonly merchant: DemoMerchant;
  readonly steps: SessionStep[] = [];
  readonly wallet: CardholderWallet;
  private readonly client: IotpHttpClient;
  private readonly now: () => Date;
  private readonly random: (n: number) => Buffer;
  private readonly sent = new Map<string, Outbound>();
  private msgNumber = 0;
  private lastPhMsgId: string;
  private consumerPaymentId = '';
  private init?: PInitReqOut;
  private accepted?: AcceptedPInitRes;
  private preq?: PReqOut;
  private chipData?: ChipData;
  private requestRoot?: XmlElement;
  private exchangeRoot?: XmlElement;
  payId?: string;

  constructor(private readonly options: SetLikeSessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? randomBytes;
    this.client = options.client ?? sharedClient(options.gatewayUrl);
    this.wallet = registerCard(options.card, this.random, options.credentialBrand);
    this.merchant = new DemoMerchant({ gatewayUrl: options.gatewayUrl, now: this.now, random: this.random });
    this.offer = this.merchant.makeOffer({
      customerId: 'cardholder',
      amount: options.amount,
      currency: options.currency,
      brand: options.brand ?? this.wallet.brand,
      signedPayReceipt: options.signedPayReceipt,
    });
    this.lastPhMsgId = this.offer.components.ids.msgId;
  }

  /** C1: Payment Request with PInitReq. */
  async paymentRequest(): Promise<IotpAnswer> {
    this.consumerPaymentId = `CP${this.random(6).toString('hex')}`;
    this.init = buildPInitReq(
      this.offer.brand.protocolBrandId,
      this.consumerPaymentId,
      this.now(),
      this.random,
    );
    const built = buildPaymentRequest({
      ...this.envelope(),
      offer: this.offer,
      consumerPaymentId: this.consumerPaymentId,
      packagedContent: { content: 'PCDATA', transform: 'BASE64', value: this.init.text },
    });
    this.requestRoot = built.root;
    const summary = `Payment Request  ${this.offer.currency} ${this.offer.amount}  ${this.offer.brand.brandId}  PInitReq  (card ${maskedPan(this.options.card.pan)})`;
    const answer = await this.send(outbound(built.root, built.msgId, summary));
    this.adopt(answer);
    return answer;
  }

  /** Takes the PInitRes of an exchange answer (also one got by retransmitting C1). */
  adopt(answer: IotpAnswer): void {
    if (answer.kind === 'exchange') this.payId = answer.block.paySchemeData.paymentHandlerPayId;
    else if (answer.kind === 'cancel' || answer.kind === 'response')
      this.payId = answer.block.status.processReference;
  }

  /** C2: checks PInitRes, sends PReq, verifies the Payment Response. */
  async pay(exchange: IotpAnswer): Promise<SetLikePaymentResult> {
    if (exchange.kind !== 'exchange' || !this.init) return this.resultOf(exchange);
    const pc = exchange.block.paySchemeData.packagedContents[0];
    const accepted = pc ? checkPInitRes(pc.value, this.init) : { problem: 'no PInitRes' };
    if ('problem' in accepted) return { ...this.resultOf(exchange), problems: [accepted.problem] };
    this.accepted = accepted;
    const o = this.offer;
    const chip = this.options.chip;
    if (chip) {
      const amt = purchAmt(o.amount, o.currency);
      const minor = BigInt(amt.amount) * 10n ** BigInt(Number(amt.amtExp10) + 2);
      const data = chip.generateArqc({
        amountMinor: minor.toString(),
        currencyNumeric: amt.currency,
        date: this.now(),
        un: this.random(4),
      });
      const arqc = this.options.tamperArqc
        ? (parseInt(data.ARQC.slice(0, 2), 16) ^ 0x01).toString(16).toUpperCase().padStart(2, '0') +
          data.ARQC.slice(2)
        : data.ARQC;
      this.chipData = { ...data, ARQC: arqc };
    }
    this.preq = buildPReq({
      wallet: this.wallet,
      init: this.init,
      accepted,
      merchantId: o.merchantOrgId.toLowerCase(),
      amount: o.amount,
      currency: o.currency,
      od: setOrderDescription(`${o.iotpTransId} ${o.components.ids.payment} ${o.currency} ${o.amount}`),
      brandId: o.brand.protocolBrandId,
      now: this.now(),
      random: this.random,
      ...(this.chipData ? { chip: this.chipData } : {}),
    });
    const built = buildPaymentExchange({
      ...this.envelope(),
      offer: o,
      consumerPaymentId: this.consumerPaymentId,
      paymentHandlerPayId: exchange.block.paySchemeData.paymentHandlerPayId ?? '',
      packagedContent: { content: 'PCDATA', transform: 'BASE64', value: this.preq.text },
    });
    this.exchangeRoot = built.root;
    const chipNote = this.chipData ? ', chip ARQC inside' : '';
    const answer = await this.send(
      outbound(built.root, built.msgId, `Payment Exchange  PReq (EncPI for the acquirer${chipNote})`),
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

  resultOf(answer: IotpAnswer): SetLikePaymentResult {
    const base = {
      ...(this.payId ? { payId: this.payId } : {}),
      answer,
      steps: this.steps,
      inquiry: inquiryHandleOf(this.offer),
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
    if (answer.kind === 'cancel') return { ...base, ...statusOf(answer.block.status), ...none };
    if (answer.kind === 'exchange') return { ...base, processState: 'InProgress', ...none };
    if (answer.kind !== 'response') return { ...base, processState: 'Unknown', ...none };
    const block = answer.block;
    const problems: string[] = [];
    const pres = block.paySchemeData?.packagedContents.find((p) => p.name === 'PRes');
    let check: PResCheck | undefined;
    if (!pres) problems.push('no PRes in the Payment Response');
    else if (pres.content !== 'PCDATA' || pres.transform !== 'BASE64')
      problems.push('PRes must be PCDATA/BASE64');
    else if (this.init && this.accepted && this.preq) {
      check = checkPRes(pres.value, {
        init: this.init,
        accepted: this.accepted,
        preq: this.preq,
        amount: this.offer.amount,
        currency: this.offer.currency,
      });
      problems.push(...check.problems);
    }
    const paid = block.status.processState === 'CompletedOk';
    if (paid && !(block.payReceipt?.payReceiptNameRefs ?? []).includes('PRes'))
      problems.push('PayReceiptNameRefs does not name PRes');
    const signature = answer.message.signatures
      ? this.merchant.verifyReceiptSignature({
          response: answer.message,
          sent: [this.requestRoot, this.exchangeRoot].filter((r) => r !== undefined),
        })
      : undefined;
    const chip = this.chipStep(check, paid, problems);
    return {
      ...base,
      ...statusOf(block.status),
      receiptVerified: check?.ok === true && problems.length === 0,
      receiptSignatureVerified: signature?.ok === true,
      ...(check ? { pres: check } : {}),
      ...(chip ? { chip } : {}),
      problems,
    };
  }

  /** Issuer authentication: the PRes's ARPC must verify under our chip's key; an approval needs one. */
  private chipStep(check: PResCheck | undefined, paid: boolean, problems: string[]): ChipStep | undefined {
    const chip = this.options.chip;
    const data = this.chipData;
    if (!chip || !data) return undefined;
    const step = { atc: parseInt(data.ATC, 16), arqc: data.ARQC, cvn: chip.profile.cvn };
    if (!check) return { ...step, arpc: 'not-checked' };
    if (check.issuerAuthData === undefined) {
      if (paid) problems.push('approved chip payment without an ARPC (issuer not authenticated)');
      return { ...step, arpc: 'absent' };
    }
    const v = chip.verifyArpc(data, check.issuerAuthData);
    if (!v.ok) problems.push('ARPC does not verify (issuer not authenticated)');
    return { ...step, arpc: v.ok ? 'verified' : 'failed', ...(v.arc ? { arc: v.arc } : {}) };
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

const statusOf = (s: { processState: string; completionCode?: string; statusDesc?: string }) => ({
  processState: s.processState,
  ...(s.completionCode ? { completionCode: s.completionCode } : {}),
  ...(s.statusDesc !== undefined ? { statusDesc: s.statusDesc } : {}),
});

export type RunSetLikePaymentOptions = SetLikeSessionOptions & BusyRetryOptions;

/**
 * A complete SET-like payment: C1 (PInitReq) → P1 (PInitRes) → C2 (PReq) → P2 (PRes), checked. With
 * `busyRetries`, a SystemBusy answer is resent after MinRetrySecs (the PH resumes a suspended payment).
 */
export async function runSetLikePayment(options: RunSetLikePaymentOptions): Promise<SetLikePaymentResult> {
  const session = new SetLikeSession(options);
  const answer = await resendWhileBusy(await session.paymentRequest(), () => session.resend('C1'), options);
  session.adopt(answer);
  if (answer.kind !== 'exchange') return session.resultOf(answer);
  const paid = await session.pay(answer);
  if (paid.errorCode !== 'SystemBusy') return paid;
  return session.resultOf(await resendWhileBusy(paid.answer, () => session.resend('C2'), options));
}
