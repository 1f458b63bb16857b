// A payment worker that dies mid-request (SIGKILL after its effect, before the reply and the offset
// commit), for the redelivery test in messaging.kafka.int.spec.ts. Run with test/support/run-ts.js.
// Env: KAFKA_BROKERS, TOPIC, EFFECTS_FILE. Prints "ready" once it owns the topic's partitions.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { logLevel } from 'kafkajs';
import { jsonCodec, KafkaPaymentApiTransport } from '../../libs/messaging/src/kafka';
import { KAFKA_TEST_TUNING } from './kafka-tuning';

const { KAFKA_BROKERS, TOPIC, EFFECTS_FILE } = process.env as Record<string, string>;

async function main(): Promise<void> {
  const transport = new KafkaPaymentApiTransport<{ n: number }, { echoed: number }>({
    brokers: KAFKA_BROKERS.split(','),
    codec: jsonCodec(),
    ...KAFKA_TEST_TUNING,
    kafkaLogLevel: logLevel.NOTHING,
  });
  await transport.serve(TOPIC, async (request, meta) => {
    // The idempotent effect (an append keyed by the command id), then death before the reply.
    const seen = existsSync(EFFECTS_FILE) ? readFileSync(EFFECTS_FILE, 'utf8').split('\n') : [];
    if (!seen.includes(meta.correlationId)) appendFileSync(EFFECTS_FILE, `${meta.correlationId}\n`);
    process.stdout.write(`crashing ${meta.correlationId} ${request.n}\n`, () =>
      process.kill(process.pid, 'SIGKILL'),
    );
    return new Promise<never>(() => undefined);
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
