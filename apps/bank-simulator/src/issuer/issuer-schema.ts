import { demoKmio, DEMO_MICRO_MERCHANT } from '@ph/bridges/issuer-micro';
import type { Pool } from 'pg';

/**
 * Demo micro-payment cards (DEV ONLY), amounts in minor units (cents): the card's single account
 * balance, the per-payment micro limit and the daily micro limit.
 */
export const DEMO_MICRO_CARDS = [
  {
    cardRef: 'CR-ALICE-0001',
    balanceMinor: '5000',
    perPaymentMinor: '200',
    dailyMinor: '2000',
    status: 'active',
  },
  {
    cardRef: 'CR-BOB-0001',
    balanceMinor: '50',
    perPaymentMinor: '200',
    dailyMinor: '2000',
    status: 'active',
  },
  {
    cardRef: 'CR-CAROL-0001',
    balanceMinor: '1000',
    perPaymentMinor: '200',
    dailyMinor: '2000',
    status: 'blocked',
  },
] as const;

/**
 * The Issuer Operator's tables (schemes.md §4.2 stored state) in the bank simulator's schema (validated
 * by the caller): enrolled merchants with K_MIO, cards, the authorisation ledger keyed by (merchant,
 * merchantTxnId) holding the exact answer, and one settlement record per card per day.
 */
export async function migrateIssuerSchema(pool: Pool, s: string): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${s}.issuer_merchants (
      merchant_id text PRIMARY KEY,
      kmio_hex    text NOT NULL CHECK (kmio_hex ~ '^[0-9a-f]{64}$')
    );
    CREATE TABLE IF NOT EXISTS ${s}.issuer_cards (
      card_ref           text PRIMARY KEY,
      currency           char(3) NOT NULL,
      balance_minor      numeric NOT NULL CHECK (balance_minor >= 0),
      per_payment_minor  numeric NOT NULL,
      daily_minor        numeric NOT NULL,
      status             text NOT NULL CHECK (status IN ('active', 'blocked'))
    );
    CREATE TABLE IF NOT EXISTS ${s}.issuer_auths (
      merchant_id     text NOT NULL,
      merchant_txn_id text NOT NULL,
      request_hash    text NOT NULL,
      card_ref        text NOT NULL,
      amount_minor    numeric NOT NULL,
      approved        boolean NOT NULL,
      response        jsonb NOT NULL,
      business_day    date NOT NULL,
      created_at      timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, merchant_txn_id)
    );
    CREATE TABLE IF NOT EXISTS ${s}.issuer_settlements (
      card_ref     text NOT NULL,
      business_day date NOT NULL,
      currency     char(3) NOT NULL,
      total_minor  numeric NOT NULL,
      payments     integer NOT NULL,
      PRIMARY KEY (card_ref, business_day)
    );
  `);
  await pool.query(
    `INSERT INTO ${s}.issuer_merchants (merchant_id, kmio_hex) VALUES ($1, $2) ON CONFLICT (merchant_id) DO NOTHING`,
    [DEMO_MICRO_MERCHANT, demoKmio(DEMO_MICRO_MERCHANT).toString('hex')],
  );
  for (const c of DEMO_MICRO_CARDS) {
    await pool.query(
      `INSERT INTO ${s}.issuer_cards (card_ref, currency, balance_minor, per_payment_minor, daily_minor, status)
       VALUES ($1, 'EUR', $2, $3, $4, $5) ON CONFLICT (card_ref) DO NOTHING`,
      [c.cardRef, c.balanceMinor, c.perPaymentMinor, c.dailyMinor, c.status],
    );
  }
}
