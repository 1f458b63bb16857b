import { createHmac } from 'node:crypto';
import type { Pool } from 'pg';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function acquirerSchema(name = 'acquirer'): string {
  if (!SCHEMA_NAME.test(name)) throw new Error(`invalid schema name '${name.slice(0, 70)}'`);
  return name;
}

/** Keyed hash of a PAN (HMAC-SHA-256 under ACQ_PAN_HASH_KEY): the only form in which a PAN is stored. */
export const panHash = (key: Buffer, pan: string): string =>
  createHmac('sha256', key).update(pan).digest('hex');
/** first6…last4, the only PAN text ever stored or shown. */
export const maskPan = (pan: string): string => `${pan.slice(0, 6)}…${pan.slice(-4)}`;

/**
 * Idempotent migration of the acquirer's schema. Money is `numeric` minor units. No PAN column:
 * `pan_hash` (keyed) and `pan_masked` only.
 */
export async function migrateAcquirerSchema(pool: Pool, schema: string): Promise<void> {
  const s = acquirerSchema(schema);
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.cards (
      card_id            text PRIMARY KEY,
      pan_hash           text NOT NULL UNIQUE CHECK (pan_hash ~ '^[0-9a-f]{64}$'),
      pan_masked         text NOT NULL,
      brand              text NOT NULL,
      expiry             char(7) NOT NULL CHECK (expiry ~ '^[0-9]{4}-[0-9]{2}$'),
      status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'lost')),
      currency           char(3) NOT NULL,
      available_minor    numeric NOT NULL CHECK (available_minor >= 0),
      single_limit_minor numeric,
      rule_auth_code     text,
      delay_ms           integer NOT NULL DEFAULT 0,
      no_answer          boolean NOT NULL DEFAULT false,
      http503            boolean NOT NULL DEFAULT false
    );
    CREATE TABLE IF NOT EXISTS ${s}.messages (
      merchant_id  text NOT NULL,
      rrpid        text NOT NULL,
      kind         text NOT NULL,
      request_hash text NOT NULL,
      response     jsonb NOT NULL,
      stored_at    timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, rrpid)
    );
    CREATE TABLE IF NOT EXISTS ${s}.authorizations (
      xid          text PRIMARY KEY,
      merchant_id  text NOT NULL,
      rrpid        text NOT NULL,
      card_id      text REFERENCES ${s}.cards (card_id),
      pan_masked   text,
      amount_minor numeric NOT NULL,
      auth_code    text NOT NULL,
      cap_token    text,
      captured     boolean NOT NULL DEFAULT false,
      batch_id     text,
      reversed     boolean NOT NULL DEFAULT false,
      authorized_at timestamptz NOT NULL
    );
    -- EMV chip cards: the cryptogram version (NULL = magstripe), PAN sequence number, last ATC seen.
    ALTER TABLE ${s}.cards ADD COLUMN IF NOT EXISTS chip_cvn text
      CHECK (chip_cvn IN ('visa-cvn10', 'mchip'));
    ALTER TABLE ${s}.cards ADD COLUMN IF NOT EXISTS chip_psn char(2) CHECK (chip_psn ~ '^[0-9]{2}$');
    ALTER TABLE ${s}.cards ADD COLUMN IF NOT EXISTS chip_last_atc integer NOT NULL DEFAULT 0;
  `);
}

export interface SeedCard {
  readonly cardId: string;
  readonly pan: string;
  readonly brand: 'VISA' | 'MasterCard';
  readonly expiry: string;
  readonly availableMinor: string;
  readonly ruleAuthCode?: string;
  readonly delayMs?: number;
  readonly noAnswer?: boolean;
  /** An EMV chip card: its ARQC is verified through the HSM (KQ) under the issuer's MK-AC. */
  readonly chip?: { readonly cvn: 'visa-cvn10' | 'mchip'; readonly psn: string };
}

/** The test cards of schemes.md §6.11 / profile §3.4 (DEV ONLY; public test numbers). Balances in EUR cents. */
export const TEST_CARDS: readonly SeedCard[] = [
  {
    cardId: 'visa-approved',
    pan: '4111111111111111',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
  },
  {
    cardId: 'visa-declined',
    pan: '4000000000000002',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
    ruleAuthCode: 'declined',
  },
  {
    cardId: 'visa-insufficient',
    pan: '4000000000009995',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '0',
  },
  {
    cardId: 'visa-expired',
    pan: '4000000000000069',
    brand: 'VISA',
    expiry: '2020-01',
    availableMinor: '1000000',
  },
  {
    cardId: 'visa-system-error',
    pan: '4000000000000119',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
    ruleAuthCode: 'systemError',
  },
  {
    cardId: 'visa-slow',
    pan: '4000000000003063',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
    delayMs: 30_000,
  },
  {
    cardId: 'visa-no-answer',
    pan: '4000000000000259',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
    noAnswer: true,
  },
  {
    cardId: 'mc-approved',
    pan: '5555555555554444',
    brand: 'MasterCard',
    expiry: '2030-12',
    availableMinor: '1000000',
  },
  // EMV chip cards (EMV test-card numbers; keys derived from the DEV ONLY demo issuer MK-AC).
  {
    cardId: 'visa-chip',
    pan: '4761739001010010',
    brand: 'VISA',
    expiry: '2030-12',
    availableMinor: '1000000',
    chip: { cvn: 'visa-cvn10', psn: '01' },
  },
  {
    cardId: 'mc-chip',
    pan: '5413330089020011',
    brand: 'MasterCard',
    expiry: '2030-12',
    availableMinor: '1000000',
    chip: { cvn: 'mchip', psn: '00' },
  },
];

export async function seedTestCards(pool: Pool, schema: string, hashKey: Buffer): Promise<void> {
  const s = acquirerSchema(schema);
  for (const c of TEST_CARDS) {
    await pool.query(
      `INSERT INTO ${s}.cards (card_id, pan_hash, pan_masked, brand, expiry, currency, available_minor,
         rule_auth_code, delay_ms, no_answer, chip_cvn, chip_psn)
       VALUES ($1, $2, $3, $4, $5, 'EUR', $6, $7, $8, $9, $10, $11) ON CONFLICT (card_id) DO NOTHING`,
      [
        c.cardId,
        panHash(hashKey, c.pan),
        maskPan(c.pan),
        c.brand,
        c.expiry,
        c.availableMinor,
        c.ruleAuthCode ?? null,
        c.delayMs ?? 0,
        c.noAnswer ?? false,
        c.chip?.cvn ?? null,
        c.chip?.psn ?? null,
      ],
    );
  }
}
