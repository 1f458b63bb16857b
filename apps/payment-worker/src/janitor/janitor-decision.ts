import type { RecordedEvent } from '@ph/event-store';

export type JanitorDecision =
  /** Final, removed or not known: nothing to do. */
  | { readonly kind: 'done' }
  /** Still within its time: look again later. */
  | { readonly kind: 'wait' }
  /** The Consumer has not come back in time: close it (ChangeProcessState Failed/TimedOutRcvr). */
  | { readonly kind: 'close'; readonly completionCode: 'TimedOutRcvr'; readonly idleMs: number }
  /**
   * Scheme data came in and no outcome was recorded (e.g. a crash after the existing payment software
   * was asked): the money may have moved, so the janitor must not guess. An operator reconciles it.
   */
  | { readonly kind: 'escalate'; readonly reason: string; readonly idleMs: number }
  /**
   * The bridge suspended it: its existing payment software did not answer in time. Resume it (the
   * bridge resends the outstanding request, which the software answers from its store if it acted, as
   * Kill Bill's and Hyperswitch's janitors re-sync with the gateway). `overdue`: still suspended past
   * the deadline — never closed by guessing, reported for reconciliation while the checks go on.
   */
  | { readonly kind: 'resume'; readonly overdue: boolean; readonly suspendedMs: number };

const FINAL = new Set(['PaymentCompleted', 'PaymentFailed', 'ProcessErrorRaised', 'PaymentLogRemoved']);
/** After these the PH waits for the Consumer: no existing payment software holds an open request. */
const AWAITING_CONSUMER = new Set(['SchemeMessageSent', 'PaymentSuspended', 'ProcessStateChangeDeclined']);

/** The janitor's rule for one payment, from its stream (the only truth, architecture §1). */
export function decideOnPendingPayment(
  stream: readonly RecordedEvent[],
  now: Date,
  abandonAfterMs: number,
): JanitorDecision {
  if (stream.length === 0 || stream.some((e) => FINAL.has(e.type))) return { kind: 'done' };
  const last = stream[stream.length - 1];
  if (isBridgeSuspension(last)) {
    const first = stream.find(isBridgeSuspension) ?? last;
    const suspendedMs = now.getTime() - first.recordedAt.getTime();
    return { kind: 'resume', overdue: suspendedMs >= abandonAfterMs, suspendedMs };
  }
  const idleMs = now.getTime() - last.recordedAt.getTime();
  if (idleMs < abandonAfterMs) return { kind: 'wait' };
  if (AWAITING_CONSUMER.has(last.type)) return { kind: 'close', completionCode: 'TimedOutRcvr', idleMs };
  return {
    kind: 'escalate',
    reason: `no outcome recorded after ${last.type}; the existing payment software may have acted`,
    idleMs,
  };
}

/** A PaymentSuspended of the bridge carries the retry time; one of the AppCore (ChangeProcessState) does not. */
function isBridgeSuspension(e: RecordedEvent): boolean {
  return (
    e.type === 'PaymentSuspended' && (e.data as { retryAfterSecs?: unknown }).retryAfterSecs !== undefined
  );
}
