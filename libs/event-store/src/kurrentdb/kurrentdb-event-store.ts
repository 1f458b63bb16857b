import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  type Filter,
  FORWARDS,
  KurrentDBClient,
  type ResolvedEvent,
  StreamNotFoundError,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import {
  type AppendResult,
  DuplicateEventIdError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { KurrentDbSubscription, type ResubscribeSettings } from './kurrentdb-subscription';
import {
  attemptIdOf,
  classifyAppendError,
  commitPositionOf,
  compareStoredIds,
  firstRevisionOf,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
} from './mapping';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false` (KURRENTDB_URL). */
  readonly connectionString?: string;
  /** A client the caller owns (then close() does not dispose it). */
  readonly client?: KurrentDBClient;
  readonly resubscribe?: Partial<ResubscribeSettings>;
}

const DEFAULT_RESUBSCRIBE: ResubscribeSettings = {
  initialDelayMs: 100,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export async function createKurrentDbEventStore(
  options: KurrentDbEventStoreOptions,
): Promise<KurrentDbEventStore> {
  const ownsClient = options.client === undefined;
  let client = options.client;
  if (!client) {
    if (!options.connectionString)
      throw new Error('createKurrentDbEventStore needs connectionString or client');
    client = KurrentDBClient.connectionString(options.connectionString);
  }
  return new KurrentDbEventStore(client, ownsClient, { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe });
}

/**
 * The EventStore port on KurrentDB (architecture §5). Positions are commit positions in $all.
 *
 * Idempotent re-append: KurrentDB itself recognises a retried append by its event ids (at the same
 * expected revision, or with 'any' when the ids are the stream's latest) and answers success without
 * writing, but that answer is indistinguishable from a fresh write (the server replies with the
 * revision and log position of the original write). So every append carries a random attempt id in
 * its metadata, and after the append the adapter reads the last event back at the returned revision:
 * our attempt id there means this call wrote it (alreadyApplied false), another one means an earlier
 * attempt did (alreadyApplied true). This is exact even for two concurrent retries. The read-back also
 * supplies the commit position of the last event. A WrongExpectedVersion answer is inspected the same
 * way (the stream read where the append would have gone): our ids there in order = a retry that lost
 * the race to itself (alreadyApplied), some of them = DuplicateEventIdError, none = a real conflict.
 *
 * Not enforced (unlike PostgreSQL): an event id stored in another stream. KurrentDB's idempotency
 * is per stream; our ids are UUIDv5 of stream, command and index, so the case does not arise.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly ownsClient: boolean,
    private readonly resubscribe: ResubscribeSettings,
  ) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const streamState = toStreamState(expected); // validates before any I/O
    const ids = events.map((e) => e.eventId);
    if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length)
      throw new RangeError(`append to ${streamId}: the same event id appears twice`);
    if (events.length === 0) return this.emptyAppend(streamId, expected);

    const attemptId = randomUUID();
    let lastRevision: number;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => toEventData(e, attemptId)),
        { streamState },
      );
      if (!result.success) throw new Error(`append to ${streamId} was not successful`);
      lastRevision = Number(result.nextExpectedRevision);
    } catch (error) {
      return this.appendFailed(error, streamId, ids, expected);
    }
    const [last] = await this.readRange(streamId, lastRevision, 1);
    if (!last || last.event?.id.toLowerCase() !== ids[ids.length - 1]!.toLowerCase())
      throw new Error(`append to ${streamId}: revision ${lastRevision} does not hold the appended event`);
    return {
      lastRevision,
      position: commitPositionOf(last),
      alreadyApplied: attemptIdOf(last) !== attemptId,
    };
  }

  async readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]> {
    const events = await this.readRange(streamId, options?.fromRevision ?? 0);
    return events.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = options.fromPosition;
    const limit = options.limit;
    const result: RecordedEvent[] = [];
    if (limit !== undefined && limit <= 0) return result;
    // fromPosition is inclusive on KurrentDB and exclusive in the port: read one more, drop it.
    const iterator = this.client.readAll({
      fromPosition: toReadPosition(from),
      direction: FORWARDS,
      filter: filterFor(options.streamPrefix),
      ...(limit === undefined ? {} : { maxCount: limit + 1 }),
    });
    for await (const resolved of iterator) {
      if (!resolved.event) continue;
      if (commitPositionOf(resolved) <= from) continue;
      result.push(toRecordedEvent(resolved));
      if (limit !== undefined && result.length >= limit) break;
    }
    return result;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closing) throw new Error('event store is closed');
    const subscription = new KurrentDbSubscription(
      (o) => this.client.subscribeToAll(o),
      filterFor(options.streamPrefix),
      this.resubscribe,
      options,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads the newest event of $all: needs a reachable leader or follower and read access. */
  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      break;
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      if (this.ownsClient) await this.client.dispose();
    })();
    return this.closing;
  }

  private async appendFailed(
    error: unknown,
    streamId: string,
    ids: readonly string[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const mapping = classifyAppendError(error, expected);
    if (mapping.kind === 'other') throw error;
    if (mapping.kind === 'duplicate') throw new DuplicateEventIdError(streamId, ids);
    const first = firstRevisionOf(expected)!;
    const stored = await this.readRange(streamId, first, ids.length);
    switch (
      compareStoredIds(
        ids,
        stored.map((e) => e.event?.id ?? ''),
      )
    ) {
      case 'same': {
        const last = stored[stored.length - 1]!;
        return {
          lastRevision: first + ids.length - 1,
          position: commitPositionOf(last),
          alreadyApplied: true,
        };
      }
      case 'overlap':
        throw new DuplicateEventIdError(streamId, ids);
      case 'disjoint':
        throw new WrongExpectedRevisionError(streamId, expected, mapping.actual);
    }
  }

  /** An append of nothing: checks the expected revision against the stream and writes nothing. */
  private async emptyAppend(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readRange(streamId, 'end', 1);
    const current = last?.event ? Number(last.event.revision) : -1;
    const wanted = expected === 'no_stream' ? -1 : expected;
    if (wanted !== 'any' && wanted !== current)
      throw new WrongExpectedRevisionError(streamId, expected, current < 0 ? 'no_stream' : current);
    return { lastRevision: current, position: last ? commitPositionOf(last) : 0n, alreadyApplied: false };
  }

  /** Events of a stream from a revision (or the last one, backwards), [] when the stream does not exist. */
  private async readRange(
    streamId: string,
    from: number | 'end',
    maxCount?: number,
  ): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    try {
      const iterator = this.client.readStream(streamId, {
        fromRevision: from === 'end' ? END : BigInt(from),
        direction: from === 'end' ? BACKWARDS : FORWARDS,
        requiresLeader: true, // read-your-writes after an append
        ...(maxCount === undefined ? {} : { maxCount }),
      });
      for await (const resolved of iterator) events.push(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}

/** Server-side filter of $all: the stream prefix, or at least no system streams. */
function filterFor(streamPrefix: string | undefined): Filter {
  return streamPrefix === undefined || streamPrefix === ''
    ? excludeSystemEvents()
    : streamNameFilter({ prefixes: [streamPrefix] });
}
