import { randomBytes } from 'node:crypto';
import { EnvReader, createLogger } from '@ph/platform';
import { readGatewayConfig } from '../../../apps/gateway/src/config/gateway-config';
import {
  startStandalone,
  type RunningStandalone,
  type StandaloneOptions,
} from '../../../apps/standalone/src/standalone';

export interface Harness extends RunningStandalone {
  balance(customer: string): Promise<string>;
  post(
    body: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string; headers: Headers }>;
}

/**
 * The embedded Payment Handler in this jest worker, on the test PostgreSQL (DATABASE_URL from the
 * global setup), with schemas of its own so test files never see each other's payments or balances.
 */
export async function startHarness(
  extra: Partial<Pick<StandaloneOptions, 'janitorPolicy'>> & { readonly env?: Record<string, string> } = {},
): Promise<Harness> {
  const { env: moreEnv, ...options } = extra;
  const env = new EnvReader({ GATEWAY_PORT: '0', ...pickBridges(), ...moreEnv });
  const gateway = readGatewayConfig(env);
  const tag = randomBytes(4).toString('hex');
  const running = await startStandalone({
    gateway,
    databaseUrl: process.env.DATABASE_URL,
    dataDir: '.data/unused',
    embeddedPgPort: 0,
    bankHost: '127.0.0.1',
    bankPort: 0,
    schemas: {
      eventStore: `es_${tag}`,
      bank: `bank_${tag}`,
      readModels: `rm_${tag}`,
      acquirer: `acq_${tag}`,
    },
    acquirerPort: 0,
    // Test files run in parallel workers: the HSM simulator (e-purse) on any free ports.
    hsmPort: 0,
    hsmAdminPort: 0,
    logger: createLogger('e2e', 'warn'),
    progress: () => undefined,
    ...options,
  });
  return {
    ...running,
    async balance(customer: string) {
      const res = await fetch(`${running.bankUrl}/accounts/${customer}`);
      const json = (await res.json()) as { balance: string };
      return json.balance;
    },
    async post(body, headers = {}) {
      const res = await fetch(running.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/iotp; charset=utf-8', ...headers },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
  };
}

function pickBridges(): Record<string, string> {
  return process.env.BRIDGES ? { BRIDGES: process.env.BRIDGES } : {};
}
