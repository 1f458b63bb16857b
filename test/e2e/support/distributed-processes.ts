import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = path.resolve(__dirname, '../../..');

export interface AppProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** Starts one app of dist/ and waits until its log shows `ready` (a JSON log line's msg). */
export async function startApp(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: string,
): Promise<AppProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { name, child, output: () => out };
}

export async function stopApp(app: AppProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((r) => app.child.once('exit', r));
  app.child.kill(signal);
  await exited;
}

export interface DistributedStack {
  readonly gatewayUrls: readonly string[];
  readonly bankUrl: string;
  /** With `allSchemes`: the acquirer simulator. */
  readonly acquirerUrl?: string;
  readonly apps: AppProcess[];
  startWorker(index: number): Promise<AppProcess>;
  stop(): Promise<void>;
}

/** Bank simulator, `workers` payment workers and `gateways` gateways, each its own process, on Kafka. */
export async function startDistributed(options: {
  brokers: readonly string[];
  databaseUrl: string;
  tag: string;
  gateways: number;
  workers: number;
  /** Every bridge, with the acquirer and HSM simulators as processes too (default: hash/secret only). */
  allSchemes?: boolean;
}): Promise<DistributedStack> {
  const common = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.brokers.join(','),
    EVENT_STORE_SCHEMA: `es_${options.tag}`,
    BANK_SIMULATOR_SCHEMA: `bank_${options.tag}`,
    // The fault suites exercise the Kafka routing with the hash/secret scheme; one bridge topic keeps the
    // number of consumer groups (and rebalances after a broker restart) down on 2 cores.
    BRIDGES: options.allSchemes ? 'hash-secret,set-like,sms-confirm,issuer-micro,e-purse' : 'hash-secret',
    READ_MODEL_SCHEMA: `rm_${options.tag}`,
  };
  const apps: AppProcess[] = [];
  const bankPort = await freePort();
  apps.push(
    await startApp(
      'bank',
      'apps/bank-simulator/src/main.js',
      { ...common, BANK_SIMULATOR_PORT: String(bankPort) },
      'bank simulator listening',
    ),
  );
  let schemeEnv: Record<string, string> = {};
  let acquirerUrl: string | undefined;
  if (options.allSchemes) {
    const [hsmPort, hsmAdminPort, acquirerPort] = [await freePort(), await freePort(), await freePort()];
    const hsm = { HSM_HOST: '127.0.0.1', HSM_PORT: String(hsmPort) };
    apps.push(
      await startApp(
        'hsm',
        'apps/hsm-simulator/src/main.js',
        { ...common, ...hsm, HSM_ADMIN_PORT: String(hsmAdminPort) },
        'hsm simulator listening',
      ),
    );
    apps.push(
      await startApp(
        'acquirer',
        'apps/acquirer-simulator/src/main.js',
        {
          ...common,
          ...hsm,
          ACQUIRER_SIMULATOR_PORT: String(acquirerPort),
          ACQUIRER_SIMULATOR_SCHEMA: `acq_${options.tag}`,
        },
        'acquirer simulator listening',
      ),
    );
    acquirerUrl = `http://127.0.0.1:${acquirerPort}`;
    schemeEnv = { ...hsm, ACQUIRER_URL: acquirerUrl };
  }
  const startWorker = async (i: number) => {
    const worker = await startApp(
      `worker-${i}`,
      'apps/payment-worker/src/main.js',
      {
        ...common,
        INSTANCE_ID: `worker-${options.tag}-${i}`,
        WORKER_PORT: '0',
        BANK_SIMULATOR_URL: `http://127.0.0.1:${bankPort}`,
        ...schemeEnv,
      },
      'payment worker serving',
    );
    apps.push(worker);
    return worker;
  };
  for (let i = 0; i < options.workers; i++) await startWorker(i);
  const gatewayUrls: string[] = [];
  for (let i = 0; i < options.gateways; i++) {
    const port = await freePort();
    apps.push(
      await startApp(
        `gateway-${i}`,
        'apps/gateway/src/main.js',
        {
          ...common,
          INSTANCE_ID: `gateway-${options.tag}-${i}`,
          REPLY_PARTITION: String(i),
          GATEWAY_PORT: String(port),
        },
        'gateway listening',
      ),
    );
    gatewayUrls.push(`http://127.0.0.1:${port}/iotp`);
  }
  return {
    gatewayUrls,
    bankUrl: `http://127.0.0.1:${bankPort}`,
    ...(acquirerUrl && { acquirerUrl }),
    apps,
    startWorker,
    async stop() {
      for (const app of [...apps].reverse()) await stopApp(app);
    },
  };
}
