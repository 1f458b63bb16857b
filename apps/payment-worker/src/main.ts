import Fastify from 'fastify';
import { HashSecretBridge, HttpClearingBank, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { HttpIssuerOperator, IssuerMicroBridge, demoIssuerMicroConfig } from '@ph/bridges/issuer-micro';
import { HttpSmsOperator, SmsConfirmBridge, demoSmsConfirmConfig } from '@ph/bridges/sms-confirm';
import { HttpAcquirer, SetLikeBridge, demoSetLikeConfig } from '@ph/bridges/set-like';
import { EPurseBridge, HsmMerchantSam, HttpClearingCentre, demoEPurseConfig } from '@ph/bridges/e-purse';
import {
  ConfigError,
  EnvReader,
  checkReadiness,
  connectEventStore,
  connectKafkaTransport,
  createLogger,
  metricsRegistry,
  readEventStoreSettings,
  readKafkaSettings,
} from '@ph/platform';
import { Pool } from 'pg';
import { PendingPaymentJanitor, readJanitorPolicy } from './janitor';
import { readModelPendingPayments } from './pending-payment-index';
import { startPaymentWorker } from './payment-worker.module';

/**
 * A payment worker as its own process (distributed mode): serves `paymentapi.<bridge>.requests` for the
 * bridges in BRIDGES, talks to the existing payment software over HTTP, and offers /healthz, /readyz,
 * /metrics on WORKER_PORT.
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const storeSettings = readEventStoreSettings(env);
  const kafka = readKafkaSettings(env, 'worker');
  const bridgeIds = env
    .string('BRIDGES', 'hash-secret')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const bankUrl = env.string('BANK_SIMULATOR_URL', 'http://127.0.0.1:8091');
  const port = env.int('WORKER_PORT', 8093, 0, 65_535);
  const host = env.string('WORKER_HOST', '127.0.0.1');
  const janitorPolicy = readJanitorPolicy(env);
  // The janitor finds candidates in the read models (PostgreSQL); without DATABASE_URL it is off.
  const readModelsUrl = env.optional('DATABASE_URL');
  const readModelSchema = env.string('READ_MODEL_SCHEMA', 'rm');
  const janitorOn = env.bool('JANITOR_ENABLED', true) && readModelsUrl !== undefined;
  const smsTtl = env.int('SMS_OFFER_TTL_SECS', 600, 1, 86_400);
  const acquirerUrl = env.string('ACQUIRER_URL', 'http://127.0.0.1:8090');
  // Below PAYMENT_API_TIMEOUT_MS, so the bridge answers SystemBusy before the gateway gives up.
  const acquirerTimeoutMs = env.int('ACQUIRER_TIMEOUT_MS', 5000, 100, 60_000);
  // The bank's clearing, SMS operator and issuer: past this a sent request suspends the payment.
  const bankTimeoutMs = env.int('BANK_TIMEOUT_MS', 5000, 100, 60_000);
  // e-purse: the merchant SAM in the HSM (TCP) and the clearing centre in the bank simulator.
  const hsmHost = env.string('HSM_HOST', '127.0.0.1');
  const hsmPort = env.int('HSM_PORT', 1500, 1, 65_535);
  const hsmTimeoutMs = env.int('HSM_TIMEOUT_MS', 2000, 100, 60_000);
  const clearingCentreTimeoutMs = env.int('CLEARING_CENTRE_TIMEOUT_MS', 3000, 100, 60_000);
  const unknown = bridgeIds.filter(
    (b) => !['hash-secret', 'set-like', 'sms-confirm', 'issuer-micro', 'e-purse'].includes(b),
  );
  if (unknown.length > 0) env.problem(`BRIDGES: no such bridge in this build: ${unknown.join(', ')}`);
  env.done();

  const logger = createLogger('payment-worker');
  const store = await connectEventStore(storeSettings, logger);
  const transport = connectKafkaTransport(kafka, logger);
  const bridges = [
    new HashSecretBridge(
      demoHashSecretConfig(),
      new HttpClearingBank({ baseUrl: bankUrl, timeoutMs: bankTimeoutMs }),
    ),
    new SmsConfirmBridge(
      demoSmsConfirmConfig({ ttlSecs: smsTtl }),
      new HttpSmsOperator({ baseUrl: bankUrl, timeoutMs: bankTimeoutMs }),
    ),
    new IssuerMicroBridge(
      demoIssuerMicroConfig(),
      new HttpIssuerOperator({ baseUrl: bankUrl, timeoutMs: bankTimeoutMs }),
    ),
    new SetLikeBridge(
      demoSetLikeConfig(),
      new HttpAcquirer({ baseUrl: acquirerUrl, timeoutMs: acquirerTimeoutMs }),
    ),
    new EPurseBridge(
      demoEPurseConfig(),
      new HsmMerchantSam({ host: hsmHost, port: hsmPort, timeoutMs: hsmTimeoutMs }),
      new HttpClearingCentre({ baseUrl: bankUrl, timeoutMs: clearingCentreTimeoutMs }),
    ),
  ].filter((b) => bridgeIds.includes(b.id));
  // The read models (when DATABASE_URL is set): the janitor's candidates and InquirePendingPayment's list.
  const readModelPool =
    readModelsUrl !== undefined ? new Pool({ connectionString: readModelsUrl, max: 3 }) : undefined;
  const worker = await startPaymentWorker({
    bridges,
    store,
    transport,
    logger,
    ...(readModelPool && { pendingPayments: readModelPendingPayments(readModelPool, readModelSchema) }),
  });
  const janitorPool = janitorOn ? readModelPool : undefined;
  const janitor = janitorPool
    ? new PendingPaymentJanitor({
        pool: janitorPool,
        readModelSchema,
        store,
        handler: worker.handler,
        policy: janitorPolicy,
        logger,
      })
    : undefined;
  janitor?.start();
  if (!janitor)
    logger.info('pending-payment janitor off (JANITOR_ENABLED=false or no DATABASE_URL for the read models)');

  const ops = Fastify();
  const checks = [
    { name: 'event-store', check: () => store.ping() },
    { name: 'kafka', check: () => transport.ping() },
  ];
  ops.get('/healthz', async () => ({ status: 'ok' }));
  ops.get('/readyz', async (_req, reply) => {
    const report = await checkReadiness(checks);
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  ops.get('/metrics', async (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(await metricsRegistry.metrics()),
  );
  await ops.listen({ port, host });
  logger.info({ bridges: bridgeIds, instance: kafka.instanceId, port }, 'payment worker serving');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing in-flight payments and stopping');
    // The transport finishes the requests it accepted before the store goes away.
    Promise.resolve()
      .then(() => janitor?.stop())
      .then(() => worker.close())
      .then(() => readModelPool?.end())
      .then(() => transport.close())
      .then(() => store.close())
      .then(() => ops.close())
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
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
