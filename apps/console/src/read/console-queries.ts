import type { Pool } from 'pg';
import { type ReadModelNames, readModelNames } from '@ph/read-models';
import { badRequest } from '../http/problem';
import { encodeCursor } from '../http/params';

/*
 * The console's reads of the read models (schema `rm`). Every list is keyset-paginated: the cursor
 * holds the sort key of the last row, so a page never repeats or skips a row while new payments
 * arrive (offsets would). Times go out as ISO 8601 with microseconds so a cursor is exact.
 */

const ISO_US = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const ID = /^[A-Za-z0-9._:@-]{1,80}$/;

export interface PaymentSearch {
  readonly payId?: string;
  readonly transId?: string;
  readonly merchant?: string;
  readonly brand?: string;
  readonly state?: string;
  readonly completionCode?: string;
  readonly currency?: string;
  readonly amountMin?: string;
  readonly amountMax?: string;
  readonly from?: string;
  readonly to?: string;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly after?: readonly string[];
}

export interface PaymentRow {
  readonly payId: string;
  readonly iotpTransId: string;
  readonly paymentRef: string;
  readonly merchantOrgId: string;
  readonly consumerPaymentId: string | null;
  readonly brandId: string;
  readonly protocolId: string;
  readonly amount: string;
  readonly currency: string;
  readonly processState: string;
  readonly completionCode: string | null;
  readonly statusDesc: string | null;
  readonly messageCount: number;
  readonly hasReceipt: boolean;
  readonly logRemovedAt: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly streamRevision: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass as `cursor` for the next page. Absent on the last page. */
  readonly nextCursor?: string;
}

export interface LogSearch {
  readonly payId?: string;
  readonly transId?: string;
  readonly eventType?: string;
  readonly category?: 'payment' | 'iotptx';
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Older than this position (paging back in time). */
  readonly before?: string;
  /**
   * With a time window (from/to): the page is in occurred-time order and the cursor is the pair
   * (occurredAt, position) of the last row; this is its time, `before` its position.
   */
  readonly beforeOccurredAt?: string;
  /** Newer than this position, oldest first (the live tail). */
  readonly after?: string;
}

export interface LogRow {
  readonly position: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly category: string;
  readonly eventType: string;
  readonly payId: string | null;
  readonly iotpTransId: string | null;
  readonly commandId: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly summary: string;
  readonly inMsgId: string | null;
  readonly outMsgId: string | null;
}

export interface PendingRow {
  readonly payId: string;
  readonly processState: string;
  readonly brandId: string;
  readonly protocolId: string;
  readonly merchantOrgId: string;
  readonly iotpTransId: string;
  readonly amount: string;
  readonly currency: string;
  readonly since: string;
  readonly ageSeconds: number;
  readonly nextCheckAt: string;
  readonly reason: string | null;
}

export interface TotalsRow {
  readonly processState: string;
  readonly brandId: string;
  readonly currency: string;
  readonly count: number;
  /** Exact decimal sum as PostgreSQL numeric computes it. */
  readonly amount: string;
}

export interface ReceiptRow {
  readonly payId: string;
  readonly nameRefs: readonly string[];
  readonly items: readonly {
    readonly name: string;
    readonly direction: 'in' | 'out';
    readonly sha256: string;
    readonly packaged?: { name?: string; content: string; transform: 'NONE' | 'BASE64'; value: string };
  }[];
  readonly notes: readonly unknown[];
  readonly completedAt: string;
}

const PAYMENT_COLUMNS = `p.pay_id AS "payId", p.iotp_trans_id AS "iotpTransId", p.payment_ref AS "paymentRef",
  p.merchant_org_id AS "merchantOrgId", p.consumer_payment_id AS "consumerPaymentId", p.brand_id AS "brandId",
  p.protocol_id AS "protocolId", p.amount_text AS amount, p.currency, p.process_state AS "processState",
  p.completion_code AS "completionCode", p.status_desc AS "statusDesc", p.message_count AS "messageCount",
  cardinality(p.receipt_name_refs) > 0 AS "hasReceipt", ${ISO_US('p.log_removed_at')} AS "logRemovedAt",
  ${ISO_US('p.started_at')} AS "startedAt", ${ISO_US('p.updated_at')} AS "updatedAt",
  ${ISO_US('p.finished_at')} AS "finishedAt", p.stream_revision AS "streamRevision"`;

const LOG_COLUMNS = `l.position::text AS position, l.stream_id AS "streamId", l.stream_revision AS "streamRevision",
  l.category, l.event_type AS "eventType", l.pay_id AS "payId", l.iotp_trans_id AS "iotpTransId",
  l.command_id AS "commandId", ${ISO_US('l.occurred_at')} AS "occurredAt", ${ISO_US('l.recorded_at')} AS "recordedAt",
  l.summary, l.in_msg_id AS "inMsgId", l.out_msg_id AS "outMsgId"`;

class Sql {
  readonly where: string[] = [];
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  eq(col: string, value: unknown): void {
    if (value !== undefined) this.where.push(`${col} = ${this.add(value)}`);
  }
  clause(): string {
    return this.where.length === 0 ? '' : `WHERE ${this.where.join(' AND ')}`;
  }
}

function checkTimeCursor(after: readonly string[] | undefined): void {
  if (after && (Number.isNaN(Date.parse(after[0]!)) || !ID.test(after[1]!)))
    throw badRequest('Parameter cursor is not a cursor this endpoint issued.', {
      invalidParams: [{ name: 'cursor', reason: 'bad cursor' }],
    });
}

export class ConsoleQueries {
  readonly n: ReadModelNames;

  constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly eventStoreSchema?: string,
  ) {
    this.n = readModelNames(schema);
    if (eventStoreSchema !== undefined && !/^[a-z_][a-z0-9_]{0,47}$/.test(eventStoreSchema))
      throw new RangeError(`bad event store schema ${eventStoreSchema}`);
  }

  async searchPayments(s: PaymentSearch): Promise<Page<PaymentRow>> {
    checkTimeCursor(s.after);
    const q = new Sql();
    q.eq('p.pay_id', s.payId);
    q.eq('p.iotp_trans_id', s.transId);
    q.eq('p.merchant_org_id', s.merchant?.toLowerCase());
    q.eq('p.brand_id', s.brand);
    q.eq('p.process_state', s.state);
    q.eq('p.completion_code', s.completionCode);
    q.eq('p.currency', s.currency);
    if (s.amountMin !== undefined) q.where.push(`p.amount >= ${q.add(s.amountMin)}::numeric`);
    if (s.amountMax !== undefined) q.where.push(`p.amount <= ${q.add(s.amountMax)}::numeric`);
    if (s.from !== undefined) q.where.push(`p.started_at >= ${q.add(s.from)}::timestamptz`);
    if (s.to !== undefined) q.where.push(`p.started_at < ${q.add(s.to)}::timestamptz`);
    const cmp = s.order === 'desc' ? '<' : '>';
    if (s.after)
      q.where.push(
        `(p.started_at, p.pay_id) ${cmp} (${q.add(s.after[0])}::timestamptz, ${q.add(s.after[1])})`,
      );
    const dir = s.order === 'desc' ? 'DESC' : 'ASC';
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM ${this.n.payments} p ${q.clause()}
        ORDER BY p.started_at ${dir}, p.pay_id ${dir} LIMIT ${q.add(s.limit + 1)}`,
      q.values,
    );
    return page(rows, s.limit, (r) => encodeCursor('payments', [r.startedAt, r.payId]));
  }

  async payment(payId: string): Promise<PaymentRow | undefined> {
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM ${this.n.payments} p WHERE p.pay_id = $1`,
      [payId],
    );
    return rows[0];
  }

  async receipt(payId: string): Promise<ReceiptRow | undefined> {
    const { rows } = await this.pool.query<ReceiptRow>(
      `SELECT pay_id AS "payId", name_refs AS "nameRefs", items, notes, ${ISO_US('completed_at')} AS "completedAt"
         FROM ${this.n.receipts} WHERE pay_id = $1`,
      [payId],
    );
    return rows[0];
  }

  async pending(options: {
    olderThanSeconds: number;
    state?: string;
    brand?: string;
    limit: number;
    after?: readonly string[];
  }): Promise<Page<PendingRow>> {
    checkTimeCursor(options.after);
    const q = new Sql();
    q.where.push(`pp.since <= now() - make_interval(secs => ${q.add(options.olderThanSeconds)})`);
    q.eq('pp.process_state', options.state);
    q.eq('pp.brand_id', options.brand);
    if (options.after)
      q.where.push(
        `(pp.since, pp.pay_id) > (${q.add(options.after[0])}::timestamptz, ${q.add(options.after[1])})`,
      );
    const { rows } = await this.pool.query<PendingRow>(
      `SELECT pp.pay_id AS "payId", pp.process_state AS "processState", pp.brand_id AS "brandId",
              p.protocol_id AS "protocolId", pp.merchant_org_id AS "merchantOrgId", p.iotp_trans_id AS "iotpTransId",
              p.amount_text AS amount, p.currency, ${ISO_US('pp.since')} AS since,
              floor(extract(epoch FROM now() - pp.since))::integer AS "ageSeconds",
              ${ISO_US('pp.next_check_at')} AS "nextCheckAt", pp.reason
         FROM ${this.n.pendingPayments} pp JOIN ${this.n.payments} p ON p.pay_id = pp.pay_id
         ${q.clause()} ORDER BY pp.since, pp.pay_id LIMIT ${q.add(options.limit + 1)}`,
      q.values,
    );
    return page(rows, options.limit, (r) => encodeCursor('pending', [r.since, r.payId]));
  }

  async log(s: LogSearch): Promise<Page<LogRow>> {
    const q = new Sql();
    q.eq('l.pay_id', s.payId);
    q.eq('l.iotp_trans_id', s.transId);
    q.eq('l.event_type', s.eventType);
    q.eq('l.category', s.category);
    if (s.from !== undefined) q.where.push(`l.occurred_at >= ${q.add(s.from)}::timestamptz`);
    if (s.to !== undefined) q.where.push(`l.occurred_at < ${q.add(s.to)}::timestamptz`);
    // With a time window (and not the live tail), the page is newest first by occurred time, then
    // position: (occurred_at, position) is served in order by payment_log_occurred_idx, or with an
    // event type by payment_log_type_occurred_idx, and LIMIT stops after one page. Ordering such a
    // window by position instead made PostgreSQL collect every row of the window and sort them
    // (≈ 380 ms p99 for 24 h + an event type at 10.9M rows, npm run bench:console).
    const windowed = (s.from !== undefined || s.to !== undefined) && s.after === undefined;
    if (s.before !== undefined) {
      if (windowed && s.beforeOccurredAt !== undefined)
        q.where.push(
          `(l.occurred_at, l.position) < (${q.add(s.beforeOccurredAt)}::timestamptz, ${q.add(s.before)}::bigint)`,
        );
      else q.where.push(`l.position < ${q.add(s.before)}::bigint`);
    }
    if (s.after !== undefined) q.where.push(`l.position > ${q.add(s.after)}::bigint`);
    const order = windowed
      ? 'l.occurred_at DESC, l.position DESC'
      : s.after !== undefined
        ? 'l.position ASC'
        : 'l.position DESC';
    const { rows } = await this.pool.query<LogRow>(
      `SELECT ${LOG_COLUMNS} FROM ${this.n.paymentLog} l ${q.clause()}
        ORDER BY ${order} LIMIT ${q.add(s.limit + 1)}`,
      q.values,
    );
    return page(rows, s.limit, (r) =>
      windowed ? encodeCursor('logt', [r.occurredAt, r.position]) : encodeCursor('log', [r.position]),
    );
  }

  /** The newest log position (the live tail starts after it). */
  async logHead(): Promise<string> {
    const { rows } = await this.pool.query<{ p: string | null }>(
      `SELECT max(position)::text AS p FROM ${this.n.paymentLog}`,
    );
    return rows[0]?.p ?? '0';
  }

  async totals(from: string, to: string): Promise<TotalsRow[]> {
    const { rows } = await this.pool.query<TotalsRow>(
      `SELECT process_state AS "processState", brand_id AS "brandId", currency, count(*)::integer AS count,
              coalesce(sum(amount), 0)::text AS amount
         FROM ${this.n.payments} WHERE started_at >= $1::timestamptz AND started_at < $2::timestamptz
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [from, to],
    );
    return rows;
  }

  /** Payments started per minute and finished per minute by outcome, for the last `minutes`. */
  async perMinute(
    minutes: number,
  ): Promise<{ minute: string; started: number; ok: number; failed: number }[]> {
    const { rows } = await this.pool.query<{ minute: string; started: number; ok: number; failed: number }>(
      `WITH m AS (
         SELECT generate_series(date_trunc('minute', now()) - make_interval(mins => $1 - 1),
                                date_trunc('minute', now()), interval '1 minute') AS minute)
       SELECT ${ISO_US('m.minute')} AS minute,
              (SELECT count(*) FROM ${this.n.payments} p
                WHERE p.started_at >= m.minute AND p.started_at < m.minute + interval '1 minute')::integer AS started,
              (SELECT count(*) FROM ${this.n.payments} p WHERE p.process_state = 'CompletedOk'
                 AND p.finished_at >= m.minute AND p.finished_at < m.minute + interval '1 minute')::integer AS ok,
              (SELECT count(*) FROM ${this.n.payments} p WHERE p.process_state IN ('Failed', 'ProcessError')
                 AND p.finished_at >= m.minute AND p.finished_at < m.minute + interval '1 minute')::integer AS failed
         FROM m ORDER BY m.minute`,
      [minutes],
    );
    return rows;
  }

  /** Checkpoint of the read models and how many events of the store lie beyond it. */
  async projection(): Promise<{ position: string; updatedAt: string | null; behindEvents: number | null }> {
    const { rows } = await this.pool.query<{ position: string; updatedAt: string | null }>(
      `SELECT position::text AS position, ${ISO_US('updated_at')} AS "updatedAt" FROM ${this.n.checkpoints}
        WHERE name = 'read-models'`,
    );
    const position = rows[0]?.position ?? '0';
    let behindEvents: number | null = null;
    if (this.eventStoreSchema !== undefined) {
      try {
        const r = await this.pool.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM (SELECT 1 FROM "${this.eventStoreSchema}".events
             WHERE global_position > $1 LIMIT 100000) ahead`,
          [position],
        );
        behindEvents = r.rows[0]!.n;
      } catch {
        behindEvents = null; // another store (KurrentDB): the projector's own gauge tells
      }
    }
    return { position, updatedAt: rows[0]?.updatedAt ?? null, behindEvents };
  }

  /** The IOTP transaction stream that started this payment attempt (to learn its bridge). */
  async attemptStream(payId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ streamId: string }>(
      `SELECT stream_id AS "streamId" FROM ${this.n.paymentLog}
        WHERE pay_id = $1 AND category = 'iotptx' AND event_type = 'PaymentAttemptStarted'
        ORDER BY position LIMIT 1`,
      [payId],
    );
    return rows[0]?.streamId;
  }

  async ping(): Promise<void> {
    await this.pool.query(`SELECT 1 FROM ${this.n.checkpoints} LIMIT 1`);
  }
}

function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]!) };
}
