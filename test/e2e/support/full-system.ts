import { startTestGateway } from './test-gateway';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import pino from 'pino';
import { createLogger, instrumentEventStore, type Logger } from '@ph/platform';
import { createPostgresEventStore, type EventStore } from '@ph/event-store';
import { InProcessPaymentApiTransport } from '@ph/messaging';
import { HashSecretBridge, HttpClearingBank, demoHashSecretConfig } from '@ph/bridges/hash-secret';
import { HttpIssuerOperator, IssuerMicroBridge, demoIssuerMicroConfig } from '@ph/bridges/issuer-micro';
import { HttpSmsOperator, SmsConfirmBridge, demoSmsConfirmConfig } from '@ph/bridges/sms-confirm';
import { HttpAcquirer, SetLikeBridge, demoSetLikeConfig } from '@ph/bridges/set-like';
import { EPurseBridge, HsmMerchantSam, HttpClearingCentre, demoEPurseConfig } from '@ph/bridges/e-purse';
import { startHsmSimulator, type HsmSimulator } from '../../../apps/hsm-simulator/src';
import { createAcquirerSimulator, type AcquirerSimulator } from '../../../apps/acquirer-simulator/src';
import { createBankSimulatorApp } from '../../../apps/bank-simulator/src';
import {
  DEFAULT_JANITOR_POLICY,
  PendingPaymentJanitor,
  startPaymentWorker,
} from '../../../apps/payment-worker/src';
import { startProjector } from '../../../apps/projector/src';

/**
 * Every line a logger wrote, captured in memory. The logger is the production one (createLogger: its
 * redaction paths, its serializers) at `trace`, with only its destination swapped for this buffer, so a
 * scan of `lines` sees exactly what an operator's log pipeline would receive.
 */
export interface CapturedLogs {
  readonly logger: Logger;
  readonly lines: string[];
  /** Also captures console.* and direct stdout/stderr writes of this process until released. */
  captureConsole(): () => void;
}

export function captureLogs(name = 'e2e-full'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger(name, 'trace');
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // pino keeps its destination under streamSym; children created later inherit it from the root.
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = sink;
  return {
    logger,
    lines,
    captureConsole() {
      const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
      const saved = methods.map((m) => [m, console[m]] as const);
      for (const m of methods)
        console[m] = (...args: unknown[]) =>
          void lines.push(
            `console.${m}: ${args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ')}`,
          );
      const writes = [process.stdout, process.stderr].map((s) => [s, s.write.bind(s)] as const);
      for (const [stream, original] of writes)
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
          lines.push(`${stream === process.stdout ? 'stdout' : 'stderr'}: ${String(chunk)}`);
          return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write;
      return () => {
        for (const [m, f] of saved) console[m] = f;
        for (const [stream, original] of writes) stream.write = original as typeof stream.write;
      };
    },
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export interface FullSystemOptions {
  readonly logger?: Logger;
  /** HTTP time-outs of the bridges towards the existing payment software (default 3000 ms each). */
  readonly clearingTimeoutMs?: number;
  readonly acquirerTimeoutMs?: number;
  readonly smsTimeoutMs?: number;
  readonly issuerTimeoutMs?: number;
  /** e-purse clearing centre (bank simulator). */
  readonly centreTimeoutMs?: number;
  readonly smsTtlSecs?: number;
  readonly smsPollAfterSecs?: number;
  /** How long a `noAnswer` card of the acquirer keeps its connection (default 2000 ms). */
  readonly acquirerNoAnswerMs?: number;
  /** Pool size of the system (default 16). */
  readonly poolSize?: number;
}

export interface FullSystem {
  readonly gatewayUrl: string;
  /** Clearing bank, SMS operator and issuer (bank simulator). */
  readonly bankUrl: string;
  readonly acquirerUrl: string;
  readonly acquirer: AcquirerSimulator;
  /** The e-purse merchant card's SAM. */
  readonly hsm: HsmSimulator;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly schemas: {
    readonly eventStore: string;
    readonly bank: string;
    readonly readModels: string;
    readonly acquirer: string;
  };
  /** POST/PUT a JSON control to a simulator (`bank` or `acquirer`), e.g. ('bank', '/admin/outage', {down:true}). */
  control(target: 'bank' | 'acquirer', path: string, body: object, method?: 'POST' | 'PUT'): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole Payment Handler with all four schemes on the test PostgreSQL (schemas of its own): gateway,
 * payment worker with every bridge, projector (read models), pending-payment janitor, bank simulator
 * (clearing bank, SMS operator, issuer) and acquirer simulator, joined by the in-process transport. As
 * apps/standalone composes it, except that the hash/secret bridge reaches the clearing bank over HTTP (as
 * in the distributed mode) so the bank's outage switch (`POST /admin/outage`) affects it.
 */
export async function startFullSystem(opts: FullSystemOptions = {}): Promise<FullSystem> {
  const logger = opts.logger ?? createLogger('e2e-full', 'warn');
  const tag = randomBytes(4).toString('hex');
  const schemas = {
    eventStore: `es_${tag}`,
    bank: `bank_${tag}`,
    readModels: `rm_${tag}`,
    acquirer: `acq_${tag}`,
  };
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse())
      await s().catch((e: unknown) => logger.warn({ err: e }, 'stopping failed'));
    stops.length = 0;
  };
  try {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: opts.poolSize ?? 16 });
    pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
    stops.push(() => pool.end());
    const store = instrumentEventStore(await createPostgresEventStore({ pool, schema: schemas.eventStore }));
    stops.push(() => store.close());

    const simPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
    simPool.on('error', (error) => logger.warn({ err: error }, 'idle simulator connection lost'));
    stops.push(() => simPool.end());
    const bankApp = await createBankSimulatorApp({
      pool: simPool,
      schema: schemas.bank,
      onError: (e) => logger.error({ err: e }, 'bank simulator error'),
    });
    await bankApp.listen(0, '127.0.0.1');
    stops.push(() => bankApp.close());
    const bankUrl = `http://127.0.0.1:${(bankApp.getHttpServer().address() as AddressInfo).port}`;

    // One HSM: the e-purse merchant SAM and the acquirer's ARQC checks of chip cards.
    const hsm = await startHsmSimulator({ port: 0 });
    stops.push(() => hsm.stop());

    const acquirer = await createAcquirerSimulator({
      pool: simPool,
      schema: schemas.acquirer,
      admin: true,
      noAnswerMs: opts.acquirerNoAnswerMs ?? 2000,
      hsm: { port: hsm.port, timeoutMs: 1500 },
      onError: (e) => logger.error({ err: e }, 'acquirer simulator error'),
    });
    await acquirer.app.listen({ port: 0, host: '127.0.0.1' });
    stops.push(() => acquirer.app.close());
    const acquirerUrl = `http://127.0.0.1:${(acquirer.app.server.address() as AddressInfo).port}`;
    const sam = new HsmMerchantSam({ port: hsm.port, timeoutMs: 1500 });
    stops.push(async () => sam.close());

    const transport = new InProcessPaymentApiTransport({ warn: (m, d) => logger.warn({ details: d }, m) });
    transport.onLateReply((late) =>
      logger.info(
        { topic: late.topic, key: late.key, correlationId: late.correlationId },
        'late Payment API reply',
      ),
    );
    stops.push(() => transport.close());
    const bridges = [
      new HashSecretBridge(
        demoHashSecretConfig(),
        new HttpClearingBank({ baseUrl: bankUrl, timeoutMs: opts.clearingTimeoutMs ?? 3000 }),
      ),
      new SmsConfirmBridge(
        demoSmsConfirmConfig({ ttlSecs: opts.smsTtlSecs ?? 600, pollAfterSecs: opts.smsPollAfterSecs ?? 1 }),
        new HttpSmsOperator({ baseUrl: bankUrl, timeoutMs: opts.smsTimeoutMs ?? 3000 }),
      ),
      new IssuerMicroBridge(
        demoIssuerMicroConfig(),
        new HttpIssuerOperator({ baseUrl: bankUrl, timeoutMs: opts.issuerTimeoutMs ?? 3000 }),
      ),
      new SetLikeBridge(
        demoSetLikeConfig(),
        new HttpAcquirer({ baseUrl: acquirerUrl, timeoutMs: opts.acquirerTimeoutMs ?? 3000 }),
      ),
      new EPurseBridge(
        demoEPurseConfig(),
        sam,
        new HttpClearingCentre({ baseUrl: bankUrl, timeoutMs: opts.centreTimeoutMs ?? 3000 }),
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

    const janitor = new PendingPaymentJanitor({
      pool,
      readModelSchema: schemas.readModels,
      store,
      handler: worker.handler,
      policy: DEFAULT_JANITOR_POLICY,
      logger,
    });
    janitor.start();
    stops.push(() => janitor.stop());

    const gateway = await startTestGateway({
      bridges: 'hash-secret,set-like,sms-confirm,issuer-micro,e-purse',
      store,
      transport,
      logger,
    });
    stops.push(() => gateway.close());

    const control = async (
      target: 'bank' | 'acquirer',
      path: string,
      body: object,
      method: 'POST' | 'PUT' = 'POST',
    ) => {
      const res = await fetch(`${target === 'bank' ? bankUrl : acquirerUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`${target} ${path}: HTTP ${res.status} ${await res.text()}`);
    };
    return {
      gatewayUrl: gateway.url,
      bankUrl,
      acquirerUrl,
      acquirer,
      hsm,
      pool,
      store,
      schemas,
      control,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
