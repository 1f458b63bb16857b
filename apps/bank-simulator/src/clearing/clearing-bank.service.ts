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
import { currency } from '@ph/money';
import type { Pool } from 'pg';
import { bankSchema } from '../db/bank-schema';
import { toMinorUnits } from './minor-units';
import { clearingRequestHash } from './request-hash';

interface KeyRow {
  readonly kmb_hex: string;
  readonly bank_id: string | null;
  readonly currency: string | null;
  readonly kcb_hex: string | null;
}

export interface ClearingBankServiceOptions {
  /** PostgreSQL schema of the bank (default `bank`). */
  readonly schema?: string;
  /** Time stamps of replay-store entries and ledger rows; injected so retention can be tested. */
  readonly clock?: () => Date;
}

/**
 * The clearing bank of seed 002 (profile §3.3.6), checks in the spec's order:
 * 1 merchant MAC (K_MB) → 2 replay store (retry → stored result, else PiReplayed) → 3 π with K_CB
 * (BadPi) → 4 currency and funds (InsuffFunds) → 5 debit C / credit M with the replay-store insert,
 * steps 2–5 in one statement holding C's account row (SELECT … FOR UPDATE), so concurrent payments of
 * one customer are applied one after the other, each once, and the lock is held for one round trip.
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

  /** Key rows change only when accounts are opened; a short cache saves a round trip per clearing. */
  private readonly keyCache = new Map<string, { row: KeyRow; expires: number }>();

  private async keysOf(merchant: string, customer: string): Promise<KeyRow | undefined> {
    const cacheKey = `${merchant}\n${customer}`;
    const hit = this.keyCache.get(cacheKey);
    if (hit && hit.expires > Date.now()) return hit.row;
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT m.kmb_hex, a.bank_id, a.currency, a.kcb_hex
         FROM ${this.schema}.merchants m LEFT JOIN ${this.schema}.accounts a ON a.customer_id = $2
        WHERE m.merchant_id = $1`,
      [merchant, customer],
    );
    const row = rows[0];
    if (row?.kcb_hex) {
      if (this.keyCache.size > 10_000) this.keyCache.clear();
      this.keyCache.set(cacheKey, { row, expires: Date.now() + 60_000 });
    }
    return row;
  }

  /** Throws ClearingWireError for a malformed request (the HTTP layer answers 400). */
  async clear(input: ClearingRequest): Promise<ClearingResult> {
    const q = parseClearingRequest(input);
    const s = this.schema;
    // Keys first, without any lock: the merchant's K_MB and C's K_CB (step 1, and what step 3 needs).
    const row = await this.keysOf(q.M, q.C);
    if (row === undefined || !verifyClearingRequest(Buffer.from(row.kmb_hex, 'hex'), q)) {
      return { outcome: 'rejected', reason: 'MerchantAuth' };
    }
    const pi = Buffer.from(q.pi, 'hex');
    const kcb = row.kcb_hex ? Buffer.from(row.kcb_hex, 'hex') : undefined;
    const piValid =
      kcb !== undefined &&
      row.bank_id !== null &&
      macEquals(paymentValue(kcb, { ...q, B: row.bank_id, nC: Buffer.from(q.nC, 'hex') }), pi);
    const currencyOk = row.currency === q.cur;
    const minorUnits = currencyOk ? currency(q.cur).minorUnits : 0;
    const ack = (status: ClearingStatus) => (kcb ? bankAck(kcb, pi, status).toString('hex') : '');
    const args = [
      q.pi,
      q.M,
      clearingRequestHash(q),
      q.C,
      q.cur,
      currencyOk ? toMinorUnits(q.u, q.cur) : '0',
      minorUnits,
      piValid,
      ack('CompletedOk'),
      ack('InsuffFunds'),
      this.clock(),
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        // Steps 2, 4, 5 in one statement under C's row lock (see clear_payment in bank-schema.ts).
        const { rows } = await this.pool.query<{ result: ClearingResult }>(
          `SELECT ${s}.clear_payment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS result`,
          args,
        );
        return rows[0].result;
      } catch (error) {
        // The same π for another customer committed first (their rows lock apart): now it is a replay.
        if ((error as { code?: string }).code !== '23505' || attempt >= 2) throw error;
      }
    }
  }
}
