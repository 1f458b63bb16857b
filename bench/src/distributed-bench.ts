import type { ChildProcess } from 'node:child_process';
import type { PaymentsBench } from './embedded-bench';
import { scrapeAverages } from './metrics';
import { payInLoop } from './payments-load';
import { benchSchema } from './postgres';
import { answers200, freePort, log, startProcess, stopProcess } from './processes';
import { DURATION_MS, WORKERS } from './settings';

/**
 * (e) Complete payments in distributed mode: bank simulator, one payment worker and one gateway, each
 * its own process of dist/, Payment API calls over Kafka, events in PostgreSQL (no projector).
 */
export async function benchDistributed(
  databaseUrl: string,
  brokers: readonly string[],
): Promise<PaymentsBench> {
  const [bankPort, workerPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const tag = `${process.pid}-${Date.now() % 1e6}`;
  const common = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    EVENT_STORE: 'postgres',
    EVENT_STORE_SCHEMA: benchSchema('es_dist'),
    BANK_SIMULATOR_SCHEMA: benchSchema('bank_dist'),
  };
  log(
    `• distributed Payment Handler: starting bank simulator, payment worker, gateway (Kafka ${brokers.join(',')})`,
  );
  const apps: ChildProcess[] = [];
  try {
    apps.push(
      await startProcess(
        'dist/apps/bank-simulator/src/main.js',
        { ...common, BANK_SIMULATOR_PORT: String(bankPort) },
        answers200(`http://127.0.0.1:${bankPort}/readyz`),
      ),
    );
    apps.push(
      await startProcess(
        'dist/apps/payment-worker/src/main.js',
        {
          ...common,
          INSTANCE_ID: `bench-worker-${tag}`,
          WORKER_PORT: String(workerPort),
          BANK_SIMULATOR_URL: `http://127.0.0.1:${bankPort}`,
        },
        answers200(`http://127.0.0.1:${workerPort}/readyz`),
      ),
    );
    apps.push(
      await startProcess(
        'dist/apps/gateway/src/main.js',
        {
          ...common,
          INSTANCE_ID: `bench-gateway-${tag}`,
          REPLY_PARTITION: '0',
          GATEWAY_PORT: String(gatewayPort),
        },
        answers200(`http://127.0.0.1:${gatewayPort}/readyz`),
      ),
    );
    log(
      `• distributed Payment Handler: complete hash/secret payments, ${WORKERS} wallets, ${DURATION_MS / 1000} s`,
    );
    const load = await payInLoop(`http://127.0.0.1:${gatewayPort}/iotp`);
    // The worker's /metrics has no latency histograms (counters only): the gateway's tell the story.
    const metrics = { gateway: await scrapeAverages(`http://127.0.0.1:${gatewayPort}/metrics`) };
    return { ...load, metrics };
  } finally {
    for (const app of apps.reverse()) await stopProcess(app);
  }
}
