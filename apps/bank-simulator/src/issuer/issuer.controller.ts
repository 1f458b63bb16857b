import { applySimulatorControls } from '../http/simulator-controls';
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendProblem } from '../http/problem';
import { IssuerControls } from './issuer.controls';
import {
  IssuerRequestError,
  IssuerService,
  type MicroCardView,
  type SettlementRecord,
} from './issuer.service';

/**
 * The Issuer Operator's HTTP face: POST /issuer/micro-auth (D1 → D2), GET /issuer/cards/:cardRef,
 * GET /issuer/settlements/:cardRef, POST /issuer/admin {"down"?: bool, "latencyMs"?: n}.
 */
@Controller('issuer')
export class IssuerController {
  constructor(
    @Inject(IssuerService) private readonly issuer: IssuerService,
    @Inject(IssuerControls) private readonly controls: IssuerControls,
  ) {}

  @Post('micro-auth')
  async microAuth(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (this.controls.latencyMs > 0) await sleep(this.controls.latencyMs);
    if (this.controls.down) return sendProblem(reply, 503, 'Service Unavailable', 'simulated issuer outage');
    try {
      return reply
        .status(200)
        .type('application/json')
        .send(await this.issuer.microAuth(body));
    } catch (error) {
      if (error instanceof IssuerRequestError)
        return sendProblem(
          reply,
          error.status,
          error.status === 401 ? 'Unauthorized' : 'Bad Request',
          error.message,
        );
      throw error;
    }
  }

  @Get('cards/:cardRef')
  async card(@Param('cardRef') cardRef: string): Promise<MicroCardView> {
    const card = await this.issuer.card(cardRef);
    if (card === undefined) throw new NotFoundException('no such card');
    return card;
  }

  @Get('settlements/:cardRef')
  async settlements(
    @Param('cardRef') cardRef: string,
  ): Promise<{ settlements: readonly SettlementRecord[] }> {
    return { settlements: await this.issuer.settlements(cardRef) };
  }

  @Post('admin')
  @HttpCode(200)
  admin(@Body() body: unknown): { down: boolean; latencyMs: number } {
    return applySimulatorControls(this.controls, body);
  }
}
