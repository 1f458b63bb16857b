import type { EventDescription, PaymentLogRow } from './describe';

/*
 * A batch of event descriptions folded into the final rows it leaves behind: one payments row,
 * at most one pending_payments change and one receipt per payment, all scheme messages and log
 * rows. Pure: the caller reads the payments rows the batch touches first (under the checkpoint
 * lock, so nobody else writes them) and writes the plan with batch-sql.ts. Applying the plan
 * yields exactly the rows of running each event's statements (handlers.ts) one after another:
 * an event is skipped, as its guard would be, when the payments row is missing (and the event is
 * not PaymentStarted) or already at or beyond the event's revision.
 */

/** Columns of rm.payments and their SQL types, in table order. */
export const PAYMENT_COLUMNS = {
  pay_id: 'text',
  stream_id: 'text',
  iotp_trans_id: 'text',
  payment_ref: 'text',
  merchant_org_id: 'text',
  consumer_payment_id: 'text',
  brand_id: 'text',
  protocol_id: 'text',
  protocol_brand_id: 'text',
  amount: 'numeric',
  amount_text: 'text',
  currency: 'text',
  process_state: 'text',
  completion_code: 'text',
  status_desc: 'text',
  failure_how: 'text',
  message_count: 'integer',
  receipt_name_refs: 'text[]',
  log_removed_at: 'timestamptz',
  started_at: 'timestamptz',
  updated_at: 'timestamptz',
  finished_at: 'timestamptz',
  stream_revision: 'integer',
  last_position: 'bigint',
} as const;

/** A payments row as read and written by the batch: numbers, strings (times, numeric, bigint as text), string arrays. */
export type PaymentRow = Readonly<Record<string, unknown>> & { readonly stream_revision: number };

/** The columns PaymentStarted does not set, as a new row has them. */
const NEW_ROW_DEFAULTS = {
  completion_code: null,
  status_desc: null,
  failure_how: null,
  message_count: 0,
  receipt_name_refs: [],
  log_removed_at: null,
  finished_at: null,
} as const;

export interface SchemeMessageInsert {
  readonly pay_id: string;
  readonly stream_revision: number;
  readonly idx: number;
  readonly d: 'in' | 'out';
  readonly sequence: number;
  readonly name: string | null;
  readonly sha256: string;
  readonly packaged: unknown;
}

export interface PendingUpsert {
  readonly pay_id: string;
  readonly process_state: 'InProgress' | 'Suspended';
  readonly since: string;
  readonly next_check_at: string;
  readonly reason: string | null;
  readonly stream_revision: number;
}

export interface ReceiptUpsert {
  readonly pay_id: string;
  readonly name_refs: readonly string[];
  readonly notes: readonly unknown[];
  readonly completed_at: string;
  readonly stream_revision: number;
}

export interface BatchPlan {
  readonly logRows: readonly PaymentLogRow[];
  /** Final rows of the payments the batch changed, to upsert WHERE stream_revision < the new one. */
  readonly payments: readonly PaymentRow[];
  readonly schemeMessages: readonly SchemeMessageInsert[];
  readonly pendingUpserts: readonly PendingUpsert[];
  readonly pendingDeletes: readonly { readonly pay_id: string; readonly stream_revision: number }[];
  readonly receipts: readonly ReceiptUpsert[];
  /** Payment events whose revision the payments row already had (redelivered). */
  readonly duplicates: number;
  readonly unreadable: readonly { readonly position: bigint; readonly reason: string }[];
}

export interface DescribedEvent {
  readonly position: bigint;
  readonly description: EventDescription;
}

/** The payments the batch's payment events name (to read their rows first). */
export function paymentIdsOf(events: readonly DescribedEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) if (e.description.payment) ids.add(e.description.payment.payId);
  return [...ids];
}

export function foldBatch(
  events: readonly DescribedEvent[],
  stored: ReadonlyMap<string, PaymentRow>,
): BatchPlan {
  const logRows: PaymentLogRow[] = [];
  const unreadable: { position: bigint; reason: string }[] = [];
  const rows = new Map<string, PaymentRow>(stored);
  const changed = new Set<string>();
  const schemeMessages: SchemeMessageInsert[] = [];
  const pending = new Map<string, PendingUpsert | { pay_id: string; stream_revision: number }>();
  const receipts = new Map<string, ReceiptUpsert>();
  let duplicates = 0;

  for (const { position, description: d } of events) {
    if (d.log) logRows.push(d.log);
    if (d.unreadable) unreadable.push({ position, reason: d.unreadable });
    const p = d.payment;
    if (!p) continue;
    const row = rows.get(p.payId);
    if ((row === undefined && !p.start) || (row !== undefined && row.stream_revision >= p.revision)) {
      duplicates += 1;
      continue;
    }
    const moved = { updated_at: p.at, stream_revision: p.revision, last_position: p.position };
    rows.set(
      p.payId,
      p.start ? { ...NEW_ROW_DEFAULTS, ...row, ...p.start, ...moved } : { ...row!, ...moved, ...p.set },
    );
    changed.add(p.payId);
    const key = { pay_id: p.payId, stream_revision: p.revision };
    p.schemeMessages?.rows.forEach((m, idx) =>
      schemeMessages.push({ ...key, idx, ...m, sequence: p.schemeMessages!.sequence }),
    );
    if (p.pending?.op === 'delete') pending.set(p.payId, key);
    if (p.pending?.op === 'upsert') {
      const { state, since, nextCheckAt, reason } = p.pending;
      pending.set(p.payId, { ...key, process_state: state, since, next_check_at: nextCheckAt, reason });
    }
    if (p.receipt) {
      const { nameRefs, notes, completedAt } = p.receipt;
      receipts.set(p.payId, { ...key, name_refs: nameRefs, notes, completed_at: completedAt });
    }
  }
  const pendingChanges = [...pending.values()];
  return {
    logRows,
    payments: [...changed].map((id) => rows.get(id)!),
    schemeMessages,
    pendingUpserts: pendingChanges.filter((c): c is PendingUpsert => 'process_state' in c),
    pendingDeletes: pendingChanges.filter((c) => !('process_state' in c)),
    receipts: [...receipts.values()],
    duplicates,
    unreadable,
  };
}
