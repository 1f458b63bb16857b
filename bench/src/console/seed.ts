import type { Pool } from 'pg';
import { READ_MODEL_MIGRATIONS, readModelNames, type ReadModelNames } from '@ph/read-models';
import { migrateEventStore } from '@ph/event-store';
import { log } from '../processes';

/*
 * Seeds the read models the console reads with set-based SQL (INSERT … SELECT … FROM generate_series):
 * payments over the last DAYS days, their payment log, pending payments, receipts, and the payment
 * streams of the event store (the inquiry page reads a payment's history from there).
 *
 * Payment i (1 … N) starts at `now() - DAYS + i/N·DAYS` (less a few seconds of jitter), so the log
 * positions, which are i·16 + k (k: the event's slot in the payment's exchange, 0 … 10), grow with
 * time as they do in a real store. Every per-payment choice is a function of i (bench_console.u,
 * an md5-based uniform), so the payments, log and event rows agree with one another.
 *
 * Distributions: states 90 % CompletedOk, 7.8 % Failed (six completion codes, skewed), 0.2 %
 * ProcessError, 1.2 % InProgress and 0.8 % Suspended (the pending scan); brands VISA 42 %,
 * MasterCard 33 %, Amex 8 %, HashSecret 9 %, SmsConfirm 5 %, SetLike 3 %; currencies EUR 86 %, USD 6 %,
 * GBP 5 %, CHF 2 %, JPY 1 % (no minor unit); 300 merchants with a long tail (merchant-001 busiest);
 * amounts log-uniform 1 … ~3000 with cents.
 *
 * Indexes are built after the load (their definitions are read from the catalog, dropped, and created
 * again from the same definitions): bulk loading into 20 indexes would take several times longer.
 */

/** Statements run at once while loading (one per core of the usual 2-core runner). */
const LANES = 2;

export interface SeedOptions {
  readonly payments: number;
  readonly days: number;
  /** The payment log (≈11 rows a payment) and receipts for payments of the last `logDays` days. */
  readonly logDays: number;
  /** Payment streams in the event store for payments of the last `eventDays` days. */
  readonly eventDays: number;
  /** Read-model migrations applied before the load (ids ≤ this); the rest come later, measured apart. */
  readonly baselineMigration: number;
}

export interface Seeded {
  readonly n: ReadModelNames;
  readonly esSchema: string;
  readonly logRows: number;
  readonly logPayments: number;
  readonly eventRows: number;
  readonly pendingRows: number;
  readonly seconds: number;
}

export const BRANDS: readonly [string, string, number][] = [
  // brand, protocol, cumulative share
  ['VISA', 'SET-Like', 0.42],
  ['MasterCard', 'SET-Like', 0.75],
  ['Amex', 'SET-Like', 0.83],
  ['HashSecret', 'HashSecret', 0.92],
  ['SmsConfirm', 'SmsConfirm', 0.97],
  ['SetLike', 'SET-Like', 1],
];
export const CURRENCIES: readonly [string, number][] = [
  ['EUR', 0.86],
  ['USD', 0.92],
  ['GBP', 0.97],
  ['CHF', 0.99],
  ['JPY', 1],
];
export const FAIL_CODES: readonly [string, number][] = [
  ['InsuffFunds', 0.4],
  ['PaymentDecl', 0.7],
  ['AuthError', 0.85],
  ['ConsCancelled', 0.93],
  ['PaymtCancelled', 0.98],
  ['BrandNotSupp', 1],
];
export const MERCHANTS = 300;
export const STATES = ['CompletedOk', 'Failed', 'ProcessError', 'InProgress', 'Suspended'] as const;

/** SQL CASE picking from cumulative shares by the uniform `u`. */
function pick(u: string, table: readonly (readonly [string, ...unknown[]])[], col = 0): string {
  const share = (row: readonly unknown[]) => row[row.length - 1] as number;
  return `CASE ${table
    .slice(0, -1)
    .map((row) => `WHEN ${u} < ${share(row)} THEN '${String(row[col])}'`)
    .join(' ')} ELSE '${String(table[table.length - 1]![col])}' END`;
}

const STATE_SQL = (u: string) =>
  `CASE WHEN ${u} < 0.9 THEN 'CompletedOk' WHEN ${u} < 0.978 THEN 'Failed' WHEN ${u} < 0.98 THEN 'ProcessError'
        WHEN ${u} < 0.992 THEN 'InProgress' ELSE 'Suspended' END`;

export async function seedConsole(pool: Pool, schema: string, o: SeedOptions): Promise<Seeded> {
  const started = Date.now();
  const n = readModelNames(schema);
  const esSchema = `${schema}_es`;
  const b = `"${schema}_gen"`;
  const t0 = Date.now();
  const step = (what: string) => log(`  ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Read models as of the baseline migration, recorded exactly as migrateReadModels records them.
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${n.migrations} (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const m of READ_MODEL_MIGRATIONS.filter((x) => x.id <= o.baselineMigration)) {
    await pool.query(m.sql(n));
    await pool.query(`INSERT INTO ${n.migrations} (id, name) VALUES ($1, $2)`, [m.id, m.name]);
  }
  await migrateEventStore(pool, esSchema);
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${b}`);
  // u(i, salt): a uniform in [0, 1) that is a function of (i, salt).
  await pool.query(`CREATE OR REPLACE FUNCTION ${b}.u(i bigint, salt integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT ('x' || substr(md5(i::text || ':' || salt::text), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);

  const indexes = await dropIndexes(pool, [schema, esSchema]);
  step(`schema ready; ${indexes.length} indexes and keys dropped for the load`);

  // ---- payments -------------------------------------------------------------------------------
  const chunk = 100_000;
  const span = `make_interval(days => ${o.days})`;
  const paymentJobs: (() => Promise<void>)[] = [];
  let paymentsDone = 0;
  for (let from = 1; from <= o.payments; from += chunk) {
    const to = Math.min(o.payments, from + chunk - 1);
    paymentJobs.push(async () => {
      await pool.query(
        `INSERT INTO ${n.payments} (pay_id, stream_id, iotp_trans_id, payment_ref, merchant_org_id, consumer_payment_id,
         brand_id, protocol_id, protocol_brand_id, amount, amount_text, currency, process_state, completion_code,
         status_desc, failure_how, message_count, receipt_name_refs, started_at, updated_at, finished_at,
         stream_revision, last_position)
       SELECT pay_id, 'payment-' || pay_id, trans_id, 'pmt-' || i, merchant, 'cp-' || i, brand, protocol, brand,
              amount, amount::text, currency, state,
              CASE WHEN state = 'Failed' THEN code END,
              CASE state WHEN 'CompletedOk' THEN 'Approved' WHEN 'Failed' THEN 'Declined by the issuer'
                         WHEN 'ProcessError' THEN 'Scheme answer unreadable' END,
              CASE WHEN state = 'Failed' THEN 'scheme' WHEN state = 'ProcessError' THEN 'scheme' END,
              CASE WHEN state = 'InProgress' THEN 1 ELSE 2 END,
              CASE WHEN state = 'CompletedOk' THEN ARRAY['Receipt'] ELSE '{}'::text[] END,
              started, started + make_interval(secs => 1.5 + 3 * ${b}.u(i, 9)),
              CASE WHEN state IN ('CompletedOk', 'Failed', 'ProcessError')
                   THEN started + make_interval(secs => 1.5 + 3 * ${b}.u(i, 9)) END,
              CASE WHEN state = 'InProgress' THEN 2 ELSE 5 END,
              i * 16 + CASE WHEN state = 'InProgress' THEN 3 ELSE 8 END
         FROM (SELECT i,
                      md5('pay' || i)::uuid::text AS pay_id,
                      upper(md5('tx' || i)) AS trans_id,
                      'merchant-' || lpad((1 + floor(${MERCHANTS} * power(${b}.u(i, 1), 2.5)))::int::text, 3, '0') AS merchant,
                      ${pick(
                        `${b}.u(i, 2)`,
                        BRANDS.map(([x, , s]) => [x, s] as const),
                      )} AS brand,
                      ${pick(
                        `${b}.u(i, 2)`,
                        BRANDS.map(([, p, s]) => [p, s] as const),
                      )} AS protocol,
                      ${pick(`${b}.u(i, 3)`, CURRENCIES)} AS currency,
                      ${STATE_SQL(`${b}.u(i, 4)`)} AS state,
                      ${pick(`${b}.u(i, 5)`, FAIL_CODES)} AS code,
                      now() - ${span} + (i::double precision / ${o.payments}) * ${span}
                        - make_interval(secs => 5 * ${b}.u(i, 6)) AS started,
                      CASE WHEN ${b}.u(i, 3) >= 0.99 THEN round(exp(${b}.u(i, 7) * 8)::numeric * 100, 0)
                           ELSE round(exp(${b}.u(i, 7) * 8)::numeric, 2) END AS amount
                 FROM generate_series(${from}::bigint, ${to}::bigint) AS i) g`,
      );
      paymentsDone += to - from + 1;
      step(`payments ${paymentsDone.toLocaleString('en')} / ${o.payments.toLocaleString('en')}`);
    });
  }
  await inLanes(LANES, paymentJobs);

  // ---- pending payments -------------------------------------------------------------------------
  await pool.query(
    `INSERT INTO ${n.pendingPayments} (pay_id, process_state, brand_id, merchant_org_id, since, next_check_at, reason, stream_revision)
     SELECT pay_id, process_state, brand_id, merchant_org_id, updated_at,
            updated_at + CASE WHEN process_state = 'Suspended' THEN interval '15 minutes' ELSE interval '2 minutes' END,
            CASE WHEN process_state = 'Suspended' THEN 'waiting for the issuer (SMS confirmation)' END, stream_revision
       FROM ${n.payments} WHERE process_state IN ('InProgress', 'Suspended')`,
  );
  const pendingRows = await count(pool, n.pendingPayments);
  step(`pending payments ${pendingRows.toLocaleString('en')}`);

  // ---- payment log and receipts for the last logDays ---------------------------------------------
  // One row per (payment, slot) from a template: the payment stream (category payment) and the IOTP
  // transaction stream (category iotptx) interleave as in a hash/secret exchange of two round trips.
  await pool.query(`CREATE TABLE ${b}.template AS SELECT * FROM (VALUES
      (0, 'payment', 'PaymentStarted', 0, 'IPF'),
      (1, 'iotptx', 'PaymentAttemptStarted', 0, 'IPF'),
      (2, 'payment', 'SchemeMessageReceived', 1, 'IPF'),
      (3, 'payment', 'SchemeMessageSent', 2, 'IPF'),
      (4, 'iotptx', 'IotpMessageAnswered', 1, 'IPF'),
      (5, 'iotptx', 'SchemeDataReceived', 2, 'PF'),
      (6, 'payment', 'SchemeMessageReceived', 3, 'PF'),
      (7, 'payment', 'SchemeMessageSent', 4, 'PF'),
      (8, 'payment', 'final', 5, 'PF'),
      (9, 'iotptx', 'IotpMessageAnswered', 3, 'F'),
      (10, 'iotptx', 'PaymentAttemptFinished', 4, 'F')
    ) AS t(k, category, event_type, rev, kinds)`);
  // kinds: I = InProgress gets it, P = Suspended (pending) gets it, F = a finished payment gets it
  const slot = `(t.kinds LIKE ('%' || CASE p.process_state WHEN 'InProgress' THEN 'I' WHEN 'Suspended' THEN 'P' ELSE 'F' END || '%'))`;
  const eventType = `CASE WHEN t.event_type <> 'final' THEN t.event_type
      WHEN p.process_state = 'CompletedOk' THEN 'PaymentCompleted' WHEN p.process_state = 'Failed' THEN 'PaymentFailed'
      WHEN p.process_state = 'ProcessError' THEN 'ProcessErrorRaised' ELSE 'PaymentSuspended' END`;
  const at = `(p.started_at + make_interval(secs => t.k * 0.3))`;
  const logFrom = `now() - make_interval(days => ${o.logDays})`;
  const bounds = await pool.query<{ lo: string | null; hi: string | null }>(
    `SELECT min(last_position / 16)::text AS lo, max(last_position / 16)::text AS hi FROM ${n.payments} WHERE started_at >= ${logFrom}`,
  );
  const lo = Number(bounds.rows[0]!.lo ?? 1);
  const hi = Number(bounds.rows[0]!.hi ?? 0);
  const logChunk = 50_000;
  const logJobs: (() => Promise<void>)[] = [];
  let logDone = 0;
  for (let from = lo; from <= hi; from += logChunk) {
    const to = Math.min(hi, from + logChunk - 1);
    logJobs.push(async () => {
      await pool.query(
        `INSERT INTO ${n.paymentLog} (position, stream_id, stream_revision, category, event_type, pay_id, iotp_trans_id,
         command_id, occurred_at, recorded_at, summary, in_msg_id, out_msg_id)
       SELECT p.last_position / 16 * 16 + t.k,
              CASE t.category WHEN 'payment' THEN p.stream_id ELSE 'iotptx-' || p.iotp_trans_id END, t.rev, t.category,
              ${eventType}, p.pay_id, p.iotp_trans_id,
              'cmd-' || (p.last_position / 16) || '-' || t.k, ${at}, ${at} + interval '3 milliseconds',
              CASE ${eventType}
                WHEN 'PaymentStarted' THEN format('Payment started: %s %s, brand %s via %s, merchant %s', p.amount_text, p.currency, p.brand_id, p.protocol_id, p.merchant_org_id)
                WHEN 'PaymentAttemptStarted' THEN format('Payment attempt started: pay id %s, bridge %s, merchant %s', p.pay_id, p.protocol_id, p.merchant_org_id)
                WHEN 'SchemeMessageReceived' THEN format('Scheme message #%s received (%s): PaySchemeData', (t.rev + 1) / 2, CASE t.rev WHEN 1 THEN 'StartPayment' ELSE 'ContinuePayment' END)
                WHEN 'SchemeMessageSent' THEN format('Scheme message #%s sent (%s): PaySchemeData', t.rev / 2, CASE t.rev WHEN 2 THEN 'Continue' ELSE 'End' END)
                WHEN 'IotpMessageAnswered' THEN format('IOTP message M%s answered with R%s', t.k, t.k)
                WHEN 'SchemeDataReceived' THEN 'Scheme data kept for the receipt: PaySchemeData'
                WHEN 'PaymentAttemptFinished' THEN format('Payment attempt finished: %s', p.process_state) || coalesce(' [' || p.completion_code || ']', '')
                WHEN 'PaymentCompleted' THEN 'Payment completed: Approved; receipt Receipt'
                WHEN 'PaymentFailed' THEN format('Payment failed [%s] (scheme): Declined by the issuer', p.completion_code)
                WHEN 'ProcessErrorRaised' THEN 'Process error (scheme): Scheme answer unreadable'
                ELSE 'Payment suspended: waiting for the issuer (SMS confirmation)' END,
              CASE WHEN t.event_type = 'IotpMessageAnswered' THEN 'M' || t.k END,
              CASE WHEN t.event_type = 'IotpMessageAnswered' THEN 'R' || t.k END
         FROM ${n.payments} p JOIN ${b}.template t ON ${slot}
        WHERE p.last_position >= ${from} * 16 AND p.last_position < ${to + 1} * 16`,
      );
      logDone += to - from + 1;
      step(`payment log: payments ${logDone.toLocaleString('en')} / ${(hi - lo + 1).toLocaleString('en')}`);
    });
  }
  await inLanes(LANES, logJobs);
  const logRows = await count(pool, n.paymentLog);
  await pool.query(
    `INSERT INTO ${n.receipts} (pay_id, name_refs, items, notes, completed_at, stream_revision)
     SELECT pay_id, receipt_name_refs,
            jsonb_build_array(jsonb_build_object('name', 'Receipt', 'direction', 'out', 'sha256', md5(pay_id) || md5(iotp_trans_id)),
                              jsonb_build_object('name', 'PaySchemeData', 'direction', 'in', 'sha256', md5(iotp_trans_id) || md5(pay_id))),
            '[]'::jsonb, finished_at, stream_revision
       FROM ${n.payments} WHERE process_state = 'CompletedOk' AND started_at >= ${logFrom}`,
  );
  step(`payment log ${logRows.toLocaleString('en')} rows; receipts`);

  // ---- the event store's payment streams for the last eventDays ---------------------------------
  const data = `CASE ${eventType}
      WHEN 'PaymentStarted' THEN jsonb_build_object('commandId', c.cmd, 'context', jsonb_build_object('payId', p.pay_id,
           'iotpTransId', p.iotp_trans_id, 'brandId', p.brand_id, 'protocolId', p.protocol_id, 'protocolBrandId', p.protocol_brand_id,
           'amount', p.amount_text, 'currency', p.currency, 'merchantOrgId', p.merchant_org_id, 'paymentRef', p.payment_ref))
      WHEN 'SchemeMessageReceived' THEN jsonb_build_object('commandId', c.cmd, 'command', CASE t.rev WHEN 1 THEN 'StartPayment' ELSE 'ContinuePayment' END,
           'sequence', (t.rev + 1) / 2, 'messages', jsonb_build_array(jsonb_build_object('name', 'PaySchemeData', 'sha256', md5(c.cmd) || md5(p.pay_id))))
      WHEN 'SchemeMessageSent' THEN jsonb_build_object('commandId', c.cmd, 'sequence', t.rev / 2, 'contStatus', CASE t.rev WHEN 2 THEN 'Continue' ELSE 'End' END,
           'messages', jsonb_build_array(jsonb_build_object('name', 'PaySchemeData', 'content', 'PCDATA', 'transform', 'BASE64', 'value', encode(sha256(c.cmd::bytea), 'base64'))),
           'bridgeState', jsonb_build_object('step', t.rev))
      WHEN 'PaymentCompleted' THEN jsonb_build_object('commandId', c.cmd, 'statusDesc', 'Approved', 'receiptNameRefs', jsonb_build_array('Receipt'), 'notes', '[]'::jsonb)
      WHEN 'PaymentFailed' THEN jsonb_build_object('commandId', c.cmd, 'completionCode', p.completion_code, 'statusDesc', 'Declined by the issuer', 'how', 'scheme', 'notes', '[]'::jsonb)
      WHEN 'ProcessErrorRaised' THEN jsonb_build_object('commandId', c.cmd, 'statusDesc', 'Scheme answer unreadable', 'how', 'scheme')
      ELSE jsonb_build_object('commandId', c.cmd, 'reason', 'waiting for the issuer (SMS confirmation)') END`;
  await pool.query(
    `INSERT INTO "${esSchema}".events (global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at)
     SELECT p.last_position / 16 * 16 + t.k, p.stream_id, t.rev, md5(c.cmd)::uuid, ${eventType}, ${data},
            jsonb_build_object('commandId', c.cmd, 'occurredAt', to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'schemaVersion', 1),
            ${at} + interval '3 milliseconds'
       FROM ${n.payments} p JOIN ${b}.template t ON ${slot} AND t.category = 'payment'
            CROSS JOIN LATERAL (SELECT 'cmd-' || (p.last_position / 16) || '-' || t.k AS cmd) c
      WHERE p.started_at >= now() - make_interval(days => ${o.eventDays})`,
  );
  const eventRows = await count(pool, `"${esSchema}".events`);
  await pool.query(
    `INSERT INTO ${n.checkpoints} (name, position, events_applied)
     SELECT 'read-models', coalesce(max(global_position), 0), count(*) FROM "${esSchema}".events`,
  );
  step(`event store ${eventRows.toLocaleString('en')} payment events`);

  // Keys first in the queue; a table's builds wait for one another's locks, other tables' go on.
  await inLanes(
    LANES,
    indexes.map((def) => async () => void (await pool.query(def))),
  );
  step(`${indexes.length} indexes and keys built again`);
  // VACUUM sets the visibility map as autovacuum does on a live table (index-only scans need it).
  await pool.query(`VACUUM (ANALYZE) ${n.payments}, ${n.pendingPayments}, ${n.receipts}`);
  await pool.query(`ANALYZE ${n.paymentLog}, "${esSchema}".events`);
  await pool.query(`DROP SCHEMA ${b} CASCADE`);
  step('analysed');
  const logPayments = await pool.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM ${n.payments} WHERE started_at >= ${logFrom}`,
  );
  return {
    n,
    esSchema,
    logRows,
    logPayments: logPayments.rows[0]!.n,
    eventRows,
    pendingRows,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Every index of the schemas' tables, constraint-backed ones included, dropped before the load: the
 * statements that make them again (CREATE INDEX / ALTER TABLE … ADD CONSTRAINT) are returned, read
 * from the catalog, so they are exactly what the migrations made.
 */
async function dropIndexes(pool: Pool, schemas: readonly string[]): Promise<string[]> {
  const constraints = await pool.query<{ schema: string; table: string; name: string; def: string }>(
    `SELECT n.nspname AS schema, t.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = ANY($1) AND k.contype IN ('p', 'u') AND t.relname NOT IN ('schema_migrations', 'projection_checkpoints')`,
    [schemas],
  );
  const indexes = await pool.query<{ schema: string; name: string; def: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [schemas],
  );
  for (const r of indexes.rows) await pool.query(`DROP INDEX "${r.schema}"."${r.name}"`);
  for (const r of constraints.rows)
    await pool.query(`ALTER TABLE "${r.schema}"."${r.table}" DROP CONSTRAINT "${r.name}"`);
  return [
    ...constraints.rows.map(
      (r) => `ALTER TABLE "${r.schema}"."${r.table}" ADD CONSTRAINT "${r.name}" ${r.def}`,
    ),
    ...indexes.rows.map((r) => r.def),
  ];
}

/** Runs the jobs on `lanes` connections at once (the pool's), in order of start. */
async function inLanes(lanes: number, jobs: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

async function count(pool: Pool, table: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
  return rows[0]!.n;
}
