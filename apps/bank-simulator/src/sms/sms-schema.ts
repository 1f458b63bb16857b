import type { Pool } from 'pg';

/** The TPOA booked for the demo PH (S0 of schemes.md §3.2; DEV ONLY seed). */
export const DEMO_TPOA = { tpoa: 'IOTP-PH', owner: 'demo Payment Handler' } as const;

/**
 * The SMS operator's tables in the bank simulator's schema (already validated by the caller): booked
 * originating addresses and every message in either direction (MT = to a phone, MO = from a phone).
 * An MT message is sent once per (TPOA, clientRef), so a resent offer never reaches the phone twice.
 */
export async function migrateSmsOperatorSchema(pool: Pool, s: string): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS ${s}.sms_tpoa (
      tpoa  text PRIMARY KEY,
      owner text NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${s}.sms_messages (
      id         bigserial PRIMARY KEY,
      direction  text NOT NULL CHECK (direction IN ('MT', 'MO')),
      tpoa       text NOT NULL,
      msisdn     text NOT NULL,
      body       text NOT NULL,
      client_ref text,
      created_at timestamptz NOT NULL,
      UNIQUE (tpoa, client_ref)
    );
    CREATE INDEX IF NOT EXISTS sms_messages_msisdn ON ${s}.sms_messages (msisdn, id);
    CREATE INDEX IF NOT EXISTS sms_messages_tpoa ON ${s}.sms_messages (tpoa, created_at);
  `);
  await pool.query(`INSERT INTO ${s}.sms_tpoa (tpoa, owner) VALUES ($1, $2) ON CONFLICT (tpoa) DO NOTHING`, [
    DEMO_TPOA.tpoa,
    DEMO_TPOA.owner,
  ]);
}
