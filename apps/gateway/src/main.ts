import {
  ConfigError,
  EnvReader,
  connectEventStore,
  connectKafkaTransport,
  createLogger,
  readEventStoreSettings,
  readKafkaSettings,
} from '@ph/platform';
import { readGatewayConfig } from './config/gateway-config';
import { createGatewayApp } from './gateway.app';
import { TransportPaymentApiClient } from './payment-api';

/**
 * The gateway as its own process (distributed mode, architecture §8): Payment API calls go over Kafka
 * to the payment workers; the transaction streams live in the event store (EVENT_STORE).
 */
async function main(): Promise<void> {
  const gateway = readGatewayConfig(new EnvReader());
  const env = new EnvReader();
  const storeSettings = readEventStoreSettings(env);
  const kafka = readKafkaSettings(env, 'gateway');
  env.done();
  const logger = createLogger('gateway');
  const store = await connectEventStore(storeSettings, logger);
  const transport = connectKafkaTransport(kafka, logger);
  transport.onLateReply((late) =>
    logger.info({ topic: late.topic, key: late.key }, 'late Payment API reply'),
  );
  const app = await createGatewayApp({
    config: gateway,
    store,
    paymentApi: new TransportPaymentApiClient(transport, {
      timeoutMs: gateway.paymentApiTimeoutMs,
      onTransportError: (error, call, payId) =>
        logger.warn(
          { call, payId, err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
          'Payment API request failed',
        ),
    }),
    logger,
    readiness: [
      { name: 'event-store', check: () => store.ping() },
      { name: 'kafka', check: () => transport.ping() },
    ],
  });
  await app.listen(gateway.port, gateway.host);
  logger.info(
    { url: `http://${gateway.host}:${gateway.port}${gateway.iotpPath}`, instance: kafka.instanceId },
    'gateway listening',
  );
  onShutdown(logger, async () => {
    await app.close();
    await transport.close();
    await store.close();
  });
}

function onShutdown(logger: ReturnType<typeof createLogger>, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
