import { Pool, type PoolClient } from 'pg';
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
import { AppendBatcher, type AppendBatcherSettings, type BatchItem } from './append-batcher';
import { classifyAppendError } from './append-error';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './event-row';
import { decodeActualRevision, encodeExpectedRevision } from './expected-revision';
import { NotificationListener } from './notification-listener';
import { PostCommitNotifier } from './post-commit-notifier';
import { PostgresSubscription, type SubscriptionSettings } from './postgres-subscription';
import { migrateEventStore } from './schema';
import { type SchemaNames, schemaNames } from './sql-names';

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns its pool) or a pool (the caller owns it). */
  readonly connectionString?: string;
  readonly pool?: Pool;
  /** Schema of the events table. Default `es`. */
  readonly schema?: string;
  /** Connections of the pool the store creates. Default 10. */
  readonly poolSize?: number;
  /** Create or update the schema on start. Default true. */
  readonly migrate?: boolean;
  readonly subscription?: Partial<SubscriptionSettings>;
  /**
   * Group commit (default on): concurrent appends to different streams share one statement and one
   * transaction, each still checked against its own expected revision. `false`: one transaction per append.
   */
  readonly groupCommit?: boolean | Partial<AppendBatcherSettings>;
  /** Errors nobody awaits (idle pool connections, the LISTEN connection). Default console.warn. */
  readonly onBackgroundError?: (error: Error) => void;
}

interface AppendRow {
  readonly already_applied: boolean;
  readonly last_revision: number;
  readonly last_position: string;
}

/** One append's row of append_events_batch (schema.ts). */
interface BatchRow {
  readonly outcome: number;
  readonly last_revision: number;
  readonly last_position: string;
  readonly detail: number;
}

interface PendingAppend extends BatchItem<AppendResult> {
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly code: number;
}

const DEFAULT_GROUP_COMMIT: AppendBatcherSettings = { maxBatchSize: 64, maxConcurrentBatches: 2 };

/** Attempts of one append when concurrent writers keep winning the unique constraints. */
const MAX_APPEND_ATTEMPTS = 10;

const DEFAULT_SUBSCRIPTION: SubscriptionSettings = {
  batchSize: 500,
  pollIntervalMs: 1_000,
  maxReadRetries: 10,
};

export async function createPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const names = schemaNames(options.schema ?? 'es');
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    new Pool({ connectionString: required(options.connectionString), max: options.poolSize ?? 10 });
  const onBackgroundError =
    options.onBackgroundError ??
    ((error: Error) => console.warn(`event store (${names.schema}):`, error.message));
  if (ownsPool) pool.on('error', onBackgroundError); // until the store takes over: never crash on an idle drop
  try {
    if (options.migrate ?? true) await migrateEventStore(pool, names.schema);
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
  const settings = { ...DEFAULT_SUBSCRIPTION, ...options.subscription };
  const groupCommit =
    options.groupCommit === false
      ? undefined
      : { ...DEFAULT_GROUP_COMMIT, ...(options.groupCommit === true ? {} : options.groupCommit) };
  const store = new PostgresEventStore(pool, ownsPool, names, settings, onBackgroundError, groupCommit);
  if (ownsPool) pool.off('error', onBackgroundError);
  return store;
}

/** The EventStore port on PostgreSQL (architecture §5). */
export class PostgresEventStore implements EventStore {
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly listener: NotificationListener;
  private readonly notifier: PostCommitNotifier;
  private readonly sql: ReturnType<typeof statements>;
  private readonly batcher: AppendBatcher<PendingAppend> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    readonly names: SchemaNames,
    private readonly settings: SubscriptionSettings,
    onBackgroundError: (error: Error) => void,
    groupCommit?: AppendBatcherSettings,
  ) {
    this.sql = statements(names);
    if (groupCommit) this.batcher = new AppendBatcher(groupCommit, (batch) => this.appendBatch(batch));
    const wakeAll = (): void => this.subscriptions.forEach((s) => s.wake());
    // After close, dropped connections of the ending pool are expected, not worth a warning.
    const onError = (error: Error): void => void (this.closing ? undefined : onBackgroundError(error));
    if (ownsPool) pool.on('error', onError); // an idle connection dropped: the pool replaces it
    this.listener = new NotificationListener(pool.options, names.channel, wakeAll, onError);
    this.notifier = new PostCommitNotifier(pool, names.channel, onError);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    assertDistinctEventIds(streamId, events);
    const code = encodeExpectedRevision(expected);
    const batcher = this.batcher;
    if (!batcher) return this.appendAlone(streamId, events, expected);
    return new Promise<AppendResult>((resolve, reject) =>
      batcher.submit({ streamId, events, expected, code, resolve, reject }),
    );
  }

  /** One append in its own transaction (append_events), retried when a concurrent writer won a race. */
  private async appendAlone(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const values = [streamId, encodeExpectedRevision(expected), serialiseEvents(events)];
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let discard = false;
      try {
        const { rows } = await client.query<AppendRow>({
          name: this.sql.append.name,
          text: this.sql.append.text,
          values,
        });
        const row = rows[0]!;
        if (!row.already_applied) this.notifier.touch();
        return {
          lastRevision: row.last_revision,
          position: BigInt(row.last_position),
          alreadyApplied: row.already_applied,
        };
      } catch (error) {
        const failure = classifyAppendError(error, streamId, events, expected);
        if (failure.kind === 'throw') throw failure.error;
        // Cancelled or broken mid-call: the session may still hold the position lock, so drop it.
        discard = failure.kind === 'unexpected';
        if (discard || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      } finally {
        client.release(discard);
      }
    }
  }

  /**
   * One group commit: all appends of the batch in one append_events_batch call (one transaction),
   * each settled with its own outcome. A lost race on the unique constraints, or an error that one
   * append causes (e.g. an event id that is no UUID), fails the whole statement: then every append of
   * the batch runs on its own, so each gets exactly the answer it would have got alone.
   */
  private async appendBatch(batch: PendingAppend[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.appendAlone(only!.streamId, only!.events, only!.expected).then(only!.resolve, only!.reject);
      return;
    }
    const payload = JSON.stringify(
      batch.map((a) => ({ s: a.streamId, x: a.code, e: JSON.parse(serialiseEvents(a.events)) as unknown })),
    );
    const client = await this.pool.connect();
    let rows: BatchRow[];
    try {
      ({ rows } = await client.query<BatchRow>({
        name: this.sql.appendBatch.name,
        text: this.sql.appendBatch.text,
        values: [payload],
      }));
      client.release();
    } catch (error) {
      const { code } = (error ?? {}) as { code?: string };
      const settleAlone = code === '23505' || code === '22P02' || code === 'ES003';
      // Cancelled or broken mid-call: the session may still hold the position lock, so drop it.
      client.release(!settleAlone);
      if (!settleAlone) throw error; // the batcher rejects every append of the batch
      await Promise.all(
        batch.map((a) => this.appendAlone(a.streamId, a.events, a.expected).then(a.resolve, a.reject)),
      );
      return;
    }
    let wrote = false;
    rows.forEach((row, i) => {
      const append = batch[i]!;
      switch (row.outcome) {
        case 0:
        case 1:
          wrote ||= row.outcome === 0 && append.events.length > 0;
          append.resolve({
            lastRevision: row.last_revision,
            position: BigInt(row.last_position),
            alreadyApplied: row.outcome === 1,
          });
          return;
        case 2:
          append.reject(
            new WrongExpectedRevisionError(
              append.streamId,
              append.expected,
              decodeActualRevision(row.detail),
            ),
          );
          return;
        default:
          append.reject(
            new DuplicateEventIdError(
              append.streamId,
              append.events.map((e) => e.eventId),
            ),
          );
      }
    });
    if (wrote) this.notifier.touch();
  }

  async readStream(streamId: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      ...this.sql.readStream,
      values: [streamId, options?.fromRevision ?? 0],
    });
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const limit = options.limit ?? null; // null: LIMIT ALL
    const query =
      options.streamPrefix === undefined
        ? { ...this.sql.readAll, values: [options.fromPosition.toString(), limit] }
        : {
            ...this.sql.readAllPrefix,
            values: [options.fromPosition.toString(), limit, options.streamPrefix],
          };
    const { rows } = await this.pool.query<EventRow>(query);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closing) throw new Error('event store is closed');
    const subscription = new PostgresSubscription(
      (o) => this.readAll(o),
      this.settings,
      options,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    this.listener.start();
    return subscription;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.batcher?.drained();
      await this.notifier.flush();
      await this.listener.close();
      if (this.ownsPool) await this.pool.end();
    })();
    return this.closing;
  }

  /** Group commit counters (undefined when group commit is off). */
  get groupCommitStats(): { batches: number; appends: number; largestBatch: number } | undefined {
    return this.batcher?.stats;
  }

  /** For tests and tools that need a connection of the store's pool (e.g. to hold a transaction open). */
  connect(): Promise<PoolClient> {
    return this.pool.connect();
  }
}

/**
 * Named statements (prepared once per connection). readAll returns only rows of transactions older
 * than every running one (tx_id < snapshot xmin): those can gain no new row below their positions.
 */
function statements(names: SchemaNames) {
  const visible = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())';
  const s = names.schema;
  return {
    append: { name: `${s}_append`, text: `SELECT * FROM ${names.appendFunction}($1, $2, $3::jsonb)` },
    appendBatch: {
      name: `${s}_append_batch`,
      text: `SELECT * FROM ${names.appendBatchFunction}($1::jsonb)`,
    },
    readStream: {
      name: `${s}_read_stream`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${names.events}
              WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
    },
    readAll: {
      name: `${s}_read_all`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${names.events}
              WHERE global_position > $1 AND ${visible} ORDER BY global_position LIMIT $2`,
    },
    readAllPrefix: {
      name: `${s}_read_all_prefix`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${names.events}
              WHERE global_position > $1 AND ${visible} AND starts_with(stream_id, $3)
              ORDER BY global_position LIMIT $2`,
    },
  };
}

function serialiseEvents(events: readonly NewEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
  );
}

/** Two events with one id in one batch would look like a lost race forever; refuse them up front. */
function assertDistinctEventIds(streamId: string, events: readonly NewEvent[]): void {
  const ids = new Set(events.map((e) => e.eventId.toLowerCase()));
  if (ids.size !== events.length)
    throw new RangeError(`append to ${streamId}: the same event id appears twice`);
}

function required(connectionString: string | undefined): string {
  if (!connectionString) throw new Error('createPostgresEventStore needs connectionString or pool');
  return connectionString;
}
