import fastify, { type FastifyInstance } from 'fastify';
import { checkReadiness, metricsRegistry, type ReadinessCheck } from '@ph/platform';

/** /healthz (alive), /readyz (dependencies reachable), /metrics (Prometheus text) — architecture §2. */
export function createOpsServer(checks: readonly ReadinessCheck[]): FastifyInstance {
  const app = fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const report = await checkReadiness(checks);
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_req, reply) =>
    reply.header('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics()),
  );
  return app;
}
