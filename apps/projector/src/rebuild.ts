import type { Pool, PoolClient } from 'pg';
import type { EventStore } from '@ph/event-store';
import type { Logger } from '@ph/platform';
import {
  applyEvents,
  applyEventsInTransaction,
  migrateReadModels,
  type ProjectionPolicy,
  readCheckpoint,
  readModelNames,
  READ_MODELS_PROJECTION,
  type ReadModelNames,
} from '@ph/read-models';

export interface RebuildOptions {
  readonly store: Pick<EventStore, 'readAll'>;
  readonly pool: Pool;
  readonly schema?: string;
  readonly projection?: string;
  readonly policy?: ProjectionPolicy;
  readonly batchSize?: number;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface RebuildReport {
  /** Events read from the store (all categories) into the new read models. */
  readonly events: number;
  /** The checkpoint of the read models swapped in. */
  readonly position: bigint;
  readonly durationMs: number;
}

/**
 * Rebuild from position 0 while the system runs, without a moment of empty or half-built pages:
 *
 * 1. A shadow schema (`<schema>_rebuild`, fresh) is filled from position 0 with the same handlers,
 *    batch by batch, each batch atomic with the shadow's own checkpoint, until it is near the head.
 *    Dashboards keep reading the live schema; the live projector keeps writing it.
 * 2. One transaction: lock the live checkpoint table (EXCLUSIVE: readers go on, the live projector's
 *    next batch waits), project the last few events into the shadow, rename live → `<schema>_retired`
 *    and shadow → live, commit. Readers see the old tables or the new ones, never a mix.
 * 3. The live projector's next batch finds a checkpoint other than the one it committed
 *    (CheckpointMovedError), writes nothing and resubscribes from the new checkpoint, so no event
 *    is skipped or applied twice. A batch that was already waiting on the lock commits into the
 *    retired tables, which are dropped afterwards (the swapped-in shadow holds those events too,
 *    since it caught up to the head while holding the lock).
 *
 * Statements are never named/prepared, so every one resolves the schema's tables anew.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const started = Date.now();
  const live = readModelNames(options.schema ?? 'rm');
  const shadow = readModelNames(`${live.schema}_rebuild`);
  const retired = readModelNames(`${live.schema}_retired`);
  const projection = options.projection ?? READ_MODELS_PROJECTION;
  const batchSize = options.batchSize ?? 2_000;
  const { pool, store } = options;
  const log = options.logger;

  await pool.query(`DROP SCHEMA IF EXISTS "${shadow.schema}" CASCADE`);
  await pool.query(`DROP SCHEMA IF EXISTS "${retired.schema}" CASCADE`);
  await migrateReadModels(pool, live.schema);
  await migrateReadModels(pool, shadow.schema);
  let position = await readCheckpoint(pool, shadow, projection);
  let events = 0;
  log?.info({ shadow: shadow.schema }, 'rebuild: replaying from position 0 into the shadow schema');

  // 1. Catch up outside any long transaction.
  for (;;) {
    const page = await store.readAll({ fromPosition: position, limit: batchSize });
    if (page.length === 0) break;
    const result = await applyEvents(pool, shadow, page, {
      projection,
      expectedCheckpoint: position,
      policy: options.policy,
    });
    position = result.checkpoint;
    events += page.length;
    if (page.length < batchSize) break;
  }
  log?.info({ events, position: position.toString() }, 'rebuild: shadow near the head; swapping');

  // 2. Final catch-up and swap in one transaction.
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${live.checkpoints} IN EXCLUSIVE MODE`);
    ({ position, events } = await drain(client, store, shadow, projection, position, events, options));
    await client.query(`ALTER SCHEMA "${live.schema}" RENAME TO "${retired.schema}"`);
    await client.query(`ALTER SCHEMA "${shadow.schema}" RENAME TO "${live.schema}"`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
  // 3. A live batch that waited on the lock may still hold the retired tables: DROP waits for it.
  await pool.query(`DROP SCHEMA IF EXISTS "${retired.schema}" CASCADE`);
  const report = { events, position, durationMs: Date.now() - started };
  log?.info({ ...report, position: position.toString() }, 'rebuild: swapped in');
  return report;
}

async function drain(
  client: PoolClient,
  store: Pick<EventStore, 'readAll'>,
  shadow: ReadModelNames,
  projection: string,
  position: bigint,
  events: number,
  options: RebuildOptions,
): Promise<{ position: bigint; events: number }> {
  for (;;) {
    const page = await store.readAll({ fromPosition: position, limit: options.batchSize ?? 2_000 });
    if (page.length === 0) return { position, events };
    const result = await applyEventsInTransaction(client, shadow, page, {
      projection,
      expectedCheckpoint: position,
      policy: options.policy,
    });
    position = result.checkpoint;
    events += page.length;
  }
}
