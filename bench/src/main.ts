import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { IotpHttpClient, PaymentSession } from '../../apps/wallet/src/lib';
import { closedLoop, percentile, type LoadResult } from './load';

/**
 * `npm run bench`: complete hash/secret payments through POST /iotp on the embedded default, next to a
 * raw Fastify XML echo measured in the same run with the same HTTP client and concurrency. Both
 * servers run as their own process; this process is the load generator (they share the 2 cores, so
 * read the ratio, not the bare numbers).
 */
const ROOT = path.resolve(__dirname, '../../..');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const WORKERS = Number(process.env.BENCH_CONCURRENCY ?? 32);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startProcess(
  script: string,
  env: Record<string, string>,
  ready: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d));
  child.stderr?.on('data', (d: Buffer) => (out += d));
  const deadline = Date.now() + 60_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${script} not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function summary(name: string, r: LoadResult, unit: string) {
  const rate = r.completed / r.seconds;
  return {
    name,
    rate,
    line: `${name.padEnd(44)} ${rate.toFixed(0).padStart(7)} ${unit.padEnd(11)} p50 ${percentile(r.latenciesMs, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(r.latenciesMs, 99).toFixed(1).padStart(6)} ms   failed ${r.failed}`,
  };
}

async function main(): Promise<void> {
  const progress = (what: string) => (done: number, ms: number) =>
    log(`  ${what}: ${done} in ${(ms / 1000).toFixed(0)} s`);

  // 1. Raw baseline: Fastify echo, same client, same body size as a Payment Exchange (HS-Pay, ~1.9 KB).
  const echoPort = await freePort();
  log(`• raw baseline: Fastify XML echo, ${WORKERS} connections, ${DURATION_MS / 1000} s`);
  const echo = await startProcess('dist/bench/src/echo-server.js', { PORT: String(echoPort) }, 'listening');
  const echoClient = new IotpHttpClient(`http://127.0.0.1:${echoPort}/iotp`, { maxSockets: WORKERS });
  const body = Buffer.from(`<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">${'x'.repeat(1900)}</IotpMessage>`);
  const echoResult = await closedLoop(
    WORKERS,
    DURATION_MS,
    async () => (await echoClient.post(body)).status === 200,
    progress('echo requests'),
  );
  echoClient.close();
  await stopProcess(echo);

  // 2. Complete payments through the embedded Payment Handler (fresh data directory, fsync on).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ph-bench-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as the postgres user and must reach it
  const gatewayPort = await freePort();
  log(
    `• embedded Payment Handler: complete hash/secret payments, ${WORKERS} wallets, ${DURATION_MS / 1000} s`,
  );
  const ph = await startProcess(
    'dist/apps/standalone/src/main.js',
    {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      GATEWAY_PORT: String(gatewayPort),
      BANK_SIMULATOR_PORT: String(await freePort()),
      // BENCH_DATABASE_URL: measure against an existing PostgreSQL (own schemas) instead of a fresh embedded one.
      ...(process.env.BENCH_DATABASE_URL
        ? {
            DATABASE_URL: process.env.BENCH_DATABASE_URL,
            EVENT_STORE_SCHEMA: `es_bench_${Date.now()}`,
            BANK_SIMULATOR_SCHEMA: `bank_bench_${Date.now()}`,
          }
        : {}),
    },
    'IOTP Payment Handler ready',
  );
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/iotp`;
  const client = new IotpHttpClient(gatewayUrl, { maxSockets: WORKERS });
  let exchanges = 0;
  const payResult = await closedLoop(
    WORKERS,
    DURATION_MS,
    async () => {
      const session = new PaymentSession({
        gatewayUrl,
        client,
        customer: 'alice',
        amount: '0.01',
        currency: 'EUR',
      });
      const p1 = await session.paymentRequest();
      exchanges++;
      if (p1.kind !== 'exchange') throw new Error(`Payment Request answered ${p1.kind}`);
      const result = await session.pay();
      exchanges++;
      if (result.processState !== 'CompletedOk')
        throw new Error(
          `payment ended ${result.processState} ${result.completionCode ?? result.errorCode ?? ''}`,
        );
      return result.receiptVerified;
    },
    progress('payments'),
  );
  client.close();
  await stopProcess(ph);
  rmSync(dataDir, { recursive: true, force: true });

  const e = summary('raw Fastify XML echo (requests)', echoResult, 'req/s');
  const p = summary('complete hash/secret payments (2 round trips)', payResult, 'payments/s');
  const ratio = p.rate / e.rate;
  const reqRatio = exchanges / payResult.seconds / e.rate;
  process.stdout.write(
    [
      '',
      `npm run bench — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, ${WORKERS} concurrent clients, ${DURATION_MS / 1000} s each`,
      e.line,
      p.line,
      `payments/s ÷ echo req/s = ${ratio.toFixed(3)}   IOTP requests/s ÷ echo req/s = ${reqRatio.toFixed(3)}`,
      payResult.firstError ? `first error: ${payResult.firstError}` : '',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
