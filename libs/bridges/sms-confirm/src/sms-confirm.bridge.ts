import { elInconsistent, encapProtErr, suspend, systemBusy } from '@ph/bridges/common';
import { minimalDecimal } from '@ph/money';
import type {
  AcceptedBrand,
  BridgeOutcome,
  BridgeState,
  PaymentBridge,
  PaymentContext,
  SchemePackagedContent,
} from '../../common/src/payment-bridge';
import {
  decodeSmsPoll,
  decodeSmsStart,
  encodeSmsPending,
  encodeSmsResult,
  maskMsisdn,
  SMS_RESULT,
  SMS_START,
  smsPendingName,
  smsPollName,
} from './messages';
import { packagedContent, singlePayload } from './payload';
import { codeMatches, msisdnFingerprint, parseReply, replyCode } from './reply-code';
import type { SmsConfirmConfig } from './sms-confirm.config';
import { SmsOperatorUnavailableError, type InboundSms, type SmsOperator } from './sms-operator.port';

/** Brand of profile §3.1. */
export const SMS_CONFIRM_BRAND: AcceptedBrand = {
  brandId: 'x-SmsConfirm',
  protocolId: 'x-SmsConfirm-1.0',
  protocolBrandId: 'SmsConfirm',
};

/** What the state keeps between polls: public values only (no MSISDN, no reply code). */
interface AwaitingReply {
  readonly step: 'awaiting-reply';
  readonly offerRef: string;
  readonly msisdnMasked: string;
  /** Keyed fingerprint of the MSISDN (reply-code.ts). */
  readonly msisdnFp: string;
  readonly sentAt: string;
  readonly expiresAt: string;
  /** The number of the last SMS-Pending sent. */
  readonly n: string;
}

/**
 * The PH side of the SMS offer/accept scheme (seed 003 patent 1, schemes.md §3, profile §3.6): the PH
 * is MW. SMS-Start → OFFER_SMS from the PH's TPOA with reply code k → SMS-Pending-1; each SMS-Poll-<n>
 * reads the replies the operator routed to the TPOA: `YES k` → SMS-Result CompletedOk, `NO k` → Cancel
 * ConsCancelled, nothing valid by expiry → Cancel PaymtCancelled, else SMS-Pending-<n+1>.
 * Operator unreachable → SystemBusy; a send that timed out suspends the payment (the offer is resent
 * under the same clientRef on resumption, so the phone never gets it twice).
 */
export class SmsConfirmBridge implements PaymentBridge {
  readonly id = 'sms-confirm';
  readonly brands: readonly AcceptedBrand[] = [SMS_CONFIRM_BRAND];

  constructor(
    private readonly config: SmsConfirmConfig,
    private readonly operator: SmsOperator,
  ) {}

  async start(ctx: PaymentContext, schemeIn: readonly SchemePackagedContent[]): Promise<BridgeOutcome> {
    let msisdn: string;
    try {
      msisdn = decodeSmsStart(singlePayload(schemeIn, SMS_START)).msisdn;
    } catch (error) {
      return encapProtErr(`SMS-Start: ${(error as Error).message}`);
    }
    let amount: string;
    try {
      amount = minimalDecimal(ctx.amount);
    } catch {
      return {
        kind: 'reject',
        errorCode: 'AttValIllegal',
        severity: 'HardError',
        errorDesc: 'Amount',
        attName: 'Amount',
      };
    }
    const offer: AwaitingReply = {
      step: 'awaiting-reply',
      offerRef: `SO-${ctx.payId}`,
      msisdnMasked: maskMsisdn(msisdn),
      msisdnFp: msisdnFingerprint(this.config.codeKey, msisdn),
      // A second before now: the operator's clock stamps replies, ours only bounds the query.
      sentAt: new Date(ctx.now.getTime() - 1000).toISOString(),
      expiresAt: new Date(ctx.now.getTime() + this.config.ttlSecs * 1000).toISOString(),
      n: '1',
    };
    return this.sendOffer(ctx, msisdn, amount, offer);
  }

  /**
   * ResumePaymentPaymentHandler. An offer whose send timed out (it may have reached the phone) is sent
   * again under the same clientRef when the Consumer comes back with its SMS-Start (the operator sends
   * it once); without one (the janitor) the payment stays suspended until the offer expires, then it is
   * cancelled — nothing moved. Otherwise (suspended by the AppCore) the Consumer's poll goes on.
   */
  async resume(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    const unsent =
      state.step === 'awaiting-send' ? readAwaiting({ ...state, step: 'awaiting-reply' }) : undefined;
    if (unsent === undefined) return this.continue(ctx, state, schemeIn);
    if (schemeIn.length === 0) {
      return ctx.now.getTime() > Date.parse(unsent.expiresAt)
        ? {
            kind: 'refuse',
            completionCode: 'PaymtCancelled',
            statusDesc: 'no confirmed SMS offer in time',
            state: { ...unsent, step: 'ended', result: 'PaymtCancelled' },
          }
        : suspend('the SMS offer may not have been sent; waiting for the Consumer', state);
    }
    let msisdn: string;
    try {
      msisdn = decodeSmsStart(singlePayload(schemeIn, SMS_START)).msisdn;
    } catch (error) {
      return encapProtErr(`SMS-Start: ${(error as Error).message}`);
    }
    if (msisdnFingerprint(this.config.codeKey, msisdn) !== unsent.msisdnFp)
      return elInconsistent('SMS-Start names another phone than the offer');
    return this.sendOffer(ctx, msisdn, minimalDecimal(ctx.amount), unsent);
  }

  /** OFFER_SMS under the offer's clientRef, then SMS-Pending-1. Unanswered in time: suspended. */
  private async sendOffer(
    ctx: PaymentContext,
    msisdn: string,
    amount: string,
    offer: AwaitingReply,
  ): Promise<BridgeOutcome> {
    const k = replyCode(this.config.codeKey, ctx.payId);
    const expiry = offer.expiresAt.slice(11, 16);
    const text =
      `${ctx.merchantOrgId}: pay ${ctx.currency} ${amount}, ref ${offer.offerRef}? ` +
      `Reply YES ${k} to accept or NO ${k} to reject by ${expiry} UTC.`;
    try {
      await this.operator.send({ from: this.config.tpoa, to: msisdn, text, clientRef: offer.offerRef });
    } catch (error) {
      if (error instanceof SmsOperatorUnavailableError && error.maybeDelivered)
        return suspend(`SMS operator: ${error.message}`, { ...offer, step: 'awaiting-send' });
      return systemBusy('SMS operator unavailable');
    }
    return { kind: 'continue', schemeOut: [this.pending(offer, 1)], state: { ...offer } };
  }

  async continue(
    ctx: PaymentContext,
    state: BridgeState,
    schemeIn: readonly SchemePackagedContent[],
  ): Promise<BridgeOutcome> {
    const offer = readAwaiting(state);
    if (offer === undefined) {
      return {
        kind: 'reject',
        errorCode: 'ElUnexpected',
        severity: 'HardError',
        errorDesc: 'no SMS offer awaits a poll',
      };
    }
    const n = Number(offer.n);
    let offerRef: string;
    try {
      offerRef = decodeSmsPoll(n, singlePayload(schemeIn, smsPollName(n))).offerRef;
    } catch (error) {
      return encapProtErr(`${smsPollName(n)}: ${(error as Error).message}`);
    }
    if (offerRef !== offer.offerRef) {
      return {
        kind: 'reject',
        errorCode: 'ElInconsistent',
        severity: 'HardError',
        errorDesc: `${smsPollName(n)} offerRef differs from the offer`,
      };
    }
    let replies: readonly InboundSms[];
    try {
      replies = await this.operator.inbox(this.config.tpoa, new Date(offer.sentAt));
    } catch {
      return systemBusy('SMS operator unavailable');
    }
    const decision = this.decide(ctx, offer, replies);
    const ended = (result: string): BridgeState => ({
      step: 'ended',
      offerRef: offer.offerRef,
      msisdnMasked: offer.msisdnMasked,
      result,
    });
    if (decision === 'YES') {
      return {
        kind: 'end',
        processState: 'CompletedOk',
        statusDesc: 'Payment confirmed by SMS',
        schemeOut: [
          packagedContent(SMS_RESULT, encodeSmsResult({ offerRef: offer.offerRef, status: 'CompletedOk' })),
        ],
        receiptNameRefs: [SMS_RESULT],
        state: ended('CompletedOk'),
      };
    }
    if (decision === 'NO') {
      return {
        kind: 'refuse',
        completionCode: 'ConsCancelled',
        statusDesc: 'payment rejected by SMS',
        state: ended('ConsCancelled'),
      };
    }
    if (ctx.now.getTime() > Date.parse(offer.expiresAt)) {
      return {
        kind: 'refuse',
        completionCode: 'PaymtCancelled',
        statusDesc: 'no SMS confirmation in time',
        state: ended('PaymtCancelled'),
      };
    }
    const next = n + 1;
    const nextState: AwaitingReply = { ...offer, n: String(next) };
    return { kind: 'continue', schemeOut: [this.pending(nextState, next)], state: { ...nextState } };
  }

  /**
   * S2/S3 of schemes.md §3.2: only replies from the offer's MSISDN, within the offer's lifetime, with
   * this offer's k count; the first valid one (operator order) wins. Others are ignored.
   */
  private decide(
    ctx: PaymentContext,
    offer: AwaitingReply,
    replies: readonly InboundSms[],
  ): 'YES' | 'NO' | undefined {
    const k = replyCode(this.config.codeKey, ctx.payId);
    const expires = Date.parse(offer.expiresAt);
    const sorted = [...replies].sort(
      (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.messageId.localeCompare(b.messageId),
    );
    for (const sms of sorted) {
      if (msisdnFingerprint(this.config.codeKey, sms.from) !== offer.msisdnFp) continue;
      const at = Date.parse(sms.receivedAt);
      if (!(at <= expires)) continue;
      const reply = parseReply(sms.text);
      if (reply && codeMatches(k, reply.code)) return reply.answer;
    }
    return undefined;
  }

  private pending(offer: AwaitingReply, n: number): SchemePackagedContent {
    return packagedContent(
      smsPendingName(n),
      encodeSmsPending(n, {
        offerRef: offer.offerRef,
        msisdnMasked: offer.msisdnMasked,
        expiresAt: offer.expiresAt,
        pollAfterSecs: String(this.config.pollAfterSecs),
      }),
    );
  }
}

const KEYS = ['offerRef', 'msisdnMasked', 'msisdnFp', 'sentAt', 'expiresAt', 'n'] as const;
function readAwaiting(state: BridgeState): AwaitingReply | undefined {
  if (state.step !== 'awaiting-reply') return undefined;
  for (const key of KEYS) if (typeof state[key] !== 'string') return undefined;
  return state as unknown as AwaitingReply;
}
