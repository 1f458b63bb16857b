import {
  CARD_REF,
  signMicroAuthResponse,
  verifyMicroAuthRequest,
  type MicroAuthRequest,
  type MicroAuthResponse,
  type MicroDeclineReason,
} from '@ph/bridges/issuer-micro';
import { isKnownCurrency, PreciseDecimal } from '@ph/money';
import { createHash, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { fromMinorUnits, toMinorUnits } from '../clearing/minor-units';
import { bankSchema } from '../db/bank-schema';

/** A request the issuer refuses outright (the HTTP layer answers with `status`). */
export class IssuerRequestError extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
    this.name = 'IssuerRequestError';
  }
}

export interface MicroCardView {
  readonly cardRef: string;
  readonly currency: string;
  readonly balance: string;
  readonly perPaymentLimit: string;
  readonly dailyLimit: string;
  readonly spentToday: string;
  readonly status: string;
}

export interface SettlementRecord {
  readonly cardRef: string;
  readonly businessDay: string;
  readonly currency: string;
  readonly total: string;
  readonly payments: number;
}

const ID = /^[!-~]{1,64}$/;
const AMOUNT = /^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

interface CardRow {
  currency: string;
  balance_minor: string;
  per_payment_minor: string;
  daily_minor: string;
  status: string;
}

/**
 * The Issuer Operator of schemes.md §4.2 (D1/D2): checks in order — merchant enrolled and MAC valid
 * (else 401) → duplicate merchantTxnId (identical request → the stored answer; different → declined
 * DuplicateTxn) → card known, active, currency → per-payment limit → daily micro limit → balance;
 * an approval debits the card and adds to the card's settlement record of the day, all in one
 * transaction holding the card's row.
 */
export class IssuerService {
  private readonly s: string;
  private readonly clock: () => Date;

  constructor(
    private readonly pool: Pool,
    options: { readonly schema?: string; readonly clock?: () => Date } = {},
  ) {
    this.s = bankSchema(options.schema);
    this.clock = options.clock ?? (() => new Date());
  }

  async microAuth(input: unknown): Promise<MicroAuthResponse> {
    const q = parse(input);
    const { rows: merchants } = await this.pool.query<{ kmio_hex: string }>(
      `SELECT kmio_hex FROM ${this.s}.issuer_merchants WHERE merchant_id = $1`,
      [q.merchantId],
    );
    const kmio = merchants[0] ? Buffer.from(merchants[0].kmio_hex, 'hex') : undefined;
    if (kmio === undefined || !verifyMicroAuthRequest(kmio, q))
      throw new IssuerRequestError(401, 'merchant not authenticated');
    const requestHash = createHash('sha256')
      .update(JSON.stringify([q.merchantId, q.merchantTxnId, q.cardRef, q.amount, q.currency, q.productId]))
      .digest('hex');
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const answer = await this.decide(client, kmio, q, requestHash);
        await client.query('COMMIT');
        return answer;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // Two identical first requests for an unknown card raced (no card row to lock): read the winner's.
        if ((error as { code?: string }).code !== '23505' || attempt >= 2) throw error;
      } finally {
        client.release();
      }
    }
  }

  private async decide(
    client: PoolClient,
    kmio: Buffer,
    q: MicroAuthRequest,
    requestHash: string,
  ): Promise<MicroAuthResponse> {
    const s = this.s;
    const { rows: cards } = await client.query<CardRow>(
      `SELECT currency, balance_minor::text, per_payment_minor::text, daily_minor::text, status
         FROM ${s}.issuer_cards WHERE card_ref = $1 FOR UPDATE`,
      [q.cardRef],
    );
    const { rows: earlier } = await client.query<{ request_hash: string; response: MicroAuthResponse }>(
      `SELECT request_hash, response FROM ${s}.issuer_auths WHERE merchant_id = $1 AND merchant_txn_id = $2`,
      [q.merchantId, q.merchantTxnId],
    );
    const now = this.clock();
    const day = now.toISOString().slice(0, 10);
    const card = cards[0];
    const cur = card?.currency ?? q.currency;
    if (earlier[0]) {
      if (earlier[0].request_hash === requestHash) return earlier[0].response;
      return this.sign(kmio, q, 'declined', 'DuplicateTxn', '0', cur);
    }
    const amountMinor = toMinorUnits(q.amount, q.currency);
    const amount = new PreciseDecimal(amountMinor);
    let spent = new PreciseDecimal(0);
    if (card) {
      const { rows } = await client.query<{ total_minor: string }>(
        `SELECT total_minor::text FROM ${s}.issuer_settlements WHERE card_ref = $1 AND business_day = $2`,
        [q.cardRef, day],
      );
      if (rows[0]) spent = new PreciseDecimal(rows[0].total_minor);
    }
    let reason: MicroDeclineReason | undefined;
    if (!card) reason = 'UnknownCard';
    else if (card.status !== 'active') reason = 'CardBlocked';
    else if (card.currency !== q.currency) reason = 'CurrencyMismatch';
    else if (amount.greaterThan(card.per_payment_minor)) reason = 'OverPaymentLimit';
    else if (spent.plus(amount).greaterThan(card.daily_minor)) reason = 'DailyLimitReached';
    else if (amount.greaterThan(card.balance_minor)) reason = 'InsufficientBalance';
    let balance = card ? new PreciseDecimal(card.balance_minor) : new PreciseDecimal(0);
    if (card && reason === undefined) {
      balance = balance.minus(amount);
      spent = spent.plus(amount);
      await client.query(`UPDATE ${s}.issuer_cards SET balance_minor = $2 WHERE card_ref = $1`, [
        q.cardRef,
        balance.toFixed(),
      ]);
      await client.query(
        `INSERT INTO ${s}.issuer_settlements (card_ref, business_day, currency, total_minor, payments)
         VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (card_ref, business_day)
         DO UPDATE SET total_minor = ${s}.issuer_settlements.total_minor + EXCLUDED.total_minor,
                       payments = ${s}.issuer_settlements.payments + 1`,
        [q.cardRef, day, card.currency, amountMinor],
      );
    }
    const remainingMinor = card
      ? PreciseDecimal.max(
          0,
          PreciseDecimal.min(balance, new PreciseDecimal(card.daily_minor).minus(spent)),
        ).toFixed()
      : '0';
    const answer = this.sign(kmio, q, reason ? 'declined' : 'approved', reason, remainingMinor, cur);
    await client.query(
      `INSERT INTO ${s}.issuer_auths (merchant_id, merchant_txn_id, request_hash, card_ref, amount_minor,
                                      approved, response, business_day, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        q.merchantId,
        q.merchantTxnId,
        requestHash,
        q.cardRef,
        amountMinor,
        reason === undefined,
        answer,
        day,
        now,
      ],
    );
    return answer;
  }

  private sign(
    kmio: Buffer,
    q: MicroAuthRequest,
    result: 'approved' | 'declined',
    reason: MicroDeclineReason | undefined,
    remainingMinor: string,
    cur: string,
  ): MicroAuthResponse {
    const authId = `${result === 'approved' ? 'A' : 'D'}${randomBytes(6).toString('hex').toUpperCase()}`;
    return signMicroAuthResponse(kmio, {
      merchantTxnId: q.merchantTxnId,
      result,
      authId,
      ...(reason ? { reason } : {}),
      remaining: isKnownCurrency(cur) ? fromMinorUnits(remainingMinor, cur) : '0',
    });
  }

  async card(cardRef: string): Promise<MicroCardView | undefined> {
    const day = this.clock().toISOString().slice(0, 10);
    const { rows } = await this.pool.query<CardRow & { spent: string | null }>(
      `SELECT c.currency, c.balance_minor::text, c.per_payment_minor::text, c.daily_minor::text, c.status,
              s.total_minor::text AS spent
         FROM ${this.s}.issuer_cards c
         LEFT JOIN ${this.s}.issuer_settlements s ON s.card_ref = c.card_ref AND s.business_day = $2
        WHERE c.card_ref = $1`,
      [cardRef, day],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      cardRef,
      currency: r.currency,
      balance: fromMinorUnits(r.balance_minor, r.currency),
      perPaymentLimit: fromMinorUnits(r.per_payment_minor, r.currency),
      dailyLimit: fromMinorUnits(r.daily_minor, r.currency),
      spentToday: fromMinorUnits(r.spent ?? '0', r.currency),
      status: r.status,
    };
  }

  /** The aggregated settlement records of a card (one per day). */
  async settlements(cardRef: string): Promise<readonly SettlementRecord[]> {
    const { rows } = await this.pool.query<{
      day: string;
      currency: string;
      total_minor: string;
      payments: number;
    }>(
      `SELECT to_char(business_day, 'YYYY-MM-DD') AS day, currency, total_minor::text, payments
         FROM ${this.s}.issuer_settlements WHERE card_ref = $1 ORDER BY business_day`,
      [cardRef],
    );
    return rows.map((r) => ({
      cardRef,
      businessDay: r.day,
      currency: r.currency,
      total: fromMinorUnits(r.total_minor, r.currency),
      payments: r.payments,
    }));
  }

  /** How many debits the ledger holds for a transaction (tests: "one debit"). */
  async approvedCount(merchantId: string, merchantTxnId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${this.s}.issuer_auths WHERE merchant_id = $1 AND merchant_txn_id = $2 AND approved`,
      [merchantId, merchantTxnId],
    );
    return Number(rows[0].n);
  }
}

function parse(input: unknown): MicroAuthRequest {
  const r = (input ?? {}) as Record<string, unknown>;
  const str = (key: string, syntax: RegExp): string => {
    const v = r[key];
    if (typeof v !== 'string' || !syntax.test(v))
      throw new IssuerRequestError(400, `"${key}" missing or ill-formed`);
    return v;
  };
  const q = {
    merchantId: str('merchantId', ID),
    merchantTxnId: str('merchantTxnId', ID),
    cardRef: str('cardRef', CARD_REF),
    amount: str('amount', AMOUNT),
    currency: str('currency', /^[A-Z]{3}$/),
    productId: str('productId', /^[!-~]{1,64}$/),
    timestamp: str('timestamp', /^[!-~]{1,40}$/),
    mac: str('mac', /^[0-9a-fA-F]{64}$/),
  };
  if (!isKnownCurrency(q.currency)) throw new IssuerRequestError(400, '"currency" unknown');
  if (new PreciseDecimal(q.amount).isZero()) throw new IssuerRequestError(400, '"amount" must be positive');
  return q;
}
