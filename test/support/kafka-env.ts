/**
 * For suites that need the Kafka broker: KAFKA_BROKERS (set by the caller, or by global-setup after
 * starting the test broker). Without one the suite reports a single skipped test whose title says why.
 */
export function kafkaBrokers(): string[] | undefined {
  const value = process.env.KAFKA_BROKERS;
  return value ? value.split(',').map((b) => b.trim()) : undefined;
}

export function kafkaSkipReason(): string {
  return (
    process.env.KAFKA_UNAVAILABLE ??
    'no Kafka broker: KAFKA_BROKERS is not set and the test run started none (global-setup)'
  );
}

/** The env of `infra/scripts/kafka.mjs` for the broker this run started (undefined for an outside one). */
export function testBrokerEnv(): Record<string, string> | undefined {
  const value = process.env.KAFKA_TEST_BROKER_ENV;
  return value ? (JSON.parse(value) as Record<string, string>) : undefined;
}

export function describeWithKafka(name: string, body: (brokers: string[]) => void): void {
  const brokers = kafkaBrokers();
  if (!brokers) {
    const reason = kafkaSkipReason();
    describe(name, () => {
      // Skipped on purpose: no broker could be started (no Java/Maven); the title says why.
      it.skip(`SKIPPED (Kafka unavailable): ${reason}`, () => undefined);
    });
    console.warn(`${name}: skipped: ${reason}`);
    return;
  }
  describe(name, () => body(brokers));
}
