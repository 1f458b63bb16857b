import { applySimulatorControls } from '../http/simulator-controls';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendProblem } from '../http/problem';
import { SmsOperatorControls } from './sms-operator.controls';
import { SmsOperatorError, SmsOperatorService, type SmsMessage } from './sms-operator.service';

/**
 * The SMS operator's HTTP face. The PH: POST /sms/send, GET /sms/inbox?to=<tpoa>&since=<iso>.
 * The simulated phone (tests, the wallet): GET /sms/outbox?to=<msisdn>, POST /sms/inbound
 * {"from": "<msisdn>", "text": "YES <k>"}. Tests: POST /sms/admin {"down"?: bool, "latencyMs"?: n}.
 */
@Controller('sms')
export class SmsOperatorController {
  constructor(
    @Inject(SmsOperatorService) private readonly sms: SmsOperatorService,
    @Inject(SmsOperatorControls) private readonly controls: SmsOperatorControls,
  ) {}

  @Post('send')
  async send(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, async () => {
      const m = await this.sms.send(body);
      return { messageId: m.messageId, status: 'accepted' };
    });
  }

  @Get('inbox')
  async inbox(@Query('to') to: unknown, @Query('since') since: unknown, @Res() reply: FastifyReply) {
    return this.answer(reply, async () => ({
      messages: (await this.sms.inbox(to, since)).map((m: SmsMessage) => ({
        messageId: m.messageId,
        from: m.from,
        text: m.text,
        receivedAt: m.at,
      })),
    }));
  }

  @Get('outbox')
  async outbox(@Query('to') to: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, async () => ({ messages: await this.sms.outbox(to) }));
  }

  @Post('inbound')
  async inbound(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(reply, async () => {
      const m = await this.sms.inbound(body);
      return { messageId: m.messageId, to: m.to };
    });
  }

  @Post('admin')
  @HttpCode(200)
  admin(@Body() body: unknown): { down: boolean; latencyMs: number } {
    return applySimulatorControls(this.controls, body);
  }

  private async answer(reply: FastifyReply, work: () => Promise<unknown>): Promise<FastifyReply> {
    if (this.controls.latencyMs > 0) await sleep(this.controls.latencyMs);
    if (this.controls.down)
      return sendProblem(reply, 503, 'Service Unavailable', 'simulated SMS network outage');
    try {
      return reply
        .status(200)
        .type('application/json')
        .send(await work());
    } catch (error) {
      if (error instanceof SmsOperatorError)
        return sendProblem(
          reply,
          error.status,
          error.status === 404 ? 'Not Found' : 'Bad Request',
          error.message,
        );
      throw error;
    }
  }
}
