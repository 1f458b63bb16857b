import type { RecordedEvent } from '@ph/event-store';
import { decideOnPendingPayment } from './janitor-decision';

const at = (type: string, iso: string, revision: number): RecordedEvent => ({
  eventId: `e${revision}`,
  type,
  data: {},
  metadata: { commandId: 'c', correlationId: 't', causationId: 'c', schemaVersion: 1, occurredAt: iso },
  streamId: 'payment-PH1',
  revision,
  position: BigInt(revision + 1),
  recordedAt: new Date(iso),
});

const started = [
  at('PaymentStarted', '2026-01-01T10:00:00Z', 0),
  at('SchemeMessageReceived', '2026-01-01T10:00:00Z', 1),
  at('SchemeMessageSent', '2026-01-01T10:00:00Z', 2),
];
const HALF_HOUR = 30 * 60_000;

describe('the pending-payment janitor rule', () => {
  it('waits while the Consumer still has time', () => {
    expect(decideOnPendingPayment(started, new Date('2026-01-01T10:29:00Z'), HALF_HOUR).kind).toBe('wait');
  });

  it('closes a payment whose Consumer did not come back as TimedOutRcvr', () => {
    const d = decideOnPendingPayment(started, new Date('2026-01-01T10:31:00Z'), HALF_HOUR);
    expect(d).toMatchObject({ kind: 'close', completionCode: 'TimedOutRcvr' });
  });

  it('never closes a payment whose scheme data arrived without an outcome: an operator must reconcile', () => {
    const stuck = [...started, at('SchemeMessageReceived', '2026-01-01T10:01:00Z', 3)];
    const d = decideOnPendingPayment(stuck, new Date('2026-01-01T12:00:00Z'), HALF_HOUR);
    expect(d.kind).toBe('escalate');
  });

  it('resumes a payment its bridge suspended at every check, and reports it past the deadline without closing it', () => {
    const bridgeSuspended = (iso: string, revision: number): RecordedEvent => ({
      ...at('PaymentSuspended', iso, revision),
      data: { reason: 'acquirer timed out', retryAfterSecs: 5, bridgeState: { step: 'awaiting-AuthRes' } },
    });
    const stream = [
      ...started,
      at('SchemeMessageReceived', '2026-01-01T10:00:05Z', 3),
      bridgeSuspended('2026-01-01T10:00:10Z', 4),
    ];
    expect(decideOnPendingPayment(stream, new Date('2026-01-01T10:01:10Z'), HALF_HOUR)).toEqual({
      kind: 'resume',
      overdue: false,
      suspendedMs: 60_000,
    });
    // Resumed and suspended again: the deadline counts from the first suspension.
    const again = [
      ...stream,
      at('PaymentResumed', '2026-01-01T10:20:00Z', 5),
      bridgeSuspended('2026-01-01T10:20:05Z', 6),
    ];
    expect(decideOnPendingPayment(again, new Date('2026-01-01T10:31:00Z'), HALF_HOUR)).toMatchObject({
      kind: 'resume',
      overdue: true,
    });
  });

  it('closes a payment the AppCore suspended (no outstanding request) when its Consumer does not come back', () => {
    const byAppCore = [...started, at('PaymentSuspended', '2026-01-01T10:01:00Z', 3)];
    expect(decideOnPendingPayment(byAppCore, new Date('2026-01-01T10:40:00Z'), HALF_HOUR)).toMatchObject({
      kind: 'close',
    });
  });

  it('leaves final payments alone', () => {
    const done = [...started, at('PaymentCompleted', '2026-01-01T10:01:00Z', 3)];
    expect(decideOnPendingPayment(done, new Date('2026-02-01T00:00:00Z'), HALF_HOUR).kind).toBe('done');
    expect(decideOnPendingPayment([], new Date(), HALF_HOUR).kind).toBe('done');
  });
});
