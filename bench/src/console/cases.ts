import type { Pool } from 'pg';
import type { ReadModelNames } from '@ph/read-models';
import type { ConsoleQueries, PaymentSearch } from '../../../apps/console/src/read/console-queries';
import type { Inquiry } from '../../../apps/console/src/read/inquiry';
import { BRANDS, CURRENCIES, FAIL_CODES, MERCHANTS, STATES } from './seed';

/**
 * The page queries of the console, each as the console runs it: the same ConsoleQueries / Inquiry
 * calls its controllers make (apps/console/src/api/api.controller.ts, pages/pages.controller.ts),
 * with parameters drawn per run from the seeded data (a seeded PRNG: runs are comparable).
 */
export interface Case {
  /** Page or endpoint, then the variant. */
  readonly name: string;
  run(): Promise<unknown>;
}

export interface Samples {
  /** Random payments of the whole table. */
  readonly payments: readonly { payId: string; transId: string; merchant: string; startedAt: string }[];
  /** Payments whose payment stream is in the event store (the inquiry page's timeline). */
  readonly withEvents: readonly string[];
  /** Payments that have payment-log rows. */
  readonly withLog: readonly { payId: string; transId: string }[];
  readonly log: { minPosition: number; maxPosition: number; from: number; to: number };
  readonly span: { from: number; to: number };
}

const ISO_US = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function drawSamples(pool: Pool, n: ReadModelNames, esSchema: string): Promise<Samples> {
  const payments = await pool.query<{ payId: string; transId: string; merchant: string; startedAt: string }>(
    `SELECT pay_id AS "payId", iotp_trans_id AS "transId", merchant_org_id AS merchant, ${ISO_US('started_at')} AS "startedAt"
       FROM ${n.payments} TABLESAMPLE SYSTEM (0.5) REPEATABLE (42) LIMIT 400`,
  );
  const withEvents = await pool.query<{ payId: string }>(
    `SELECT substr(stream_id, 9) AS "payId" FROM "${esSchema}".events TABLESAMPLE SYSTEM (2) REPEATABLE (42)
      WHERE stream_revision = 0 LIMIT 400`,
  );
  const withLog = await pool.query<{ payId: string; transId: string }>(
    `SELECT pay_id AS "payId", iotp_trans_id AS "transId" FROM ${n.paymentLog} TABLESAMPLE SYSTEM (0.5) REPEATABLE (42)
      WHERE event_type = 'PaymentStarted' LIMIT 400`,
  );
  const bounds = await pool.query<{ minp: string; maxp: string; lo: Date; hi: Date }>(
    `SELECT min(position)::text AS minp, max(position)::text AS maxp, min(occurred_at) AS lo, max(occurred_at) AS hi
       FROM ${n.paymentLog}`,
  );
  const span = await pool.query<{ lo: Date; hi: Date }>(
    `SELECT min(started_at) AS lo, max(started_at) AS hi FROM ${n.payments}`,
  );
  const b = bounds.rows[0]!;
  return {
    payments: payments.rows,
    withEvents: withEvents.rows.map((r) => r.payId),
    withLog: withLog.rows,
    log: {
      minPosition: Number(b.minp),
      maxPosition: Number(b.maxp),
      from: b.lo.getTime(),
      to: b.hi.getTime(),
    },
    span: { from: span.rows[0]!.lo.getTime(), to: span.rows[0]!.hi.getTime() },
  };
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function consoleCases(
  queries: ConsoleQueries,
  inquiry: Inquiry,
  s: Samples,
  pool: Pool,
  seed = 7,
): Case[] {
  const rnd = prng(seed);
  const one = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const inSpan = (width: number) => {
    const from = s.span.from + rnd() * (s.span.to - s.span.from - width);
    return { from: iso(from), to: iso(from + width) };
  };
  const merchant = () => `merchant-${String(1 + Math.floor(rnd() * MERCHANTS)).padStart(3, '0')}`;
  const search = (x: Partial<PaymentSearch>) => queries.searchPayments({ order: 'desc', limit: 50, ...x });
  const amount = () => {
    const lo = Math.exp(rnd() * 8);
    return { amountMin: lo.toFixed(2), amountMax: (lo * 1.01 + 0.5).toFixed(2) };
  };
  const logEventTypes = [
    'PaymentStarted',
    'PaymentCompleted',
    'PaymentFailed',
    'PaymentSuspended',
    'ProcessErrorRaised',
    'IotpMessageAnswered',
    'PaymentLogRemoved',
  ];

  return [
    // ---- inquiry page: GET /payments and /api/payments ----
    { name: 'search: first page, no filter', run: () => search({}) },
    {
      name: 'search: later page (cursor)',
      run: () => {
        const p = one(s.payments);
        return search({ after: [p.startedAt, p.payId], order: rnd() < 0.5 ? 'asc' : 'desc' });
      },
    },
    { name: 'search: oldest first, limit 200', run: () => search({ order: 'asc', limit: 200 }) },
    { name: 'search: PayId', run: () => search({ payId: one(s.payments).payId }) },
    { name: 'search: IOTP TransId', run: () => search({ transId: one(s.payments).transId }) },
    { name: 'search: merchant', run: () => search({ merchant: merchant() }) },
    { name: 'search: merchant + 24 h', run: () => search({ merchant: merchant(), ...inSpan(DAY) }) },
    {
      name: 'search: merchant + state',
      run: () => search({ merchant: merchant(), state: one(STATES) }),
    },
    {
      name: 'search: Failed + completion code',
      run: () => search({ state: 'Failed', completionCode: one(FAIL_CODES)[0] }),
    },
    { name: 'search: completion code', run: () => search({ completionCode: one(FAIL_CODES)[0] }) },
    { name: 'search: brand + state', run: () => search({ brand: one(BRANDS)[0], state: one(STATES) }) },
    { name: 'search: state', run: () => search({ state: one(STATES) }) },
    {
      name: 'search: currency (not EUR)',
      run: () => search({ currency: one(CURRENCIES.slice(1))[0] }),
    },
    { name: 'search: amount range (±1 %)', run: () => search(amount()) },
    {
      name: 'search: amount ≥ x + currency',
      run: () =>
        search({ amountMin: String(Math.round(Math.exp(6 + rnd() * 2))), currency: one(CURRENCIES)[0] }),
    },
    { name: 'search: 1 h window, oldest first', run: () => search({ ...inSpan(HOUR), order: 'asc' }) },
    {
      name: 'search: brand + currency + amount + 7 d',
      run: () =>
        search({ brand: one(BRANDS)[0], currency: one(CURRENCIES)[0], ...amount(), ...inSpan(7 * DAY) }),
    },
    // ---- payment page: GET /payments/:payId (row + event store history + receipt) ----
    {
      name: 'payment page: detail + receipt',
      run: async () => {
        const payId = one(s.withEvents);
        await inquiry.payment(payId);
        return inquiry.receipt(payId);
      },
    },
    // ---- pending page: GET /pending and /api/pending ----
    {
      name: 'pending page (200, olderThan, state)',
      run: () =>
        queries.pending({
          olderThanSeconds: one([0, 300, 3600, 86_400]),
          state: one([undefined, 'InProgress', 'Suspended']),
          limit: 200,
        }),
    },
    {
      name: 'pending API: brand, next page',
      run: async () => {
        const first = await queries.pending({ olderThanSeconds: 0, brand: one(BRANDS)[0], limit: 50 });
        const last = first.items[first.items.length - 1];
        return last
          ? queries.pending({
              olderThanSeconds: 0,
              brand: last.brandId,
              limit: 50,
              after: [last.since, last.payId],
            })
          : first;
      },
    },
    // ---- payment-log page: GET /log, /api/log, /api/log/stream ----
    {
      name: 'log page: newest 50 (+ head)',
      run: async () => {
        const page = await queries.log({ limit: 50 });
        return page.items[0]?.position ?? queries.logHead();
      },
    },
    { name: 'log: PayId', run: () => queries.log({ payId: one(s.withLog).payId, limit: 50 }) },
    { name: 'log: IOTP TransId', run: () => queries.log({ transId: one(s.withLog).transId, limit: 50 }) },
    { name: 'log: event type', run: () => queries.log({ eventType: one(logEventTypes), limit: 50 }) },
    {
      name: 'log: category',
      run: () => queries.log({ category: one(['payment', 'iotptx'] as const), limit: 50 }),
    },
    {
      name: 'log: event type + category',
      run: () => queries.log({ eventType: one(logEventTypes), category: 'payment', limit: 50 }),
    },
    {
      name: 'log: 1 h window',
      run: () => {
        const from = s.log.from + rnd() * (s.log.to - s.log.from - HOUR);
        return queries.log({ from: iso(from), to: iso(from + HOUR), limit: 50 });
      },
    },
    {
      // Not the console's SQL: the change proposed for a time window (order by the occurred_at index).
      name: 'log: 1 h window, PROPOSED order',
      run: () => {
        const from = s.log.from + rnd() * (s.log.to - s.log.from - HOUR);
        return pool.query(
          `SELECT l.*, l.position::text AS p FROM ${queries.n.paymentLog} l
            WHERE l.occurred_at >= $1::timestamptz AND l.occurred_at < $2::timestamptz
            ORDER BY l.occurred_at DESC, l.position DESC LIMIT $3`,
          [iso(from), iso(from + HOUR), 51],
        );
      },
    },
    {
      name: 'log: 24 h window + event type',
      run: () => {
        const from = s.log.from + rnd() * Math.max(0, s.log.to - s.log.from - DAY);
        return queries.log({
          from: iso(from),
          to: iso(from + DAY),
          eventType: one(logEventTypes),
          limit: 50,
        });
      },
    },
    {
      name: 'log: older page (cursor)',
      run: () => {
        const before = s.log.minPosition + Math.floor(rnd() * (s.log.maxPosition - s.log.minPosition));
        return queries.log({ before: String(before), limit: 50 });
      },
    },
    {
      name: 'log: live tail poll',
      run: () => queries.log({ after: String(s.log.maxPosition - Math.floor(rnd() * 500)), limit: 200 }),
    },
    // ---- overview page: GET / and /api/overview, /api/totals ----
    {
      name: 'overview page (60 min + 24 h totals)',
      run: async () => {
        await inquiry.overview(60);
        return queries.totals(iso(Date.now() - DAY), iso(Date.now()));
      },
    },
    { name: 'overview API: 1440 minutes', run: () => inquiry.overview(1440) },
    { name: 'totals API: 24 h (default)', run: () => queries.totals(iso(Date.now() - DAY), iso(Date.now())) },
    {
      name: 'totals API: random 24 h',
      run: () => {
        const w = inSpan(DAY);
        return queries.totals(w.from, w.to);
      },
    },
    { name: 'totals API: 7 days', run: () => queries.totals(iso(Date.now() - 7 * DAY), iso(Date.now())) },
  ];
}
