import { PAYMENT_EVENT_NAMESPACE, uuidV5 } from '../uuid-v5';
import {
  PAYMENT_EVENT_SCHEMA_VERSIONS,
  isPaymentEventType,
  type PaymentEvent,
  type PaymentEventType,
} from './events';

/** Metadata the worker supplies (the domain never reads a clock). */
export interface PaymentEventMeta {
  /** The IOTP TransId. */
  readonly correlationId: string;
  /** The message or event that caused the command. */
  readonly causationId: string;
  /** ISO-8601 time the worker decided. */
  readonly occurredAt: string;
}

/** Structurally the EventStore port's NewEvent (payments must not depend on event-store). */
export interface PaymentNewEvent {
  readonly eventId: string;
  readonly type: PaymentEventType;
  readonly data: Omit<PaymentEvent, 'type'>;
  readonly metadata: {
    readonly commandId: string;
    readonly correlationId: string;
    readonly causationId: string;
    readonly schemaVersion: number;
    readonly occurredAt: string;
  };
}

/**
 * Deterministic id of the index-th event of a command: a retried append is recognised by the store.
 * `attempt` > 0 numbers the re-executions of a call that ended in a suspension (a reissued Resume).
 */
export const paymentEventId = (streamId: string, commandId: string, index: number, attempt = 0): string =>
  uuidV5(
    attempt === 0 ? `${streamId}|${commandId}|${index}` : `${streamId}|${commandId}#${attempt}|${index}`,
    PAYMENT_EVENT_NAMESPACE,
  );

export function toNewEvents(
  streamId: string,
  commandId: string,
  events: readonly PaymentEvent[],
  meta: PaymentEventMeta,
  attempt = 0,
): PaymentNewEvent[] {
  return events.map(({ type, ...data }, index) => ({
    eventId: paymentEventId(streamId, commandId, index, attempt),
    type,
    data,
    metadata: { commandId, ...meta, schemaVersion: PAYMENT_EVENT_SCHEMA_VERSIONS[type] },
  }));
}

export class UnknownPaymentEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number | undefined,
  ) {
    super(`cannot read payment event ${eventType} v${String(schemaVersion)}`);
    this.name = 'UnknownPaymentEventError';
  }
}

/** A stored event (RecordedEvent of the port) back to a domain event; the place for upcasters. */
export function fromStoredEvent(stored: {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: { readonly schemaVersion?: number };
}): PaymentEvent {
  const version = stored.metadata?.schemaVersion;
  if (
    !isPaymentEventType(stored.type) ||
    (version !== undefined && version > PAYMENT_EVENT_SCHEMA_VERSIONS[stored.type])
  ) {
    throw new UnknownPaymentEventError(stored.type, version);
  }
  return { ...(stored.data as object), type: stored.type } as PaymentEvent;
}
