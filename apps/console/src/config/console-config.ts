import { readFileSync } from 'node:fs';
import { EnvReader } from '@ph/platform';
import { type ApiKeyEntry, DEV_API_KEYS, parseApiKeys } from '../auth/api-keys';
import type { OidcConfig } from '../auth/oidc';
import { CALLBACK_PATH, type OidcLoginConfig } from '../auth/oidc-login';
import { type MetricsTarget, parseMetricsTargets } from '../metrics/targets';

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
  /** Refused keys or tokens per client address and minute before it waits a minute (429). */
  readonly authMaxFailures: number;
  /** The OIDC/JWT bearer option (CONSOLE_OIDC_ISSUER set); absent: API keys only. */
  readonly oidc?: OidcConfig;
  /** Sign-in to the dashboards with the identity provider (CONSOLE_OIDC_CLIENT_ID set, needs `oidc`). */
  readonly oidcLogin?: OidcLoginConfig;
  /** Prometheus /metrics of the other apps (CONSOLE_METRICS_TARGETS); empty: this process's registry. */
  readonly metricsTargets: readonly MetricsTarget[];
  readonly metricsIntervalMs: number;
  readonly metricsTimeoutMs: number;
}

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** http(s) URL; plain http only to a loopback address in production (tokens' keys must not be spoofable). */
function checkUrl(env: EnvReader, name: string, value: string, production: boolean): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    env.problem(`${name}='${value}' is not a URL`);
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') env.problem(`${name} must be an http(s) URL`);
  else if (
    production &&
    url.protocol === 'http:' &&
    !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  )
    env.problem(`${name} must be https with NODE_ENV=production`);
}

/**
 * CONSOLE_OIDC_ISSUER (turns the bearer option on), CONSOLE_OIDC_AUDIENCE (required with it;
 * comma-separated), CONSOLE_OIDC_JWKS_URL (else discovery), CONSOLE_OIDC_ROLES_CLAIM (`roles`),
 * CONSOLE_OIDC_OPERATOR_ROLES (`operator`), CONSOLE_OIDC_VIEWER_ROLES (`viewer`),
 * CONSOLE_OIDC_CLOCK_SKEW_SECONDS (60), CONSOLE_OIDC_JWKS_REFETCH_SECONDS (30).
 */
export function readOidcConfig(env: EnvReader, production: boolean): OidcConfig | undefined {
  const issuer = env.optional('CONSOLE_OIDC_ISSUER');
  const audience = env.optional('CONSOLE_OIDC_AUDIENCE');
  const jwksUrl = env.optional('CONSOLE_OIDC_JWKS_URL');
  const rolesClaim = env.string('CONSOLE_OIDC_ROLES_CLAIM', 'roles');
  const operatorRoles = list(env.string('CONSOLE_OIDC_OPERATOR_ROLES', 'operator'));
  const viewerRoles = list(env.string('CONSOLE_OIDC_VIEWER_ROLES', 'viewer'));
  const clockSkewSeconds = env.int('CONSOLE_OIDC_CLOCK_SKEW_SECONDS', 60, 0, 600);
  const jwksRefetchSeconds = env.int('CONSOLE_OIDC_JWKS_REFETCH_SECONDS', 30, 0, 3600);
  if (issuer === undefined) {
    if (audience !== undefined || jwksUrl !== undefined)
      env.problem('CONSOLE_OIDC_AUDIENCE / CONSOLE_OIDC_JWKS_URL need CONSOLE_OIDC_ISSUER');
    return undefined;
  }
  checkUrl(env, 'CONSOLE_OIDC_ISSUER', issuer, production);
  if (jwksUrl !== undefined) checkUrl(env, 'CONSOLE_OIDC_JWKS_URL', jwksUrl, production);
  const audiences = list(audience ?? '');
  if (audiences.length === 0)
    env.problem(
      'CONSOLE_OIDC_AUDIENCE is required with CONSOLE_OIDC_ISSUER (the client id tokens are issued for)',
    );
  if (!/^[A-Za-z0-9_:/.-]{1,200}$/.test(rolesClaim))
    env.problem(
      `CONSOLE_OIDC_ROLES_CLAIM='${rolesClaim}' must be a claim name or dotted path such as realm_access.roles`,
    );
  if (operatorRoles.length === 0) env.problem('CONSOLE_OIDC_OPERATOR_ROLES must name at least one role');
  return {
    issuer,
    audiences,
    ...(jwksUrl !== undefined && { jwksUrl }),
    rolesClaim,
    operatorRoles,
    viewerRoles,
    clockSkewSeconds,
    jwksRefetchSeconds,
    jwksMaxAgeSeconds: 3600,
    fetchTimeoutMs: 5000,
  };
}

/**
 * CONSOLE_OIDC_CLIENT_ID (turns the dashboards' sign-in with the identity provider on; needs
 * CONSOLE_OIDC_ISSUER), CONSOLE_OIDC_CLIENT_SECRET_FILE (a confidential client's secret, from a
 * file: a mounted Secret, never a literal in the environment), CONSOLE_OIDC_REDIRECT_URL (else
 * derived from the request), CONSOLE_OIDC_EXTRA_SCOPES (beyond `openid profile`).
 */
export function readOidcLoginConfig(
  env: EnvReader,
  production: boolean,
  oidc: OidcConfig | undefined,
): OidcLoginConfig | undefined {
  const clientId = env.optional('CONSOLE_OIDC_CLIENT_ID');
  const secretFile = env.optional('CONSOLE_OIDC_CLIENT_SECRET_FILE');
  const redirectUrl = env.optional('CONSOLE_OIDC_REDIRECT_URL');
  const extraScopes = env
    .string('CONSOLE_OIDC_EXTRA_SCOPES', '')
    .split(/[\s,]+/)
    .filter((s) => s !== '');
  if (env.optional('CONSOLE_OIDC_CLIENT_SECRET') !== undefined)
    env.problem(
      'CONSOLE_OIDC_CLIENT_SECRET is not read: put the secret in a file (a mounted Secret) named by CONSOLE_OIDC_CLIENT_SECRET_FILE',
    );
  if (clientId === undefined) {
    if (secretFile !== undefined || redirectUrl !== undefined)
      env.problem('CONSOLE_OIDC_CLIENT_SECRET_FILE / CONSOLE_OIDC_REDIRECT_URL need CONSOLE_OIDC_CLIENT_ID');
    return undefined;
  }
  if (!oidc) {
    env.problem('CONSOLE_OIDC_CLIENT_ID needs CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_AUDIENCE');
    return undefined;
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(clientId))
    env.problem('CONSOLE_OIDC_CLIENT_ID must be 1-255 printable characters without spaces');
  for (const s of extraScopes)
    if (!/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(s))
      env.problem(`CONSOLE_OIDC_EXTRA_SCOPES: '${s}' is not a scope token (RFC 6749 §3.3)`);
  let clientSecret: string | undefined;
  if (secretFile !== undefined) {
    try {
      clientSecret = readFileSync(secretFile, 'utf8').replace(/\r?\n$/, '');
      if (clientSecret === '') env.problem(`CONSOLE_OIDC_CLIENT_SECRET_FILE: ${secretFile} is empty`);
    } catch (error) {
      env.problem(`CONSOLE_OIDC_CLIENT_SECRET_FILE: ${(error as Error).message}`);
    }
  }
  if (redirectUrl !== undefined) {
    checkUrl(env, 'CONSOLE_OIDC_REDIRECT_URL', redirectUrl, production);
    try {
      if (!new URL(redirectUrl).pathname.endsWith(CALLBACK_PATH) || /[?#]/.test(redirectUrl))
        env.problem(`CONSOLE_OIDC_REDIRECT_URL must end with ${CALLBACK_PATH} (no query, no fragment)`);
    } catch {
      // reported by checkUrl
    }
  }
  return {
    clientId,
    ...(clientSecret !== undefined && clientSecret !== '' && { clientSecret }),
    ...(redirectUrl !== undefined && { redirectUrl }),
    extraScopes,
    loginSeconds: 600,
  };
}

function readTargets(env: EnvReader): readonly MetricsTarget[] {
  const text = env.optional('CONSOLE_METRICS_TARGETS');
  if (text === undefined) return [];
  try {
    return parseMetricsTargets(text);
  } catch (error) {
    env.problem(`CONSOLE_METRICS_TARGETS: ${(error as Error).message}`);
    return [];
  }
}

/**
 * CONSOLE_HOST / CONSOLE_PORT (127.0.0.1:8081; never the IOTP port), CONSOLE_API_KEYS (JSON array of
 * {name, role, sha256}) or CONSOLE_API_KEYS_FILE (same JSON in a file). Without either, the DEV ONLY
 * keys `viewer-dev-key` / `operator-dev-key` apply, refused when NODE_ENV=production unless the
 * OIDC bearer option is configured (then no API key is accepted at all). CONSOLE_OIDC_*: see
 * readOidcConfig and readOidcLoginConfig. CONSOLE_METRICS_TARGETS (`name=url,…`), CONSOLE_METRICS_INTERVAL_SECONDS (15),
 * CONSOLE_METRICS_TIMEOUT_MS (2000): the apps' /metrics shown on the overview.
 */
export function readConsoleConfig(env: EnvReader = new EnvReader()): ConsoleConfig {
  const production = env.string('NODE_ENV', 'development') === 'production';
  const oidc = readOidcConfig(env, production);
  const oidcLogin = readOidcLoginConfig(env, production, oidc);
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
  } else if (production && oidc) {
    apiKeys = [];
    devKeys = false;
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
    authMaxFailures: env.int('CONSOLE_AUTH_MAX_FAILURES', 20, 1, 10_000),
    ...(oidc && { oidc }),
    ...(oidcLogin && { oidcLogin }),
    metricsTargets: readTargets(env),
    metricsIntervalMs: env.int('CONSOLE_METRICS_INTERVAL_SECONDS', 15, 1, 3600) * 1000,
    metricsTimeoutMs: env.int('CONSOLE_METRICS_TIMEOUT_MS', 2000, 100, 60_000),
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
