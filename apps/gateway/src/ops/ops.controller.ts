import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { checkReadiness, metricsRegistry, type ReadinessCheck } from '@ph/platform';

export const READINESS_CHECKS = Symbol('ReadinessChecks');

/** /healthz (alive), /readyz (dependencies reachable), /metrics (Prometheus text) — architecture §2. */
@Controller()
export class OpsController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const report = await checkReadiness(this.checks);
    await reply.code(report.ready ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
