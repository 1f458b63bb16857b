import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildSmsPoll,
  buildSmsStart,
  readSmsPending,
  readSmsResult,
} from '../../schemes/sms-confirm/sms-payloads';
import type { IotpAnswer } from '../iotp/answer';
import { KNOWN_BRANDS } from '../merchant/offer-brands';
import {
  jsonContent,
  SchemeSession,
  schemeResult,
  type SchemePaymentResult,
} from '../session/scheme-session';
import { SimulatedPhone } from './sms-phone';

export interface RunSmsPaymentOptions {
  readonly gatewayUrl: string;
  /** The SMS operator (bank simulator) base URL, e.g. http://127.0.0.1:8091. */
  readonly smsOperatorUrl: string;
  /** E.164; the demo phone of alice is +4915100000001. */
  readonly msisdn: string;
  readonly amount: string;
  readonly currency: string;
  /** What the phone answers: YES k, NO k, a wrong code first (then YES), or nothing. */
  readonly answer: 'YES' | 'NO' | 'none' | 'wrong-then-YES';
  /** Upper bound on the wait between polls (tests keep it short); default: the PH's pollAfterSecs. */
  readonly maxPollWaitMs?: number;
  /** Give up after this many polls (default 120). */
  readonly maxPolls?: number;
  /** SystemBusy answers are resent unchanged up to this many times (default 5). */
  readonly busyRetries?: number;
  readonly busyWaitMs?: number;
}

export interface SmsPaymentResult extends SchemePaymentResult {
  readonly offerRef?: string;
  readonly msisdnMasked?: string;
  readonly polls: number;
  /** How many SystemBusy answers were resent. */
  readonly busyRetries: number;
}

const isBusy = (a: IotpAnswer) =>
  a.kind === 'error' && a.block.errorComps.some((e) => e.errorCode === 'SystemBusy');

/**
 * An x-SmsConfirm payment (profile §3.6): SMS-Start → SMS-Pending-1; the simulated phone reads the
 * offer and answers; SMS-Poll-<n> until the PH ends it (SMS-Result, or a Cancel Block).
 */
export async function runSmsPayment(options: RunSmsPaymentOptions): Promise<SmsPaymentResult> {
  const session = new SchemeSession({
    gatewayUrl: options.gatewayUrl,
    amount: options.amount,
    currency: options.currency,
    brand: KNOWN_BRANDS['x-SmsConfirm'],
  });
  const phone = new SimulatedPhone(options.smsOperatorUrl, options.msisdn);
  let busy = 0;
  const withRetry = async (first: IotpAnswer): Promise<IotpAnswer> => {
    let answer = first;
    while (isBusy(answer) && busy < (options.busyRetries ?? 5)) {
      busy += 1;
      await sleep(options.busyWaitMs ?? 200);
      answer = await session.resend();
    }
    return answer;
  };
  let answer = await withRetry(
    await session.paymentRequest(
      jsonContent('SMS-Start', buildSmsStart(options.msisdn)),
      `Payment Request  ${options.currency} ${options.amount}  x-SmsConfirm`,
    ),
  );
  let polls = 0;
  let offerRef: string | undefined;
  let msisdnMasked: string | undefined;
  let answered = false;
  const problems: string[] = [];
  while (answer.kind === 'exchange' && polls < (options.maxPolls ?? 120)) {
    const pc = answer.block.paySchemeData.packagedContents[0];
    const pending = readSmsPending(pc?.name ?? '', pc?.value ?? '');
    offerRef = pending.offerRef;
    msisdnMasked = pending.msisdnMasked;
    if (!answered && options.answer !== 'none') {
      const k = await phone.replyCodeFor(pending.offerRef);
      if (k !== undefined) {
        if (options.answer === 'wrong-then-YES') await phone.reply('YES WRONGCODE');
        await phone.reply(`${options.answer === 'NO' ? 'NO' : 'YES'} ${k}`);
        answered = true;
      }
    }
    const wait = Math.min(pending.pollAfterSecs * 1000, options.maxPollWaitMs ?? Number.MAX_SAFE_INTEGER);
    await sleep(wait);
    polls += 1;
    answer = await withRetry(
      await session.exchange(
        jsonContent(`SMS-Poll-${pending.n}`, buildSmsPoll(pending.n, pending.offerRef)),
        `Payment Exchange  SMS-Poll-${pending.n}`,
      ),
    );
  }
  const result = schemeResult(session, answer, (_names, contents) => {
    const text = contents.get('SMS-Result');
    if (text === undefined) return ['no SMS-Result'];
    try {
      return readSmsResult(text).offerRef === offerRef ? [] : ['SMS-Result names another offer'];
    } catch (error) {
      return [(error as Error).message];
    }
  });
  return {
    ...result,
    problems: [...result.problems, ...problems],
    ...(offerRef ? { offerRef } : {}),
    ...(msisdnMasked ? { msisdnMasked } : {}),
    polls,
    busyRetries: busy,
  };
}
