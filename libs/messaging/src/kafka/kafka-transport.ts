import { randomUUID } from 'node:crypto';
import os from 'node:os';
import {
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel,
  type LogEntry,
  Partitioners,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import { KeyedSerialQueue } from '../in-process/keyed-serial-queue';
import {
  type LateReply,
  NoHandlerError,
  type PaymentApiTransport,
  type RequestHandler,
  type RequestMeta,
  RequestTimeoutError,
  TransportClosedError,
} from '../transport.port';
import { BatchingSender } from './batching-sender';
import type { PaymentApiCodec } from './codec';
import { fixedPartitionAssigner } from './fixed-partition-assigner';
import { HEADER, headerPartition, headerString } from './headers';
import { PartitionProgress } from './partition-progress';
import {
  deadLetterTopicOf,
  ensureTopicConfigs,
  paymentApiTopics,
  REPLY_TOPIC,
  type TopicSettings,
  workerGroupOf,
} from './topics';

export interface TransportLog {
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

export interface KafkaTransportOptions<TReq, TRes> {
  /** e.g. ['127.0.0.1:9092'] (KAFKA_BROKERS, comma-separated). */
  readonly brokers: readonly string[];
  readonly codec: PaymentApiCodec<TReq, TRes>;
  readonly clientId?: string;
  /**
   * This requester's identity: its reply consumer group is `<replyTopic>.<instanceId>` and replies
   * carry it back. Give a stable one (e.g. `gateway-0`) to pick up, after a restart, replies that
   * came while it was down (as late replies). Default: an ephemeral id whose group is deleted on close.
   */
  readonly instanceId?: string;
  readonly replyTopic?: string;
  /**
   * The reply partition this requester consumes (one per gateway instance, e.g. its ordinal). Two
   * instances on one partition still work (each ignores the other's replies) but both read all of them.
   */
  readonly replyPartition?: number;
  /** Create the request, dead-letter and reply topics that are missing, with these settings. Default: no. */
  readonly createTopics?: TopicSettings | false;
  /** Records taken and not yet handled per worker consumer before it stops fetching. Default 1000. */
  readonly maxInFlightPerConsumer?: number;
  /** Consumer group session time-out (a dead worker's partitions move after it). Default 10 s. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Longest a fetch waits for data (also how often an idle consumer heartbeats). Default 500 ms. */
  readonly maxWaitTimeMs?: number;
  /** How long serve() and the first request() wait for their consumer to join its group. Default 30 s. */
  readonly readyTimeoutMs?: number;
  /** kafkajs retry settings for the client (reconnects after a broker restart). */
  readonly retry?: RetryOptions;
  readonly log?: TransportLog;
  /** kafkajs' own log lines at or above this level go to `log`. Default WARN. */
  readonly kafkaLogLevel?: logLevel;
}

/** The worker's handler failed, or could not decode the request: the requester gets this. */
export class RemoteHandlerError extends Error {
  constructor(
    readonly topic: string,
    readonly correlationId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteHandlerError';
  }
}

interface Pending<TRes> {
  readonly topic: string;
  readonly key: string;
  readonly resolve: (reply: TRes) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/** Remembers the last `limit` keys (insertion order). */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: string, value: V): this {
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value!);
    return this;
  }
}

const EMPTY = Buffer.alloc(0);
const DEFAULT_RETRY: RetryOptions = { initialRetryTime: 250, maxRetryTime: 5_000, retries: 12 };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * PaymentApiTransport over Kafka (architecture §6), on kafkajs.
 *
 * Requester: a request goes to `topic` keyed by the PaymentHandlerPayId with the reply address in
 * `kafka_replyTopic` / `kafka_replyPartition` and `kafka_correlationId`; replies are read from the
 * requester's own partition of `paymentapi.replies` (a one-member group per instance, see
 * {@link fixedPartitionAssigner}). Time-outs reject with RequestTimeoutError; a reply after that goes
 * to the onLateReply handlers.
 *
 * Worker: one consumer per serve() in the group `paymentapi.<bridge>.workers`; records of one key
 * are handled one at a time in offset order, different keys of a partition in parallel (no
 * head-of-line blocking between payments). The offset is committed only up to the first record whose
 * handler has not resolved (the handler appends before it returns), so a crash redelivers, never skips.
 * A record the codec cannot decode, or whose handler throws, goes to `paymentapi.<bridge>.dead-letter`
 * with a `reason` header and the original payload, and the requester gets the error at once.
 */
export class KafkaPaymentApiTransport<TReq = unknown, TRes = unknown> implements PaymentApiTransport<
  TReq,
  TRes
> {
  readonly instanceId: string;
  readonly replyTopic: string;
  readonly replyPartition: number;
  private readonly kafka: Kafka;
  private readonly codec: PaymentApiCodec<TReq, TRes>;
  private readonly log: TransportLog;
  private readonly ephemeralInstance: boolean;
  private readonly pending = new Map<string, Pending<TRes>>();
  private readonly timedOut = new BoundedMap<{ topic: string; key: string }>(10_000);
  private readonly answered = new BoundedMap<true>(10_000);
  private readonly lateReplyHandlers: ((late: LateReply<TRes>) => void)[] = [];
  private readonly workers: TopicWorker<TReq, TRes>[] = [];
  private readonly ensuredTopics = new Set<string>();
  private accepted = 0;
  private idleWaiters: (() => void)[] = [];
  private producer: Promise<{ producer: Producer; sender: BatchingSender }> | undefined;
  private admin: Promise<Admin> | undefined;
  private requester: Promise<Consumer> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: KafkaTransportOptions<TReq, TRes>) {
    this.codec = options.codec;
    this.log = options.log ?? {
      warn: (message, details) => console.warn(message, details ?? ''),
      error: (message, details) => console.error(message, details ?? ''),
    };
    this.ephemeralInstance = options.instanceId === undefined;
    this.instanceId = options.instanceId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.replyTopic = options.replyTopic ?? REPLY_TOPIC;
    this.replyPartition = options.replyPartition ?? 0;
    const level = options.kafkaLogLevel ?? logLevel.WARN;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'iotp-payment-handler',
      brokers: [...options.brokers],
      retry: options.retry ?? DEFAULT_RETRY,
      logLevel: level,
      logCreator:
        () =>
        ({ level: entryLevel, log: entry }: LogEntry) => {
          const { message, ...details } = entry;
          (entryLevel <= logLevel.ERROR ? this.log.error : this.log.warn).call(
            this.log,
            `kafkajs: ${message}`,
            details,
          );
        },
    });
  }

  // ---------------------------------------------------------------- requester

  async request(
    topic: string,
    key: string,
    request: TReq,
    options: { timeoutMs: number; correlationId?: string },
  ): Promise<TRes> {
    if (this.closing) throw new TransportClosedError(topic);
    if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0: ${options.timeoutMs}`);
    // Accepted: close() waits for it to settle (reply, error or time-out).
    this.accepted += 1;
    try {
      return await this.exchange(topic, key, request, options);
    } finally {
      this.accepted -= 1;
      if (this.accepted === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    }
  }

  private async exchange(
    topic: string,
    key: string,
    request: TReq,
    options: { timeoutMs: number; correlationId?: string },
  ): Promise<TRes> {
    // The first request waits for the reply consumer; the time-out counts from when it is there.
    await this.startRequester();
    const { sender } = await this.connectProducer();
    const correlationId = options.correlationId ?? randomUUID();
    if (this.pending.has(correlationId)) throw new Error(`a request ${correlationId} is already in flight`);
    const value = this.codec.encodeRequest(request);
    const deadline = Date.now() + options.timeoutMs;

    const reply = new Promise<TRes>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.settle(correlationId, false)) return;
        this.timedOut.set(correlationId, { topic, key });
        reject(new RequestTimeoutError(topic, correlationId, options.timeoutMs));
      }, options.timeoutMs);
      this.pending.set(correlationId, { topic, key, resolve, reject, timer });
    });
    const headers: IHeaders = {
      [HEADER.correlationId]: correlationId,
      [HEADER.replyTopic]: this.replyTopic,
      [HEADER.replyPartition]: String(this.replyPartition),
      [HEADER.deadline]: String(deadline),
      [HEADER.requester]: this.instanceId,
    };
    sender.send(topic, { key, value, headers }).catch((error: unknown) => {
      const pending = this.pending.get(correlationId);
      if (!pending || !this.settle(correlationId, true)) return;
      const unknownTopic = (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
      pending.reject(unknownTopic ? new NoHandlerError(topic) : error);
    });
    return reply;
  }

  onLateReply(handler: (late: LateReply<TRes>) => void): void {
    this.lateReplyHandlers.push(handler);
  }

  /** Connects the reply consumer (done by the first request; call it on start for a ready probe). */
  startRequester(): Promise<Consumer> {
    this.requester ??= this.connectRequester().catch((error: unknown) => {
      this.requester = undefined;
      throw error;
    });
    return this.requester;
  }

  private async connectRequester(): Promise<Consumer> {
    const admin = await this.connectAdmin();
    if (this.options.createTopics)
      await this.ensure(paymentApiTopics([], this.options.createTopics, this.replyTopic));
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [this.replyTopic] })).topics;
    const partitions = metadata?.partitions.length ?? 0;
    if (this.replyPartition < 0 || this.replyPartition >= partitions) {
      throw new RangeError(
        `reply partition ${this.replyPartition} does not exist: ${this.replyTopic} has ${partitions} partitions`,
      );
    }
    const groupId = `${this.replyTopic}.${this.instanceId}`;
    // A group without a committed offset starts at the end of the partition as it was before the
    // first request went out (seek below); a stable instance id resumes where it stopped, so replies
    // that came while it was down reach the late-reply handlers. (admin.setOffsets would do the same
    // but costs kafkajs about 5 s.)
    const [committed] = await admin.fetchOffsets({ groupId, topics: [this.replyTopic] });
    const mine = committed?.partitions.find((p) => p.partition === this.replyPartition);
    const startAt =
      !mine || mine.offset === '-1'
        ? (await admin.fetchTopicOffsets(this.replyTopic)).find((p) => p.partition === this.replyPartition)!
            .high
        : undefined;
    const consumer = this.kafka.consumer({
      groupId,
      partitionAssigners: [fixedPartitionAssigner(this.replyTopic, this.replyPartition)],
      ...this.consumerTuning(),
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.replyTopic], fromBeginning: false });
    const joined = waitForJoin(consumer, this.readyTimeoutMs, `reply consumer ${groupId}`);
    await consumer.run({ autoCommit: true, eachMessage: async ({ message }) => this.onReply(message) });
    await joined;
    if (startAt !== undefined)
      consumer.seek({ topic: this.replyTopic, partition: this.replyPartition, offset: startAt });
    return consumer;
  }

  private onReply(message: KafkaMessage): void {
    const headers = message.headers;
    const correlationId = headerString(headers, HEADER.correlationId);
    if (correlationId === undefined) {
      this.log.warn(
        `reply without ${HEADER.correlationId} on ${this.replyTopic} at offset ${message.offset}`,
      );
      return;
    }
    const requester = headerString(headers, HEADER.requester);
    if (requester !== undefined && requester !== this.instanceId) return; // another instance on this partition
    const error = headerString(headers, HEADER.error);
    const pending = this.pending.get(correlationId);
    if (pending) {
      this.settle(correlationId, true);
      if (error !== undefined)
        return pending.reject(new RemoteHandlerError(pending.topic, correlationId, error));
      try {
        pending.resolve(this.codec.decodeReply(message.value ?? EMPTY));
      } catch (decodeError) {
        pending.reject(
          new RemoteHandlerError(
            pending.topic,
            correlationId,
            `undecodable reply: ${messageOf(decodeError)}`,
          ),
        );
      }
      return;
    }
    const asked = this.timedOut.get(correlationId);
    // The same reply again (its request was redelivered to a worker): already answered or reported.
    if (asked === undefined && this.answered.has(correlationId)) return;
    this.answered.set(correlationId, true);
    this.timedOut.delete(correlationId);
    const topic = asked?.topic ?? headerString(headers, HEADER.requestTopic) ?? 'unknown';
    const key = asked?.key ?? message.key?.toString('utf8') ?? '';
    if (error !== undefined) {
      this.log.warn(`late failure on ${topic} for ${correlationId} (key ${key}): ${error}`);
      return;
    }
    let reply: TRes;
    try {
      reply = this.codec.decodeReply(message.value ?? EMPTY);
    } catch (decodeError) {
      this.log.error(`undecodable late reply on ${topic} for ${correlationId}`, decodeError);
      return;
    }
    this.deliverLate({ topic, correlationId, key, reply });
  }

  /** Removes a pending request (false if it was settled already); `answered`: a reply came. */
  private settle(correlationId: string, answered: boolean): boolean {
    const pending = this.pending.get(correlationId);
    if (!pending) return false;
    clearTimeout(pending.timer);
    this.pending.delete(correlationId);
    if (answered) this.answered.set(correlationId, true);
    return true;
  }

  private deliverLate(late: LateReply<TRes>): void {
    if (this.lateReplyHandlers.length === 0) {
      this.log.warn(
        `late reply on ${late.topic} for ${late.correlationId} (key ${late.key}); no onLateReply handler`,
        late,
      );
      return;
    }
    for (const handler of this.lateReplyHandlers) {
      try {
        handler(late);
      } catch (error) {
        this.log.warn(`onLateReply handler failed for ${late.correlationId}`, error);
      }
    }
  }

  // ---------------------------------------------------------------- worker

  async serve(topic: string, handler: RequestHandler<TReq, TRes>): Promise<void> {
    if (this.closing) throw new TransportClosedError(topic);
    if (this.options.createTopics)
      await this.ensure(paymentApiTopics([topic], this.options.createTopics, undefined));
    const { sender } = await this.connectProducer();
    const consumer = this.kafka.consumer({ groupId: workerGroupOf(topic), ...this.consumerTuning() });
    const worker = new TopicWorker(topic, handler, consumer, sender, this.codec, this.log, {
      maxInFlight: this.options.maxInFlightPerConsumer ?? 1000,
    });
    this.workers.push(worker);
    await worker.start(this.readyTimeoutMs);
  }

  // ---------------------------------------------------------------- lifecycle

  async ping(): Promise<void> {
    if (this.closing) throw new TransportClosedError();
    const admin = await this.connectAdmin();
    await admin.describeCluster();
    const crashed = this.workers.find((w) => w.crashed);
    if (crashed) throw new Error(`the worker consumer of ${crashed.topic} has stopped: ${crashed.crashed}`);
  }

  /**
   * Refuses new requests at once; waits for this requester's pending requests (reply or time-out),
   * then for the handlers in flight (records fetched but not started are left uncommitted for the
   * next owner), commits, and disconnects.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    if (this.accepted > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await Promise.all(this.workers.map((w) => w.stop()));
    const requester = await this.requester?.catch(() => undefined);
    await requester?.disconnect();
    if (requester && this.ephemeralInstance) {
      const admin = await this.admin?.catch(() => undefined);
      await admin?.deleteGroups([`${this.replyTopic}.${this.instanceId}`]).catch(() => undefined);
    }
    await (await this.producer?.catch(() => undefined))?.producer.disconnect();
    await (await this.admin?.catch(() => undefined))?.disconnect();
  }

  // ---------------------------------------------------------------- plumbing

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 30_000;
  }

  private consumerTuning() {
    return {
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      // A rebalance waits this long for members to rejoin; a dead one leaves after its session time-out.
      rebalanceTimeout: Math.max(this.options.sessionTimeoutMs ?? 10_000, 10_000),
      allowAutoTopicCreation: false,
      retry: { ...(this.options.retry ?? DEFAULT_RETRY), restartOnFailure: async () => true },
    };
  }

  private connectProducer(): Promise<{ producer: Producer; sender: BatchingSender }> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        allowAutoTopicCreation: false,
        // murmur2, as the Java client: a bridge in another language partitions keys the same way.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return { producer, sender: new BatchingSender(producer) };
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private connectAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  private async ensure(topics: ReturnType<typeof paymentApiTopics>): Promise<void> {
    const missing = topics.filter((t) => !this.ensuredTopics.has(t.topic));
    if (missing.length === 0) return;
    await ensureTopicConfigs(await this.connectAdmin(), missing);
    for (const t of missing) this.ensuredTopics.add(t.topic);
  }
}

/** Resolves at the consumer's next group join (its partitions are assigned then). */
function waitForJoin(consumer: Consumer, timeoutMs: number, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      off();
      resolve();
    });
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${what} did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** One serve() registration: a consumer of `topic` in the topic's worker group. */
class TopicWorker<TReq, TRes> {
  crashed: string | undefined;
  private readonly partitions = new Map<number, PartitionProgress>();
  private readonly queue = new KeyedSerialQueue();
  private readonly deadLetterTopic: string;
  private inFlight = 0;
  private slotWaiters: (() => void)[] = [];
  private stopping = false;
  private committing = false;
  private commitAgain = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly topic: string,
    private readonly handler: RequestHandler<TReq, TRes>,
    private readonly consumer: Consumer,
    private readonly sender: BatchingSender,
    private readonly codec: PaymentApiCodec<TReq, TRes>,
    private readonly log: TransportLog,
    private readonly limits: { maxInFlight: number },
  ) {
    this.deadLetterTopic = deadLetterTopicOf(topic);
  }

  async start(readyTimeoutMs: number): Promise<void> {
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.assigned(payload.memberAssignment[this.topic] ?? []),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.crashed = messageOf(payload.error);
    });
    await consumer.connect();
    // A new group reads the topic from its start: nothing sent before the first worker joined is lost.
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    const joined = waitForJoin(consumer, readyTimeoutMs, `worker of ${this.topic}`);
    await consumer.run({ autoCommit: false, eachMessage: (payload) => this.take(payload) });
    await joined;
  }

  /** Finishes the handlers in flight, commits, disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    try {
      this.consumer.pause([{ topic: this.topic }]);
    } catch {
      // not running (start failed): nothing to pause
    }
    this.slotWaiters.splice(0).forEach((wake) => wake());
    await this.queue.whenIdle();
    clearTimeout(this.retryTimer);
    while (this.committing) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.commit().catch((error: unknown) =>
      this.log.warn(`final commit of ${this.topic} failed`, error),
    );
    await this.consumer.disconnect();
  }

  private assigned(partitions: number[]): void {
    const now = new Set(partitions);
    // Partitions that moved away: their handlers in flight finish, but this member commits no more for them.
    for (const partition of [...this.partitions.keys()])
      if (!now.has(partition)) this.partitions.delete(partition);
    for (const partition of partitions) {
      const progress = this.partitions.get(partition);
      if (progress)
        progress.committed = undefined; // recommit the watermark under the new generation
      else this.partitions.set(partition, new PartitionProgress());
    }
  }

  /** kafkajs' eachMessage: returns as soon as the record is queued behind its key (or refused). */
  private async take({ partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    if (this.stopping) return; // left uncommitted: the next owner gets it
    let progress = this.partitions.get(partition);
    if (!progress) {
      progress = new PartitionProgress();
      this.partitions.set(partition, progress);
    }
    const offset = BigInt(message.offset);
    while (this.inFlight >= this.limits.maxInFlight && !this.stopping) {
      await new Promise<void>((resolve) => {
        this.slotWaiters.push(resolve);
        setTimeout(resolve, 1_000);
      });
      await heartbeat().catch(() => undefined);
    }
    if (this.stopping || !progress.take(offset)) return;
    this.inFlight += 1;
    const key = message.key?.toString('utf8') ?? `${partition}:${message.offset}`;
    const taken = progress;
    void this.queue
      .run(key, async () => {
        if (this.stopping) return false; // never started: stays below the watermark, redelivered
        await this.handle(partition, message);
        return true;
      })
      .then(
        (finished) => {
          if (finished) taken.finish(offset);
        },
        (error: unknown) =>
          this.log.error(`handling ${this.topic}[${partition}]@${message.offset} failed`, error),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.slotWaiters.shift()?.();
        this.scheduleCommit();
      });
  }

  private async handle(partition: number, message: KafkaMessage): Promise<void> {
    const headers = message.headers;
    const correlationId =
      headerString(headers, HEADER.correlationId) ?? `${this.topic}/${partition}/${message.offset}`;
    const key = message.key?.toString('utf8') ?? '';
    const deadline = Number(headerString(headers, HEADER.deadline) ?? NaN);
    const meta: RequestMeta = {
      correlationId,
      key,
      deadline: Number.isFinite(deadline) ? deadline : Number(message.timestamp) + 60_000,
    };
    let request: TReq;
    try {
      request = this.codec.decodeRequest(message.value ?? EMPTY);
    } catch (error) {
      await Promise.all([
        this.deadLetter(partition, message, `undecodable request: ${messageOf(error)}`),
        this.reply(message, correlationId, { error: `undecodable request: ${messageOf(error)}` }),
      ]);
      return;
    }
    let value: string | Buffer;
    try {
      value = this.codec.encodeReply(await this.handler(request, meta));
    } catch (error) {
      await Promise.all([
        this.deadLetter(partition, message, `handler failed: ${messageOf(error)}`),
        this.reply(message, correlationId, { error: messageOf(error) }),
      ]);
      return;
    }
    await this.reply(message, correlationId, { value });
  }

  private async reply(
    request: KafkaMessage,
    correlationId: string,
    outcome: { value: string | Buffer } | { error: string },
  ): Promise<void> {
    const replyTopic = headerString(request.headers, HEADER.replyTopic);
    if (replyTopic === undefined) return; // fire-and-forget record: nobody waits
    const partition = headerPartition(request.headers, HEADER.replyPartition);
    const headers: IHeaders = {
      [HEADER.correlationId]: correlationId,
      [HEADER.requestTopic]: this.topic,
    };
    const requester = headerString(request.headers, HEADER.requester);
    if (requester !== undefined) headers[HEADER.requester] = requester;
    if ('error' in outcome) headers[HEADER.error] = outcome.error;
    await this.sendOrLog(
      replyTopic,
      {
        key: request.key,
        value: 'value' in outcome ? outcome.value : null,
        headers,
        ...(partition === undefined ? {} : { partition }),
      },
      `reply ${correlationId}`,
    );
  }

  private async deadLetter(partition: number, message: KafkaMessage, reason: string): Promise<void> {
    this.log.warn(`dead letter from ${this.topic}[${partition}]@${message.offset}: ${reason}`);
    await this.sendOrLog(
      this.deadLetterTopic,
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [HEADER.reason]: reason,
          [HEADER.originalTopic]: this.topic,
          [HEADER.originalPartition]: String(partition),
          [HEADER.originalOffset]: message.offset,
          [HEADER.failedAt]: new Date().toISOString(),
        },
      },
      `dead letter of ${this.topic}[${partition}]@${message.offset}`,
    );
  }

  /**
   * kafkajs already retried (DEFAULT_RETRY: about half a minute); past that the record is logged and
   * passed over rather than block the partition: the effect is in the store, the requester times out.
   */
  private async sendOrLog(
    topic: string,
    message: Parameters<BatchingSender['send']>[1],
    what: string,
  ): Promise<void> {
    try {
      await this.sender.send(topic, message);
    } catch (error) {
      this.log.error(`could not send the ${what} to ${topic}`, {
        error,
        key: message.key?.toString(),
        value: message.value?.toString('base64'),
      });
    }
  }

  private scheduleCommit(): void {
    if (this.committing) {
      this.commitAgain = true;
      return;
    }
    void this.commit().catch((error: unknown) => {
      // Typically a rebalance in progress; the next join recommits the watermark.
      this.log.warn(`committing offsets of ${this.topic} failed; retrying`, messageOf(error));
      if (!this.stopping) this.retryTimer = setTimeout(() => this.scheduleCommit(), 250);
    });
  }

  private async commit(): Promise<void> {
    this.committing = true;
    try {
      do {
        this.commitAgain = false;
        const offsets: { topic: string; partition: number; offset: string }[] = [];
        const marks: [PartitionProgress, bigint][] = [];
        for (const [partition, progress] of this.partitions) {
          const mark = progress.toCommit;
          if (mark === undefined) continue;
          offsets.push({ topic: this.topic, partition, offset: mark.toString() });
          marks.push([progress, mark]);
        }
        if (offsets.length === 0) continue;
        await this.consumer.commitOffsets(offsets);
        for (const [progress, mark] of marks)
          if (progress.committed === undefined || mark > progress.committed) progress.committed = mark;
      } while (this.commitAgain);
    } finally {
      this.committing = false;
    }
  }
}
