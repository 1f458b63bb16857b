import { Controller, Get, Inject, Res } from '@nestjs/common';
import { checkReadiness } from '@ph/platform';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { BANK_POOL } from './tokens';

@Controller()
export class HealthController {
  constructor(@Inject(BANK_POOL) private readonly pool: Pool) {}

  @Get('healthz')
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the database answers. */
  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const report = await checkReadiness([
      { name: 'database', check: async () => void (await this.pool.query('SELECT 1')) },
    ]);
    return reply.status(report.ready ? 200 : 503).send(report);
  }
}
