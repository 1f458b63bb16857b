import { readGatewayConfig } from '../../gateway/src/config/gateway-config';
import { readConsoleConfig } from '../../console/src';
import { readJanitorPolicy } from '../../payment-worker/src';
import { ConfigError, EnvReader, createLogger } from '@ph/platform';
import { startStandalone } from './standalone';

/** `npm start`: the whole Payment Handler in one process on the embedded default. */
async function main(): Promise<void> {
  const env = new EnvReader();
  const gateway = readGatewayConfig(env);
  const consoleConfig = readConsoleConfig(new EnvReader());
  const env2 = new EnvReader();
  const options = {
    gateway,
    databaseUrl: env2.optional('DATABASE_URL'),
    dataDir: env2.string('DATA_DIR', './.data'),
    embeddedPgPort: env2.int('EMBEDDED_PG_PORT', 54329, 1, 65_535),
    bankHost: env2.string('BANK_SIMULATOR_HOST', '127.0.0.1'),
    bankPort: env2.int('BANK_SIMULATOR_PORT', 8091, 0, 65_535),
    smsOfferTtlSecs: env2.int('SMS_OFFER_TTL_SECS', 600, 1, 86_400),
    janitorPolicy: readJanitorPolicy(env2),
    acquirerHost: env2.string('ACQUIRER_SIMULATOR_HOST', '127.0.0.1'),
    acquirerPort: env2.int('ACQUIRER_SIMULATOR_PORT', 8090, 0, 65_535),
    // The acquirer's admin routes (cards, balances) for load-test checks; off unless asked for.
    acquirerAdmin: env2.bool('ACQ_SIM_ADMIN', false),
    // The HSM simulator (e-purse merchant SAM, chip cards' ARQCs), when e-purse or set-like is in BRIDGES.
    hsmPort: env2.int('HSM_PORT', 1500, 0, 65_535),
    hsmAdminPort: env2.int('HSM_ADMIN_PORT', 1501, 0, 65_535),
    schemas: {
      eventStore: env2.string('EVENT_STORE_SCHEMA', 'es'),
      bank: env2.string('BANK_SIMULATOR_SCHEMA', 'bank'),
      readModels: env2.string('READ_MODEL_SCHEMA', 'rm'),
      acquirer: env2.string('ACQUIRER_SIMULATOR_SCHEMA', 'acquirer'),
    },
  };
  env2.done();
  const logger = createLogger('standalone');
  const progress = (line: string) => process.stderr.write(`• ${line}\n`);
  progress('starting the IOTP Payment Handler (embedded mode)');
  const running = await startStandalone({ ...options, console: consoleConfig, logger, progress });

  process.stderr.write(
    [
      '',
      `IOTP Payment Handler ready`,
      `  IOTP endpoint   POST ${running.gatewayUrl}  (application/iotp)`,
      `  health          ${running.gatewayUrl.replace(/\/iotp$/, '')}/readyz   metrics …/metrics`,
      `  bank simulator  ${running.bankUrl}/accounts/alice`,
      `  console         ${running.consoleUrl ?? '(not started)'}${consoleConfig.devKeys ? '  (DEV ONLY keys: viewer-dev-key, operator-dev-key)' : ''}`,
      '',
      'Take a payment from a second shell:',
      '  npm run wallet -- pay --amount 12.50 --currency EUR',
      '',
      'Ctrl-C stops it; payments are kept under ' + options.dataDir + '.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: finishing in-flight payments and stopping`);
    running
      .stop()
      .then(() => {
        progress('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
