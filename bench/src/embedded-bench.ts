import { scrapeAverages, type SeriesAverage } from './metrics';
import { payInLoop, type PaymentsLoad } from './payments-load';
import { log } from './processes';
import { DURATION_MS, WORKERS } from './settings';
import { startEmbeddedPaymentHandler } from './standalone-process';

export interface PaymentsBench extends PaymentsLoad {
  /** Averages from /metrics, by where they were scraped (e.g. 'gateway'). */
  readonly metrics: Record<string, SeriesAverage[]>;
}

/** (d) Complete payments through the embedded Payment Handler (apps/standalone: one process). */
export async function benchEmbedded(databaseUrl: string): Promise<PaymentsBench> {
  log(
    `• embedded Payment Handler: complete hash/secret payments, ${WORKERS} wallets, ${DURATION_MS / 1000} s`,
  );
  const ph = await startEmbeddedPaymentHandler(databaseUrl, 'emb');
  try {
    const load = await payInLoop(ph.gatewayUrl);
    const metrics = {
      'gateway (one process: gateway, worker, projector)': await scrapeAverages(ph.metricsUrl),
    };
    return { ...load, metrics };
  } finally {
    await ph.stop();
  }
}
