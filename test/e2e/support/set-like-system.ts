import { startTestGateway } from './test-gateway';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import pino from 'pino';
import { instrumentEventStore } from '@ph/platform';
import { createPostgresEventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { HttpAcquirer, SetLikeBridge, demoSetLikeConfig } from '@ph/bridges/set-like';
import { createAcquirerSimulator, type AcquirerSimulator } from '../../../apps/acquirer-simulator/src';
import { startHsmSimulator, type HsmSimulator } from '../../../apps/hsm-simulator/src';
import {
  PendingPaymentJanitor,
  startPaymentWorker,
  type JanitorPolicy,
} from '../../../apps/payment-worker/src';
import { startProjector } from '../../../apps/projector/src';

export interface SetLikeSystem {
  readonly gatewayUrl: string;
  readonly acquirerUrl: string;
  readonly acquirer: AcquirerSimulator;
  /** The HSM the acquirer verifies chip cards' ARQCs with (its outage controls included). */
  readonly hsm: HsmSimulator;
  readonly pool: Pool;
  readonly schemas: { readonly eventStore: string; readonly acquirer: string };
  /** Everything the system logged (to scan for card numbers). */
  readonly logLines: string[];
  /** With `janitorPolicy`: the pending-payment janitor (not started; tests call `tick`) over its read models. */
  readonly janitor?: PendingPaymentJanitor;
  stop(): Promise<void>;
}

/**
 * Gateway + payment worker with the SET-like bridge + acquirer simulator on the test PostgreSQL, joined
 * by the in-process transport: the standalone composition (apps/standalone) with this bridge added, so
 * the SET-like tests run before the lead wires it there. Own schemas per test file.
 */
export async function startSetLikeSystem(
  opts: { acquirerTimeoutMs?: number; janitorPolicy?: JanitorPolicy } = {},
): Promise<SetLikeSystem> {
  const tag = randomBytes(4).toString('hex');
  const schemas = { eventStore: `es_${tag}`, acquirer: `acq_${tag}`, readModels: `rm_${tag}` };
  const logLines: string[] = [];
  const logger = pino(
    { name: 'e2e-set-like', level: 'debug' },
    { write: (line: string) => void logLines.push(line) },
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

    const hsm = await startHsmSimulator({ port: 0 });
    stops.push(() => hsm.stop());
    const acquirer = await createAcquirerSimulator({
      pool,
      schema: schemas.acquirer,
      admin: true,
      noAnswerMs: 2000,
      hsm: { port: hsm.port, timeoutMs: 1500 },
      onError: (e) => logger.error({ err: e }, 'acquirer simulator error'),
    });
    await acquirer.app.listen({ port: 0, host: '127.0.0.1' });
    stops.push(() => acquirer.app.close());
    const acquirerUrl = `http://127.0.0.1:${(acquirer.app.server.address() as AddressInfo).port}`;

    const transport = new InProcessPaymentApiTransport({ warn: (m, d) => logger.warn({ details: d }, m) });
    stops.push(() => transport.close());
    const bridge = new SetLikeBridge(
      demoSetLikeConfig(),
      new HttpAcquirer({ baseUrl: acquirerUrl, timeoutMs: opts.acquirerTimeoutMs ?? 3000 }),
    );
    const worker = await startPaymentWorker({ bridges: [bridge], store, transport, logger });
    stops.push(() => worker.close());

    let janitor: PendingPaymentJanitor | undefined;
    if (opts.janitorPolicy) {
      // The janitor finds its candidates in the pending_payments read model.
      const projector = await startProjector({
        store,
        pool,
        logger,
        schema: schemas.readModels,
        eventStoreSchema: schemas.eventStore,
      });
      stops.push(() => projector.stop());
      janitor = new PendingPaymentJanitor({
        pool,
        readModelSchema: schemas.readModels,
        store,
        handler: worker.handler,
        policy: opts.janitorPolicy,
        logger,
      });
      stops.push(() => janitor!.stop());
    }

    const gateway = await startTestGateway({ bridges: 'set-like', store, transport, logger });
    stops.push(() => gateway.close());
    return {
      gatewayUrl: gateway.url,
      acquirerUrl,
      acquirer,
      hsm,
      pool,
      schemas,
      logLines,
      ...(janitor && { janitor }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
