import { scrapeAverages, type SeriesAverage } from './metrics';
import { payInLoop, type PaymentsLoad } from './payments-load';
import { benchSchema } from './postgres';
import { freePort, log, startProcess, stopProcess } from './processes';
import { DURATION_MS, WORKERS } from './settings';

export interface PaymentsBench extends PaymentsLoad {
  /** Averages from /metrics, by where they were scraped (e.g. 'gateway'). */
  readonly metrics: Record<string, SeriesAverage[]>;
}

/** (d) Complete payments through the embedded Payment Handler (apps/standalone: one process). */
export async function benchEmbedded(databaseUrl: string): Promise<PaymentsBench> {
  const gatewayPort = await freePort();
  log(
    `• embedded Payment Handler: complete hash/secret payments, ${WORKERS} wallets, ${DURATION_MS / 1000} s`,
  );
  const ph = await startProcess(
    'dist/apps/standalone/src/main.js',
    {
      DATABASE_URL: databaseUrl,
      EVENT_STORE_SCHEMA: benchSchema('es_emb'),
      BANK_SIMULATOR_SCHEMA: benchSchema('bank_emb'),
      READ_MODEL_SCHEMA: benchSchema('rm_emb'),
      GATEWAY_PORT: String(gatewayPort),
      BANK_SIMULATOR_PORT: String(await freePort()),
    },
    'IOTP Payment Handler ready',
  );
  try {
    const load = await payInLoop(`http://127.0.0.1:${gatewayPort}/iotp`);
    const metrics = {
      'gateway (one process: gateway, worker, projector)': await scrapeAverages(
        `http://127.0.0.1:${gatewayPort}/metrics`,
      ),
    };
    return { ...load, metrics };
  } finally {
    await stopProcess(ph);
  }
}
