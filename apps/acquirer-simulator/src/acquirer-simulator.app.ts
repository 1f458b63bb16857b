import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { checkReadiness } from '@ph/platform';
import { AcquirerService, RequestRejected, type Delivery } from './acquirer.service';
import { IssuerHsm, type IssuerHsmOptions } from './chip';
import { migrateAcquirerSchema, seedTestCards } from './schema';

export interface AcquirerSimulatorOptions {
  readonly pool: Pool;
  /** PostgreSQL schema (ACQUIRER_SIMULATOR_SCHEMA, default `acquirer`). */
  readonly schema?: string;
  /** Key of the PAN hash (ACQ_PAN_HASH_KEY, 64 hex); DEV default when absent. */
  readonly panHashKey?: Buffer;
  /** Admin routes (ACQ_SIM_ADMIN=true), loopback callers only. */
  readonly admin?: boolean;
  /** ACQ_LATENCY_MS and ACQ_JITTER_MS (uniform, from a generator seeded by ACQ_SEED). */
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  readonly seed?: number;
  /** How long a `noAnswer` card keeps the connection open before closing it (default 60 s). */
  readonly noAnswerMs?: number;
  readonly seedTestCards?: boolean;
  /**
   * The HSM simulator that verifies chip cards' ARQCs (KQ) under the issuer's MK-AC kept under its LMK
   * (HSM_HOST/HSM_PORT/HSM_TIMEOUT_MS, ACQ_IMK_AC_UNDER_LMK). Without it chip cards are answered 503.
   */
  readonly hsm?: IssuerHsmOptions;
  readonly clock?: () => Date;
  /** Unexpected errors (never request bodies, so never card data). */
  readonly onError?: (error: unknown) => void;
}

export const DEV_PAN_HASH_KEY = Buffer.from(
  '61637175697265722073696d756c61746f722070616e2068617368206b657921',
  'hex',
);

export interface AcquirerSimulator {
  readonly app: FastifyInstance;
  readonly service: AcquirerService;
  /** Run-time controls (also reachable over the admin routes). */
  readonly controls: { down: boolean; latencyMs: number; jitterMs: number };
}

/**
 * The acquirer's payment gateway simulator (schemes.md §6.11) as a Fastify app, not yet listening.
 * Chip cards' ARQCs are verified by the HSM simulator (`options.hsm`), which returns the ARPC.
 * Routes: POST /set/auth, /set/capture, /set/authrev; GET /set/xid/:xid; /healthz, /readyz;
 * admin: POST /admin/outage, PUT /admin/rules, GET /admin/cards, PUT /admin/cards/:cardId.
 * Errors are application/problem+json. Request bodies are never logged.
 */
export async function createAcquirerSimulator(options: AcquirerSimulatorOptions): Promise<AcquirerSimulator> {
  const schema = options.schema ?? 'acquirer';
  const key = options.panHashKey ?? DEV_PAN_HASH_KEY;
  await migrateAcquirerSchema(options.pool, schema);
  if (options.seedTestCards !== false) await seedTestCards(options.pool, schema, key);
  const issuerHsm = options.hsm ? new IssuerHsm(options.hsm) : undefined;
  const service = new AcquirerService(options.pool, {
    schema,
    panHashKey: key,
    clock: options.clock,
    ...(issuerHsm ? { issuerHsm } : {}),
  });
  const controls = { down: false, latencyMs: options.latencyMs ?? 0, jitterMs: options.jitterMs ?? 0 };
  const random = mulberry32(options.seed ?? 1);
  const hanging = new Set<FastifyRequest>();
  const app = Fastify({ logger: false, bodyLimit: 65_536, forceCloseConnections: true });

  const problem = (reply: FastifyReply, status: number, detail: string) =>
    reply
      .status(status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: status >= 500 ? 'Service Unavailable' : 'Bad Request',
          status,
          detail,
        }),
      );
  // Pending delays end when the app closes, so a slow or silent card never keeps the process alive.
  const timers = new Map<NodeJS.Timeout, () => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.set(t, resolve);
    });
  const latency = () => controls.latencyMs + Math.floor(random() * (controls.jitterMs + 1));

  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof RequestRejected) return problem(reply, error.status, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return problem(reply, status, 'request not readable');
    options.onError?.(error instanceof Error ? new Error(error.message) : error);
    return problem(reply, 503, 'the payment gateway is temporarily unavailable');
  });
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (path.startsWith('/admin/')) {
      if (!options.admin) return problem(reply, 404, 'admin routes are off (ACQ_SIM_ADMIN)');
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.ip))
        return problem(reply, 403, 'admin from loopback only');
      return;
    }
    if (controls.down && path !== '/healthz') return problem(reply, 503, 'simulated acquirer outage');
  });

  const deliver = async (req: FastifyRequest, reply: FastifyReply, delivery: Delivery) => {
    if (delivery.kind === 'http503')
      return problem(reply, 503, delivery.detail ?? 'simulated gateway failure');
    if (delivery.kind === 'noAnswer') {
      hanging.add(req);
      await sleep(options.noAnswerMs ?? 60_000);
      hanging.delete(req);
      req.raw.socket.destroy();
      return reply;
    }
    await sleep(delivery.delayMs + latency());
    return reply.type('application/json').send(delivery.body);
  };
  const body = (req: FastifyRequest) => {
    if (typeof req.body !== 'object' || req.body === null)
      throw new RequestRejected(400, 'JSON object expected');
    return req.body as Record<string, unknown>;
  };

  app.post('/set/auth', async (req, reply) => deliver(req, reply, await service.authorize(body(req))));
  app.post('/set/capture', async (req, reply) => {
    const res = await service.capture(body(req));
    await sleep(latency());
    return reply.send(res);
  });
  app.post('/set/authrev', async (req, reply) => {
    const res = await service.reverse(body(req));
    await sleep(latency());
    return reply.send(res);
  });
  app.get<{ Params: { xid: string } }>('/set/xid/:xid', async (req) => service.xidStatus(req.params.xid));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const report = await checkReadiness([
      { name: 'database', check: async () => void (await options.pool.query('SELECT 1')) },
      {
        name: 'outage',
        check: async () => {
          if (controls.down) throw new Error('simulated outage');
        },
      },
    ]);
    return reply.status(report.ready ? 200 : 503).send(report);
  });

  app.post('/admin/outage', async (req) => {
    const down = body(req).down;
    if (typeof down !== 'boolean') throw new RequestRejected(400, '"down" must be true or false');
    controls.down = down;
    return { down };
  });
  app.put('/admin/rules', async (req) => {
    const b = body(req);
    for (const k of ['latencyMs', 'jitterMs'] as const) {
      if (b[k] === undefined) continue;
      const v = b[k];
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 600_000)
        throw new RequestRejected(400, `${k} must be 0…600000`);
      controls[k] = v as number;
    }
    return { latencyMs: controls.latencyMs, jitterMs: controls.jitterMs };
  });
  app.get('/admin/cards', async () => service.listCards());
  app.put<{ Params: { cardId: string } }>('/admin/cards/:cardId', async (req, reply) => {
    const found = await service.updateCard(req.params.cardId, body(req));
    return found ? { cardId: req.params.cardId, updated: true } : problem(reply, 404, 'no such card');
  });
  app.addHook('onClose', async () => {
    for (const [t, resolve] of timers) {
      clearTimeout(t);
      resolve();
    }
    for (const r of hanging) r.raw.socket.destroy();
    issuerHsm?.close();
  });
  return { app, service, controls };
}

/** Small seeded PRNG so injected jitter repeats between runs (ACQ_SEED). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
