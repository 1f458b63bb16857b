import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createBankSimulatorApp } from '../../../apps/bank-simulator/src';
import { createConsoleApp, readConsoleConfig, type ConsoleApp } from '../../../apps/console/src';
import { readGatewayConfig } from '../../../apps/gateway/src/config/gateway-config';
import { createGatewayApp } from '../../../apps/gateway/src/gateway.app';
import { TransportPaymentApiClient } from '../../../apps/gateway/src/payment-api';
import { startPaymentWorker } from '../../../apps/payment-worker/src';
import { startProjector } from '../../../apps/projector/src';
import { HashSecretBridge, HttpClearingBank, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { createPostgresEventStore, type EventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { createLogger, EnvReader, instrumentEventStore } from '@ph/platform';

/**
 * The embedded Payment Handler composed as apps/standalone composes it (bank simulator, payment
 * worker, projector, gateway on one in-process transport), plus the console on that transport,
 * in this jest worker on the test PostgreSQL with schemas of its own. The console is not wired into
 * apps/standalone yet; once it is, this can become startHarness() plus the console URL.
 */
export interface ConsoleSystem {
  readonly gatewayUrl: string;
  readonly consoleUrl: string;
  readonly store: EventStore;
  readonly pool: Pool;
  readonly schemas: { readonly eventStore: string; readonly readModels: string; readonly console: string };
  readonly console: ConsoleApp;
  /** Waits until the read model shows the payment in one of the states. */
  waitForPayment(payId: string, states?: readonly string[], timeoutMs?: number): Promise<void>;
  /** Suspends a payment through the Payment API (ChangeProcessState Suspended, as an AppCore or the janitor may). */
  suspend(payId: string): Promise<void>;
  /** The bank simulator's run-time faults (POST /admin/outage): `answerDelayMs` books, then answers late. */
  bankFaults(body: { down?: boolean; answerDelayMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsoleSystemOptions {
  /** More CONSOLE_* settings for the console (e.g. CONSOLE_OIDC_ISSUER of a test identity provider). */
  readonly consoleEnv?: Readonly<Record<string, string>>;
}

export async function startConsoleSystem(options: ConsoleSystemOptions = {}): Promise<ConsoleSystem> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    stops.length = 0;
  };
  const tag = randomBytes(4).toString('hex');
  const schemas = {
    eventStore: `es_${tag}`,
    bank: `bank_${tag}`,
    readModels: `rm_${tag}`,
    console: `console_${tag}`,
  };
  const logger = createLogger('console-e2e', 'warn');
  try {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
    stops.push(() => pool.end());
    const store = instrumentEventStore(await createPostgresEventStore({ pool, schema: schemas.eventStore }));
    stops.push(() => store.close());
    const bankApp = await createBankSimulatorApp({ pool, schema: schemas.bank });
    await bankApp.listen(0, '127.0.0.1');
    stops.push(() => bankApp.close());
    const bankUrl = `http://127.0.0.1:${(bankApp.getHttpServer().address() as AddressInfo).port}`;
    const transport = new InProcessPaymentApiTransport();
    stops.push(() => transport.close());
    const worker = await startPaymentWorker({
      // Over HTTP, as in the distributed mode: a clearing answered late suspends the payment.
      bridges: [
        new HashSecretBridge(
          demoHashSecretConfig(),
          new HttpClearingBank({ baseUrl: bankUrl, timeoutMs: 800 }),
        ),
      ],
      store,
      transport,
      logger,
    });
    stops.push(() => worker.close());
    const projector = await startProjector({
      store,
      pool,
      logger,
      schema: schemas.readModels,
      eventStoreSchema: schemas.eventStore,
    });
    stops.push(() => projector.stop());
    const gateway = readGatewayConfig(new EnvReader({ GATEWAY_PORT: '0' }));
    const gatewayApp = await createGatewayApp({
      config: gateway,
      store,
      paymentApi: new TransportPaymentApiClient(transport, { timeoutMs: gateway.paymentApiTimeoutMs }),
      logger,
      readiness: [],
    });
    await gatewayApp.listen(0, '127.0.0.1');
    stops.push(() => gatewayApp.close());

    // The lines the standalone app needs (plus CONSOLE_* from its environment).
    const consoleConfig = readConsoleConfig(
      new EnvReader({
        CONSOLE_PORT: '0',
        READ_MODEL_SCHEMA: schemas.readModels,
        CONSOLE_SCHEMA: schemas.console,
        EVENT_STORE_SCHEMA: schemas.eventStore,
        ...options.consoleEnv,
      }),
    );
    const consoleApp = await createConsoleApp({
      config: consoleConfig,
      pool,
      store,
      transport,
      logger,
      tailPollMs: 200,
    });
    await consoleApp.app.listen(consoleConfig.port, consoleConfig.host);
    stops.push(() => consoleApp.app.close());

    const port = (server: { getHttpServer(): { address(): unknown } }) =>
      (server.getHttpServer().address() as AddressInfo).port;
    const system: ConsoleSystem = {
      gatewayUrl: `http://127.0.0.1:${port(gatewayApp)}${gateway.iotpPath}`,
      consoleUrl: `http://127.0.0.1:${port(consoleApp.app)}`,
      store,
      pool,
      schemas: { eventStore: schemas.eventStore, readModels: schemas.readModels, console: schemas.console },
      console: consoleApp,
      async waitForPayment(payId, states = [], timeoutMs = 10_000) {
        const until = Date.now() + timeoutMs;
        for (;;) {
          const { rows } = await pool.query<{ s: string }>(
            `SELECT process_state AS s FROM "${schemas.readModels}".payments WHERE pay_id = $1`,
            [payId],
          );
          if (rows[0] && (states.length === 0 || states.includes(rows[0].s))) return;
          if (Date.now() > until)
            throw new Error(
              `payment ${payId} not projected as ${states.join('/') || 'any'} (is ${rows[0]?.s ?? 'absent'})`,
            );
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async suspend(payId) {
        const reply = (await transport.request(
          'paymentapi.hash-secret.requests',
          payId,
          { request: { call: 'ChangeProcessState', PayId: payId, ProcessState: 'Suspended' } },
          { timeoutMs: 5000, correlationId: `test-suspend-${randomBytes(6).toString('hex')}` },
        )) as { ErrorResponse?: unknown };
        if (reply.ErrorResponse) throw new Error(`suspend refused: ${JSON.stringify(reply.ErrorResponse)}`);
      },
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
    return system;
  } catch (error) {
    await stop();
    throw error;
  }
}
