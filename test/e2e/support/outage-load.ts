import { setTimeout as sleep } from 'node:timers/promises';
import { serializeIotpXml } from '@ph/iotp';
import {
  PaymentSession,
  SetLikeSession,
  buildInquiryRequest,
  readAnswer,
  sharedClient,
  type IotpAnswer,
  type SignedOffer,
} from '../../../apps/wallet/src/lib';
import { inquiryOutcome, type InquiryOutcome } from '../../../apps/wallet/src/lib/iotp/inquiry-outcome';
import { KNOWN_BRANDS } from '../../../apps/wallet/src/lib/merchant/offer-brands';
import {
  SchemeSession,
  SimulatedPhone,
  jsonContent,
  schemeResult,
} from '../../../apps/wallet/src/lib/sms-issuer';
import { buildMpAuth } from '../../../apps/wallet/src/schemes/issuer-micro/mp-payloads';
import { EPurseSession } from '../../../apps/wallet/src/lib/e-purse';
import type { PurseCard } from '../../../apps/wallet/src/schemes/e-purse';
import type { SetLikeCard } from '../../../apps/wallet/src/schemes/set-like';
import {
  buildSmsPoll,
  buildSmsStart,
  readSmsPending,
} from '../../../apps/wallet/src/schemes/sms-confirm/sms-payloads';

/*
 * Wallet drivers for the outage-under-load tests: one payment each, retransmitting the same message
 * after every TransientError answer (SystemBusy, MsgBeingProc) once the answer's MinRetrySecs have
 * passed (profile §1.6) — the wallet library itself does not retry — bounded by a deadline.
 */

export type Expected =
  | { readonly processState: 'CompletedOk' }
  | { readonly processState: 'Failed'; readonly completionCode: string };

/** One wallet's payment and what became of it. */
export interface LoadPayment {
  readonly index: number;
  /** Canonical amount ('1.07') and the same in minor units, distinct within a scheme's run. */
  readonly amount: string;
  readonly amountMinor: bigint;
  readonly expected: Expected;
  offer?: SignedOffer;
  payId?: string;
  /** The wallet's final view. */
  final?: { readonly processState: string; readonly completionCode?: string };
  /** SystemBusy answers seen (each followed by a retransmission after MinRetrySecs). */
  busy: number;
  /** Other TransientError answers (MsgBeingProc) seen. */
  otherTransient: number;
  /** Simulator calls the simulated phone had to repeat (SMS). */
  phoneRetries: number;
  failure?: string;
}

export const minorToAmount = (minor: number): string =>
  `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

export function newPayment(index: number, amountMinor: number, expected: Expected): LoadPayment {
  return {
    index,
    amount: minorToAmount(amountMinor),
    amountMinor: BigInt(amountMinor),
    expected,
    busy: 0,
    otherTransient: 0,
    phoneRetries: 0,
  };
}

const transient = (a: IotpAnswer) =>
  a.kind === 'error' && a.block.errorComps.some((e) => e.severity === 'TransientError');

/** Retransmits while the answer is a TransientError Error Block, after its MinRetrySecs. */
export async function untilNotTransient(
  p: LoadPayment,
  first: IotpAnswer,
  resend: () => Promise<IotpAnswer>,
  deadline: number,
): Promise<IotpAnswer> {
  let answer = first;
  while (answer.kind === 'error' && transient(answer)) {
    const comp = answer.block.errorComps[0];
    if (comp.errorCode === 'SystemBusy') p.busy += 1;
    else p.otherTransient += 1;
    if (Date.now() > deadline) throw new Error(`payment ${p.index}: still ${comp.errorCode} at the deadline`);
    const secs = Number(comp.minRetrySecs ?? '1');
    await sleep(Math.max(1, Number.isFinite(secs) ? secs : 1) * 1000);
    answer = await resend();
  }
  return answer;
}

const finalOf = (r: { processState: string; completionCode?: string }) => ({
  processState: r.processState,
  ...(r.completionCode ? { completionCode: r.completionCode } : {}),
});

/** hash/secret: C1 (HS-Init) → P1 (HS-Challenge) → C2 (HS-Pay) → P2, alice pays, carol is declined. */
export async function hashSecretPayment(
  gatewayUrl: string,
  p: LoadPayment,
  customer: string,
  deadline: number,
): Promise<void> {
  const s = new PaymentSession({ gatewayUrl, customer, amount: p.amount, currency: 'EUR' });
  p.offer = s.offer;
  const first = await s.paymentRequest();
  const p1 = await untilNotTransient(p, first, () => s.resend('C1'), deadline);
  if (p1 !== first) s.adopt(p1);
  p.payId = s.payId;
  if (p1.kind !== 'exchange') {
    p.final = finalOf(s.resultOf(p1));
    return;
  }
  const result = await s.pay();
  const p2 = await untilNotTransient(p, result.answer, () => s.resend('C2'), deadline);
  p.final = finalOf(p2 === result.answer ? result : s.resultOf(p2));
}

/** SET-like: C1 (PInitReq) → P1 (PInitRes) → C2 (PReq) → P2 (PRes). */
export async function setLikePayment(
  gatewayUrl: string,
  p: LoadPayment,
  card: SetLikeCard,
  deadline: number,
): Promise<void> {
  const s = new SetLikeSession({ gatewayUrl, card, amount: p.amount, currency: 'EUR' });
  p.offer = s.offer;
  const p1 = await untilNotTransient(p, await s.paymentRequest(), () => s.resend('C1'), deadline);
  s.adopt(p1);
  p.payId = s.payId;
  const result = await s.pay(p1);
  if (p1.kind !== 'exchange') {
    p.final = finalOf(result);
    return;
  }
  const p2 = await untilNotTransient(p, result.answer, () => s.resend('C2'), deadline);
  p.final = finalOf(s.resultOf(p2));
}

/** Repeats a call of the simulated phone while the SMS operator is down (it answers 503). */
async function phoneCall<T>(p: LoadPayment, deadline: number, call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      p.phoneRetries += 1;
      await sleep(300);
    }
  }
}

/** x-SmsConfirm: SMS-Start → SMS-Pending-n; the phone reads the offer and answers; polls until the end. */
export async function smsPayment(
  gatewayUrl: string,
  smsOperatorUrl: string,
  p: LoadPayment,
  msisdn: string,
  reply: 'YES' | 'NO',
  deadline: number,
): Promise<void> {
  const s = new SchemeSession({
    gatewayUrl,
    amount: p.amount,
    currency: 'EUR',
    brand: KNOWN_BRANDS['x-SmsConfirm'],
  });
  p.offer = s.offer;
  const phone = new SimulatedPhone(smsOperatorUrl, msisdn);
  let answer = await untilNotTransient(
    p,
    await s.paymentRequest(jsonContent('SMS-Start', buildSmsStart(msisdn)), 'SMS-Start'),
    () => s.resend(),
    deadline,
  );
  let answered = false;
  while (answer.kind === 'exchange') {
    if (Date.now() > deadline)
      throw new Error(`payment ${p.index}: SMS payment still pending at the deadline`);
    const pc = answer.block.paySchemeData.packagedContents[0];
    const pending = readSmsPending(pc?.name ?? '', pc?.value ?? '');
    if (!answered) {
      const k = await phoneCall(p, deadline, () => phone.replyCodeFor(pending.offerRef));
      if (k !== undefined) {
        await phoneCall(p, deadline, () => phone.reply(`${reply} ${k}`));
        answered = true;
      }
    }
    await sleep(Math.min(pending.pollAfterSecs * 1000, 500));
    answer = await untilNotTransient(
      p,
      await s.exchange(
        jsonContent(`SMS-Poll-${pending.n}`, buildSmsPoll(pending.n, pending.offerRef)),
        'poll',
      ),
      () => s.resend(),
      deadline,
    );
  }
  p.payId = s.payId;
  p.final = finalOf(schemeResult(s, answer));
}

/** x-IssuerMicro: MP-Auth → MP-Result in one round trip. */
export async function issuerMicroPayment(
  gatewayUrl: string,
  p: LoadPayment,
  cardRef: string,
  deadline: number,
): Promise<void> {
  const s = new SchemeSession({
    gatewayUrl,
    amount: p.amount,
    currency: 'EUR',
    brand: KNOWN_BRANDS['x-IssuerMicro'],
  });
  p.offer = s.offer;
  const answer = await untilNotTransient(
    p,
    await s.paymentRequest(jsonContent('MP-Auth', buildMpAuth(cardRef)), 'MP-Auth'),
    () => s.resend(),
    deadline,
  );
  p.payId = s.payId;
  p.final = finalOf(schemeResult(s, answer));
}

/**
 * GeldKarte-like e-purse: C1 (EP-Hello) → P1 (EP-DebitReq) → the card debits itself → C2
 * (EP-DebitRecord) → P2 (EP-CreditConf). A chip does one purchase at a time, so the caller runs the
 * payments of one card one after the other.
 */
export async function ePursePayment(
  gatewayUrl: string,
  p: LoadPayment,
  card: PurseCard,
  deadline: number,
): Promise<void> {
  const s = new EPurseSession({ gatewayUrl, card, amount: p.amount, currency: 'EUR' });
  p.offer = s.offer;
  const p1 = await untilNotTransient(p, await s.paymentRequest(), () => s.resend('C1'), deadline);
  const result = await s.pay(p1);
  // A refusal got by resending C1 names the payment in its Status (the session kept only the first answer).
  p.payId = s.payId ?? (p1.kind === 'cancel' ? p1.block.status.processReference : undefined);
  if (p1.kind !== 'exchange') {
    p.final = finalOf(result);
    return;
  }
  const p2 = await untilNotTransient(p, result.answer, () => s.resend('C2'), deadline);
  p.final = finalOf(p2 === result.answer ? result : s.resultOf(p2));
}

/** Transaction Status Inquiry about a payment (profile §4.3), from a fresh inquiry message. */
export async function inquire(gatewayUrl: string, p: LoadPayment): Promise<InquiryOutcome> {
  if (!p.offer) throw new Error(`payment ${p.index} has no offer`);
  const built = buildInquiryRequest({
    iotpTransId: p.offer.iotpTransId,
    transTimeStamp: p.offer.transTimeStamp,
    msgNumber: 1,
    paymentRef: p.offer.components.ids.payment,
    paymentHandlerPayId: p.payId,
    timeStamp: new Date(),
  });
  return inquiryOutcome(readAnswer(await sharedClient(gatewayUrl).post(serializeIotpXml(built.root))));
}

export interface OutagePlan {
  /** Payments to run; `run(p)` drives one to its end. */
  readonly payments: readonly LoadPayment[];
  readonly run: (p: LoadPayment) => Promise<void>;
  /** Delay between the wallets' starts (spreads them over the outage). */
  readonly staggerMs: number;
  /** The outage starts once this many payments have ended, or after `latestStartMs`. */
  readonly startAfterDone: number;
  readonly latestStartMs: number;
  readonly outageMs: number;
  switchOff(): Promise<void>;
  switchOn(): Promise<void>;
}

/**
 * Runs all payments concurrently and switches the scheme's payment software off in the middle of the
 * load and on again `outageMs` later. Returns when every wallet has ended (or given up) and the
 * software is on again.
 */
export async function runWithOutage(plan: OutagePlan): Promise<{ outageStartedAfterDone: number }> {
  let done = 0;
  let startOutage!: () => void;
  const outageDue = new Promise<void>((resolve) => (startOutage = resolve));
  const latest = setTimeout(() => startOutage(), plan.latestStartMs);
  const outage = (async () => {
    await outageDue;
    clearTimeout(latest);
    const at = done;
    await plan.switchOff();
    try {
      await sleep(plan.outageMs);
    } finally {
      await plan.switchOn();
    }
    return at;
  })();
  const wallets = plan.payments.map(async (p, i) => {
    await sleep(i * plan.staggerMs);
    try {
      await plan.run(p);
    } catch (error) {
      p.failure = (error as Error).message;
    } finally {
      done += 1;
      if (done >= plan.startAfterDone) startOutage();
    }
  });
  await Promise.all(wallets);
  startOutage();
  return { outageStartedAfterDone: await outage };
}

export const expectedText = (e: Expected): string =>
  e.processState === 'CompletedOk' ? 'CompletedOk' : `Failed/${e.completionCode}`;

export const finalText = (p: LoadPayment): string =>
  p.failure
    ? `error: ${p.failure}`
    : p.final
      ? p.final.processState === 'CompletedOk'
        ? 'CompletedOk'
        : `${p.final.processState}/${p.final.completionCode ?? ''}`
      : 'no answer';
