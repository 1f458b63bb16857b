import type { Pool } from 'pg';
import { bankSchema } from '../db/bank-schema';

export interface SmsMessage {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** ISO 8601. */
  readonly at: string;
}

/** A request the operator refuses (the HTTP layer answers with `status`). */
export class SmsOperatorError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'SmsOperatorError';
  }
}

const MSISDN = /^\+[1-9][0-9]{6,14}$/;
const TPOA = /^[A-Za-z0-9 ._-]{1,11}$|^[0-9]{3,15}$/;
const MAX_TEXT = 640;

interface Row {
  id: string;
  direction: 'MT' | 'MO';
  tpoa: string;
  msisdn: string;
  body: string;
  created_at: Date;
}

const toMessage = (r: Row): SmsMessage => ({
  messageId: `${r.direction}${r.id}`,
  from: r.direction === 'MT' ? r.tpoa : r.msisdn,
  to: r.direction === 'MT' ? r.msisdn : r.tpoa,
  text: r.body,
  at: r.created_at.toISOString(),
});

/**
 * The mobile network as the Payment Handler and the customer's phone see it (schemes.md §3.2):
 * MT messages from a booked TPOA, the phone's outbox view, MO replies routed back to the TPOA that
 * last wrote to the phone (reply path). MSISDNs are stored (the operator needs them) and never logged.
 */
export class SmsOperatorService {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    options: { readonly schema?: string; readonly clock?: () => Date } = {},
  ) {
    this.s = bankSchema(options.schema);
    this.clock = options.clock ?? (() => new Date());
  }

  private readonly clock: () => Date;

  /** S1: an MT message; idempotent by (from, clientRef). */
  async send(input: unknown): Promise<SmsMessage> {
    const q = (input ?? {}) as Record<string, unknown>;
    const { from, to, text, clientRef } = q;
    if (typeof from !== 'string' || !TPOA.test(from))
      throw new SmsOperatorError(400, '"from" must be a TPOA');
    if (typeof to !== 'string' || !MSISDN.test(to))
      throw new SmsOperatorError(400, '"to" must be an E.164 number');
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT)
      throw new SmsOperatorError(400, '"text" missing or too long');
    if (typeof clientRef !== 'string' || clientRef.length === 0 || clientRef.length > 64)
      throw new SmsOperatorError(400, '"clientRef" missing or too long');
    const booked = await this.pool.query(`SELECT 1 FROM ${this.s}.sms_tpoa WHERE tpoa = $1`, [from]);
    if (booked.rowCount === 0) throw new SmsOperatorError(403, 'TPOA not booked');
    await this.pool.query(
      `INSERT INTO ${this.s}.sms_messages (direction, tpoa, msisdn, body, client_ref, created_at)
       VALUES ('MT', $1, $2, $3, $4, $5) ON CONFLICT (tpoa, client_ref) DO NOTHING`,
      [from, to, text, clientRef, this.clock()],
    );
    const { rows } = await this.pool.query<Row>(
      `SELECT id::text, direction, tpoa, msisdn, body, created_at FROM ${this.s}.sms_messages
        WHERE tpoa = $1 AND client_ref = $2`,
      [from, clientRef],
    );
    return toMessage(rows[0]);
  }

  /** What the phone `to` has received, oldest first (the simulated handset's inbox). */
  async outbox(to: unknown): Promise<readonly SmsMessage[]> {
    if (typeof to !== 'string' || !MSISDN.test(to))
      throw new SmsOperatorError(400, '"to" must be an E.164 number');
    const { rows } = await this.pool.query<Row>(
      `SELECT id::text, direction, tpoa, msisdn, body, created_at FROM ${this.s}.sms_messages
        WHERE msisdn = $1 AND direction = 'MT' ORDER BY id`,
      [to],
    );
    return rows.map(toMessage);
  }

  /** S2: the phone `from` sends `text`; routed to `to` or to the TPOA that last wrote to the phone. */
  async inbound(input: unknown): Promise<SmsMessage> {
    const q = (input ?? {}) as Record<string, unknown>;
    const { from, text } = q;
    if (typeof from !== 'string' || !MSISDN.test(from))
      throw new SmsOperatorError(400, '"from" must be an E.164 number');
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT)
      throw new SmsOperatorError(400, '"text" missing or too long');
    let to = q.to;
    if (to === undefined) {
      const last = await this.pool.query<{ tpoa: string }>(
        `SELECT tpoa FROM ${this.s}.sms_messages WHERE msisdn = $1 AND direction = 'MT' ORDER BY id DESC LIMIT 1`,
        [from],
      );
      if (last.rows.length === 0)
        throw new SmsOperatorError(404, 'no reply path: nothing was sent to this number');
      to = last.rows[0].tpoa;
    }
    if (typeof to !== 'string' || !TPOA.test(to)) throw new SmsOperatorError(400, '"to" must be a TPOA');
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO ${this.s}.sms_messages (direction, tpoa, msisdn, body, created_at)
       VALUES ('MO', $1, $2, $3, $4) RETURNING id::text, direction, tpoa, msisdn, body, created_at`,
      [to, from, text, this.clock()],
    );
    return toMessage(rows[0]);
  }

  /** Replies routed to `tpoa` since `since` (the PH's view; schemes.md §3.2 S2). */
  async inbox(tpoa: unknown, since: unknown): Promise<readonly SmsMessage[]> {
    if (typeof tpoa !== 'string' || !TPOA.test(tpoa)) throw new SmsOperatorError(400, '"to" must be a TPOA');
    const sinceDate = typeof since === 'string' ? new Date(since) : new Date(0);
    if (Number.isNaN(sinceDate.getTime()))
      throw new SmsOperatorError(400, '"since" must be an ISO 8601 time');
    const { rows } = await this.pool.query<Row>(
      `SELECT id::text, direction, tpoa, msisdn, body, created_at FROM ${this.s}.sms_messages
        WHERE tpoa = $1 AND direction = 'MO' AND created_at >= $2 ORDER BY id LIMIT 1000`,
      [tpoa, sinceDate],
    );
    return rows.map(toMessage);
  }
}
