import {
  DEFAULT_PROJECTION_POLICY,
  describeEvent,
  type PaymentChange,
  type PaymentLogRow,
  type ProjectionPolicy,
  type ReceiptChange,
  type SchemeMessageRow,
} from './describe';
import type { ReadModelNames } from './names';
import { receiptItemSql, type SqlStatement } from './sql';
import type { StoredEvent } from './stored-event';

/*
 * One event's changes as SQL statements, to run one after another (the reference semantics; the
 * projector applies whole batches through fold.ts and batch-sql.ts, which yield the same rows).
 *
 * Idempotency by stream revision: for a payment event the guard moves the payments row to the
 * event's revision only `WHERE stream_revision < $revision`; when it changes no row the event was
 * applied already and its effects are skipped. The effects carry their own revision guard
 * (pending_payments, receipts) or a natural key (scheme_messages, payment_log), so even run alone
 * they never apply twice.
 */

export type { SqlStatement };

export interface ProjectionChange {
  readonly log?: PaymentLogRow;
  /** Runs first; when it changes no row (the revision is applied already) the effects are skipped. */
  readonly guard?: SqlStatement;
  readonly effects: readonly SqlStatement[];
  /** Set when the event is of a projected category but could not be read (e.g. a newer schema version). */
  readonly unreadable?: string;
}

export function projectEvent(
  event: StoredEvent,
  n: ReadModelNames,
  policy: ProjectionPolicy = DEFAULT_PROJECTION_POLICY,
): ProjectionChange {
  const d = describeEvent(event, policy);
  const p = d.payment;
  const change: { -readonly [K in keyof ProjectionChange]: ProjectionChange[K] } = { effects: [] };
  if (d.log) change.log = d.log;
  if (d.unreadable) change.unreadable = d.unreadable;
  if (!p) return change;
  change.guard = p.start ? insertPayment(n, p, p.start) : updatePayment(n, p);
  const effects: SqlStatement[] = [];
  if (p.schemeMessages) effects.push(schemeMessages(n, p, p.schemeMessages.sequence, p.schemeMessages.rows));
  if (p.pending?.op === 'upsert')
    effects.push(
      upsertPending(
        n,
        p.payId,
        p.revision,
        p.pending.state,
        p.pending.since,
        p.pending.nextCheckAt,
        p.pending.reason,
      ),
    );
  if (p.pending?.op === 'delete')
    effects.push({
      text: `DELETE FROM ${n.pendingPayments} WHERE pay_id = $1 AND stream_revision < $2`,
      values: [p.payId, p.revision],
    });
  if (p.receipt) effects.push(upsertReceipt(n, p.payId, p.revision, p.receipt));
  change.effects = effects;
  return change;
}

function insertPayment(
  n: ReadModelNames,
  p: PaymentChange,
  start: Readonly<Record<string, unknown>>,
): SqlStatement {
  const row: Record<string, unknown> = {
    ...start,
    updated_at: p.at,
    stream_revision: p.revision,
    last_position: p.position,
  };
  const columns = Object.keys(row);
  const placeholders = columns.map((col, i) => (col === 'amount' ? `$${i + 1}::numeric` : `$${i + 1}`));
  return {
    text: `INSERT INTO ${n.payments} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
           ON CONFLICT (pay_id) DO UPDATE SET ${columns
             .slice(1)
             .map((col) => `${col} = EXCLUDED.${col}`)
             .join(', ')}
           WHERE ${n.payments}.stream_revision < EXCLUDED.stream_revision`,
    values: Object.values(row),
  };
}

function updatePayment(n: ReadModelNames, p: PaymentChange): SqlStatement {
  const entries = Object.entries(p.set);
  const sets = entries.map(([col], i) => `${col} = $${i + 5}`);
  return {
    text: `UPDATE ${n.payments} SET stream_revision = $2, last_position = $3, updated_at = $4${sets
      .map((s) => `, ${s}`)
      .join('')}
           WHERE pay_id = $1 AND stream_revision < $2`,
    values: [p.payId, p.revision, p.position, p.at, ...entries.map(([, v]) => v)],
  };
}

function upsertPending(
  n: ReadModelNames,
  payId: string,
  rev: number,
  state: 'InProgress' | 'Suspended',
  since: string,
  nextCheckAt: string,
  reason: string | null,
): SqlStatement {
  return {
    text: `INSERT INTO ${n.pendingPayments}
             (pay_id, process_state, brand_id, merchant_org_id, since, next_check_at, reason, stream_revision)
           SELECT p.pay_id, $2, p.brand_id, p.merchant_org_id, $3, $4, $5, $6 FROM ${n.payments} p WHERE p.pay_id = $1
           ON CONFLICT (pay_id) DO UPDATE SET process_state = EXCLUDED.process_state, since = EXCLUDED.since,
             next_check_at = EXCLUDED.next_check_at, reason = EXCLUDED.reason,
             stream_revision = EXCLUDED.stream_revision
           WHERE ${n.pendingPayments}.stream_revision < EXCLUDED.stream_revision`,
    values: [payId, state, since, nextCheckAt, reason, rev],
  };
}

function schemeMessages(
  n: ReadModelNames,
  p: PaymentChange,
  sequence: number,
  rows: readonly SchemeMessageRow[],
): SqlStatement {
  return {
    text: `INSERT INTO ${n.schemeMessages} (pay_id, stream_revision, idx, direction, sequence, name, sha256, packaged)
           SELECT $1, $2, (x.i - 1)::integer, x.r->>'d', $3, x.r->>'name', x.r->>'sha256', x.r->'packaged'
             FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(r, i)
           ON CONFLICT DO NOTHING`,
    values: [p.payId, p.revision, sequence, JSON.stringify(rows)],
  };
}

/** The receipt as the events hold it, in PayReceiptNameRefs order (receiptItemSql for each name). */
function upsertReceipt(n: ReadModelNames, payId: string, rev: number, r: ReceiptChange): SqlStatement {
  return {
    text: `INSERT INTO ${n.receipts} (pay_id, name_refs, items, notes, completed_at, stream_revision)
           SELECT $1, $2::text[],
                  coalesce(jsonb_agg(m.item ORDER BY r.ord) FILTER (WHERE m.item IS NOT NULL), '[]'::jsonb),
                  $3::jsonb, $4, $5
             FROM unnest($2::text[]) WITH ORDINALITY AS r(name, ord)
             LEFT JOIN LATERAL (${receiptItemSql(n, '$1', 'r.name', '$5')}) m ON true
           ON CONFLICT (pay_id) DO UPDATE SET name_refs = EXCLUDED.name_refs, items = EXCLUDED.items,
             notes = EXCLUDED.notes, completed_at = EXCLUDED.completed_at,
             stream_revision = EXCLUDED.stream_revision
           WHERE ${n.receipts}.stream_revision < EXCLUDED.stream_revision`,
    values: [payId, [...r.nameRefs], JSON.stringify(r.notes), r.completedAt, rev],
  };
}
