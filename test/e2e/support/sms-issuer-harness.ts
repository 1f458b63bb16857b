import { startTestGateway } from './test-gateway';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createBankSimulatorApp, ClearingBankService } from '../../../apps/bank-simulator/src';
import { startPaymentWorker } from '../../../apps/payment-worker/src';
import { startProjector } from '../../../apps/projector/src';
import { createPostgresEventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { HashSecretBridge, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { HttpSmsOperator, SmsConfirmBridge, demoSmsConfirmConfig } from '@ph/bridges/sms-confirm';
import { HttpIssuerOperator, IssuerMicroBridge, demoIssuerMicroConfig } from '@ph/bridges/issuer-micro';
import { createLogger } from '@ph/platform';

export interface SmsIssuerHarness {
  readonly gatewayUrl: string;
  readonly bankUrl: string;
  readonly bankSchema: string;
  readonly eventStoreSchema: string;
  readonly pool: Pool;
  stop(): Promise<void>;
}

/**
 * The embedded Payment Handler as apps/standalone composes it, plus the sms-confirm and issuer-micro
 * bridges (talking HTTP to the bank simulator's SMS operator and issuer), on the test PostgreSQL with
 * schemas of its own. Until the lead wires the bridges into the standalone app, e2e tests use this.
 */
export async function startSmsIssuerHarness(options: {
  readonly smsTtlSecs: number;
}): Promise<SmsIssuerHarness> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const logger = createLogger('e2e', 'warn');
    const tag = randomBytes(4).toString('hex');
    const schemas = { eventStore: `es_${tag}`, bank: `bank_${tag}`, readModels: `rm_${tag}` };
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 12 });
    stops.push(() => pool.end());
    const store = await createPostgresEventStore({ pool, schema: schemas.eventStore });
    stops.push(() => store.close());
    const bankApp = await createBankSimulatorApp({ pool, schema: schemas.bank });
    await bankApp.listen(0, '127.0.0.1');
    stops.push(() => bankApp.close());
    const bankUrl = `http://127.0.0.1:${(bankApp.getHttpServer().address() as AddressInfo).port}`;
    const transport = new InProcessPaymentApiTransport({ warn: () => undefined });
    stops.push(() => transport.close());
    const bridges = [
      new HashSecretBridge(demoHashSecretConfig(), bankApp.get(ClearingBankService)),
      new SmsConfirmBridge(
        demoSmsConfirmConfig({ ttlSecs: options.smsTtlSecs, pollAfterSecs: 1 }),
        new HttpSmsOperator({ baseUrl: bankUrl, timeoutMs: 2000 }),
      ),
      new IssuerMicroBridge(
        demoIssuerMicroConfig(),
        new HttpIssuerOperator({ baseUrl: bankUrl, timeoutMs: 2000 }),
      ),
    ];
    const worker = await startPaymentWorker({ bridges, store, transport, logger });
    stops.push(() => worker.close());
    const projector = await startProjector({
      store,
      pool,
      logger,
      schema: schemas.readModels,
      eventStoreSchema: schemas.eventStore,
    });
    stops.push(() => projector.stop());
    const gateway = await startTestGateway({
      bridges: 'hash-secret,sms-confirm,issuer-micro',
      store,
      transport,
      logger,
    });
    stops.push(() => gateway.close());
    return {
      gatewayUrl: gateway.url,
      bankUrl,
      bankSchema: schemas.bank,
      eventStoreSchema: schemas.eventStore,
      pool,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
