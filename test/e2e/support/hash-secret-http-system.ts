import { startTestGateway } from './test-gateway';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import pino from 'pino';
import { instrumentEventStore } from '@ph/platform';
import { createPostgresEventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { HashSecretBridge, HttpClearingBank, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { createBankSimulatorApp } from '../../../apps/bank-simulator/src';
import {
  PendingPaymentJanitor,
  startPaymentWorker,
  type JanitorPolicy,
} from '../../../apps/payment-worker/src';
import { startProjector } from '../../../apps/projector/src';

export interface HashSecretHttpSystem {
  readonly gatewayUrl: string;
  readonly bankUrl: string;
  readonly pool: Pool;
  readonly schemas: { readonly eventStore: string; readonly bank: string; readonly readModels: string };
  /** Not started: tests call `tick`. */
  readonly janitor: PendingPaymentJanitor;
  /** POST /admin/outage of the bank simulator. */
  bankFaults(body: { down?: boolean; answerDelayMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Gateway + payment worker with the hash/secret bridge talking to the bank simulator over HTTP (as in
 * the distributed mode: the standalone calls the bank in-process, where nothing can time out), plus
 * the projector and the janitor. Own schemas per test file.
 */
export async function startHashSecretHttpSystem(opts: {
  clearingTimeoutMs: number;
  janitorPolicy: JanitorPolicy;
}): Promise<HashSecretHttpSystem> {
  const tag = randomBytes(4).toString('hex');
  const schemas = { eventStore: `es_${tag}`, bank: `bank_${tag}`, readModels: `rm_${tag}` };
  const logger = pino({ name: 'e2e-hash-secret-http', level: 'warn' });
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

    const bankPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    stops.push(() => bankPool.end());
    const bankApp = await createBankSimulatorApp({ pool: bankPool, schema: schemas.bank });
    await bankApp.listen(0, '127.0.0.1');
    stops.push(() => bankApp.close());
    const bankUrl = `http://127.0.0.1:${(bankApp.getHttpServer().address() as AddressInfo).port}`;

    const transport = new InProcessPaymentApiTransport({ warn: (m, d) => logger.warn({ details: d }, m) });
    stops.push(() => transport.close());
    const bridge = new HashSecretBridge(
      demoHashSecretConfig(),
      new HttpClearingBank({ baseUrl: bankUrl, timeoutMs: opts.clearingTimeoutMs }),
    );
    const worker = await startPaymentWorker({ bridges: [bridge], store, transport, logger });
    stops.push(() => worker.close());

    const projector = await startProjector({
      store,
      pool,
      logger,
      schema: schemas.readModels,
      eventStoreSchema: schemas.eventStore,
    });
    stops.push(() => projector.stop());
    const janitor = new PendingPaymentJanitor({
      pool,
      readModelSchema: schemas.readModels,
      store,
      handler: worker.handler,
      policy: opts.janitorPolicy,
      logger,
    });
    stops.push(() => janitor.stop());

    const gateway = await startTestGateway({ bridges: 'hash-secret', store, transport, logger });
    stops.push(() => gateway.close());
    return {
      gatewayUrl: gateway.url,
      bankUrl,
      pool,
      schemas,
      janitor,
      async bankFaults(body) {
        const res = await fetch(`${bankUrl}/admin/outage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 200) throw new Error(`bank faults: HTTP ${res.status} ${await res.text()}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
