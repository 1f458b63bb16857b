import os from 'node:os';
import { Pool } from 'pg';
import { createPostgresEventStore } from '@ph/event-store';
import { migrateReadModels, READ_MODEL_MIGRATIONS } from '@ph/read-models';
import { ConsoleQueries } from '../../apps/console/src/read/console-queries';
import { Inquiry } from '../../apps/console/src/read/inquiry';
import { consoleCases, drawSamples } from './console/cases';
import { explain, LIMIT_MS, measure, type Measured, table } from './console/measure';
import { recordingPool } from './console/recording-pool';
import { seedConsole } from './console/seed';
import { benchSchema, startBenchPostgres, type BenchPostgres } from './postgres';
import { log } from './processes';

/**
 * `npm run bench:console` (issue 6 item 2): the console's page queries at 1 million payments.
 * Seeds the read models (and the event store's payment streams the inquiry page reads) with
 * set-based SQL, then runs each page query the console runs — through the console's own
 * ConsoleQueries and Inquiry, on a pool that records the statements — with varied parameters,
 * and prints p50/p99 per page query, first with the read-model migrations up to the baseline
 * (BENCH_CONSOLE_BASELINE, default 2: the console's first index set) and then with all of them,
 * with EXPLAIN (ANALYZE, BUFFERS) of the slowest. Progress on stderr, tables and plans on stdout.
 *
 * Environment: BENCH_DATABASE_URL (else an embedded PostgreSQL, fsync on, in a temp dir),
 * BENCH_CONSOLE_PAYMENTS (1000000), BENCH_CONSOLE_DAYS (30), BENCH_CONSOLE_LOG_DAYS (payment log
 * for the payments of the last N days; default: all), BENCH_CONSOLE_EVENT_DAYS (2),
 * BENCH_CONSOLE_ITERATIONS (40; a page query slower than BENCH_CONSOLE_CASE_SECONDS, default 4, in
 * all stops after 5 runs), BENCH_CONSOLE_BASELINE (2; "none": all migrations before the load,
 * one phase), BENCH_CONSOLE_EXPLAIN (3: plans of the N slowest page queries per phase),
 * BENCH_CONSOLE_KEEP=1 (with BENCH_DATABASE_URL: keep the seeded schemas, named on stderr).
 */
const env = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
};

const PAYMENTS = env('BENCH_CONSOLE_PAYMENTS', 1_000_000);
const DAYS = env('BENCH_CONSOLE_DAYS', 30);
const LOG_DAYS = env('BENCH_CONSOLE_LOG_DAYS', DAYS);
const EVENT_DAYS = env('BENCH_CONSOLE_EVENT_DAYS', 2);
const ITERATIONS = Math.max(1, env('BENCH_CONSOLE_ITERATIONS', 40));
const EXPLAIN = env('BENCH_CONSOLE_EXPLAIN', 3);
const CASE_SECONDS = env('BENCH_CONSOLE_CASE_SECONDS', 4);
/** With BENCH_DATABASE_URL: leave the seeded schemas in place (to try plans and indexes by hand). */
const KEEP = process.env.BENCH_CONSOLE_KEEP === '1';
const LATEST = Math.max(...READ_MODEL_MIGRATIONS.map((m) => m.id));
const BASELINE = process.env.BENCH_CONSOLE_BASELINE === 'none' ? LATEST : env('BENCH_CONSOLE_BASELINE', 2);

interface Phase {
  readonly label: string;
  readonly results: Measured[];
  readonly plans: string[];
}

async function runPhase(
  label: string,
  base: Pool,
  schema: string,
  esSchema: string,
  samples: Awaited<ReturnType<typeof drawSamples>>,
): Promise<Phase> {
  const rec = recordingPool(base);
  const queries = new ConsoleQueries(rec.pool, schema, esSchema);
  const store = await createPostgresEventStore({
    pool: rec.pool,
    schema: esSchema,
    migrate: false,
    groupCommit: false,
  });
  try {
    const inquiry = new Inquiry(queries, store);
    const cases = consoleCases(queries, inquiry, samples, rec.pool);
    log(`• ${label}: ${cases.length} page queries × ${ITERATIONS} runs (after 3 warm-up runs each)`);
    const results = await measure(cases, rec.take, ITERATIONS, 3, CASE_SECONDS * 1000, (m) =>
      log(
        `  ${m.name.padEnd(40)} p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  ${m.runs} runs${m.p99 > LIMIT_MS ? '  > 100 ms' : ''}`,
      ),
    );
    const slow = [...results].sort((a, b) => b.p99 - a.p99);
    const chosen = slow.filter((m, i) => i < EXPLAIN || m.p99 > LIMIT_MS);
    const plans: string[] = [];
    for (const m of chosen) plans.push(...(await explain(base, m)), '');
    return { label, results, plans };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  let postgres: BenchPostgres | undefined;
  let pool: Pool | undefined;
  const schema = benchSchema('console');
  const given = Boolean(process.env.BENCH_DATABASE_URL);
  const cleanUp = async () => {
    if (pool && given && !KEEP)
      await pool
        .query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_es" CASCADE`)
        .catch((e: unknown) => log(`dropping the bench schemas failed: ${String(e)}`));
    await pool?.end().catch(() => undefined);
    await postgres?.stop().catch((e: unknown) => log(`stopping PostgreSQL failed: ${String(e)}`));
    pool = postgres = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping what the bench started`);
      void cleanUp().finally(() => process.exit(130));
    });
  const phases: Phase[] = [];
  let seeded: Awaited<ReturnType<typeof seedConsole>> | undefined;
  let migrationSeconds: number | undefined;
  const t0 = Date.now();
  try {
    postgres = await startBenchPostgres();
    pool = new Pool({
      connectionString: postgres.url,
      max: 4,
      // Bulk load and index builds: more sort memory than the default 64 MB (session only).
      options: '-c maintenance_work_mem=512MB -c statement_timeout=300s',
    });
    // An idle connection may still be closing when the server stops: not a reason to crash.
    pool.on('error', (e: Error) => log(`idle PostgreSQL connection: ${e.message}`));
    if (!given) {
      // Our own throw-away server: room for the bulk load's WAL between checkpoints.
      await pool.query(`ALTER SYSTEM SET max_wal_size = '8GB'`);
      await pool.query('SELECT pg_reload_conf()');
    }
    log(
      `• seeding ${PAYMENTS.toLocaleString('en')} payments over ${DAYS} days (payment log: last ${LOG_DAYS} days; event store: last ${EVENT_DAYS} days; migrations ≤ ${BASELINE})`,
    );
    seeded = await seedConsole(pool, schema, {
      payments: PAYMENTS,
      days: DAYS,
      logDays: LOG_DAYS,
      eventDays: EVENT_DAYS,
      baselineMigration: BASELINE,
    });
    log(`  seeded in ${seeded.seconds.toFixed(0)} s (schemas ${schema}, ${seeded.esSchema})`);
    const samples = await drawSamples(pool, seeded.n, seeded.esSchema);
    if (BASELINE < LATEST) {
      phases.push(
        await runPhase(`before (migrations ≤ ${BASELINE})`, pool, schema, seeded.esSchema, samples),
      );
      log(`• applying read-model migrations ${BASELINE + 1}…${LATEST} (migrateReadModels)`);
      const m0 = Date.now();
      await migrateReadModels(pool, schema);
      migrationSeconds = (Date.now() - m0) / 1000;
      await pool.query(`ANALYZE ${seeded.n.payments}, ${seeded.n.paymentLog}, ${seeded.n.pendingPayments}`);
      log(`  applied in ${migrationSeconds.toFixed(1)} s`);
    }
    phases.push(
      await runPhase(
        `${BASELINE < LATEST ? 'after' : 'all'} (migrations ≤ ${LATEST})`,
        pool,
        schema,
        seeded.esSchema,
        samples,
      ),
    );
  } finally {
    await cleanUp();
  }
  const s = seeded!;
  const out = [
    '',
    `npm run bench:console — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, ${given ? 'BENCH_DATABASE_URL' : 'embedded PostgreSQL, fsync on'}`,
    `${PAYMENTS.toLocaleString('en')} payments over ${DAYS} days; payment log ${s.logRows.toLocaleString('en')} rows (${s.logPayments.toLocaleString('en')} payments, last ${LOG_DAYS} days); ` +
      `${s.pendingRows.toLocaleString('en')} pending; event store ${s.eventRows.toLocaleString('en')} payment events (last ${EVENT_DAYS} days); seeded in ${s.seconds.toFixed(0)} s`,
    `${ITERATIONS} runs per page query, one at a time, varied parameters; p50/p99 of the whole page answer (every statement it issues)`,
    ...(migrationSeconds === undefined
      ? []
      : [
          `migrations ${BASELINE + 1}…${LATEST} applied to the loaded tables in ${migrationSeconds.toFixed(1)} s`,
        ]),
    '',
    ...table(
      'Console page queries',
      phases.map((p) => ({ label: p.label.split(' ')[0]!, results: p.results })),
      ITERATIONS,
    ),
    '',
    ...phases.flatMap((p) => [`=== EXPLAIN (ANALYZE, BUFFERS), ${p.label}: the slowest`, '', ...p.plans]),
    `total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
