/**
 * The EventStore port (architecture §5). Every adapter (postgres, kurrentdb) passes the same
 * contract suite in test/integration/event-store.contract.ts.
 */

/** Metadata carried by every event (architecture §4). */
export interface EventMetadata {
  /** The command that produced the event: inbound IOTP MsgId key, Payment API call id, operator command id. */
  readonly commandId: string;
  /** The IOTP TransId (IotpTransId) the event belongs to. */
  readonly correlationId: string;
  /** The id of the message/event that caused this one. */
  readonly causationId: string;
  readonly schemaVersion: number;
  /** ISO-8601 time the producer decided the event (the store adds its own recordedAt). */
  readonly occurredAt: string;
  readonly [extra: string]: unknown;
}

export interface NewEvent<TData = unknown> {
  /** Deterministic UUID (v5 of stream, command id, index) so a retried append is recognised. */
  readonly eventId: string;
  readonly type: string;
  /** JSON-serialisable; never a secret (pass phrase, PIN, full card number, key). */
  readonly data: TData;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<TData = unknown> extends NewEvent<TData> {
  readonly streamId: string;
  /** 0-based revision of the event inside its stream. */
  readonly revision: number;
  /** Global position in the store ($all); strictly increasing in the order readers see events. */
  readonly position: bigint;
  readonly recordedAt: Date;
}

/**
 * `'no_stream'`: the stream must not exist; `'any'`: no check; a number: the revision of the last
 * event currently in the stream (so the first append to a new stream can also say `-1`... use 'no_stream').
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  readonly lastRevision: number;
  /** Global position of the last appended event. */
  readonly position: bigint;
  /** true when every event id was already stored (an idempotent retry): nothing new was written. */
  readonly alreadyApplied: boolean;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * An event id of the append is already stored somewhere else than where this append would put it
 * (another stream, other revisions, or only part of the batch): not an idempotent retry.
 */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`stream ${streamId}: event id(s) already stored elsewhere: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventIdError';
  }
}

export interface ReadAllOptions {
  /** Exclusive: events with position > fromPosition. Use 0n (or -1n) for the start. */
  readonly fromPosition: bigint;
  readonly limit?: number;
  /** Only streams whose id starts with this prefix, e.g. 'payment-'. */
  readonly streamPrefix?: string;
}

export interface SubscribeOptions extends Omit<ReadAllOptions, 'limit'> {
  /** Called in position order, one at a time; the subscription waits for the returned promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called when the subscription stops because of an error it could not recover from. */
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /** Position of the last event handed to onEvent. */
  readonly lastPosition: () => bigint;
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically with an expected-revision check. Re-appending events whose ids are already
   * stored at the same place returns `alreadyApplied: true` instead of failing (idempotent retry).
   * @throws WrongExpectedRevisionError
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The whole stream in revision order ([] if it does not exist). */
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]>;
  /** Events of all streams in position order, never skipping an event that commits later (gap-free). */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: history from fromPosition, then live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Dependency check for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
