import { startTestGateway } from './test-gateway';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import pino from 'pino';
import { instrumentEventStore } from '@ph/platform';
import { createPostgresEventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { EPurseBridge, HsmMerchantSam, HttpClearingCentre, demoEPurseConfig } from '@ph/bridges/e-purse';
import { createBankSimulatorApp } from '../../../apps/bank-simulator/src';
import { startHsmSimulator, type HsmSimulator } from '../../../apps/hsm-simulator/src';
import { startPaymentWorker } from '../../../apps/payment-worker/src';

export interface EPurseSystem {
  readonly gatewayUrl: string;
  /** The bank simulator, where the clearing centre lives (routes under /clearing-centre). */
  readonly bankUrl: string;
  readonly hsm: HsmSimulator;
  readonly centre: HttpClearingCentre;
  readonly pool: Pool;
  readonly schemas: { readonly eventStore: string; readonly bank: string };
  readonly logLines: string[];
  stop(): Promise<void>;
}

/**
 * Gateway + payment worker with the e-purse bridge + HSM simulator (merchant SAM, TCP) + bank simulator
 * (clearing centre) on the test PostgreSQL, joined by the in-process transport: the standalone
 * composition with only this bridge. Own schemas per test file; every port chosen by the system.
 */
export async function startEPurseSystem(
  opts: { hsmTimeoutMs?: number; centreTimeoutMs?: number } = {},
): Promise<EPurseSystem> {
  const tag = randomBytes(4).toString('hex');
  const schemas = { eventStore: `es_${tag}`, bank: `bank_${tag}` };
  const logLines: string[] = [];
  const logger = pino(
    { name: 'e2e-e-purse', level: 'debug' },
    { write: (l: string) => void logLines.push(l) },
  );
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
    stops.push(() => pool.end());
    const store = instrumentEventStore(await createPostgresEventStore({ pool, schema: schemas.eventStore }));
    stops.push(() => store.close());

    const bankApp = await createBankSimulatorApp({ pool, schema: schemas.bank });
    await bankApp.listen(0, '127.0.0.1');
    stops.push(() => bankApp.close());
    const bankUrl = `http://127.0.0.1:${(bankApp.getHttpServer().address() as AddressInfo).port}`;

    const hsm = await startHsmSimulator({ port: 0 });
    stops.push(() => hsm.stop());
    const sam = new HsmMerchantSam({ port: hsm.port, timeoutMs: opts.hsmTimeoutMs ?? 1500 });
    stops.push(async () => sam.close());
    const centre = new HttpClearingCentre({ baseUrl: bankUrl, timeoutMs: opts.centreTimeoutMs ?? 3000 });

    const transport = new InProcessPaymentApiTransport({ warn: (m, d) => logger.warn({ details: d }, m) });
    stops.push(() => transport.close());
    const bridge = new EPurseBridge(demoEPurseConfig(), sam, centre);
    const worker = await startPaymentWorker({ bridges: [bridge], store, transport, logger });
    stops.push(() => worker.close());

    const gateway = await startTestGateway({ bridges: 'e-purse', store, transport, logger });
    stops.push(() => gateway.close());
    return {
      gatewayUrl: gateway.url,
      bankUrl,
      hsm,
      centre,
      pool,
      schemas,
      logLines,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
