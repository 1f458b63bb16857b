import { randomUUID } from 'node:crypto';
import { type Consumer, type IHeaders, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { HEADER } from '../../../libs/messaging/src/kafka';

/** A record as a raw consumer saw it (key, value, headers as strings). */
export interface SeenRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * A consumer in a group of its own that reads `topic` from its start and keeps every record: lets a
 * fault test look at (and replay) what the gateway and the workers exchanged, without taking part.
 */
export interface RecordTap {
  readonly records: SeenRecord[];
  /** Resolves with the first kept record that matches (waiting for it if need be). */
  waitFor(match: (r: SeenRecord) => boolean, what: string, timeoutMs?: number): Promise<SeenRecord>;
  close(): Promise<void>;
}

export function rawKafka(brokers: readonly string[]): Kafka {
  return new Kafka({ clientId: 'fault-test', brokers: [...brokers], logLevel: logLevel.NOTHING });
}

export async function tapTopic(brokers: readonly string[], topic: string): Promise<RecordTap> {
  const consumer: Consumer = rawKafka(brokers).consumer({
    groupId: `fault-test-tap-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  const records: SeenRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => (off(), resolve()));
  });
  await consumer.run({
    eachMessage: async ({ partition, message }) => void records.push(seen(partition, message)),
  });
  await joined;
  return {
    records,
    async waitFor(match, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = records.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${topic}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => consumer.disconnect(),
  };
}

function seen(partition: number, message: KafkaMessage): SeenRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null) headers[name] = first.toString();
  }
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}

export const correlationIdOf = (r: SeenRecord): string | undefined => r.headers[HEADER.correlationId];

/** Produces `record` again, byte for byte (same key, value and headers; a fresh deadline): a redelivery. */
export async function produceAgain(
  brokers: readonly string[],
  topic: string,
  record: SeenRecord,
): Promise<void> {
  const producer = rawKafka(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const headers: IHeaders = { ...record.headers, [HEADER.deadline]: String(Date.now() + 30_000) };
    await producer.send({
      topic,
      messages: [{ key: record.key, value: record.value, headers, partition: record.partition }],
    });
  } finally {
    await producer.disconnect();
  }
}
