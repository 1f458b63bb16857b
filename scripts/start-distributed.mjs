// `npm run start:distributed`: every app in its own process against the local infrastructure of
// `npm run infra:up` (Kafka on 127.0.0.1:9092, PostgreSQL from infra/scripts/postgres.mjs).
//   GATEWAYS (default 1), WORKERS (default 1): instances side by side; Ctrl-C stops them all.
//   Every scheme runs: the bank, acquirer and HSM simulators are started too (BRIDGES narrows it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const urlFile = path.join(root, '.data/postgres.url');
const databaseUrl =
  env.DATABASE_URL || (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : undefined);
if (!databaseUrl && (env.EVENT_STORE ?? 'postgres') === 'postgres') {
  console.error('No PostgreSQL: run `npm run infra:up` first (or set DATABASE_URL).');
  process.exit(1);
}
const gateways = Number(env.GATEWAYS || 1);
const workers = Number(env.WORKERS || 1);
const gatewayPort = Number(env.GATEWAY_PORT || 8080);
const bankPort = Number(env.BANK_SIMULATOR_PORT || 8091);
const common = {
  ...env,
  DATABASE_URL: databaseUrl ?? '',
  KAFKA_BROKERS: env.KAFKA_BROKERS || '127.0.0.1:9092',
};

const acquirerPort = Number(env.ACQUIRER_SIMULATOR_PORT || 8090);
const hsmPort = Number(env.HSM_PORT || 1500);
// Every scheme's existing payment software is simulated: the bank (clearing, SMS operator, issuer,
// e-purse clearing centre), the SET-like acquirer and the HSM (e-purse SAM, chip cards' ARQCs).
const hsmEnv = { HSM_HOST: '127.0.0.1', HSM_PORT: String(hsmPort) };
const apps = [
  { name: 'bank', script: 'apps/bank-simulator/src/main.js', env: { BANK_SIMULATOR_PORT: String(bankPort) } },
  {
    name: 'hsm',
    script: 'apps/hsm-simulator/src/main.js',
    env: { HSM_PORT: String(hsmPort), HSM_ADMIN_PORT: String(env.HSM_ADMIN_PORT || hsmPort + 1) },
  },
  {
    name: 'acquirer',
    script: 'apps/acquirer-simulator/src/main.js',
    env: { ACQUIRER_SIMULATOR_PORT: String(acquirerPort), ...hsmEnv },
  },
  ...Array.from({ length: workers }, (_, i) => ({
    name: `worker-${i}`,
    script: 'apps/payment-worker/src/main.js',
    env: {
      INSTANCE_ID: `worker-${i}`,
      WORKER_PORT: String(8093 + i),
      BRIDGES: env.BRIDGES || 'hash-secret,set-like,sms-confirm,issuer-micro,e-purse',
      BANK_SIMULATOR_URL: `http://127.0.0.1:${bankPort}`,
      ACQUIRER_URL: `http://127.0.0.1:${acquirerPort}`,
      ...hsmEnv,
    },
  })),
  ...(existsSync(path.join(root, 'dist/apps/projector/src/main.js'))
    ? [{ name: 'projector', script: 'apps/projector/src/main.js', env: {} }]
    : []),
  ...Array.from({ length: gateways }, (_, i) => ({
    name: `gateway-${i}`,
    script: 'apps/gateway/src/main.js',
    env: {
      INSTANCE_ID: `gateway-${i}`,
      REPLY_PARTITION: String(i),
      GATEWAY_PORT: String(i === 0 ? gatewayPort : gatewayPort + 4 + i),
    },
  })),
];

// On Linux each app gets SIGTERM when this launcher dies, however it dies (setpriv --pdeathsig).
const pdeathsig = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;
const launch = (script) =>
  pdeathsig ? ['setpriv', ['--pdeathsig', 'TERM', process.execPath, script]] : [process.execPath, [script]];

const children = apps.map((app) => {
  const [command, args] = launch(path.join(root, 'dist', app.script));
  const child = spawn(command, args, {
    cwd: root,
    env: { ...common, ...app.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${app.name}]`.padEnd(12);
  const relay = (stream) => (data) => {
    for (const line of data.toString().split('\n')) if (line) stream.write(`${prefix} ${line}\n`);
  };
  child.stdout.on('data', relay(process.stdout));
  child.stderr.on('data', relay(process.stderr));
  child.on('exit', (code, signal) => {
    process.stderr.write(`${prefix} exited (${signal ?? code})\n`);
    if (!stopping) stop(1);
  });
  return child;
});

// The operator console's per-app figures: every app's /metrics (the console runs on its own with
// `npm run console`; these targets go into its environment).
const metricsTargets = [
  ...apps
    .filter((a) => a.name.startsWith('gateway-'))
    .map((a) => `${a.name}=http://127.0.0.1:${a.env.GATEWAY_PORT}/metrics`),
  ...apps
    .filter((a) => a.name.startsWith('worker-'))
    .map((a) => `${a.name}=http://127.0.0.1:${a.env.WORKER_PORT}/metrics`),
  ...(apps.some((a) => a.name === 'projector')
    ? [`projector=http://127.0.0.1:${env.PROJECTOR_PORT || 8092}/metrics`]
    : []),
].join(',');

process.stderr.write(
  `started ${apps.map((a) => a.name).join(', ')}\n` +
    `IOTP endpoint: POST http://127.0.0.1:${gatewayPort}/iotp — try: npm run wallet -- pay --amount 12.50 --currency EUR\n` +
    `operator console: CONSOLE_METRICS_TARGETS='${env.CONSOLE_METRICS_TARGETS || metricsTargets}' REPLY_PARTITION=${gateways} npm run console\n`,
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  process.stderr.write('stopping all processes (in-flight payments finish first)\n');
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const wait = globalThis.setInterval(() => {
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) {
      globalThis.clearInterval(wait);
      process.exit(code);
    }
  }, 100);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
