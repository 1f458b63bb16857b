import type { Pool } from 'pg';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The bank's own schema (default `bank`); tests use one per file. Validated because it is spliced into SQL. */
export function bankSchema(name = 'bank'): string {
  if (!SCHEMA_NAME.test(name)) throw new Error(`invalid schema name '${name.slice(0, 70)}'`);
  return name;
}

/**
 * Idempotent migration. Money is `numeric` in minor units (exact; never a float): IOTP amounts may
 * go below the minor unit ('0.001' EUR = 0.1 cent), so the scale is left open rather than rounded.
 * K_CB and K_MB are stored because this simulates the bank's own key store.
 */
export async function migrateBankSchema(pool: Pool, schema: string): Promise<void> {
  const s = bankSchema(schema);
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.merchants (
      merchant_id text PRIMARY KEY,
      kmb_hex     text NOT NULL CHECK (kmb_hex ~ '^[0-9a-f]{64}$')
    );
    CREATE TABLE IF NOT EXISTS ${s}.accounts (
      customer_id   text PRIMARY KEY,
      bank_id       text NOT NULL,
      currency      char(3) NOT NULL,
      balance_minor numeric NOT NULL CHECK (balance_minor >= 0),
      kcb_hex       text NOT NULL CHECK (kcb_hex ~ '^[0-9a-f]{64}$')
    );
    CREATE TABLE IF NOT EXISTS ${s}.replay_store (
      pi           text PRIMARY KEY,
      merchant_id  text NOT NULL,
      request_hash text NOT NULL,
      result       jsonb NOT NULL,
      stored_at    timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS replay_store_stored_at ON ${s}.replay_store (stored_at);
    CREATE TABLE IF NOT EXISTS ${s}.ledger (
      entry_id     bigserial PRIMARY KEY,
      pi           text NOT NULL UNIQUE,
      customer_id  text NOT NULL REFERENCES ${s}.accounts (customer_id),
      merchant_id  text NOT NULL,
      amount_minor numeric NOT NULL CHECK (amount_minor > 0),
      currency     char(3) NOT NULL,
      booked_at    timestamptz NOT NULL
    );
  `);
}
