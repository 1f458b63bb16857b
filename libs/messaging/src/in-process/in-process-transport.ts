import { randomUUID } from 'node:crypto';
import {
  type LateReply,
  NoHandlerError,
  type PaymentApiTransport,
  type RequestHandler,
  type RequestMeta,
  RequestTimeoutError,
  TransportClosedError,
} from '../transport.port';
import { handlerIndexForKey } from './key-hash';
import { KeyedSerialQueue } from './keyed-serial-queue';

export interface InProcessTransportOptions {
  /** Where late replies go when no onLateReply handler is registered. Default console.warn. */
  readonly warn?: (message: string, details?: unknown) => void;
}

/**
 * The PaymentApiTransport inside one process (architecture §6): the same contract as Kafka
 * (per-key order, time-outs, late replies) with the request and reply objects handed over as they are.
 */
export class InProcessPaymentApiTransport<TReq = unknown, TRes = unknown> implements PaymentApiTransport<
  TReq,
  TRes
> {
  private readonly handlers = new Map<string, RequestHandler<TReq, TRes>[]>();
  private readonly queue = new KeyedSerialQueue();
  private readonly lateReplyHandlers: ((late: LateReply<TRes>) => void)[] = [];
  private readonly warn: (message: string, details?: unknown) => void;
  private closing: Promise<void> | undefined;

  constructor(options: InProcessTransportOptions = {}) {
    this.warn = options.warn ?? ((message, details) => console.warn(message, details ?? ''));
  }

  async request(
    topic: string,
    key: string,
    request: TReq,
    options: { timeoutMs: number; correlationId?: string },
  ): Promise<TRes> {
    if (this.closing) throw new TransportClosedError(topic);
    if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0: ${options.timeoutMs}`);
    if (!this.handlers.get(topic)?.length) throw new NoHandlerError(topic);
    const meta: RequestMeta = {
      correlationId: options.correlationId ?? randomUUID(),
      key,
      deadline: Date.now() + options.timeoutMs,
    };
    // Order is per topic and key, as a Kafka partition belongs to one topic.
    const handled = this.queue.run(`${topic}\u0000${key}`, async () =>
      this.handlerFor(topic, key)(request, meta),
    );
    return new Promise<TRes>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new RequestTimeoutError(topic, meta.correlationId, options.timeoutMs));
      }, options.timeoutMs);
      handled.then(
        (reply) => {
          if (!timedOut) {
            clearTimeout(timer);
            resolve(reply);
          } else this.deliverLate({ topic, correlationId: meta.correlationId, key, reply });
        },
        (error: unknown) => {
          if (!timedOut) {
            clearTimeout(timer);
            reject(error);
          } else this.warn(`late failure on ${topic} for ${meta.correlationId} (key ${key})`, error);
        },
      );
    });
  }

  async serve(topic: string, handler: RequestHandler<TReq, TRes>): Promise<void> {
    if (this.closing) throw new TransportClosedError(topic);
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  onLateReply(handler: (late: LateReply<TRes>) => void): void {
    this.lateReplyHandlers.push(handler);
  }

  async ping(): Promise<void> {
    if (this.closing) throw new TransportClosedError();
  }

  /** Refuses new requests at once, then resolves when every accepted request has been handled. */
  close(): Promise<void> {
    this.closing ??= this.queue.whenIdle();
    return this.closing;
  }

  /** Chosen when the request's turn comes, so handlers registered meanwhile take their share. */
  private handlerFor(topic: string, key: string): RequestHandler<TReq, TRes> {
    const handlers = this.handlers.get(topic)!;
    return handlers[handlerIndexForKey(key, handlers.length)]!;
  }

  private deliverLate(late: LateReply<TRes>): void {
    if (this.lateReplyHandlers.length === 0) {
      this.warn(
        `late reply on ${late.topic} for ${late.correlationId} (key ${late.key}); no onLateReply handler`,
        late,
      );
      return;
    }
    for (const handler of this.lateReplyHandlers) {
      try {
        handler(late);
      } catch (error) {
        this.warn(`onLateReply handler failed for ${late.correlationId}`, error);
      }
    }
  }
}
