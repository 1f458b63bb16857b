import {
  bankAck,
  macEquals,
  parseClearingRequest,
  paymentValue,
  verifyClearingRequest,
  type ClearingBank,
  type ClearingRequest,
  type ClearingResult,
  type ClearingStatus,
} from '@ph/bridges/hash-secret';
import type { Pool, PoolClient } from 'pg';
import { bankSchema } from '../db/bank-schema';
import { fromMinorUnits, toMinorUnits } from './minor-units';
import { clearingRequestHash } from './request-hash';

export interface ClearingBankServiceOptions {
  /** PostgreSQL schema of the bank (default `bank`). */
  readonly schema?: string;
  /** Time stamps of replay-store entries and ledger rows; injected so retention can be tested. */
  readonly clock?: () => Date;
}

interface AccountRow {
  bank_id: string;
  currency: string;
  balance_minor: string;
  kcb_hex: string;
}

/** A concurrent request inserted the same π first: run the checks again, now they see it. */
class PiRace extends Error {}

/**
 * The clearing bank of seed 002 (profile §3.3.6), checks in the spec's order:
 * 1 merchant MAC (K_MB) → 2 replay store (retry → stored result, else PiReplayed) → 3 π with K_CB
 * (BadPi) → 4 currency and funds (InsuffFunds) → 5 debit C / credit M with the replay-store insert,
 * all in one transaction holding C's account row (SELECT … FOR UPDATE), so concurrent payments of one
 * customer are applied one after the other, each once.
 */
export class ClearingBankService implements ClearingBank {
  private readonly schema: string;
  private readonly clock: () => Date;

  constructor(
    private readonly pool: Pool,
    options: ClearingBankServiceOptions = {},
  ) {
    this.schema = bankSchema(options.schema);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Throws ClearingWireError for a malformed request (the HTTP layer answers 400). */
  async clear(input: ClearingRequest): Promise<ClearingResult> {
    const request = parseClearingRequest(input);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.inTransaction((db) => this.clearOnce(db, request));
      } catch (error) {
        const race = error instanceof PiRace || (error as { code?: unknown }).code === '23505';
        if (!race || attempt >= 2) throw error;
      }
    }
  }

  private async clearOnce(db: PoolClient, q: ClearingRequest): Promise<ClearingResult> {
    const s = this.schema;
    // 1. merchant authenticated
    const merchant = await db.query<{ kmb_hex: string }>(
      `SELECT kmb_hex FROM ${s}.merchants WHERE merchant_id = $1`,
      [q.M],
    );
    if (merchant.rowCount !== 1 || !verifyClearingRequest(Buffer.from(merchant.rows[0].kmb_hex, 'hex'), q)) {
      return { outcome: 'rejected', reason: 'MerchantAuth' };
    }

    // Take C's row lock before reading the replay store, so a payment of C that committed meanwhile is seen.
    const account = await db.query<AccountRow>(
      `SELECT bank_id, currency, balance_minor::text AS balance_minor, kcb_hex FROM ${s}.accounts
       WHERE customer_id = $1 FOR UPDATE`,
      [q.C],
    );

    // 2. retry or replay
    const requestHash = clearingRequestHash(q);
    const stored = await db.query<{ merchant_id: string; request_hash: string; result: ClearingResult }>(
      `SELECT merchant_id, request_hash, result FROM ${s}.replay_store WHERE pi = $1`,
      [q.pi],
    );
    if (stored.rowCount === 1) {
      const row = stored.rows[0];
      return row.merchant_id === q.M && row.request_hash === requestHash
        ? row.result
        : { outcome: 'rejected', reason: 'PiReplayed' };
    }

    // 3. π with K_CB of C
    const acc = account.rows[0];
    const pi = Buffer.from(q.pi, 'hex');
    if (acc === undefined) return { outcome: 'rejected', reason: 'BadPi' };
    const kcb = Buffer.from(acc.kcb_hex, 'hex');
    const expected = paymentValue(kcb, { ...q, B: acc.bank_id, nC: Buffer.from(q.nC, 'hex') });
    if (!macEquals(expected, pi)) return { outcome: 'rejected', reason: 'BadPi' };

    // 4. currency and funds
    const amountMinor = acc.currency === q.cur ? toMinorUnits(q.u, q.cur) : undefined;
    const funded =
      amountMinor !== undefined &&
      (
        await db.query<{ ok: boolean }>('SELECT $1::numeric >= $2::numeric AS ok', [
          acc.balance_minor,
          amountMinor,
        ])
      ).rows[0].ok;

    // 5. book and remember π (also for a decline: a declined π cannot be reused either)
    const now = this.clock();
    let status: ClearingStatus = 'InsuffFunds';
    let balanceMinor = acc.balance_minor;
    if (funded) {
      status = 'CompletedOk';
      const debited = await db.query<{ balance_minor: string }>(
        `UPDATE ${s}.accounts SET balance_minor = balance_minor - $2::numeric WHERE customer_id = $1
         RETURNING balance_minor::text AS balance_minor`,
        [q.C, amountMinor],
      );
      balanceMinor = debited.rows[0].balance_minor;
      await db.query(
        `INSERT INTO ${s}.ledger (pi, customer_id, merchant_id, amount_minor, currency, booked_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [q.pi, q.C, q.M, amountMinor, q.cur, now],
      );
    }
    const result: ClearingResult = {
      outcome: 'answered',
      status,
      AB: bankAck(kcb, pi, status).toString('hex'),
      balance: fromMinorUnits(balanceMinor, acc.currency),
      cur: acc.currency,
    };
    const inserted = await db.query(
      `INSERT INTO ${s}.replay_store (pi, merchant_id, request_hash, result, stored_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (pi) DO NOTHING`,
      [q.pi, q.M, requestHash, JSON.stringify(result), now],
    );
    if (inserted.rowCount !== 1) throw new PiRace();
    return result;
  }

  private async inTransaction<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }
}
