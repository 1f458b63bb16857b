import type { Pool } from 'pg';
import { migrateClearingCentreSchema } from '../clearing-centre/clearing-centre-schema';
import { migrateIssuerSchema } from '../issuer/issuer-schema';
import { migrateSmsOperatorSchema } from '../sms/sms-schema';

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
    -- Steps 2, 4 and 5 of profile §3.3.6 in one round trip while C's row is locked (the lock is held
    -- for one statement, not for a conversation). The keyed checks (merchant MAC, π with K_CB) and the
    -- MACs of both possible answers are computed by the caller before, from keys that never change here.
    CREATE OR REPLACE FUNCTION ${s}.clear_payment(
      p_pi text, p_merchant text, p_request_hash text, p_customer text, p_currency text,
      p_amount_minor numeric, p_minor_units int, p_pi_valid boolean, p_ab_ok text, p_ab_insuff text,
      p_now timestamptz
    ) RETURNS jsonb LANGUAGE plpgsql AS $fn$
    DECLARE
      acc record;
      stored record;
      status text;
      balance numeric;
      answer jsonb;
    BEGIN
      SELECT currency, balance_minor INTO acc FROM ${s}.accounts WHERE customer_id = p_customer FOR UPDATE;
      SELECT rs.merchant_id, rs.request_hash, rs.result AS r INTO stored FROM ${s}.replay_store rs WHERE rs.pi = p_pi;
      IF FOUND THEN
        IF stored.merchant_id = p_merchant AND stored.request_hash = p_request_hash THEN
          RETURN stored.r;
        END IF;
        RETURN jsonb_build_object('outcome', 'rejected', 'reason', 'PiReplayed');
      END IF;
      IF acc IS NULL OR NOT p_pi_valid THEN
        RETURN jsonb_build_object('outcome', 'rejected', 'reason', 'BadPi');
      END IF;
      balance := acc.balance_minor;
      IF acc.currency = p_currency AND acc.balance_minor >= p_amount_minor THEN
        status := 'CompletedOk';
        UPDATE ${s}.accounts SET balance_minor = balance_minor - p_amount_minor
          WHERE customer_id = p_customer RETURNING balance_minor INTO balance;
        INSERT INTO ${s}.ledger (pi, customer_id, merchant_id, amount_minor, currency, booked_at)
          VALUES (p_pi, p_customer, p_merchant, p_amount_minor, p_currency, p_now);
      ELSE
        status := 'InsuffFunds';
      END IF;
      answer := jsonb_build_object(
        'outcome', 'answered', 'status', status,
        'AB', CASE WHEN status = 'CompletedOk' THEN p_ab_ok ELSE p_ab_insuff END,
        'balance', trim_scale(balance / (10::numeric ^ p_minor_units))::text,
        'cur', acc.currency);
      INSERT INTO ${s}.replay_store (pi, merchant_id, request_hash, result, stored_at)
        VALUES (p_pi, p_merchant, p_request_hash, answer, p_now);
      RETURN answer;
    END
    $fn$;
  `);
  await migrateSmsOperatorSchema(pool, s);
  await migrateIssuerSchema(pool, s);
  await migrateClearingCentreSchema(pool, s);
}
