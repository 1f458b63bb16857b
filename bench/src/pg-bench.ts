import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { closedLoop, type LoadResult } from './load';
import { log } from './processes';
import { benchSchema } from './postgres';
import { DURATION_MS, progress } from './settings';

export const PG_CLIENTS = 16;

/**
 * (c) The floor under the event store: one plain single-row INSERT per transaction (autocommit), a
 * ~400-byte jsonb row like a payment event, 16 clients, on the PostgreSQL the payments use.
 */
export async function benchInserts(url: string): Promise<LoadResult> {
  log(
    `• PostgreSQL: single-row INSERTs, one per transaction, ${PG_CLIENTS} clients, ${DURATION_MS / 1000} s`,
  );
  const pool = new Pool({ connectionString: url, max: PG_CLIENTS });
  const schema = benchSchema('inserts');
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`CREATE TABLE ${schema}.rows (id bigserial PRIMARY KEY, stream text, data jsonb)`);
  const row = (n: number) =>
    JSON.stringify({
      eventId: randomUUID(),
      type: 'SchemeMessageReceived',
      data: { n, brand: 'HashSecret', amount: '245.35', currency: 'EUR', digest: 'x'.repeat(200) },
    });
  let n = 0;
  try {
    return await closedLoop(
      PG_CLIENTS,
      DURATION_MS,
      async () => {
        await pool.query(`INSERT INTO ${schema}.rows (stream, data) VALUES ($1, $2)`, [
          `payment-${n % 1000}`,
          row(n++),
        ]);
        return true;
      },
      progress('inserts'),
    );
  } finally {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
