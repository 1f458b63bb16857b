import 'reflect-metadata';
import { createLogger, EnvReader } from '@ph/platform';
import { createBankSimulatorApp } from './bank-simulator.app';

/** Standalone bank simulator: DATABASE_URL required; BANK_SIMULATOR_PORT (8091), _HOST, _LATENCY_MS, … */
async function main(): Promise<void> {
  const env = new EnvReader();
  const databaseUrl = env.optional('DATABASE_URL');
  if (databaseUrl === undefined) env.problem('DATABASE_URL is required');
  const port = env.int('BANK_SIMULATOR_PORT', 8091, 1, 65_535);
  const host = env.string('BANK_SIMULATOR_HOST', '127.0.0.1');
  const latencyMs = env.int('BANK_SIMULATOR_LATENCY_MS', 0, 0, 600_000);
  const retentionDays = env.int('BANK_SIMULATOR_RETENTION_DAYS', 22, 22, 36_500);
  const schema = env.string('BANK_SIMULATOR_SCHEMA', 'bank');
  env.done();

  const log = createLogger('bank-simulator');
  const onError = (error: unknown) => log.error({ err: error }, 'bank simulator error');
  const app = await createBankSimulatorApp({ databaseUrl, schema, latencyMs, retentionDays, onError });
  await app.listen(port, host);
  log.info({ port, host, schema }, 'bank simulator listening');
}

main().catch((error: unknown) => {
  // The connection string may hold a password: print only the message of configuration errors.
  console.error(error instanceof Error ? error.message : 'bank simulator failed to start');
  process.exit(1);
});
