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
import {
  type IotpTransactionEventView,
  IOTP_TRANSACTION_STREAM_PREFIX,
  type StoredEvent,
} from './stored-event';
import { summariseIotpTransactionEvent, summarisePaymentEvent } from './summaries';

/*
 * What one stored event means for the read models, as data: no SQL, no clock, no I/O. Every time
 * comes from the event, so a rebuild from position 0 yields identical rows. handlers.ts renders one
 * description as the per-event statements; fold.ts folds a batch of them into one row per payment.
 */

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

/** When the janitor / pending scan should look at a pending payment again, after entering the state. */
export interface ProjectionPolicy {
  readonly inProgressCheckAfterSeconds: number;
  readonly suspendedCheckAfterSeconds: number;
}

export const DEFAULT_PROJECTION_POLICY: ProjectionPolicy = {
  inProgressCheckAfterSeconds: 120,
  suspendedCheckAfterSeconds: 300,
};

/** Columns of the payments row PaymentStarted sets (in this order), besides updated_at, revision, position. */
export type StartColumns = Readonly<Record<string, unknown>>;

export type PendingChange =
  | {
      readonly op: 'upsert';
      readonly state: 'InProgress' | 'Suspended';
      readonly since: string;
      readonly nextCheckAt: string;
      readonly reason: string | null;
    }
  | { readonly op: 'delete' };

/** One scheme_messages row (idx within the event; packaged is null inbound). */
export interface SchemeMessageRow {
  readonly d: 'in' | 'out';
  readonly name: string | null;
  readonly sha256: string;
  readonly packaged: unknown;
}

export interface ReceiptChange {
  readonly nameRefs: readonly string[];
  readonly notes: readonly unknown[];
  readonly completedAt: string;
}

/**
 * The change of a payment event, applied only if the payments row is below its revision (the
 * guard): `start` inserts/overwrites the row, otherwise `set` updates the named columns; either
 * way stream_revision, last_position and updated_at move to the event's.
 */
export interface PaymentChange {
  readonly payId: string;
  readonly revision: number;
  readonly position: string;
  readonly at: string;
  readonly start?: StartColumns;
  readonly set: Readonly<Record<string, unknown>>;
  readonly schemeMessages?: { readonly sequence: number; readonly rows: readonly SchemeMessageRow[] };
  readonly pending?: PendingChange;
  readonly receipt?: ReceiptChange;
}

export interface EventDescription {
  readonly log?: PaymentLogRow;
  readonly payment?: PaymentChange;
  /** Set when the event is of a projected category but could not be read (e.g. a newer schema version). */
  readonly unreadable?: string;
}

const DECIMAL = /^[0-9]{1,30}(\.[0-9]{1,30})?$/;

export function describeEvent(
  event: StoredEvent,
  policy: ProjectionPolicy = DEFAULT_PROJECTION_POLICY,
): EventDescription {
  if (event.streamId.startsWith(PAYMENT_STREAM_PREFIX)) return describePaymentEvent(event, policy);
  if (event.streamId.startsWith(IOTP_TRANSACTION_STREAM_PREFIX)) return describeTransactionEvent(event);
  return {}; // another category: only the checkpoint moves past it
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

function describeTransactionEvent(event: StoredEvent): EventDescription {
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
  };
}

function describePaymentEvent(event: StoredEvent, policy: ProjectionPolicy): EventDescription {
  const payId = event.streamId.slice(PAYMENT_STREAM_PREFIX.length);
  let e: PaymentEvent;
  try {
    e = fromStoredEvent(event);
  } catch (error) {
    if (!(error instanceof UnknownPaymentEventError)) throw error;
    const reason = `cannot read ${event.type} v${String(event.metadata.schemaVersion)}`;
    return { log: logRow(event, 'payment', payId, `Unreadable event: ${reason}`), unreadable: reason };
  }
  const at = eventTime(event);
  const log = logRow(event, 'payment', payId, summarisePaymentEvent(e));
  const base = { payId, revision: event.revision, position: event.position.toString(), at };
  const pending = (state: 'InProgress' | 'Suspended', reason: string | null): PendingChange => {
    const after =
      state === 'InProgress' ? policy.inProgressCheckAfterSeconds : policy.suspendedCheckAfterSeconds;
    const nextCheckAt = new Date(Date.parse(at) + after * 1000).toISOString();
    return { op: 'upsert', state, since: at, nextCheckAt, reason };
  };
  const notPending: PendingChange = { op: 'delete' };
  const change = (c: Omit<PaymentChange, keyof typeof base>): EventDescription => ({
    log,
    payment: { ...base, ...c },
  });

  switch (e.type) {
    case 'PaymentStarted':
      return change({ start: startColumns(payId, e, at), set: {}, pending: pending('InProgress', null) });
    case 'SchemeMessageReceived':
    case 'SchemeMessageSent':
      return change({ set: { message_count: e.sequence }, schemeMessages: schemeMessages(e) });
    case 'PaymentSuspended':
      return change({
        set: { process_state: 'Suspended', status_desc: e.reason },
        pending: pending('Suspended', e.reason),
      });
    case 'PaymentResumed':
      return change({ set: { process_state: 'InProgress' }, pending: pending('InProgress', null) });
    case 'PaymentCompleted':
      return change({
        set: {
          process_state: 'CompletedOk',
          completion_code: e.completionCode ?? null,
          status_desc: e.statusDesc,
          receipt_name_refs: [...e.receiptNameRefs],
          finished_at: at,
        },
        pending: notPending,
        receipt:
          e.receiptNameRefs.length > 0
            ? { nameRefs: [...e.receiptNameRefs], notes: e.notes, completedAt: at }
            : undefined,
      });
    case 'PaymentFailed':
      return change({
        set: {
          process_state: 'Failed',
          completion_code: e.completionCode,
          status_desc: e.statusDesc,
          failure_how: e.how,
          finished_at: at,
        },
        pending: notPending,
      });
    case 'ProcessErrorRaised':
      return change({
        set: { process_state: 'ProcessError', status_desc: e.statusDesc, finished_at: at },
        pending: notPending,
      });
    case 'ProcessStateChangeDeclined':
      return change({ set: {} });
    case 'PaymentLogRemoved':
      return change({ set: { log_removed_at: at }, pending: notPending });
  }
}

function startColumns(payId: string, e: PaymentStarted, at: string): StartColumns {
  const c = e.context;
  return {
    pay_id: payId,
    stream_id: `${PAYMENT_STREAM_PREFIX}${payId}`,
    iotp_trans_id: c.iotpTransId,
    payment_ref: c.paymentRef,
    merchant_org_id: c.merchantOrgId,
    consumer_payment_id: c.consumerPaymentId ?? null,
    brand_id: c.brandId,
    protocol_id: c.protocolId,
    protocol_brand_id: c.protocolBrandId,
    amount: DECIMAL.test(c.amount) ? c.amount : null, // numeric from the decimal string: never a float
    amount_text: c.amount,
    currency: c.currency,
    process_state: 'InProgress',
    started_at: at,
  };
}

/** One row per scheme message; outbound ones keep their content (ours, no secret), inbound only digests. */
function schemeMessages(e: SchemeMessageReceived | SchemeMessageSent): PaymentChange['schemeMessages'] {
  const rows: SchemeMessageRow[] =
    e.type === 'SchemeMessageReceived'
      ? e.messages.map((m) => ({ d: 'in', name: m.name ?? null, sha256: m.sha256, packaged: null }))
      : e.messages.map((m) => ({
          d: 'out',
          name: m.name ?? null,
          sha256: digestOf(m),
          packaged: { name: m.name, content: m.content, transform: m.transform, value: m.value },
        }));
  return { sequence: e.sequence, rows };
}
