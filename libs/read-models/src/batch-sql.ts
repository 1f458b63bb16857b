import type { PaymentLogRow } from './describe';
import { type BatchPlan, PAYMENT_COLUMNS, type PaymentRow } from './fold';
import type { ReadModelNames } from './names';
import { receiptItemSql, type SqlStatement } from './sql';

/*
 * A folded batch (fold.ts) as a few set-based statements, one per table, rows passed as one JSON
 * array (or arrays for unnest), so a batch costs the same handful of round trips whatever its size.
 * Every upsert keeps its revision guard, so a statement run twice changes nothing.
 */

const COLUMNS = Object.keys(PAYMENT_COLUMNS) as (keyof typeof PAYMENT_COLUMNS)[];

/** The payments rows of the batch, as fold.ts reads and writes them (times, numeric, bigint as text). */
export function selectPayments(n: ReadModelNames, payIds: readonly string[]): SqlStatement {
  const select = COLUMNS.map((c) => {
    const type = PAYMENT_COLUMNS[c];
    return type === 'numeric' || type === 'timestamptz' || type === 'bigint' ? `${c}::text AS ${c}` : c;
  });
  return {
    text: `SELECT ${select.join(', ')} FROM ${n.payments} WHERE pay_id = ANY($1::text[])`,
    values: [payIds],
  };
}

/** One element's field of `jsonb_array_elements($1) AS x(r)` as the column's type. */
function field(column: string, type: string): string {
  if (type === 'text') return `x.r->>'${column}'`;
  if (type === 'jsonb') return `x.r->'${column}'`;
  if (type === 'text[]') return `ARRAY(SELECT jsonb_array_elements_text(x.r->'${column}'))`;
  return `(x.r->>'${column}')::${type}`;
}

const rowsOf = (rows: readonly unknown[]) => JSON.stringify(rows);
const FROM_ROWS = `FROM jsonb_array_elements($1::jsonb) AS x(r)`;

export function upsertPayments(n: ReadModelNames, rows: readonly PaymentRow[]): SqlStatement {
  return {
    text: `INSERT INTO ${n.payments} (${COLUMNS.join(', ')})
           SELECT ${COLUMNS.map((c) => field(c, PAYMENT_COLUMNS[c])).join(', ')} ${FROM_ROWS}
           ON CONFLICT (pay_id) DO UPDATE SET ${COLUMNS.slice(1)
             .map((c) => `${c} = EXCLUDED.${c}`)
             .join(', ')}
           WHERE ${n.payments}.stream_revision < EXCLUDED.stream_revision`,
    values: [rowsOf(rows)],
  };
}

export function insertSchemeMessages(n: ReadModelNames, rows: BatchPlan['schemeMessages']): SqlStatement {
  return {
    text: `INSERT INTO ${n.schemeMessages} (pay_id, stream_revision, idx, direction, sequence, name, sha256, packaged)
           SELECT x.r->>'pay_id', (x.r->>'stream_revision')::integer, (x.r->>'idx')::integer, x.r->>'d',
                  (x.r->>'sequence')::integer, x.r->>'name', x.r->>'sha256', x.r->'packaged' ${FROM_ROWS}
           ON CONFLICT DO NOTHING`,
    values: [rowsOf(rows)],
  };
}

export function deletePending(n: ReadModelNames, rows: BatchPlan['pendingDeletes']): SqlStatement {
  return {
    text: `DELETE FROM ${n.pendingPayments} d USING (SELECT x.r->>'pay_id' AS pay_id,
             (x.r->>'stream_revision')::integer AS stream_revision ${FROM_ROWS}) v
           WHERE d.pay_id = v.pay_id AND d.stream_revision < v.stream_revision`,
    values: [rowsOf(rows)],
  };
}

/** brand and merchant from the payments row (written earlier in the transaction), as the per-event statement does. */
export function upsertPending(n: ReadModelNames, rows: BatchPlan['pendingUpserts']): SqlStatement {
  return {
    text: `INSERT INTO ${n.pendingPayments}
             (pay_id, process_state, brand_id, merchant_org_id, since, next_check_at, reason, stream_revision)
           SELECT p.pay_id, x.r->>'process_state', p.brand_id, p.merchant_org_id, (x.r->>'since')::timestamptz,
                  (x.r->>'next_check_at')::timestamptz, x.r->>'reason', (x.r->>'stream_revision')::integer
             ${FROM_ROWS} JOIN ${n.payments} p ON p.pay_id = x.r->>'pay_id'
           ON CONFLICT (pay_id) DO UPDATE SET process_state = EXCLUDED.process_state, since = EXCLUDED.since,
             next_check_at = EXCLUDED.next_check_at, reason = EXCLUDED.reason,
             stream_revision = EXCLUDED.stream_revision
           WHERE ${n.pendingPayments}.stream_revision < EXCLUDED.stream_revision`,
    values: [rowsOf(rows)],
  };
}

export function upsertReceipts(n: ReadModelNames, rows: BatchPlan['receipts']): SqlStatement {
  return {
    text: `INSERT INTO ${n.receipts} (pay_id, name_refs, items, notes, completed_at, stream_revision)
           SELECT v.pay_id, v.name_refs,
                  (SELECT coalesce(jsonb_agg(m.item ORDER BY r.ord) FILTER (WHERE m.item IS NOT NULL), '[]'::jsonb)
                     FROM unnest(v.name_refs) WITH ORDINALITY AS r(name, ord)
                     LEFT JOIN LATERAL (${receiptItemSql(n, 'v.pay_id', 'r.name', 'v.stream_revision')}) m ON true),
                  v.notes, v.completed_at, v.stream_revision
             FROM (SELECT x.r->>'pay_id' AS pay_id, ${field('name_refs', 'text[]')} AS name_refs,
                          x.r->'notes' AS notes, (x.r->>'completed_at')::timestamptz AS completed_at,
                          (x.r->>'stream_revision')::integer AS stream_revision ${FROM_ROWS}) v
           ON CONFLICT (pay_id) DO UPDATE SET name_refs = EXCLUDED.name_refs, items = EXCLUDED.items,
             notes = EXCLUDED.notes, completed_at = EXCLUDED.completed_at,
             stream_revision = EXCLUDED.stream_revision
           WHERE ${n.receipts}.stream_revision < EXCLUDED.stream_revision`,
    values: [rowsOf(rows)],
  };
}

/** All log rows of a batch in one statement; a row already there (same stream revision or position) stays. */
export function insertLogRows(n: ReadModelNames, rows: readonly PaymentLogRow[]): SqlStatement {
  const col = <K extends keyof PaymentLogRow>(k: K) => rows.map((r) => r[k]);
  return {
    text: `INSERT INTO ${n.paymentLog} (position, stream_id, stream_revision, category, event_type, pay_id,
             iotp_trans_id, command_id, occurred_at, recorded_at, summary, in_msg_id, out_msg_id)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[],
             $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
           ON CONFLICT DO NOTHING`,
    values: [
      col('position'),
      col('streamId'),
      col('streamRevision'),
      col('category'),
      col('eventType'),
      col('payId'),
      col('iotpTransId'),
      col('commandId'),
      col('occurredAt'),
      col('recordedAt'),
      col('summary'),
      col('inMsgId'),
      col('outMsgId'),
    ],
  };
}
