import { readFileSync } from 'node:fs';
import { EnvReader } from '@ph/platform';
import { type ApiKeyEntry, DEV_API_KEYS, parseApiKeys } from '../auth/api-keys';

export interface ConsoleConfig {
  readonly host: string;
  readonly port: number;
  /** Read-model schema the projector writes (`rm`). */
  readonly readModelSchema: string;
  /** The console's own schema (operator_actions): never inside the read-model schema, which a rebuild swaps. */
  readonly consoleSchema: string;
  /** PostgreSQL event store schema in the same database, for the projection-lag figure (optional). */
  readonly eventStoreSchema?: string;
  readonly apiKeys: readonly ApiKeyEntry[];
  /** True when the DEV ONLY keys are in force (shown on the login page). */
  readonly devKeys: boolean;
  /** How long an operator command waits for the payment bridge. */
  readonly commandTimeoutMs: number;
  /** Lifetime of a browser session (cookie) in seconds. */
  readonly sessionSeconds: number;
}

/**
 * CONSOLE_HOST / CONSOLE_PORT (127.0.0.1:8081; never the IOTP port), CONSOLE_API_KEYS (JSON array of
 * {name, role, sha256}) or CONSOLE_API_KEYS_FILE (same JSON in a file). Without either, the DEV ONLY
 * keys `viewer-dev-key` / `operator-dev-key` apply, refused when NODE_ENV=production.
 */
export function readConsoleConfig(env: EnvReader = new EnvReader()): ConsoleConfig {
  const production = env.string('NODE_ENV', 'development') === 'production';
  const inline = env.optional('CONSOLE_API_KEYS');
  const file = env.optional('CONSOLE_API_KEYS_FILE');
  let apiKeys: readonly ApiKeyEntry[] = DEV_API_KEYS;
  let devKeys = true;
  if (inline !== undefined || file !== undefined) {
    try {
      apiKeys = parseApiKeys(inline ?? readFileSync(file as string, 'utf8'));
      devKeys = false;
    } catch (error) {
      env.problem(`CONSOLE_API_KEYS${inline === undefined ? '_FILE' : ''}: ${(error as Error).message}`);
    }
  } else if (production) {
    env.problem(
      'CONSOLE_API_KEYS or CONSOLE_API_KEYS_FILE is required with NODE_ENV=production (the dev keys are DEV ONLY)',
    );
  }
  const config: ConsoleConfig = {
    host: env.string('CONSOLE_HOST', '127.0.0.1'),
    port: env.int('CONSOLE_PORT', 8081, 0, 65535),
    readModelSchema: env.string('READ_MODEL_SCHEMA', 'rm'),
    consoleSchema: env.string('CONSOLE_SCHEMA', 'console'),
    eventStoreSchema: env.optional('EVENT_STORE_SCHEMA') ?? 'es',
    apiKeys,
    devKeys,
    commandTimeoutMs: env.int('CONSOLE_COMMAND_TIMEOUT_MS', 8000, 100, 60_000),
    sessionSeconds: env.int('CONSOLE_SESSION_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
  };
  const gatewayPort = env.optional('GATEWAY_PORT') ?? '8080';
  if (config.port !== 0 && String(config.port) === gatewayPort)
    env.problem(
      `CONSOLE_PORT=${config.port} is the IOTP gateway's port; the console is never on the public side`,
    );
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(config.consoleSchema))
    env.problem(`CONSOLE_SCHEMA='${config.consoleSchema}' must be a simple lower-case name`);
  env.done();
  return config;
}
