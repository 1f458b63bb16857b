import type { Pool, PoolClient } from 'pg';
import { type ReadModelNames, readModelNames } from './names';

/**
 * Migrations of the read models, applied in id order, each once (recorded in schema_migrations) and
 * each itself idempotent (IF NOT EXISTS), so a half-applied one can be re-run. Add new tables or
 * indexes (the console's) as new entries; never edit an applied one. Every table is derived from
 * the event store only and holds no time of its own (no now()): a rebuild yields identical rows.
 */
export interface ReadModelMigration {
  readonly id: number;
  readonly name: string;
  readonly sql: (n: ReadModelNames) => string;
  /**
   * One `CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> …` statement on a table that may be large: built
   * outside a transaction so the projector keeps writing meanwhile (a plain CREATE INDEX blocks its
   * writes for the whole build, ≈ 20 s at 10.9M log rows). `index` names it, to drop an invalid leftover
   * of an interrupted build first.
   */
  readonly concurrently?: { readonly index: string };
}

export const READ_MODEL_MIGRATIONS: readonly ReadModelMigration[] = [
  {
    id: 1,
    name: 'payments, payment log, pending payments, receipts, checkpoints',
    sql: (n) => `
CREATE TABLE IF NOT EXISTS ${n.payments} (
  pay_id text PRIMARY KEY,
  stream_id text NOT NULL,
  iotp_trans_id text NOT NULL,
  payment_ref text NOT NULL,
  merchant_org_id text NOT NULL,
  consumer_payment_id text,
  brand_id text NOT NULL,
  protocol_id text NOT NULL,
  protocol_brand_id text NOT NULL,
  -- exactly the received decimal; NULL (amount_text kept) if it was not a plain decimal
  amount numeric,
  amount_text text NOT NULL,
  currency text NOT NULL,
  process_state text NOT NULL,
  completion_code text,
  status_desc text,
  failure_how text,
  message_count integer NOT NULL DEFAULT 0,
  receipt_name_refs text[] NOT NULL DEFAULT '{}',
  log_removed_at timestamptz,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  stream_revision integer NOT NULL,
  last_position bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS payments_iotp_trans_id_idx ON ${n.payments} (iotp_trans_id);
CREATE INDEX IF NOT EXISTS payments_merchant_started_idx ON ${n.payments} (merchant_org_id, started_at DESC, pay_id);
CREATE INDEX IF NOT EXISTS payments_state_updated_idx ON ${n.payments} (process_state, updated_at DESC, pay_id);
CREATE INDEX IF NOT EXISTS payments_started_idx ON ${n.payments} (started_at DESC, pay_id);
CREATE INDEX IF NOT EXISTS payments_brand_started_idx ON ${n.payments} (brand_id, started_at DESC);
CREATE INDEX IF NOT EXISTS payments_payment_ref_idx ON ${n.payments} (payment_ref);

CREATE TABLE IF NOT EXISTS ${n.paymentLog} (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  stream_revision integer NOT NULL,
  category text NOT NULL,
  event_type text NOT NULL,
  pay_id text,
  iotp_trans_id text,
  command_id text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  summary text NOT NULL,
  in_msg_id text,
  out_msg_id text,
  CONSTRAINT payment_log_stream_revision_key UNIQUE (stream_id, stream_revision)
);
CREATE INDEX IF NOT EXISTS payment_log_pay_id_idx ON ${n.paymentLog} (pay_id, position);
CREATE INDEX IF NOT EXISTS payment_log_trans_id_idx ON ${n.paymentLog} (iotp_trans_id, position);
CREATE INDEX IF NOT EXISTS payment_log_occurred_idx ON ${n.paymentLog} (occurred_at DESC, position DESC);
CREATE INDEX IF NOT EXISTS payment_log_type_idx ON ${n.paymentLog} (event_type, position DESC);

CREATE TABLE IF NOT EXISTS ${n.pendingPayments} (
  pay_id text PRIMARY KEY,
  process_state text NOT NULL CHECK (process_state IN ('InProgress', 'Suspended')),
  brand_id text NOT NULL,
  merchant_org_id text NOT NULL,
  -- when the payment entered its current pending state
  since timestamptz NOT NULL,
  next_check_at timestamptz NOT NULL,
  reason text,
  stream_revision integer NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_payments_next_check_idx ON ${n.pendingPayments} (next_check_at, pay_id);
CREATE INDEX IF NOT EXISTS pending_payments_state_since_idx ON ${n.pendingPayments} (process_state, since, pay_id);

CREATE TABLE IF NOT EXISTS ${n.schemeMessages} (
  pay_id text NOT NULL,
  stream_revision integer NOT NULL,
  idx integer NOT NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  sequence integer NOT NULL,
  name text,
  sha256 text NOT NULL,
  -- our outbound PackagedContent {name, content, transform, value} (holds no secret); NULL inbound
  packaged jsonb,
  PRIMARY KEY (pay_id, stream_revision, idx)
);
CREATE INDEX IF NOT EXISTS scheme_messages_name_idx ON ${n.schemeMessages} (pay_id, name);

CREATE TABLE IF NOT EXISTS ${n.receipts} (
  pay_id text PRIMARY KEY,
  name_refs text[] NOT NULL,
  -- in PayReceiptNameRefs order: {name, direction, sha256, packaged?}
  items jsonb NOT NULL,
  notes jsonb NOT NULL,
  completed_at timestamptz NOT NULL,
  stream_revision integer NOT NULL
);
CREATE INDEX IF NOT EXISTS receipts_completed_idx ON ${n.receipts} (completed_at DESC);

CREATE TABLE IF NOT EXISTS ${n.checkpoints} (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  events_applied bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    id: 2,
    name: 'console: keyset indexes (time, PayId) for the payment search and the pending scan',
    // The console sorts by (started_at, pay_id) in both directions and compares the pair as a row
    // (keyset pagination); these indexes serve that order with each equality filter in front.
    sql: (n) => `
CREATE INDEX IF NOT EXISTS payments_started_pay_idx ON ${n.payments} (started_at, pay_id);
CREATE INDEX IF NOT EXISTS payments_state_started_idx ON ${n.payments} (process_state, started_at, pay_id);
CREATE INDEX IF NOT EXISTS payments_merchant_started_pay_idx ON ${n.payments} (merchant_org_id, started_at, pay_id);
CREATE INDEX IF NOT EXISTS payments_brand_started_pay_idx ON ${n.payments} (brand_id, started_at, pay_id);
CREATE INDEX IF NOT EXISTS payments_code_started_idx ON ${n.payments} (completion_code, started_at, pay_id)
  WHERE completion_code IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_finished_idx ON ${n.payments} (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS pending_payments_since_idx ON ${n.pendingPayments} (since, pay_id);
CREATE INDEX IF NOT EXISTS payment_log_pay_type_idx ON ${n.paymentLog} (pay_id, event_type) WHERE category = 'iotptx';
`,
  },
  {
    id: 3,
    name: 'console: amount, totals and log type+category indexes (npm run bench:console at 1M payments)',
    // Measured with npm run bench:console (1M payments, 10.9M log rows):
    // - amount ranges scanned the time index (or the table) for rare amounts: 150–300 ms → an index on amount,
    //   and one on (currency, amount) for a currency with an amount bound (else the time index walk: 90–110 ms);
    // - totals over 7 days read 233k heap rows: 210–430 ms → index-only scan of a covering time index;
    // - log eventType + category: the planner multiplies the two selectivities, although the type decides
    //   the category, and walked the whole log backwards for a pair with no row (2.8 s): an index on both
    //   and extended statistics on the pair (ANALYZE here so they take effect at once).
    sql: (n) => `
CREATE INDEX IF NOT EXISTS payments_amount_idx ON ${n.payments} (amount);
CREATE INDEX IF NOT EXISTS payments_currency_amount_idx ON ${n.payments} (currency, amount);
CREATE INDEX IF NOT EXISTS payments_started_totals_idx ON ${n.payments} (started_at)
  INCLUDE (process_state, brand_id, currency, amount);
CREATE INDEX IF NOT EXISTS payment_log_type_category_idx ON ${n.paymentLog} (event_type, category, position DESC);
CREATE STATISTICS IF NOT EXISTS "${n.schema}".payment_log_type_category_stats (mcv, dependencies)
  ON event_type, category FROM ${n.paymentLog};
ANALYZE ${n.paymentLog};
`,
  },
  {
    id: 4,
    name: 'console: payment log by event type in occurred-time order (log with a time window and an event type)',
    // The console pages a time window of the log newest first by (occurred_at, position). With an event
    // type too, this index gives those rows in that order, so a page reads ~50 index entries: the
    // 24 h window + event type query went from ≈ 380 ms p99 (every row of the window collected and
    // sorted by position) to under a millisecond in npm run bench:console at 1M payments.
    sql: (n) =>
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS payment_log_type_occurred_idx ON ${n.paymentLog} (event_type, occurred_at DESC, position DESC)`,
    concurrently: { index: 'payment_log_type_occurred_idx' },
  },
];

/** Serialises migrations of every read-model schema (key class of our own, cf. the event store's). */
const MIGRATION_LOCK = [0x524d0001, 0] as const;

/**
 * Creates the schema and applies pending migrations in id order; idempotent, safe with concurrent
 * starters (a session advisory lock serialises them). Each migration runs in its own transaction with
 * its record, except `concurrently` ones, which build their index outside any transaction and are
 * recorded after it is valid. `db` must not be inside a transaction.
 */
export async function migrateReadModels(db: Pool | PoolClient, schema = 'rm'): Promise<void> {
  const n = readModelNames(schema);
  const client = 'release' in db ? db : await db.connect();
  try {
    await takeMigrationLock(client);
  } catch (error) {
    if (client !== db) (client as PoolClient).release();
    throw error;
  }
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${n.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${n.migrations} (
         id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM ${n.migrations}`);
    const applied = new Set(rows.map((r) => r.id));
    for (const m of READ_MODEL_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      const record = () =>
        client.query(`INSERT INTO ${n.migrations} (id, name) VALUES ($1, $2)`, [m.id, m.name]);
      if (m.concurrently) {
        // Interrupted after the build: the next start finds the valid index (IF NOT EXISTS) and records it.
        await buildConcurrently(client, n, m.concurrently.index, m.sql(n));
        await record();
      } else {
        await inTransaction(client, async () => {
          await client.query(m.sql(n));
          await record();
        });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch(() => undefined);
    if (client !== db) (client as PoolClient).release();
  }
}

/**
 * The session lock, polled rather than waited for: a session blocked in pg_advisory_lock is a running
 * transaction, which a CREATE INDEX CONCURRENTLY of the lock's holder waits for — a deadlock.
 */
async function takeMigrationLock(client: Pool | PoolClient): Promise<void> {
  for (let waitMs = 50; ; waitMs = Math.min(1000, waitMs * 2)) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      ...MIGRATION_LOCK,
    ]);
    if (rows[0]?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

async function inTransaction(client: Pool | PoolClient, work: () => Promise<unknown>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** An interrupted CONCURRENTLY build leaves an invalid index that IF NOT EXISTS would keep: drop it first. */
async function buildConcurrently(
  client: Pool | PoolClient,
  n: ReadModelNames,
  index: string,
  sql: string,
): Promise<void> {
  const { rows } = await client.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relname = $2`,
    [n.schema, index],
  );
  if (rows[0] && !rows[0].valid)
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${n.schema}"."${index}"`);
  await client.query(sql);
}
