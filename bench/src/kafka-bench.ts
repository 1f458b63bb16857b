import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopicOf, jsonCodec, KafkaPaymentApiTransport } from '../../libs/messaging/src/kafka';
import { closedLoop, type LoadResult } from './load';
import { openLoop } from './open-loop';
import { log } from './processes';
import { DURATION_MS, progress } from './settings';

export const KAFKA_IN_FLIGHT = 64;

export interface KafkaBench {
  /** Saturated: KAFKA_IN_FLIGHT requests in flight, closed loop. */
  readonly max: LoadResult;
  /** Open loop at half the saturated rate. */
  readonly half: LoadResult;
  readonly halfRate: number;
}

interface Echo {
  readonly n: number;
  readonly pad: string;
}

/**
 * (b) The transport's request/reply round trip on the real broker: produce a keyed request, a worker
 * consumer in the same process echoes it, the reply comes back on the requester's reply partition. A
 * 1.9 KB payload (like an envelope). Warmed up first; then the saturated rate with 64 in flight, then
 * the latency at half that rate (open loop, so a slow reply does not slow the offered load).
 */
export async function benchKafka(brokers: readonly string[]): Promise<KafkaBench> {
  const topic = `paymentapi.bench-${randomUUID().slice(0, 8)}.requests`;
  const transport = new KafkaPaymentApiTransport<Echo, Echo>({
    brokers,
    codec: jsonCodec(),
    createTopics: { partitions: 6, replicationFactor: 1 },
    kafkaLogLevel: logLevel.ERROR,
    log: { warn: () => undefined, error: (m) => log(`  kafka: ${m}`) },
  });
  const pad = 'x'.repeat(1900);
  let n = 0;
  const once = async (): Promise<boolean> => {
    const k = n++;
    const reply = await transport.request(topic, `PAY-${k % 1000}`, { n: k, pad }, { timeoutMs: 10_000 });
    return reply.n === k;
  };
  try {
    log(`• Kafka request/reply: warming up (${topic})`);
    await transport.serve(topic, async (request) => request);
    await closedLoop(KAFKA_IN_FLIGHT, Math.min(3_000, DURATION_MS), once);
    log(`• Kafka request/reply: ${KAFKA_IN_FLIGHT} in flight, ${DURATION_MS / 1000} s`);
    const max = await closedLoop(KAFKA_IN_FLIGHT, DURATION_MS, once, progress('round trips'));
    const halfRate = max.completed / max.seconds / 2;
    log(
      `• Kafka request/reply: open loop at ${halfRate.toFixed(0)}/s (half the saturated rate), ${DURATION_MS / 1000} s`,
    );
    const half = await openLoop(halfRate, DURATION_MS, once, progress('round trips'));
    return { max, half, halfRate };
  } finally {
    await transport.close();
    await deleteTopics(brokers, [topic, deadLetterTopicOf(topic)]);
  }
}

/** The bench's topics go away again (matters on a broker given by KAFKA_BROKERS). */
async function deleteTopics(brokers: readonly string[], topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'bench', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics });
  } catch {
    // left behind: harmless
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
