import { ANY, NO_STREAM, START, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import {
  APPEND_ATTEMPT_KEY,
  attemptIdOf,
  backoffDelay,
  classifyAppendError,
  commitPositionOf,
  compareStoredIds,
  firstRevisionOf,
  toActualRevision,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
} from './mapping';

const metadata = {
  commandId: 'c1',
  correlationId: 'T1',
  causationId: 'm1',
  schemaVersion: 1,
  occurredAt: '2025-01-02T03:04:05.000Z',
};
const newEvent = {
  eventId: '0b0e8a3c-5e0e-4c8e-9d49-0c1b2a3d4e5f',
  type: 'PaymentStarted',
  data: { a: 1 },
  metadata,
};

function stored(position: bigint, extra: Record<string, unknown> = {}): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'payment-1',
      id: newEvent.eventId,
      isJson: true,
      revision: 4n,
      type: 'PaymentStarted',
      created: new Date('2025-01-02T03:04:06.000Z'),
      data: { a: 1 },
      metadata: { ...metadata, ...extra },
      position: { commit: position, prepare: position },
    },
    commitPosition: position,
  } as AllStreamResolvedEvent;
}

describe('KurrentDB mapping', () => {
  it('maps the expected revision to an explicit streamState', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState(-1)).toBe(NO_STREAM);
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
    expect(() => toStreamState(-2)).toThrow(RangeError);
    expect(() => toStreamState(1.5)).toThrow(RangeError);
  });

  it('knows the first revision an append gets', () => {
    expect(firstRevisionOf('no_stream')).toBe(0);
    expect(firstRevisionOf(-1)).toBe(0);
    expect(firstRevisionOf(3)).toBe(4);
    expect(firstRevisionOf('any')).toBeUndefined();
  });

  it('converts positions: 0n and below read from the start, others are commit = prepare', () => {
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(-1n)).toBe(START);
    expect(toReadPosition(12_345n)).toEqual({ commit: 12_345n, prepare: 12_345n });
    expect(commitPositionOf(stored(77n))).toBe(77n);
    expect(commitPositionOf({ commitPosition: 5n })).toBe(5n);
    expect(() => commitPositionOf({})).toThrow(/commit position/);
  });

  it('keeps the deterministic id and adds the attempt id to the metadata', () => {
    const data = toEventData(newEvent, 'attempt-1');
    expect(data).toMatchObject({ id: newEvent.eventId, type: 'PaymentStarted', data: { a: 1 } });
    expect(data.metadata).toEqual({ ...metadata, [APPEND_ATTEMPT_KEY]: 'attempt-1' });
  });

  it('reads the attempt id back and strips it from the recorded event', () => {
    const resolved = stored(90n, { [APPEND_ATTEMPT_KEY]: 'attempt-9' });
    expect(attemptIdOf(resolved)).toBe('attempt-9');
    expect(attemptIdOf(stored(90n))).toBeUndefined();
    expect(toRecordedEvent(resolved)).toEqual({
      eventId: newEvent.eventId,
      type: 'PaymentStarted',
      data: { a: 1 },
      metadata,
      streamId: 'payment-1',
      revision: 4,
      position: 90n,
      recordedAt: new Date('2025-01-02T03:04:06.000Z'),
    });
  });

  it('maps the current stream state of a conflict', () => {
    expect(toActualRevision(NO_STREAM)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(7n)).toBe(7);
  });

  it('classifies append errors', () => {
    const wrong = new WrongExpectedVersionError(undefined, {
      streamName: 'payment-1',
      expected: 1n,
      current: 3n,
    });
    expect(classifyAppendError(wrong, 1)).toEqual({ kind: 'inspect', actual: 3 });
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 'payment-1',
      expected: 0n,
      current: NO_STREAM,
    });
    expect(classifyAppendError(missing, 0)).toEqual({ kind: 'inspect', actual: 'no_stream' });
    // With 'any' there is no conflict, only ids of the append partly stored already.
    expect(classifyAppendError(wrong, 'any')).toEqual({ kind: 'duplicate' });
    expect(classifyAppendError(new Error('unavailable'), 1)).toEqual({ kind: 'other' });
  });

  it('tells a raced retry, a duplicate and a conflict apart from the stored ids', () => {
    expect(compareStoredIds(['A', 'b'], ['a', 'B'])).toBe('same');
    expect(compareStoredIds(['a', 'b'], ['a'])).toBe('overlap');
    expect(compareStoredIds(['a', 'b'], ['b', 'a'])).toBe('overlap');
    expect(compareStoredIds(['a'], ['x'])).toBe('disjoint');
    expect(compareStoredIds(['a'], [])).toBe('disjoint');
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000]);
  });
});
