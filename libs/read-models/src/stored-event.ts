/**
 * What the projections read of a stored event: structurally the event store's RecordedEvent, so
 * this lib needs no adapter. The iotptx- shapes below are the read side's own minimal view of the
 * gateway's IOTP transaction events (apps/gateway/src/transaction/iotp-transaction.events.ts): only
 * the fields the log shows; apps and libs never import an app.
 */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: {
    readonly commandId?: string;
    readonly correlationId?: string;
    readonly schemaVersion?: number;
    readonly occurredAt?: string;
    readonly [extra: string]: unknown;
  };
  readonly recordedAt: Date;
}

export const IOTP_TRANSACTION_STREAM_PREFIX = 'iotptx-';

/** Fields of the gateway's IOTP transaction events that the payment log shows (all optional: a read side tolerates drift). */
export interface IotpTransactionEventView {
  readonly payId?: string;
  readonly bridgeId?: string;
  readonly merchantId?: string;
  readonly paymentRef?: string;
  readonly names?: readonly string[];
  readonly inMsgId?: string;
  readonly outMsgId?: string;
  readonly answer?: string | null;
  readonly received?: boolean;
  readonly processState?: string;
  readonly completionCode?: string;
  readonly recoverable?: boolean;
  readonly sentByUs?: boolean;
  readonly errorComp?: { readonly attrs?: Readonly<Record<string, string>> };
}
