import { Pool } from 'pg';
import {
  connectEventStore,
  connectKafkaTransport,
  createLogger,
  EnvReader,
  readEventStoreSettings,
  readKafkaSettings,
} from '@ph/platform';
import { readConsoleConfig } from './config/console-config';
import { createConsoleApp } from './console.app';

/**
 * The console as its own process (distributed mode): DATABASE_URL (read models and operator_actions),
 * EVENT_STORE / KURRENTDB_URL / EVENT_STORE_SCHEMA (a payment's history), KAFKA_BROKERS and a
 * REPLY_PARTITION of its own (operator commands), CONSOLE_HOST / CONSOLE_PORT / CONSOLE_API_KEYS.
 */
async function main(): Promise<void> {
  const config = readConsoleConfig(new EnvReader());
  const env = new EnvReader();
  const databaseUrl = env.optional('DATABASE_URL');
  if (databaseUrl === undefined) env.problem('DATABASE_URL is required');
  const storeSettings = readEventStoreSettings(env);
  const kafka = readKafkaSettings(env, 'console');
  env.done();
  const logger = createLogger('console');
  if (config.devKeys) logger.warn({}, 'console uses the DEV ONLY API keys viewer-dev-key / operator-dev-key');
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
  const store = await connectEventStore(storeSettings, logger);
  const transport = connectKafkaTransport(kafka, logger);
  transport.onLateReply((late) =>
    logger.info({ topic: late.topic, key: late.key }, 'late reply to an operator command'),
  );
  const { app } = await createConsoleApp({
    config: {
      ...config,
      eventStoreSchema: storeSettings.kind === 'postgres' ? storeSettings.schema : undefined,
    },
    pool,
    store,
    transport,
    logger,
    readiness: [{ name: 'kafka', check: () => transport.ping() }],
  });
  await app.listen(config.port, config.host);
  logger.info({ url: `http://${config.host}:${config.port}/` }, 'console listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    (async () => {
      await app.close();
      await transport.close();
      await store.close();
      await pool.end();
    })()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
