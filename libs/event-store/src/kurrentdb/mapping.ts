/**
 * Pure mappings between the EventStore port and @kurrent/kurrentdb-client (no I/O, unit-tested).
 */
import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  jsonEvent,
  NO_STREAM,
  type ReadPosition,
  type ResolvedEvent,
  START,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';

/**
 * Metadata key of the per-call append attempt id. KurrentDB answers an idempotent re-append exactly
 * like the original write (same revision, same position), so the adapter reads the last event back
 * and compares this id with its own: equal means this call wrote it. Stripped again on every read.
 */
export const APPEND_ATTEMPT_KEY = 'ph.appendAttempt';

/** The port's expected revision as the client's `streamState` (always explicit, never the default). */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < -1) {
    throw new RangeError(
      `expected revision must be 'any', 'no_stream' or an integer >= -1: ${String(expected)}`,
    );
  }
  return BigInt(expected);
}

/** The revision the first event of an append gets when the expected revision holds (undefined for 'any'). */
export function firstRevisionOf(expected: ExpectedRevision): number | undefined {
  if (expected === 'any') return undefined;
  return expected === 'no_stream' ? 0 : expected + 1;
}

/** The client's current stream state as the port reports it. */
export function toActualRevision(current: CurrentStreamState | undefined): number | 'no_stream' {
  if (current === undefined || current === NO_STREAM) return 'no_stream';
  return current < 0n ? 'no_stream' : toSafeNumber(current, 'revision');
}

/**
 * Port positions are commit positions ($all). 0n and -1n mean "from the start"; anything else is an
 * exclusive lower bound. KurrentDB writes each event of an append as its own committed prepare, so
 * an event's commit and prepare positions are equal and one bigint identifies it.
 */
export function toReadPosition(position: bigint): ReadPosition {
  if (position <= 0n) return START;
  return { commit: position, prepare: position };
}

/** The commit position of an event read from a stream or from $all. */
export function commitPositionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (position === undefined) throw new Error('KurrentDB returned an event without a commit position');
  return position;
}

/** A port event as the client's JSON event, its deterministic id kept. */
export function toEventData(event: NewEvent, attemptId: string): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // The port allows any JSON value; the client stringifies whatever it gets.
    data: event.data as Record<string, unknown>,
    metadata: { ...event.metadata, [APPEND_ATTEMPT_KEY]: attemptId },
  });
}

/** The attempt id stored with an event (undefined for events written by someone else). */
export function attemptIdOf(resolved: ResolvedEvent | AllStreamResolvedEvent): string | undefined {
  const metadata = resolved.event?.metadata;
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array) return undefined;
  const value = (metadata as Record<string, unknown>)[APPEND_ATTEMPT_KEY];
  return typeof value === 'string' ? value : undefined;
}

/** A stored event as the port's RecordedEvent (links are not resolved: the adapter reads no link streams). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('KurrentDB returned a resolved event without an event');
  const stored = event.metadata;
  let metadata: EventMetadata;
  if (stored && typeof stored === 'object' && !(stored instanceof Uint8Array)) {
    const { [APPEND_ATTEMPT_KEY]: _attempt, ...rest } = stored as Record<string, unknown>;
    metadata = rest as unknown as EventMetadata;
  } else {
    metadata = {} as EventMetadata;
  }
  return {
    eventId: event.id,
    type: event.type,
    data: event.isJson ? event.data : JSON.parse(Buffer.from(event.data as Uint8Array).toString('utf8')),
    metadata,
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: commitPositionOf(resolved),
    recordedAt: event.created,
  };
}

/** How a failed append is reported; 'inspect' means: read the stream to tell a conflict from a duplicate. */
export type AppendErrorMapping =
  | { readonly kind: 'inspect'; readonly actual: number | 'no_stream' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'other' };

/**
 * KurrentDB raises WrongExpectedVersion both for a real conflict and for "corrupted idempotency"
 * (some ids of the append already stored, some not). With 'any' only the latter is possible.
 */
export function classifyAppendError(error: unknown, expected: ExpectedRevision): AppendErrorMapping {
  if (!(error instanceof WrongExpectedVersionError)) return { kind: 'other' };
  if (expected === 'any') return { kind: 'duplicate' };
  return { kind: 'inspect', actual: toActualRevision(error.actualState) };
}

/**
 * Given the events stored where the append would have put its events (read after a conflict), the
 * outcome: all ids there in order = an idempotent retry that raced; some = duplicate ids; none = conflict.
 */
export function compareStoredIds(
  wanted: readonly string[],
  stored: readonly string[],
): 'same' | 'overlap' | 'disjoint' {
  const norm = (id: string) => id.toLowerCase();
  if (wanted.length === stored.length && wanted.every((id, i) => norm(id) === norm(stored[i]!)))
    return 'same';
  const storedSet = new Set(stored.map(norm));
  return wanted.some((id) => storedSet.has(norm(id))) ? 'overlap' : 'disjoint';
}

/** Delay before resubscribe attempt `attempt` (1-based): exponential, capped. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} exceeds 2^53`);
  return Number(value);
}
