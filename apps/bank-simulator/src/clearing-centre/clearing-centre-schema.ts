import type { Pool } from 'pg';
import { DEMO_MERCHANT_CARDS, DEMO_PURSES } from './demo-purses';

/**
 * The e-purse clearing centre's tables (schemes.md §1.5, E2/E5/E8) in the bank simulator's schema
 * (validated by the caller). Sequence numbers are bigint and strictly increasing: seqM per merchant
 * card (ep_merchant_cards.last_seq_m), seqC per purse (ep_purses.last_seq_c), cuts per merchant card.
 * Money is numeric in minor units, as everywhere in the bank simulator.
 */
export async function migrateClearingCentreSchema(pool: Pool, s: string): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${s}.ep_purses (
      purse_id    text PRIMARY KEY,
      status      text NOT NULL CHECK (status IN ('active', 'blocked')),
      expires_on  date NOT NULL,
      last_seq_c  bigint NOT NULL DEFAULT -1
    );
    CREATE TABLE IF NOT EXISTS ${s}.ep_merchant_cards (
      card_id        text PRIMARY KEY,
      merchant_id    text NOT NULL,
      currency       char(3) NOT NULL,
      last_seq_m     bigint NOT NULL DEFAULT 0,
      last_cut_seq   bigint NOT NULL DEFAULT 0,
      booked_minor   numeric NOT NULL DEFAULT 0,
      settled_minor  numeric NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS ${s}.ep_purchases (
      merchant_card_id text NOT NULL REFERENCES ${s}.ep_merchant_cards (card_id),
      tx_ref           text NOT NULL,
      purse_id         text NOT NULL,
      amount_minor     numeric NOT NULL,
      currency         char(3) NOT NULL,
      seq_m            bigint NOT NULL,
      opened_at        timestamptz NOT NULL,
      PRIMARY KEY (merchant_card_id, tx_ref),
      UNIQUE (merchant_card_id, seq_m)
    );
    -- Every answered booking request, so a retry (or the janitor's question) gets the same answer.
    CREATE TABLE IF NOT EXISTS ${s}.ep_bookings (
      merchant_card_id text NOT NULL,
      tx_ref           text NOT NULL,
      request_hash     text NOT NULL,
      result           jsonb NOT NULL,
      answered_at      timestamptz NOT NULL,
      PRIMARY KEY (merchant_card_id, tx_ref)
    );
    -- Booked purse records: (purse, seqC) once only; cut_seq set when settled.
    CREATE TABLE IF NOT EXISTS ${s}.ep_records (
      purse_id         text NOT NULL,
      seq_c            bigint NOT NULL,
      merchant_card_id text NOT NULL,
      tx_ref           text NOT NULL,
      seq_m            bigint NOT NULL,
      amount_minor     numeric NOT NULL CHECK (amount_minor > 0),
      currency         char(3) NOT NULL,
      mac_c            text NOT NULL,
      booked_at        timestamptz NOT NULL,
      cut_seq          bigint,
      PRIMARY KEY (purse_id, seq_c),
      UNIQUE (merchant_card_id, tx_ref)
    );
    CREATE TABLE IF NOT EXISTS ${s}.ep_cuts (
      merchant_card_id text NOT NULL,
      cut_seq          bigint NOT NULL,
      request_hash     text NOT NULL,
      result           jsonb NOT NULL,
      settled_at       timestamptz NOT NULL,
      PRIMARY KEY (merchant_card_id, cut_seq)
    );
  `);
  for (const p of DEMO_PURSES) {
    await pool.query(
      `INSERT INTO ${s}.ep_purses (purse_id, status, expires_on) VALUES ($1, $2, $3) ON CONFLICT (purse_id) DO NOTHING`,
      [p.purseId, p.status, p.expiresOn],
    );
  }
  for (const m of DEMO_MERCHANT_CARDS) {
    await pool.query(
      `INSERT INTO ${s}.ep_merchant_cards (card_id, merchant_id, currency) VALUES ($1, $2, $3) ON CONFLICT (card_id) DO NOTHING`,
      [m.cardId, m.merchantId, m.currency],
    );
  }
}
