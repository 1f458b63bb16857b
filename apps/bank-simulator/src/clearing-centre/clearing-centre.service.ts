import {
  debitInput,
  devPurseKey,
  macEquals,
  purseMac,
  type BookRecordRequest,
  type BookResult,
  type CutRequest,
  type CutResult,
  type OpenPurchaseRequest,
  type OpenPurchaseResult,
  type PurseRefusal,
  type RecordStatus,
} from '@ph/bridges/e-purse';
import { PreciseDecimal } from '@ph/money';
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { fromMinorUnits, toMinorUnits } from '../clearing/minor-units';
import { bankSchema } from '../db/bank-schema';

export interface MerchantCardView {
  readonly cardId: string;
  readonly merchantId: string;
  readonly currency: string;
  readonly lastSeqM: string;
  readonly lastCutSeq: string;
  readonly booked: string;
  readonly settled: string;
  /** Booked records not yet in a settled cut (what the next cut should contain). */
  readonly openRecords: readonly { idC: string; seqC: string; amount: string; seqM: string }[];
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * The e-purse clearing centre (schemes.md §1.2, §1.4 E2/E5/E8): the purses' hot list, the merchant
 * card's sequence, booking of purchase records (each (purse, seqC) once, card MAC re-verified with the
 * issuer's key) and settlement of cuts, idempotent by (merchant card, cut sequence), refusing records
 * that an earlier cut already settled. Every decision runs in one transaction holding the merchant
 * card's row, so concurrent requests for one merchant card are serialised.
 */
export class ClearingCentreService {
  private readonly s: string;
  private readonly clock: () => Date;

  constructor(
    private readonly pool: Pool,
    options: { readonly schema?: string; readonly clock?: () => Date } = {},
  ) {
    this.s = bankSchema(options.schema);
    this.clock = options.clock ?? (() => new Date());
  }

  openPurchase(q: OpenPurchaseRequest): Promise<OpenPurchaseResult> {
    return this.tx(async (c) => {
      const card = await this.lockMerchantCard(c, q.idM);
      if (!card) return { outcome: 'refused', reason: 'UnknownMerchantCard' };
      const { rows } = await c.query<{ seq_m: string }>(
        `SELECT seq_m::text FROM ${this.s}.ep_purchases WHERE merchant_card_id = $1 AND tx_ref = $2`,
        [q.idM, q.txRef],
      );
      if (rows[0]) return { outcome: 'opened', seqM: rows[0].seq_m };
      const refusal = await this.purseRefusal(c, q.purseId);
      if (refusal) return { outcome: 'refused', reason: refusal };
      const { rows: seq } = await c.query<{ seq_m: string }>(
        `UPDATE ${this.s}.ep_merchant_cards SET last_seq_m = last_seq_m + 1 WHERE card_id = $1 RETURNING last_seq_m::text AS seq_m`,
        [q.idM],
      );
      const seqM = seq[0].seq_m;
      await c.query(
        `INSERT INTO ${this.s}.ep_purchases (merchant_card_id, tx_ref, purse_id, amount_minor, currency, seq_m, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [q.idM, q.txRef, q.purseId, toMinorUnits(q.u, q.cur), q.cur, seqM, this.clock()],
      );
      return { outcome: 'opened', seqM };
    });
  }

  bookRecord(q: BookRecordRequest): Promise<BookResult> {
    const requestHash = hashOf(q);
    return this.tx(async (c) => {
      const card = await this.lockMerchantCard(c, q.idM);
      if (!card) return { outcome: 'rejected', reason: 'UnknownPurchase' };
      const { rows: earlier } = await c.query<{ request_hash: string; result: BookResult }>(
        `SELECT request_hash, result FROM ${this.s}.ep_bookings WHERE merchant_card_id = $1 AND tx_ref = $2`,
        [q.idM, q.txRef],
      );
      if (earlier[0]) {
        // A retry gets the stored answer; another record for a closed purchase is not booked.
        if (earlier[0].request_hash === requestHash) return earlier[0].result;
        return { outcome: 'rejected', reason: 'UnknownPurchase' };
      }
      const result = await this.decideBooking(c, q);
      await c.query(
        `INSERT INTO ${this.s}.ep_bookings (merchant_card_id, tx_ref, request_hash, result, answered_at) VALUES ($1, $2, $3, $4, $5)`,
        [q.idM, q.txRef, requestHash, JSON.stringify(result), this.clock()],
      );
      return result;
    });
  }

  async recordStatus(idM: string, txRef: string): Promise<RecordStatus> {
    const { rows } = await this.pool.query<{ result: BookResult }>(
      `SELECT result FROM ${this.s}.ep_bookings WHERE merchant_card_id = $1 AND tx_ref = $2`,
      [idM, txRef],
    );
    return rows[0]?.result ?? { outcome: 'unknown' };
  }

  submitCut(q: CutRequest): Promise<CutResult> {
    const requestHash = hashOf(q);
    return this.tx(async (c) => {
      const card = await this.lockMerchantCard(c, q.idM);
      if (!card) return { outcome: 'rejected', reason: 'UnknownMerchantCard' };
      const { rows: stored } = await c.query<{ request_hash: string; result: CutResult }>(
        `SELECT request_hash, result FROM ${this.s}.ep_cuts WHERE merchant_card_id = $1 AND cut_seq = $2`,
        [q.idM, q.cutSeq],
      );
      if (stored[0]) {
        if (stored[0].request_hash !== requestHash) return { outcome: 'rejected', reason: 'CutSeqConflict' };
        return { ...stored[0].result, resubmitted: true } as CutResult;
      }
      if (BigInt(q.cutSeq) <= BigInt(card.last_cut_seq))
        return { outcome: 'rejected', reason: 'CutSeqOutOfOrder' };
      return this.settleCut(c, q, card.currency, requestHash);
    });
  }

  async merchantCard(cardId: string): Promise<MerchantCardView | undefined> {
    const { rows } = await this.pool.query<{
      merchant_id: string;
      currency: string;
      last_seq_m: string;
      last_cut_seq: string;
      booked_minor: string;
      settled_minor: string;
    }>(
      `SELECT merchant_id, currency, last_seq_m::text, last_cut_seq::text, booked_minor::text, settled_minor::text
         FROM ${this.s}.ep_merchant_cards WHERE card_id = $1`,
      [cardId],
    );
    const m = rows[0];
    if (!m) return undefined;
    const { rows: open } = await this.pool.query<{
      purse_id: string;
      seq_c: string;
      amount_minor: string;
      seq_m: string;
    }>(
      `SELECT purse_id, seq_c::text, amount_minor::text, seq_m::text FROM ${this.s}.ep_records
        WHERE merchant_card_id = $1 AND cut_seq IS NULL ORDER BY seq_m`,
      [cardId],
    );
    return {
      cardId,
      merchantId: m.merchant_id,
      currency: m.currency,
      lastSeqM: m.last_seq_m,
      lastCutSeq: m.last_cut_seq,
      booked: fromMinorUnits(m.booked_minor, m.currency),
      settled: fromMinorUnits(m.settled_minor, m.currency),
      openRecords: open.map((r) => ({
        idC: r.purse_id,
        seqC: r.seq_c,
        amount: fromMinorUnits(r.amount_minor, m.currency),
        seqM: r.seq_m,
      })),
    };
  }

  /** E5 checks in order: purchase opened and matching → purse usable → card MAC → seqC never seen. */
  private async decideBooking(c: PoolClient, q: BookRecordRequest): Promise<BookResult> {
    const r = q.record;
    const { rows } = await c.query<{
      purse_id: string;
      amount_minor: string;
      currency: string;
      seq_m: string;
    }>(
      `SELECT purse_id, amount_minor::text, currency, seq_m::text FROM ${this.s}.ep_purchases WHERE merchant_card_id = $1 AND tx_ref = $2`,
      [q.idM, q.txRef],
    );
    const p = rows[0];
    const amountMinor = toMinorUnits(r.u, r.cur);
    if (
      !p ||
      p.purse_id !== r.idC ||
      r.idM !== q.idM ||
      p.currency !== r.cur ||
      !new PreciseDecimal(p.amount_minor).equals(amountMinor)
    )
      return { outcome: 'rejected', reason: 'UnknownPurchase' };
    const refusal = await this.purseRefusal(c, r.idC, true);
    if (refusal) return { outcome: 'rejected', reason: refusal };
    const input = debitInput({ ...r, nM: Buffer.from(r.nM, 'hex') });
    if (!macEquals(purseMac(devPurseKey(r.idC), input), Buffer.from(r.macC, 'hex')))
      return { outcome: 'rejected', reason: 'BadMacC' };
    const { rows: purse } = await c.query<{ last_seq_c: string }>(
      `SELECT last_seq_c::text FROM ${this.s}.ep_purses WHERE purse_id = $1`,
      [r.idC],
    );
    // Strictly increasing per purse: an older or equal seqC is a replayed (or cloned) record.
    if (BigInt(r.seqC) <= BigInt(purse[0].last_seq_c)) return { outcome: 'rejected', reason: 'SeqReplayed' };
    await c.query(`UPDATE ${this.s}.ep_purses SET last_seq_c = $2 WHERE purse_id = $1`, [r.idC, r.seqC]);
    await c.query(
      `INSERT INTO ${this.s}.ep_records (purse_id, seq_c, merchant_card_id, tx_ref, seq_m, amount_minor, currency, mac_c, booked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.idC, r.seqC, q.idM, q.txRef, p.seq_m, amountMinor, r.cur, r.macC, this.clock()],
    );
    await c.query(
      `UPDATE ${this.s}.ep_merchant_cards SET booked_minor = booked_minor + $2 WHERE card_id = $1`,
      [q.idM, amountMinor],
    );
    return { outcome: 'booked', seqM: p.seq_m };
  }

  private async settleCut(
    c: PoolClient,
    q: CutRequest,
    cardCurrency: string,
    requestHash: string,
  ): Promise<CutResult> {
    const keys = q.records.map((r) => `${r.idC}/${r.seqC}`);
    const repeated = q.records.filter((_, i) => keys.indexOf(keys[i]) !== i);
    if (repeated.length > 0) return { outcome: 'rejected', reason: 'DoubleSubmission', records: repeated };
    const { rows } = await c.query<{
      purse_id: string;
      seq_c: string;
      amount_minor: string;
      cut_seq: string | null;
    }>(
      `SELECT purse_id, seq_c::text, amount_minor::text, cut_seq::text FROM ${this.s}.ep_records
        WHERE merchant_card_id = $1 AND (purse_id, seq_c) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))
        FOR UPDATE`,
      [q.idM, q.records.map((r) => r.idC), q.records.map((r) => r.seqC)],
    );
    const found = new Map(rows.map((r) => [`${r.purse_id}/${r.seq_c}`, r]));
    const unknown = q.records.filter((r) => !found.has(`${r.idC}/${r.seqC}`));
    if (unknown.length > 0) return { outcome: 'rejected', reason: 'UnknownRecord', records: unknown };
    const settled = q.records.filter((r) => found.get(`${r.idC}/${r.seqC}`)?.cut_seq !== null);
    if (settled.length > 0) return { outcome: 'rejected', reason: 'DoubleSubmission', records: settled };
    const sum = rows.reduce((acc, r) => acc.plus(r.amount_minor), new PreciseDecimal(0));
    if (q.cur !== cardCurrency || !sum.equals(toMinorUnits(q.total, q.cur)))
      return { outcome: 'rejected', reason: 'TotalMismatch' };
    await c.query(
      `UPDATE ${this.s}.ep_records SET cut_seq = $2
        WHERE merchant_card_id = $1 AND (purse_id, seq_c) IN (SELECT * FROM unnest($3::text[], $4::bigint[]))`,
      [q.idM, q.cutSeq, q.records.map((r) => r.idC), q.records.map((r) => r.seqC)],
    );
    await c.query(
      `UPDATE ${this.s}.ep_merchant_cards SET settled_minor = settled_minor + $2, last_cut_seq = $3 WHERE card_id = $1`,
      [q.idM, sum.toFixed(), q.cutSeq],
    );
    const settledAt = this.clock();
    const result: CutResult = {
      outcome: 'settled',
      idM: q.idM,
      cutSeq: q.cutSeq,
      count: q.records.length,
      total: fromMinorUnits(sum.toFixed(), q.cur),
      cur: q.cur,
      settledAt: settledAt.toISOString(),
      resubmitted: false,
    };
    await c.query(
      `INSERT INTO ${this.s}.ep_cuts (merchant_card_id, cut_seq, request_hash, result, settled_at) VALUES ($1, $2, $3, $4, $5)`,
      [q.idM, q.cutSeq, requestHash, JSON.stringify(result), settledAt],
    );
    return result;
  }

  private async lockMerchantCard(
    c: PoolClient,
    cardId: string,
  ): Promise<{ currency: string; last_cut_seq: string } | undefined> {
    const { rows } = await c.query<{ currency: string; last_cut_seq: string }>(
      `SELECT currency, last_cut_seq::text FROM ${this.s}.ep_merchant_cards WHERE card_id = $1 FOR UPDATE`,
      [cardId],
    );
    return rows[0];
  }

  /** The issuer's hot list and the card's expiry (end of its expiry day, UTC). */
  private async purseRefusal(
    c: PoolClient,
    purseId: string,
    lock = false,
  ): Promise<PurseRefusal | undefined> {
    const { rows } = await c.query<{ status: string; expired: boolean }>(
      `SELECT status, expires_on < $2::date AS expired FROM ${this.s}.ep_purses WHERE purse_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [purseId, this.clock().toISOString().slice(0, 10)],
    );
    const p = rows[0];
    if (!p) return 'UnknownCard';
    if (p.status === 'blocked') return 'CardBlocked';
    return p.expired ? 'CardExpired' : undefined;
  }

  private async tx<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
