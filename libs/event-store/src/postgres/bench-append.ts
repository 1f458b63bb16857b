/**
 * Append throughput of the PostgreSQL adapter (not a test; numbers go into the report, never into asserts).
 *   node test/support/run-ts.js libs/event-store/src/postgres/bench-append.ts [payments-per-client]
 * Uses DATABASE_URL if set, else a throw-away embedded PostgreSQL with default durability (fsync on).
 * Each "payment" is one stream with three appends (no_stream, 0, 1) of one ~400-byte event each,
 * like a Payment API exchange, next to a raw single-row INSERT baseline measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { NewEvent } from '../event-store.port';
import { startEmbeddedPostgres } from './embedded-server';
import { createPostgresEventStore } from './postgres-event-store';

const paymentsPerClient = Number(process.argv[2] ?? 300);

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

async function run(url: string, schema: string, clients: number): Promise<void> {
  const store = await createPostgresEventStore({
    connectionString: url,
    schema,
    poolSize: Math.max(clients, 1),
  });
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
  console.log(
    `${String(clients).padStart(2)} client(s): ${appends} appends in ${seconds.toFixed(2)} s = ` +
      `${Math.round(appends / seconds)} appends/s (${Math.round(appends / 3 / seconds)} payments/s)`,
  );
  await store.close();
}

/** The floor to compare with: one plain single-row INSERT per transaction, same payload, same clients. */
async function baseline(url: string, clients: number): Promise<void> {
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
    await baseline(url, 1);
    await run(url, `bench_${process.pid}_1`, 1);
    await baseline(url, 16);
    await run(url, `bench_${process.pid}_16`, 16);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
