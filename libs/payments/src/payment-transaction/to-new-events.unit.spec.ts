import { context, cont, eventsOf, outcomes, start } from '../testing/decider-spec';
import { paymentStream } from '../stream';
import { fromStoredEvent, paymentEventId, toNewEvents, UnknownPaymentEventError } from './to-new-events';
import { uuidV5, PAYMENT_EVENT_NAMESPACE } from '../uuid-v5';

const meta = { correlationId: 'T-1', causationId: 'M-1', occurredAt: '2024-05-01T10:00:00.000Z' };

describe('toNewEvents', () => {
  const stream = paymentStream(context.payId);
  const events = eventsOf(start());

  it('builds NewEvent-shaped records with metadata and schema versions', () => {
    const out = toNewEvents(stream, 'c-start', events, meta);
    expect(stream).toBe('payment-PH3K8D0W2R7T5Q');
    expect(out.map((e) => e.type)).toEqual(['PaymentStarted', 'SchemeMessageReceived', 'SchemeMessageSent']);
    expect(out[0]).toEqual({
      eventId: uuidV5(`${stream}|c-start|0`, PAYMENT_EVENT_NAMESPACE),
      type: 'PaymentStarted',
      data: { commandId: 'c-start', context },
      metadata: {
        commandId: 'c-start',
        correlationId: 'T-1',
        causationId: 'M-1',
        occurredAt: meta.occurredAt,
        schemaVersion: 1,
      },
    });
  });

  it('gives deterministic ids: the same command gets the same ids, another command other ids', () => {
    const a = toNewEvents(stream, 'c-start', events, meta).map((e) => e.eventId);
    const b = toNewEvents(stream, 'c-start', events, { ...meta, occurredAt: 'later' }).map((e) => e.eventId);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
    expect(paymentEventId(stream, 'c-other', 0)).not.toBe(a[0]);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads stored events back into domain events (and refuses unknown types or newer versions)', () => {
    const stored = toNewEvents(stream, 'c-cont', eventsOf(start(), cont(outcomes.completed())), meta);
    expect(stored.map(fromStoredEvent)).toEqual(eventsOf(start(), cont(outcomes.completed())));
    expect(() => fromStoredEvent({ type: 'Bogus', data: {} })).toThrow(UnknownPaymentEventError);
    expect(() =>
      fromStoredEvent({ type: 'PaymentResumed', data: {}, metadata: { schemaVersion: 9 } }),
    ).toThrow(UnknownPaymentEventError);
  });
});
