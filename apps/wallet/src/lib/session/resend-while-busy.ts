import type { IotpAnswer } from '../iotp/answer';

export interface BusyRetryOptions {
  /** How many times a SystemBusy answer is answered by resending the same message (default 0). */
  readonly busyRetries?: number;
  /** Upper bound on one wait; the PH's MinRetrySecs is honoured below it (default 30 s). */
  readonly maxBusyWaitMs?: number;
  /** Told before each wait (the CLI prints it). */
  readonly onBusy?: (waitMs: number, attempt: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The SystemBusy Error Block's MinRetrySecs in ms, or undefined when the answer is not SystemBusy. */
export function busyWaitMs(answer: IotpAnswer): number | undefined {
  if (answer.kind !== 'error') return undefined;
  const busy = answer.block.errorComps.find((e) => e.errorCode === 'SystemBusy');
  if (!busy) return undefined;
  const secs = Number(busy.minRetrySecs ?? '5');
  return (Number.isFinite(secs) && secs > 0 ? secs : 5) * 1000;
}

/**
 * The Consumer's side of a suspension (iotp-messages §10.6): on SystemBusy wait MinRetrySecs and resend
 * the identical message; the PH resumes the payment with it. Bounded, so a long outage ends in the
 * SystemBusy answer (the payment is held at the PH, not lost: inquire later).
 */
export async function resendWhileBusy(
  first: IotpAnswer,
  resend: () => Promise<IotpAnswer>,
  options: BusyRetryOptions,
): Promise<IotpAnswer> {
  let answer = first;
  for (let attempt = 1; attempt <= (options.busyRetries ?? 0); attempt++) {
    const wait = busyWaitMs(answer);
    if (wait === undefined) break;
    const ms = Math.min(wait, options.maxBusyWaitMs ?? 30_000);
    options.onBusy?.(ms, attempt);
    await sleep(ms);
    answer = await resend();
  }
  return answer;
}
