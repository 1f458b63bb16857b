import type { IotpAnswer, PaymentResult, PaymentSession } from '../../../apps/wallet/src/lib';

/**
 * The Consumer's side of a transient fault: an IOTP answer SystemBusy (TransientError) is retried by
 * retransmitting the same message (profile §1.6), never by starting over, until another answer comes.
 */
export const isSystemBusy = (answer: IotpAnswer): boolean =>
  answer.kind === 'error' && answer.block.errorComps[0]?.errorCode === 'SystemBusy';

export interface Retries {
  /** SystemBusy answers seen (each followed by a retransmission). */
  busy: number;
  /** When to give up retransmitting (epoch ms). */
  readonly deadline: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 500));

/** Retransmits `which` while the answer is SystemBusy; returns the first other answer. */
export async function retransmitWhileBusy(
  session: PaymentSession,
  which: 'C1' | 'C2',
  first: IotpAnswer,
  retries: Retries,
): Promise<IotpAnswer> {
  let answer = first;
  while (isSystemBusy(answer)) {
    retries.busy += 1;
    if (Date.now() > retries.deadline) throw new Error(`${which} still SystemBusy at the deadline`);
    await pause();
    answer = await session.resend(which);
  }
  return answer;
}

/** C1 → P1, retransmitting C1 while SystemBusy; the session continues from the challenge it got. */
export async function requestUntilChallenged(session: PaymentSession, retries: Retries): Promise<void> {
  const first = await session.paymentRequest();
  const answer = await retransmitWhileBusy(session, 'C1', first, retries);
  if (answer.kind !== 'exchange') throw new Error(`Payment Request answered ${answer.kind}`);
  if (answer !== first) session.adopt(answer);
}

/** C2 → P2 (pay()), retransmitting C2 while SystemBusy. */
export async function payUntilAnswered(session: PaymentSession, retries: Retries): Promise<PaymentResult> {
  const result = await session.pay();
  const answer = await retransmitWhileBusy(session, 'C2', result.answer, retries);
  return answer === result.answer ? result : session.resultOf(answer);
}
