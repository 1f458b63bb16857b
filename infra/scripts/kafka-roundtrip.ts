// Request/reply round trip of the Kafka transport on a real broker (JSON codec, echo handler, one
// process as requester and worker). Run: node test/support/run-ts.js infra/scripts/kafka-roundtrip.ts
// with the broker up (KAFKA_BROKERS, default 127.0.0.1:9092). Prints p50/p99 sequential, the
// saturated rate with 64 in flight, and p50/p99 at half that rate (open loop).
import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { jsonCodec, KafkaPaymentApiTransport } from '../../libs/messaging/src/kafka';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (n: number): string => `${n.toFixed(2)} ms`;

async function main(): Promise<void> {
  const transport = new KafkaPaymentApiTransport<{ n: number }, { n: number }>({
    brokers,
    codec: jsonCodec(),
    createTopics: { partitions: 6, replicationFactor: 1 },
    kafkaLogLevel: logLevel.ERROR,
  });
  const topic = `paymentapi.bench-${randomUUID().slice(0, 6)}.requests`;
  await transport.serve(topic, async (request) => request);
  const once = async (n: number): Promise<number> => {
    const start = process.hrtime.bigint();
    await transport.request(topic, `PAY-${n % 1000}`, { n }, { timeoutMs: 10_000 });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 300; i++) await once(i); // warm-up

  const sequential: number[] = [];
  for (let i = 0; i < 2_000; i++) sequential.push(await once(i));
  sequential.sort((a, b) => a - b);
  console.warn(`sequential: p50 ${ms(pct(sequential, 0.5))}, p99 ${ms(pct(sequential, 0.99))} (n=2000)`);

  let sent = 0;
  const total = 20_000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (sent < total) await once(sent++);
    }),
  );
  const maxRate = total / ((Date.now() - started) / 1000);
  console.warn(`saturated (64 in flight): ${maxRate.toFixed(0)} round trips/s`);

  const rate = maxRate / 2;
  const durationMs = 5_000;
  const latencies: number[] = [];
  const jobs: Promise<void>[] = [];
  const t0 = Date.now();
  let k = 0;
  while (Date.now() - t0 < durationMs) {
    const due = Math.floor(((Date.now() - t0) / 1000) * rate);
    while (k < due) jobs.push(once(k++).then((l) => void latencies.push(l)));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(jobs);
  latencies.sort((a, b) => a - b);
  console.warn(
    `open loop at ${rate.toFixed(0)}/s (half the saturated rate): p50 ${ms(pct(latencies, 0.5))}, ` +
      `p99 ${ms(pct(latencies, 0.99))} (n=${latencies.length})`,
  );
  await transport.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
