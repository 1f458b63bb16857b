import {
  digestOf,
  fromStoredEvent,
  PAYMENT_STREAM_PREFIX,
  type PaymentEvent,
  type PaymentStarted,
  type SchemeMessageReceived,
  type SchemeMessageSent,
  UnknownPaymentEventError,
} from '@ph/payments';
import type { ReadModelNames } from './names';
import {
  type IotpTransactionEventView,
  IOTP_TRANSACTION_STREAM_PREFIX,
  type StoredEvent,
} from './stored-event';
import { summariseIotpTransactionEvent, summarisePaymentEvent } from './summaries';

/*
 * The projections as pure functions: one stored event in, the SQL changes it causes out. No clock,
 * no I/O: every time comes from the event, so a rebuild from position 0 yields identical rows. The
 * executor (apply.ts) runs the statements in the transaction that also moves the checkpoint.
 *
 * Idempotency by stream revision: for a payment event the guard moves the payments row to the
 * event's revision only `WHERE stream_revision < $revision`; when it changes no row the event was
 * applied already and its effects are skipped. The effects carry their own revision guard
 * (pending_payments, receipts) or a natural key (scheme_messages, payment_log), so even run alone
 * they never apply twice.
 */

export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** One row of payment_log; inserted in bulk per batch, ON CONFLICT DO NOTHING. */
export interface PaymentLogRow {
  readonly position: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly category: 'payment' | 'iotptx';
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

export interface ProjectionChange {
  readonly log?: PaymentLogRow;
  /** Runs first; when it changes no row (the revision is applied already) the effects are skipped. */
  readonly guard?: SqlStatement;
  readonly effects: readonly SqlStatement[];
  /** Set when the event is of a projected category but could not be read (e.g. a newer schema version). */
  readonly unreadable?: string;
}

/** When the janitor / pending scan should look at a pending payment again, after entering the state. */
export interface ProjectionPolicy {
  readonly inProgressCheckAfterSeconds: number;
  readonly suspendedCheckAfterSeconds: number;
}

export const DEFAULT_PROJECTION_POLICY: ProjectionPolicy = {
  inProgressCheckAfterSeconds: 120,
  suspendedCheckAfterSeconds: 300,
};

const NOTHING: ProjectionChange = { effects: [] };
const DECIMAL = /^[0-9]{1,30}(\.[0-9]{1,30})?$/;

export function projectEvent(
  event: StoredEvent,
  n: ReadModelNames,
  policy: ProjectionPolicy = DEFAULT_PROJECTION_POLICY,
): ProjectionChange {
  if (event.streamId.startsWith(PAYMENT_STREAM_PREFIX)) return projectPaymentEvent(event, n, policy);
  if (event.streamId.startsWith(IOTP_TRANSACTION_STREAM_PREFIX)) return projectTransactionEvent(event);
  return NOTHING; // another category: only the checkpoint moves past it
}

/** The producer's time (metadata.occurredAt) when it is a valid time, else the store's. */
export function eventTime(event: StoredEvent): string {
  const occurred = event.metadata.occurredAt;
  if (typeof occurred === 'string') {
    const t = Date.parse(occurred);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return event.recordedAt.toISOString();
}

function logRow(
  event: StoredEvent,
  category: PaymentLogRow['category'],
  payId: string | null,
  summary: string,
  msgIds: { in?: string; out?: string } = {},
): PaymentLogRow {
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    position: event.position.toString(),
    streamId: event.streamId,
    streamRevision: event.revision,
    category,
    eventType: event.type,
    payId,
    iotpTransId: str(event.metadata.correlationId),
    commandId: str(event.metadata.commandId),
    occurredAt: eventTime(event),
    recordedAt: event.recordedAt.toISOString(),
    summary,
    inMsgId: str(msgIds.in),
    outMsgId: str(msgIds.out),
  };
}

function projectTransactionEvent(event: StoredEvent): ProjectionChange {
  const d = (
    typeof event.data === 'object' && event.data !== null ? event.data : {}
  ) as IotpTransactionEventView;
  const payId = typeof d.payId === 'string' ? d.payId : null;
  const answered = event.type === 'IotpMessageAnswered';
  return {
    log: logRow(
      event,
      'iotptx',
      payId,
      summariseIotpTransactionEvent(event.type, d),
      answered ? { in: d.inMsgId, out: d.outMsgId } : {},
    ),
    effects: [],
  };
}

function projectPaymentEvent(
  event: StoredEvent,
  n: ReadModelNames,
  policy: ProjectionPolicy,
): ProjectionChange {
  const payId = event.streamId.slice(PAYMENT_STREAM_PREFIX.length);
  let e: PaymentEvent;
  try {
    e = fromStoredEvent(event);
  } catch (error) {
    if (!(error instanceof UnknownPaymentEventError)) throw error;
    const reason = `cannot read ${event.type} v${String(event.metadata.schemaVersion)}`;
    return {
      log: logRow(event, 'payment', payId, `Unreadable event: ${reason}`),
      effects: [],
      unreadable: reason,
    };
  }
  const at = eventTime(event);
  const rev = event.revision;
  const log = logRow(event, 'payment', payId, summarisePaymentEvent(e));
  const touch = (fields: Readonly<Record<string, unknown>> = {}): SqlStatement =>
    updatePayment(n, payId, rev, event.position, at, fields);
  const pending = (state: 'InProgress' | 'Suspended', reason: string | null): SqlStatement => {
    const after =
      state === 'InProgress' ? policy.inProgressCheckAfterSeconds : policy.suspendedCheckAfterSeconds;
    const next = new Date(Date.parse(at) + after * 1000).toISOString();
    return upsertPending(n, payId, rev, state, at, next, reason);
  };
  const notPending: SqlStatement = {
    text: `DELETE FROM ${n.pendingPayments} WHERE pay_id = $1 AND stream_revision < $2`,
    values: [payId, rev],
  };

  switch (e.type) {
    case 'PaymentStarted':
      return {
        log,
        guard: insertPayment(n, payId, e, rev, event.position, at),
        effects: [pending('InProgress', null)],
      };
    case 'SchemeMessageReceived':
      return {
        log,
        guard: touch({ message_count: e.sequence }),
        effects: [schemeMessages(n, payId, rev, e)],
      };
    case 'SchemeMessageSent':
      return {
        log,
        guard: touch({ message_count: e.sequence }),
        effects: [schemeMessages(n, payId, rev, e)],
      };
    case 'PaymentSuspended':
      return {
        log,
        guard: touch({ process_state: 'Suspended', status_desc: e.reason }),
        effects: [pending('Suspended', e.reason)],
      };
    case 'PaymentResumed':
      return { log, guard: touch({ process_state: 'InProgress' }), effects: [pending('InProgress', null)] };
    case 'PaymentCompleted': {
      const guard = touch({
        process_state: 'CompletedOk',
        completion_code: e.completionCode ?? null,
        status_desc: e.statusDesc,
        receipt_name_refs: [...e.receiptNameRefs],
        finished_at: at,
      });
      const effects = [notPending];
      if (e.receiptNameRefs.length > 0)
        effects.push(upsertReceipt(n, payId, rev, [...e.receiptNameRefs], e.notes, at));
      return { log, guard, effects };
    }
    case 'PaymentFailed':
      return {
        log,
        guard: touch({
          process_state: 'Failed',
          completion_code: e.completionCode,
          status_desc: e.statusDesc,
          failure_how: e.how,
          finished_at: at,
        }),
        effects: [notPending],
      };
    case 'ProcessErrorRaised':
      return {
        log,
        guard: touch({ process_state: 'ProcessError', status_desc: e.statusDesc, finished_at: at }),
        effects: [notPending],
      };
    case 'ProcessStateChangeDeclined':
      return { log, guard: touch(), effects: [] };
    case 'PaymentLogRemoved':
      return { log, guard: touch({ log_removed_at: at }), effects: [notPending] };
  }
}

function insertPayment(
  n: ReadModelNames,
  payId: string,
  e: PaymentStarted,
  rev: number,
  position: bigint,
  at: string,
): SqlStatement {
  const c = e.context;
  const columns = [
    'pay_id',
    'stream_id',
    'iotp_trans_id',
    'payment_ref',
    'merchant_org_id',
    'consumer_payment_id',
    'brand_id',
    'protocol_id',
    'protocol_brand_id',
    'amount',
    'amount_text',
    'currency',
    'process_state',
    'started_at',
    'updated_at',
    'stream_revision',
    'last_position',
  ];
  const values = [
    payId,
    `${PAYMENT_STREAM_PREFIX}${payId}`,
    c.iotpTransId,
    c.paymentRef,
    c.merchantOrgId,
    c.consumerPaymentId ?? null,
    c.brandId,
    c.protocolId,
    c.protocolBrandId,
    DECIMAL.test(c.amount) ? c.amount : null, // numeric from the decimal string: never a float
    c.amount,
    c.currency,
    'InProgress',
    at,
    at,
    rev,
    position.toString(),
  ];
  const placeholders = columns.map((col, i) => (col === 'amount' ? `$${i + 1}::numeric` : `$${i + 1}`));
  return {
    text: `INSERT INTO ${n.payments} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
           ON CONFLICT (pay_id) DO UPDATE SET ${columns
             .slice(1)
             .map((col) => `${col} = EXCLUDED.${col}`)
             .join(', ')}
           WHERE ${n.payments}.stream_revision < EXCLUDED.stream_revision`,
    values,
  };
}

function updatePayment(
  n: ReadModelNames,
  payId: string,
  rev: number,
  position: bigint,
  at: string,
  fields: Readonly<Record<string, unknown>>,
): SqlStatement {
  const entries = Object.entries(fields);
  const sets = entries.map(([col], i) => `${col} = $${i + 5}`);
  return {
    text: `UPDATE ${n.payments} SET stream_revision = $2, last_position = $3, updated_at = $4${sets
      .map((s) => `, ${s}`)
      .join('')}
           WHERE pay_id = $1 AND stream_revision < $2`,
    values: [payId, rev, position.toString(), at, ...entries.map(([, v]) => v)],
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

/** One row per scheme message; outbound ones keep their content (ours, no secret), inbound only digests. */
function schemeMessages(
  n: ReadModelNames,
  payId: string,
  rev: number,
  e: SchemeMessageReceived | SchemeMessageSent,
): SqlStatement {
  const rows =
    e.type === 'SchemeMessageReceived'
      ? e.messages.map((m) => ({ d: 'in', name: m.name ?? null, sha256: m.sha256, packaged: null }))
      : e.messages.map((m) => ({
          d: 'out',
          name: m.name ?? null,
          sha256: digestOf(m),
          packaged: { name: m.name, content: m.content, transform: m.transform, value: m.value },
        }));
  return {
    text: `INSERT INTO ${n.schemeMessages} (pay_id, stream_revision, idx, direction, sequence, name, sha256, packaged)
           SELECT $1, $2, (x.i - 1)::integer, x.r->>'d', $3, x.r->>'name', x.r->>'sha256', x.r->'packaged'
             FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(r, i)
           ON CONFLICT DO NOTHING`,
    values: [payId, rev, e.sequence, JSON.stringify(rows)],
  };
}

/**
 * The receipt as the events hold it, in PayReceiptNameRefs order: for each name our latest
 * outbound item (content and digest) or else the latest inbound digest, as the payment worker's
 * receiptItems/verifyReceipt read them.
 */
function upsertReceipt(
  n: ReadModelNames,
  payId: string,
  rev: number,
  nameRefs: string[],
  notes: readonly unknown[],
  completedAt: string,
): SqlStatement {
  return {
    text: `INSERT INTO ${n.receipts} (pay_id, name_refs, items, notes, completed_at, stream_revision)
           SELECT $1, $2::text[],
                  coalesce(jsonb_agg(m.item ORDER BY r.ord) FILTER (WHERE m.item IS NOT NULL), '[]'::jsonb),
                  $3::jsonb, $4, $5
             FROM unnest($2::text[]) WITH ORDINALITY AS r(name, ord)
             LEFT JOIN LATERAL (
               SELECT jsonb_strip_nulls(jsonb_build_object('name', s.name, 'direction', s.direction,
                        'sha256', s.sha256, 'packaged', s.packaged)) AS item
                 FROM ${n.schemeMessages} s
                WHERE s.pay_id = $1 AND s.name = r.name AND s.stream_revision < $5
                ORDER BY s.direction = 'out' DESC, s.stream_revision DESC, s.idx DESC LIMIT 1) m ON true
           ON CONFLICT (pay_id) DO UPDATE SET name_refs = EXCLUDED.name_refs, items = EXCLUDED.items,
             notes = EXCLUDED.notes, completed_at = EXCLUDED.completed_at,
             stream_revision = EXCLUDED.stream_revision
           WHERE ${n.receipts}.stream_revision < EXCLUDED.stream_revision`,
    values: [payId, nameRefs, JSON.stringify(notes), completedAt, rev],
  };
}
