import { createLogger, EnvReader } from '@ph/platform';
import { Lmk } from './crypto/lmk';
import { startHsmSimulator } from './hsm-simulator';

/**
 * Standalone HSM simulator. HSM_PORT (1500), HSM_HOST (127.0.0.1), HSM_ADMIN_PORT (1501),
 * HSM_HEADER_LENGTH (4), HSM_LATENCY_MS (0), HSM_MAX_FRAME_BYTES (32768), HSM_IDLE_TIMEOUT_MS (300000),
 * HSM_LMK_FILE or HSM_LMK_HEX (production LMK; default: the payShield test LMK). The LMK is never logged.
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const port = env.int('HSM_PORT', 1500, 1, 65_535);
  const host = env.string('HSM_HOST', '127.0.0.1');
  const adminPort = env.int('HSM_ADMIN_PORT', 1501, 1, 65_535);
  const headerLength = env.int('HSM_HEADER_LENGTH', 4, 0, 32);
  const latencyMs = env.int('HSM_LATENCY_MS', 0, 0, 600_000);
  const maxFrameBytes = env.int('HSM_MAX_FRAME_BYTES', 32_768, 16, 65_535);
  const idleTimeoutMs = env.int('HSM_IDLE_TIMEOUT_MS', 300_000, 0, 86_400_000);
  const lmkFile = env.optional('HSM_LMK_FILE');
  const lmkHex = env.optional('HSM_LMK_HEX');
  if (lmkFile && lmkHex) env.problem('set HSM_LMK_FILE or HSM_LMK_HEX, not both');
  env.done();

  let lmk: Lmk;
  let lmkSource: 'file' | 'env' | 'test';
  try {
    lmk = lmkFile ? Lmk.fromFile(lmkFile) : lmkHex ? Lmk.fromHex(lmkHex) : Lmk.test();
    lmkSource = lmkFile ? 'file' : lmkHex ? 'env' : 'test';
  } catch {
    throw new Error('the LMK could not be loaded (expected 20 pairs of 32 hex digits)');
  }

  const log = createLogger('hsm-simulator');
  const hsm = await startHsmSimulator({
    lmk,
    host,
    port,
    adminPort,
    headerLength,
    latencyMs,
    maxFrameBytes,
    idleTimeoutMs,
  });
  log.info(
    { port: hsm.port, adminPort: hsm.adminPort, host, lmkSource, lmkCheck: lmk.checkValue().slice(0, 6) },
    'hsm simulator listening',
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'hsm simulator stopping');
    hsm.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Configuration errors only: never print key material.
  console.error(error instanceof Error ? error.message : 'hsm simulator failed to start');
  process.exit(1);
});
