/**
 * Append throughput of the PostgreSQL adapter (not a test; numbers go into the report, never into asserts).
 *   node test/support/run-ts.js libs/event-store/src/postgres/bench-append.ts [payments-per-run]
 * Uses DATABASE_URL if set, else a throw-away embedded PostgreSQL with default durability (fsync on).
 * Each "payment" is one stream with three appends (no_stream, 0, 1) of one ~400-byte event each,
 * like a Payment API exchange. For 1, 16 and 64 concurrent clients it measures, in one run: a raw
 * single-row INSERT baseline, the adapter without group commit (one transaction per append: "before")
 * and with it ("after"), and prints each as appends/s and as a ratio to the baseline.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { NewEvent } from '../event-store.port';
import { startEmbeddedPostgres } from './embedded-server';
import { createPostgresEventStore } from './postgres-event-store';

/** Payments per measurement, split over the clients (3 appends each). */
const paymentsPerRun = Number(process.argv[2] ?? 2_400);
const perClient = (clients: number) => Math.max(1, Math.round(paymentsPerRun / clients));

function event(n: number): NewEvent {
  const id = randomUUID();
  return {
    eventId: id,
    type: 'SchemeMessageReceived',
    data: { n, brand: 'HashSecret', amount: '245.35', currency: 'EUR', digest: 'x'.repeat(200) },
    metadata: {
      commandId: id,
      correlationId: 'T1',
      causationId: id,
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
    },
  };
}

async function run(url: string, schema: string, clients: number, groupCommit: boolean): Promise<number> {
  const store = await createPostgresEventStore({
    connectionString: url,
    schema,
    poolSize: Math.max(clients, 1),
    groupCommit,
  });
  const paymentsPerClient = perClient(clients);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let p = 0; p < paymentsPerClient; p++) {
        const stream = `payment-${randomUUID().slice(0, 14)}`;
        await store.append(stream, [event(0)], 'no_stream');
        await store.append(stream, [event(1)], 0);
        await store.append(stream, [event(2)], 1);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const appends = clients * paymentsPerClient * 3;
  const stats = store.groupCommitStats;
  await store.close();
  const rate = appends / seconds;
  const batches = stats ? `, ${(stats.appends / stats.batches).toFixed(1)} appends/batch` : '';
  console.log(
    `${String(clients).padStart(2)} client(s): ${groupCommit ? 'group commit ' : 'one tx/append'} ` +
      `${appends} appends in ${seconds.toFixed(2)} s = ${Math.round(rate)} appends/s ` +
      `(${Math.round(rate / 3)} payments/s${batches})`,
  );
  return rate;
}

/** The floor to compare with: one plain single-row INSERT per transaction, same payload, same clients. */
async function baseline(url: string, clients: number): Promise<number> {
  const paymentsPerClient = perClient(clients);
  const pool = new Pool({ connectionString: url, max: clients });
  const table = `bench_raw_${process.pid}_${clients}`;
  await pool.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, stream text, data jsonb)`);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < paymentsPerClient * 3; i++) {
        await pool.query(`INSERT INTO ${table} (stream, data) VALUES ($1, $2)`, [
          'payment-x',
          JSON.stringify(event(i)),
        ]);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const inserts = clients * paymentsPerClient * 3;
  console.log(
    `${String(clients).padStart(2)} client(s): raw INSERT baseline ${Math.round(inserts / seconds)} rows/s`,
  );
  await pool.query(`DROP TABLE ${table}`);
  await pool.end();
  return inserts / seconds;
}

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let cleanup = async () => undefined as void;
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ph-bench-pg-'));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'data'),
      port: 54400 + (process.pid % 500),
    });
    url = server.connectionString;
    cleanup = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    const summary: string[] = [];
    for (const clients of [1, 16, 64]) {
      const raw = await baseline(url, clients);
      const before = await run(url, `bench_${process.pid}_${clients}_off`, clients, false);
      const after = await run(url, `bench_${process.pid}_${clients}_on`, clients, true);
      summary.push(
        `${String(clients).padStart(2)} clients: INSERT ${Math.round(raw)}/s | before ${Math.round(before)}/s ` +
          `(${(before / raw).toFixed(2)}x) | group commit ${Math.round(after)}/s (${(after / raw).toFixed(2)}x, ` +
          `${(after / before).toFixed(2)}x before)`,
      );
    }
    console.log(`\nappends/s, ratio to the raw INSERT baseline of the same run:\n${summary.join('\n')}`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
