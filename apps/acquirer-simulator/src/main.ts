import { Pool } from 'pg';
import { createLogger, EnvReader } from '@ph/platform';
import { createAcquirerSimulator } from './acquirer-simulator.app';

/**
 * Standalone acquirer payment-gateway simulator: DATABASE_URL required; ACQUIRER_SIMULATOR_PORT (8090),
 * _HOST (127.0.0.1), _SCHEMA (acquirer); ACQ_PAN_HASH_KEY (64 hex, DEV default), ACQ_SIM_ADMIN,
 * ACQ_LATENCY_MS, ACQ_JITTER_MS, ACQ_SEED; chip cards' ARQCs through the HSM simulator at HSM_HOST
 * (127.0.0.1) / HSM_PORT (1500), HSM_TIMEOUT_MS (2000), with the issuer's MK-AC under the HSM's LMK in
 * ACQ_IMK_AC_UNDER_LMK ('U' + 32 hex; default: the DEV ONLY demo key under the payShield test LMK).
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const databaseUrl = env.optional('DATABASE_URL');
  if (databaseUrl === undefined) env.problem('DATABASE_URL is required');
  const port = env.int('ACQUIRER_SIMULATOR_PORT', 8090, 1, 65_535);
  const host = env.string('ACQUIRER_SIMULATOR_HOST', '127.0.0.1');
  const schema = env.string('ACQUIRER_SIMULATOR_SCHEMA', 'acquirer');
  const keyHex = env.optional('ACQ_PAN_HASH_KEY');
  if (keyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(keyHex))
    env.problem('ACQ_PAN_HASH_KEY must be 64 hex digits');
  const admin = env.string('ACQ_SIM_ADMIN', 'false') === 'true';
  const latencyMs = env.int('ACQ_LATENCY_MS', 0, 0, 600_000);
  const jitterMs = env.int('ACQ_JITTER_MS', 0, 0, 600_000);
  const seed = env.int('ACQ_SEED', 1, 0, 2_147_483_647);
  const hsmHost = env.string('HSM_HOST', '127.0.0.1');
  const hsmPort = env.int('HSM_PORT', 1500, 1, 65_535);
  const hsmTimeoutMs = env.int('HSM_TIMEOUT_MS', 2000, 1, 600_000);
  const imkUnderLmk = env.optional('ACQ_IMK_AC_UNDER_LMK');
  if (imkUnderLmk !== undefined && !/^U[0-9A-Fa-f]{32}$/.test(imkUnderLmk))
    env.problem("ACQ_IMK_AC_UNDER_LMK must be 'U' + 32 hex digits (the key under the HSM's LMK)");
  env.done();

  const log = createLogger('acquirer-simulator');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', (error) => log.warn({ err: error }, 'idle PostgreSQL connection lost'));
  const sim = await createAcquirerSimulator({
    pool,
    schema,
    admin,
    latencyMs,
    jitterMs,
    seed,
    hsm: {
      host: hsmHost,
      port: hsmPort,
      timeoutMs: hsmTimeoutMs,
      ...(imkUnderLmk ? { issuerMkAcUnderLmk: imkUnderLmk } : {}),
    },
    ...(keyHex ? { panHashKey: Buffer.from(keyHex, 'hex') } : {}),
    onError: (error) => log.error({ err: error }, 'acquirer simulator error'),
  });
  await sim.app.listen({ port, host });
  log.info({ port, host, schema, admin, hsm: `${hsmHost}:${hsmPort}` }, 'acquirer simulator listening');
  const stop = () =>
    void sim.app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : 'acquirer simulator failed to start');
  process.exit(1);
});
