import { readGatewayConfig } from '../../apps/gateway/src/config/gateway-config';
import { readJanitorPolicy } from '../../apps/payment-worker/src';
import { startStandalone } from '../../apps/standalone/src/standalone';
import { createLogger, EnvReader } from '@ph/platform';

/**
 * The bench's launcher of the embedded Payment Handler when apps/standalone's main does not yet take
 * HSM_PORT/HSM_ADMIN_PORT: the same startStandalone() with the same variables as that main, but the
 * e-purse bridge's HSM simulator on free ports (0) and no operator console. Prints the same ready line.
 * Used by the bench only (standalone-process.ts), never by a deployment.
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const gateway = readGatewayConfig(env);
  const logger = createLogger('standalone');
  const options = {
    gateway,
    databaseUrl: env.optional('DATABASE_URL'),
    dataDir: env.string('DATA_DIR', './.data'),
    embeddedPgPort: env.int('EMBEDDED_PG_PORT', 54329, 1, 65_535),
    bankHost: '127.0.0.1',
    bankPort: env.int('BANK_SIMULATOR_PORT', 0, 0, 65_535),
    smsOfferTtlSecs: env.int('SMS_OFFER_TTL_SECS', 600, 1, 86_400),
    janitorPolicy: readJanitorPolicy(env),
    acquirerHost: '127.0.0.1',
    acquirerPort: env.int('ACQUIRER_SIMULATOR_PORT', 0, 0, 65_535),
    hsmPort: 0,
    hsmAdminPort: 0,
    schemas: {
      eventStore: env.string('EVENT_STORE_SCHEMA', 'es'),
      bank: env.string('BANK_SIMULATOR_SCHEMA', 'bank'),
      readModels: env.string('READ_MODEL_SCHEMA', 'rm'),
      acquirer: env.string('ACQUIRER_SIMULATOR_SCHEMA', 'acquirer'),
    },
  };
  env.done();
  const running = await startStandalone({
    ...options,
    logger,
    progress: (line) => process.stderr.write(`• ${line}\n`),
  });
  process.stderr.write(`IOTP Payment Handler ready  POST ${running.gatewayUrl}\n`);
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
