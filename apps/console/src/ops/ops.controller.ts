import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { checkReadiness, metricsRegistry, type ReadinessCheck } from '@ph/platform';
import { Allow } from '../auth/authenticator';

export const READINESS_CHECKS = Symbol('ReadinessChecks');

/** /healthz, /readyz, /metrics (architecture §2); on the console's own, internal port. */
@Controller()
export class OpsController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  @Get('healthz')
  @Allow('public')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Allow('public')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const report = await checkReadiness(this.checks);
    await reply.code(report.ready ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Allow('public')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
