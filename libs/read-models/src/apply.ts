import type { Pool, PoolClient } from 'pg';
import {
  deletePending,
  insertLogRows,
  insertSchemeMessages,
  selectPayments,
  upsertPayments,
  upsertPending,
  upsertReceipts,
} from './batch-sql';
import { DEFAULT_PROJECTION_POLICY, describeEvent, type ProjectionPolicy } from './describe';
import { foldBatch, paymentIdsOf, type PaymentRow } from './fold';
import type { ReadModelNames } from './names';
import type { SqlStatement } from './sql';
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
  const { duplicates, unreadable } = await writeBatch(client, n, fresh, options.policy);
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

/**
 * The batch's read-model changes in a handful of set-based statements: read the payments rows it
 * touches, fold the events into their final rows in memory (fold.ts), write each table once.
 */
async function writeBatch(
  client: PoolClient,
  n: ReadModelNames,
  events: readonly StoredEvent[],
  policy: ProjectionPolicy = DEFAULT_PROJECTION_POLICY,
): Promise<{ duplicates: number; unreadable: { position: bigint; reason: string }[] }> {
  const described = events.map((e) => ({ position: e.position, description: describeEvent(e, policy) }));
  const payIds = paymentIdsOf(described);
  const stored = new Map<string, PaymentRow>();
  if (payIds.length > 0) {
    const { rows } = await query<PaymentRow>(client, selectPayments(n, payIds));
    for (const row of rows) stored.set(row.pay_id as string, row);
  }
  const plan = foldBatch(described, stored);
  if (plan.payments.length > 0) {
    const { rowCount } = await query(client, upsertPayments(n, plan.payments));
    // Only the holder of the checkpoint lock writes these rows: a shortfall means they changed under us.
    if (rowCount !== plan.payments.length)
      throw new Error(
        `payments rows changed during the batch (${rowCount} of ${plan.payments.length} written)`,
      );
  }
  if (plan.schemeMessages.length > 0) await query(client, insertSchemeMessages(n, plan.schemeMessages));
  if (plan.pendingDeletes.length > 0) await query(client, deletePending(n, plan.pendingDeletes));
  if (plan.pendingUpserts.length > 0) await query(client, upsertPending(n, plan.pendingUpserts));
  if (plan.receipts.length > 0) await query(client, upsertReceipts(n, plan.receipts));
  if (plan.logRows.length > 0) await query(client, insertLogRows(n, plan.logRows));
  return { duplicates: plan.duplicates, unreadable: [...plan.unreadable] };
}

function query<R extends object = object>(client: PoolClient, statement: SqlStatement) {
  return client.query<R>(statement.text, statement.values as unknown[]);
}
