import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, EnvReader } from '@ph/platform';
import { sha256Hex } from '../auth/api-keys';
import { readConsoleConfig } from './console-config';

const read = (env: Record<string, string>) => readConsoleConfig(new EnvReader(env));
const problems = (env: Record<string, string>): string => {
  try {
    read(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no problem found');
};

const OIDC = { CONSOLE_OIDC_ISSUER: 'https://idp.bank.example', CONSOLE_OIDC_AUDIENCE: 'ph-console' };

describe('readConsoleConfig', () => {
  it('defaults: 127.0.0.1:8081, the DEV ONLY keys, no OIDC, this process’s metrics', () => {
    const c = read({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8081,
      devKeys: true,
      metricsTargets: [],
      metricsIntervalMs: 15_000,
    });
    expect(c.oidc).toBeUndefined();
  });

  it('reads the OIDC bearer option', () => {
    const c = read({
      CONSOLE_OIDC_ISSUER: 'https://idp.bank.example/realms/ops',
      CONSOLE_OIDC_AUDIENCE: 'ph-console, account',
      CONSOLE_OIDC_ROLES_CLAIM: 'realm_access.roles',
      CONSOLE_OIDC_OPERATOR_ROLES: 'ph-operator,ph-admin',
    });
    expect(c.oidc).toMatchObject({
      issuer: 'https://idp.bank.example/realms/ops',
      audiences: ['ph-console', 'account'],
      rolesClaim: 'realm_access.roles',
      operatorRoles: ['ph-operator', 'ph-admin'],
      viewerRoles: ['viewer'],
      clockSkewSeconds: 60,
      jwksRefetchSeconds: 30,
    });
    expect(c.oidc!.jwksUrl).toBeUndefined();
  });

  it('with OIDC, production needs no API keys (then none is accepted)', () => {
    const c = read({
      NODE_ENV: 'production',
      CONSOLE_OIDC_ISSUER: 'https://idp.bank.example',
      CONSOLE_OIDC_AUDIENCE: 'ph-console',
    });
    expect(c).toMatchObject({ devKeys: false, apiKeys: [] });
  });

  it.each([
    [{ CONSOLE_OIDC_ISSUER: 'https://idp.example' }, 'CONSOLE_OIDC_AUDIENCE is required'],
    [{ CONSOLE_OIDC_AUDIENCE: 'x' }, 'need CONSOLE_OIDC_ISSUER'],
    [
      { CONSOLE_OIDC_ISSUER: 'idp.example', CONSOLE_OIDC_AUDIENCE: 'x' },
      "CONSOLE_OIDC_ISSUER='idp.example' is not a URL",
    ],
    [
      { NODE_ENV: 'production', CONSOLE_OIDC_ISSUER: 'http://idp.example', CONSOLE_OIDC_AUDIENCE: 'x' },
      'CONSOLE_OIDC_ISSUER must be https with NODE_ENV=production',
    ],
    [
      {
        CONSOLE_OIDC_ISSUER: 'https://idp.example',
        CONSOLE_OIDC_AUDIENCE: 'x',
        CONSOLE_OIDC_ROLES_CLAIM: 'roles[0]',
      },
      'CONSOLE_OIDC_ROLES_CLAIM',
    ],
    [
      {
        CONSOLE_OIDC_ISSUER: 'https://idp.example',
        CONSOLE_OIDC_AUDIENCE: 'x',
        CONSOLE_OIDC_CLOCK_SKEW_SECONDS: '3600',
      },
      'CONSOLE_OIDC_CLOCK_SKEW_SECONDS=3600 is outside 0..600',
    ],
    [{ CONSOLE_OIDC_CLIENT_ID: 'ph-web' }, 'CONSOLE_OIDC_CLIENT_ID needs CONSOLE_OIDC_ISSUER'],
    [{ CONSOLE_OIDC_REDIRECT_URL: 'https://c/login/oidc/callback' }, 'need CONSOLE_OIDC_CLIENT_ID'],
    [
      { ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph-web', CONSOLE_OIDC_CLIENT_SECRET: 'literal' },
      'CONSOLE_OIDC_CLIENT_SECRET is not read: put the secret in a file',
    ],
    [
      { ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph-web', CONSOLE_OIDC_CLIENT_SECRET_FILE: '/nonexistent/secret' },
      'CONSOLE_OIDC_CLIENT_SECRET_FILE: ENOENT',
    ],
    [{ ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph web' }, 'CONSOLE_OIDC_CLIENT_ID must be'],
    [
      { ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph-web', CONSOLE_OIDC_REDIRECT_URL: 'https://c.example/callback' },
      'CONSOLE_OIDC_REDIRECT_URL must end with /login/oidc/callback',
    ],
    [
      {
        ...OIDC,
        NODE_ENV: 'production',
        CONSOLE_OIDC_CLIENT_ID: 'ph-web',
        CONSOLE_OIDC_REDIRECT_URL: 'http://c.example/login/oidc/callback',
      },
      'CONSOLE_OIDC_REDIRECT_URL must be https with NODE_ENV=production',
    ],
    [
      { ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph-web', CONSOLE_OIDC_EXTRA_SCOPES: 'roles "x"' },
      `CONSOLE_OIDC_EXTRA_SCOPES: '"x"' is not a scope token`,
    ],
    [{ NODE_ENV: 'production' }, 'CONSOLE_API_KEYS or CONSOLE_API_KEYS_FILE is required'],
    [{ CONSOLE_API_KEYS: '[]' }, 'CONSOLE_API_KEYS: must be a non-empty JSON array'],
    [{ CONSOLE_API_KEYS_FILE: '/nonexistent/keys.json' }, 'CONSOLE_API_KEYS_FILE:'],
    [{ CONSOLE_PORT: '8080' }, "the IOTP gateway's port"],
    [{ CONSOLE_SCHEMA: 'Console-1' }, 'must be a simple lower-case name'],
    [{ CONSOLE_METRICS_TARGETS: 'gateway' }, "CONSOLE_METRICS_TARGETS: 'gateway' is not name=url"],
    [{ CONSOLE_METRICS_TIMEOUT_MS: '5' }, 'CONSOLE_METRICS_TIMEOUT_MS=5 is outside 100..60000'],
  ])('%j is refused: %s', (env, message) => {
    expect(problems(env as Record<string, string>)).toContain(message);
  });

  it('takes the operator’s own keys and the metrics targets', () => {
    const c = read({
      CONSOLE_API_KEYS: JSON.stringify([{ name: 'alice', role: 'operator', sha256: sha256Hex('k') }]),
      CONSOLE_METRICS_TARGETS: 'gateway-0=http://10.0.0.5:8080/metrics,worker-0=http://10.0.0.6:8093/metrics',
    });
    expect(c.devKeys).toBe(false);
    expect(c.metricsTargets.map((t) => t.name)).toEqual(['gateway-0', 'worker-0']);
  });

  it('reads the sign-in with the identity provider; the secret from its file', () => {
    expect(read(OIDC).oidcLogin).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'console-config-'));
    try {
      writeFileSync(join(dir, 'secret'), 'p@ss word\n');
      const c = read({
        ...OIDC,
        CONSOLE_OIDC_CLIENT_ID: 'ph-web',
        CONSOLE_OIDC_CLIENT_SECRET_FILE: join(dir, 'secret'),
        CONSOLE_OIDC_REDIRECT_URL: 'https://console.bank.example/login/oidc/callback',
        CONSOLE_OIDC_EXTRA_SCOPES: 'roles, groups',
      });
      expect(c.oidcLogin).toEqual({
        clientId: 'ph-web',
        clientSecret: 'p@ss word',
        redirectUrl: 'https://console.bank.example/login/oidc/callback',
        extraScopes: ['roles', 'groups'],
        loginSeconds: 600,
      });
      expect(read({ ...OIDC, CONSOLE_OIDC_CLIENT_ID: 'ph-web' }).oidcLogin).toEqual({
        clientId: 'ph-web',
        extraScopes: [],
        loginSeconds: 600,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
