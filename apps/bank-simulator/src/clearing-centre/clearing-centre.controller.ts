import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendProblem } from '../http/problem';
import { applySimulatorControls } from '../http/simulator-controls';
import { ClearingCentreControls } from './clearing-centre.controls';
import {
  ClearingCentreRequestError,
  parseBookRecord,
  parseCut,
  parseOpenPurchase,
} from './clearing-centre-requests';
import { ClearingCentreService, type MerchantCardView } from './clearing-centre.service';

/**
 * The e-purse clearing centre's HTTP face: POST purchases (E2), POST records (E5), GET records/:idM/:txRef,
 * POST cuts (E8), GET merchant-cards/:cardId, POST admin {"down"?: bool, "latencyMs"?: n}.
 * Latency is added after the work is done, so a time-out at the PH means "maybe booked".
 */
@Controller('clearing-centre')
export class ClearingCentreController {
  constructor(
    @Inject(ClearingCentreService) private readonly centre: ClearingCentreService,
    @Inject(ClearingCentreControls) private readonly controls: ClearingCentreControls,
  ) {}

  @Post('purchases')
  purchases(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, () => this.centre.openPurchase(parseOpenPurchase(body)));
  }

  @Post('records')
  records(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, () => this.centre.bookRecord(parseBookRecord(body)));
  }

  @Get('records/:idM/:txRef')
  async recordStatus(
    @Param('idM') idM: string,
    @Param('txRef') txRef: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (this.controls.down)
      return sendProblem(reply, 503, 'Service Unavailable', 'simulated clearing centre outage');
    const status = await this.centre.recordStatus(idM, txRef);
    return reply
      .status(status.outcome === 'unknown' ? 404 : 200)
      .type('application/json')
      .send(status);
  }

  @Post('cuts')
  cuts(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, () => this.centre.submitCut(parseCut(body)));
  }

  @Get('merchant-cards/:cardId')
  async merchantCard(@Param('cardId') cardId: string): Promise<MerchantCardView> {
    const card = await this.centre.merchantCard(cardId);
    if (card === undefined) throw new NotFoundException('no such merchant card');
    return card;
  }

  @Post('admin')
  @HttpCode(200)
  admin(@Body() body: unknown): { down: boolean; latencyMs: number } {
    return applySimulatorControls(this.controls, body);
  }

  private async answer(reply: FastifyReply, work: () => Promise<unknown>): Promise<FastifyReply> {
    if (this.controls.down)
      return sendProblem(reply, 503, 'Service Unavailable', 'simulated clearing centre outage');
    let result: unknown;
    try {
      result = await work();
    } catch (error) {
      if (error instanceof ClearingCentreRequestError)
        return sendProblem(reply, 400, 'Bad Request', error.message);
      throw error;
    }
    if (this.controls.latencyMs > 0) await sleep(this.controls.latencyMs);
    return reply.status(200).type('application/json').send(result);
  }
}
