/**
 * The transport port (architecture §6): request/reply between the gateway (IOTP Application Core)
 * and the payment workers (IOTP Payment Bridges), keyed by PaymentHandlerPayId so that one worker
 * owns a payment at a time. Payloads are opaque here; the Kafka adapter serialises them with an
 * injected codec (the RFC 3867 XML envelope), the in-process adapter hands the object over as it is.
 */

export interface RequestMeta {
  /** Unique per request (also the idempotency key a worker may use). */
  readonly correlationId: string;
  /** Partition key: the PaymentHandlerPayId (or the IOTP transaction id before one exists). */
  readonly key: string;
  /** Epoch milliseconds after which the requester no longer waits. */
  readonly deadline: number;
}

export type RequestHandler<TReq, TRes> = (request: TReq, meta: RequestMeta) => Promise<TRes>;

export interface LateReply<TRes> {
  readonly topic: string;
  readonly correlationId: string;
  readonly key: string;
  readonly reply: TRes;
}

export class RequestTimeoutError extends Error {
  constructor(
    readonly topic: string,
    readonly correlationId: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply on ${topic} for ${correlationId} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export class NoHandlerError extends Error {
  constructor(readonly topic: string) {
    super(`no worker serves ${topic}`);
    this.name = 'NoHandlerError';
  }
}

/** The transport is closing or closed: it takes no new requests. */
export class TransportClosedError extends Error {
  constructor(readonly topic?: string) {
    super(topic === undefined ? 'transport is closed' : `transport is closed: no new requests on ${topic}`);
    this.name = 'TransportClosedError';
  }
}

export interface PaymentApiTransport<TReq = unknown, TRes = unknown> {
  /**
   * Sends `request` to the handlers of `topic` (e.g. 'paymentapi.hash-secret.requests') and waits
   * for the reply. @throws RequestTimeoutError after timeoutMs (the reply, if it still comes, goes
   * to the late-reply handler), NoHandlerError when nothing serves the topic (in-process only).
   */
  request(
    topic: string,
    key: string,
    request: TReq,
    options: { timeoutMs: number; correlationId?: string },
  ): Promise<TRes>;
  /** Registers the handler of a topic (a worker); several registrations of one topic share the load. */
  serve(topic: string, handler: RequestHandler<TReq, TRes>): Promise<void>;
  /** Replies that arrive after their requester gave up. Never silently dropped. */
  onLateReply(handler: (late: LateReply<TRes>) => void): void;
  /** For /readyz. */
  ping(): Promise<void>;
  /** Stops taking new requests, waits for in-flight handlers, then closes. */
  close(): Promise<void>;
}

export const PAYMENT_API_TRANSPORT = Symbol('PaymentApiTransport');
