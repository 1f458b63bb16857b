import type { Pool } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '@ph/event-store';
import type { Logger } from '@ph/platform';
import {
  applyEvents,
  CheckpointMovedError,
  DEFAULT_PROJECTION_POLICY,
  migrateReadModels,
  type ProjectionPolicy,
  readCheckpoint,
  readModelNames,
  READ_MODELS_PROJECTION,
  type ReadModelNames,
} from '@ph/read-models';
import { type LagProbe, registerLagMetrics, storeLagProbe } from './lag';
import { rebuildReadModels, type RebuildReport } from './rebuild';

export interface ProjectorOptions {
  readonly store: EventStore;
  /** Pool of the read-model database (may be the event store's). */
  readonly pool: Pool;
  /** Schema of the read models. Default `rm`. */
  readonly schema?: string;
  readonly projection?: string;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Most events per transaction. Default 500. */
  readonly batchSize?: number;
  /**
   * How long the first buffered event waits for more before its batch is applied, so that under a
   * steady trickle (live tailing) events share transactions. A full batch goes at once. Default 20 ms.
   */
  readonly lingerMs?: number;
  readonly policy?: ProjectionPolicy;
  /** Default: reads ahead through the store (any adapter); postgresLagProbe counts in SQL. */
  readonly lagProbe?: LagProbe;
  /** Wait before resubscribing after a failure. Default 1000 ms (doubling, at most 30 s). */
  readonly retryDelayMs?: number;
}

export interface ProjectorStats {
  readonly applied: number;
  readonly duplicates: number;
  readonly batches: number;
  readonly restarts: number;
  readonly unreadable: number;
}

type State = 'new' | 'running' | 'stopping' | 'stopped';

/**
 * Catch-up subscription from the projection's checkpoint into the read models. Events are buffered
 * and applied in batches; each batch and its checkpoint commit in one transaction. Delivery is
 * at-least-once (after a crash the subscription restarts at the committed checkpoint) and the
 * effect exactly-once: events at or below the locked checkpoint are skipped, payment changes are
 * guarded by stream revision. A batch that finds the checkpoint moved by someone else (a rebuild's
 * swap, a second instance) writes nothing and resubscribes from the stored checkpoint.
 */
export class Projector {
  readonly names: ReadModelNames;
  readonly projection: string;
  private state: State = 'new';
  private subscription: Subscription | undefined;
  private generation = 0;
  private buffer: RecordedEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  private wakeRetry: (() => void) | undefined;
  private killing = false;
  private committed = 0n;
  private failures = 0;
  private unregisterMetrics: (() => void) | undefined;
  private lagCache: { at: number; value: Promise<{ events: number; seconds: number }> } | undefined;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly policy: ProjectionPolicy;
  private readonly lagProbe: LagProbe;
  private counters = { applied: 0, duplicates: 0, batches: 0, restarts: 0, unreadable: 0 };

  constructor(private readonly options: ProjectorOptions) {
    this.names = readModelNames(options.schema ?? 'rm');
    this.projection = options.projection ?? READ_MODELS_PROJECTION;
    this.batchSize = options.batchSize ?? 500;
    this.lingerMs = options.lingerMs ?? 20;
    this.policy = options.policy ?? DEFAULT_PROJECTION_POLICY;
    this.lagProbe = options.lagProbe ?? storeLagProbe(options.store);
  }

  /** Migrates the read models, reads the checkpoint and subscribes. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`projector already ${this.state}`);
    await migrateReadModels(this.options.pool, this.names.schema);
    this.committed = await readCheckpoint(this.options.pool, this.names, this.projection);
    this.state = 'running';
    this.unregisterMetrics = registerLagMetrics({ projection: this.projection, lag: () => this.lag() });
    this.subscribe();
    this.options.logger?.info(
      { schema: this.names.schema, projection: this.projection, from: this.committed.toString() },
      'projector started',
    );
  }

  /** The checkpoint this projector committed last. */
  get checkpoint(): bigint {
    return this.committed;
  }

  get stats(): ProjectorStats {
    return { ...this.counters };
  }

  /** Subscribed and not recovering from a failure. */
  get healthy(): boolean {
    return this.state === 'running' && this.restarting === undefined;
  }

  /** Events of the store beyond the checkpoint and the age of the oldest of them (cached 1 s). */
  lag(): Promise<{ events: number; seconds: number }> {
    const now = Date.now();
    if (!this.lagCache || now - this.lagCache.at > 1_000) {
      const value = this.lagProbe.measure(this.committed).then(({ events, oldestRecordedAt }) => ({
        events,
        seconds:
          events > 0 && oldestRecordedAt ? Math.max(0, (Date.now() - oldestRecordedAt.getTime()) / 1000) : 0,
      }));
      value.catch(() => (this.lagCache = undefined));
      this.lagCache = { at: now, value };
    }
    return this.lagCache.value;
  }

  /** Resolves once the checkpoint reached the position (tests, the rebuild tool, start-up gates). */
  async waitForCheckpoint(position: bigint, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.committed < position) {
      if (Date.now() > deadline)
        throw new Error(`projector at ${this.committed}, still short of ${position} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Rebuilds the read models from position 0 into a shadow schema and swaps it in; this projector keeps running. */
  rebuild(): Promise<RebuildReport> {
    return rebuildReadModels({
      store: this.options.store,
      pool: this.options.pool,
      schema: this.names.schema,
      projection: this.projection,
      policy: this.policy,
      logger: this.options.logger,
    });
  }

  /** Graceful stop: the event being handled and everything buffered are committed first. */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'new') return void (this.state = 'stopped');
    this.state = 'stopping';
    this.wakeRetry?.();
    await this.restarting;
    await this.subscription?.close();
    this.cancelFlushTimer();
    await this.flush();
    this.finish();
  }

  /**
   * Stops as a crash would: buffered events are dropped and a transaction in flight is rolled back
   * (never committed), so the next start resumes at the last committed checkpoint.
   */
  async kill(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'new') return void (this.state = 'stopped');
    this.state = 'stopping';
    this.killing = true;
    this.buffer = [];
    this.cancelFlushTimer();
    this.wakeRetry?.();
    await this.restarting;
    await this.subscription?.close();
    await this.chain;
    this.finish();
  }

  private finish(): void {
    this.unregisterMetrics?.();
    this.state = 'stopped';
    this.options.logger?.info(
      { checkpoint: this.committed.toString(), ...this.counters },
      'projector stopped',
    );
  }

  private subscribe(): void {
    const generation = ++this.generation;
    this.subscription = this.options.store.subscribeToAll({
      fromPosition: this.committed,
      onEvent: (event) => this.onEvent(generation, event),
      onError: (error) => this.restart(generation, error),
    });
  }

  private onEvent(generation: number, event: RecordedEvent): Promise<void> | void {
    if (generation !== this.generation || this.state !== 'running') return;
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) {
      // A full batch goes now; the subscription waits only for the batch before it, so reading the
      // next page overlaps applying this one (at most two batches in memory).
      this.cancelFlushTimer();
      const previous = this.chain;
      void this.flush();
      return previous;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.lingerMs);
  }

  private cancelFlushTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /** Applies what is buffered; batches run one after another and never reject. */
  private flush(): Promise<void> {
    this.chain = this.chain.then(() => this.applyBuffered());
    return this.chain;
  }

  private async applyBuffered(): Promise<void> {
    if (this.buffer.length === 0 || this.killing) return;
    const generation = this.generation;
    const batch = this.buffer;
    this.buffer = [];
    try {
      const result = await applyEvents(this.options.pool, this.names, batch, {
        projection: this.projection,
        expectedCheckpoint: this.committed,
        policy: this.policy,
        beforeCommit: () => {
          if (this.killing) throw new Error('projector killed before commit');
        },
      });
      this.committed = result.checkpoint;
      this.failures = 0;
      this.counters.batches += 1;
      this.counters.applied += result.applied;
      this.counters.duplicates += result.duplicates;
      this.counters.unreadable += result.unreadable.length;
      for (const u of result.unreadable)
        this.options.logger?.warn(
          { position: u.position.toString(), reason: u.reason },
          'event logged but not projected (newer schema?)',
        );
    } catch (error) {
      if (this.killing) return;
      this.restart(generation, error);
    }
  }

  /** Drops the subscription and what it buffered, then resubscribes from the stored checkpoint. */
  private restart(generation: number, error: unknown): void {
    if (generation !== this.generation || this.state !== 'running') return;
    this.generation += 1; // events still arriving from the old subscription are ignored
    this.buffer = [];
    this.cancelFlushTimer();
    this.counters.restarts += 1;
    const moved = error instanceof CheckpointMovedError;
    if (moved)
      this.options.logger?.info({ reason: (error as Error).message }, 'checkpoint moved; resubscribing');
    else this.options.logger?.error({ err: error }, 'projection failed; resubscribing from the checkpoint');
    const old = this.subscription;
    this.restarting = (async () => {
      await old?.close();
      await this.chain;
      let delay = moved ? 0 : this.retryDelay();
      while (this.state === 'running') {
        if (delay > 0) await this.sleep(delay);
        if (this.state !== 'running') break;
        try {
          this.committed = await readCheckpoint(this.options.pool, this.names, this.projection);
          this.subscribe();
          break;
        } catch (e) {
          this.options.logger?.warn({ err: e }, 'read-model database unreachable; retrying');
          delay = this.retryDelay();
        }
      }
    })().finally(() => (this.restarting = undefined));
  }

  private retryDelay(): number {
    const base = this.options.retryDelayMs ?? 1_000;
    return Math.min(base * 2 ** this.failures++, 30_000);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = done;
    });
  }
}
