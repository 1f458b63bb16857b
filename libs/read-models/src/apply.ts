import type { Pool, PoolClient } from 'pg';
import {
  DEFAULT_PROJECTION_POLICY,
  type PaymentLogRow,
  projectEvent,
  type ProjectionPolicy,
  type SqlStatement,
} from './handlers';
import type { ReadModelNames } from './names';
import type { StoredEvent } from './stored-event';

/** The projection's name in projection_checkpoints. */
export const READ_MODELS_PROJECTION = 'read-models';

/**
 * The checkpoint in the database is not where this writer left it: another projector instance, a
 * rebuild's swap or an operator moved it. The writer must resume from `actual` (nothing was written).
 */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`checkpoint of ${projection} is at ${actual}, this writer expected ${expected}`);
    this.name = 'CheckpointMovedError';
  }
}

export interface ApplyOptions {
  readonly projection?: string;
  /** The checkpoint this writer committed last; a different stored one raises CheckpointMovedError. */
  readonly expectedCheckpoint?: bigint;
  readonly policy?: ProjectionPolicy;
  /** Called after the changes, right before COMMIT (a crash there must leave nothing behind). */
  readonly beforeCommit?: () => void;
}

export interface ApplyResult {
  /** The checkpoint after the batch (the last event's position). */
  readonly checkpoint: bigint;
  /** Events newer than the stored checkpoint (the rest were skipped as already applied). */
  readonly applied: number;
  /** Payment events whose revision the payments row already had (redelivered). */
  readonly duplicates: number;
  readonly unreadable: readonly { readonly position: bigint; readonly reason: string }[];
}

/** Makes sure the projection has a checkpoint row; returns its position. */
export async function readCheckpoint(
  db: Pool | PoolClient,
  n: ReadModelNames,
  projection = READ_MODELS_PROJECTION,
): Promise<bigint> {
  await db.query(
    `INSERT INTO ${n.checkpoints} (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`,
    [projection],
  );
  const { rows } = await db.query<{ position: string }>(
    `SELECT position FROM ${n.checkpoints} WHERE name = $1`,
    [projection],
  );
  return BigInt(rows[0]!.position);
}

/**
 * Applies a batch of events (position order) and moves the checkpoint, in the caller's open
 * transaction. The checkpoint row is locked first, so concurrent writers of one projection
 * serialise, and events at or below the stored checkpoint are skipped.
 */
export async function applyEventsInTransaction(
  client: PoolClient,
  n: ReadModelNames,
  events: readonly StoredEvent[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const projection = options.projection ?? READ_MODELS_PROJECTION;
  let locked = await client.query<{ position: string }>(
    `SELECT position FROM ${n.checkpoints} WHERE name = $1 FOR UPDATE`,
    [projection],
  );
  if (locked.rows.length === 0) {
    await readCheckpoint(client, n, projection);
    locked = await client.query(`SELECT position FROM ${n.checkpoints} WHERE name = $1 FOR UPDATE`, [
      projection,
    ]);
  }
  const stored = BigInt(locked.rows[0]!.position);
  if (options.expectedCheckpoint !== undefined && options.expectedCheckpoint !== stored)
    throw new CheckpointMovedError(projection, options.expectedCheckpoint, stored);

  const fresh = events.filter((e) => e.position > stored);
  const logRows: PaymentLogRow[] = [];
  const unreadable: { position: bigint; reason: string }[] = [];
  let duplicates = 0;
  for (const event of fresh) {
    const change = projectEvent(event, n, options.policy ?? DEFAULT_PROJECTION_POLICY);
    if (change.log) logRows.push(change.log);
    if (change.unreadable) unreadable.push({ position: event.position, reason: change.unreadable });
    if (change.guard) {
      const moved = await run(client, change.guard);
      if (moved === 0) {
        duplicates += 1;
        continue;
      }
    }
    for (const effect of change.effects) await run(client, effect);
  }
  if (logRows.length > 0) await run(client, insertLogRows(n, logRows));
  const last = fresh.length > 0 ? fresh[fresh.length - 1]!.position : stored;
  if (fresh.length > 0) {
    // Guarded again: if the tables were swapped under this transaction (a rebuild renamed the schema
    // while we waited for the lock), this names the new table and its checkpoint differs: roll back.
    const moved = await client.query(
      `UPDATE ${n.checkpoints} SET position = $2, events_applied = events_applied + $3, updated_at = now()
        WHERE name = $1 AND position = $4`,
      [projection, last.toString(), fresh.length, stored.toString()],
    );
    if (moved.rowCount !== 1) {
      const now = await client.query<{ position: string }>(
        `SELECT position FROM ${n.checkpoints} WHERE name = $1`,
        [projection],
      );
      throw new CheckpointMovedError(projection, stored, BigInt(now.rows[0]?.position ?? -1));
    }
  }
  options.beforeCommit?.();
  return { checkpoint: last, applied: fresh.length, duplicates, unreadable };
}

/** applyEventsInTransaction in a transaction of its own. */
export async function applyEvents(
  pool: Pool,
  n: ReadModelNames,
  events: readonly StoredEvent[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await applyEventsInTransaction(client, n, events, options);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

async function run(client: PoolClient, statement: SqlStatement): Promise<number> {
  const result = await client.query(statement.text, statement.values as unknown[]);
  return result.rowCount ?? 0;
}

/** All log rows of a batch in one statement; a row already there (same stream revision or position) stays. */
function insertLogRows(n: ReadModelNames, rows: readonly PaymentLogRow[]): SqlStatement {
  const col = <K extends keyof PaymentLogRow>(k: K) => rows.map((r) => r[k]);
  return {
    text: `INSERT INTO ${n.paymentLog} (position, stream_id, stream_revision, category, event_type, pay_id,
             iotp_trans_id, command_id, occurred_at, recorded_at, summary, in_msg_id, out_msg_id)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[],
             $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
           ON CONFLICT DO NOTHING`,
    values: [
      col('position'),
      col('streamId'),
      col('streamRevision'),
      col('category'),
      col('eventType'),
      col('payId'),
      col('iotpTransId'),
      col('commandId'),
      col('occurredAt'),
      col('recordedAt'),
      col('summary'),
      col('inMsgId'),
      col('outMsgId'),
    ],
  };
}
