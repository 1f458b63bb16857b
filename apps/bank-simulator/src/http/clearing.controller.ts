import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ClearingWireError } from '@ph/bridges/hash-secret';
import type { FastifyReply } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BankSimulatorOptions } from '../bank-simulator.options';
import { ClearingBankService } from '../clearing/clearing-bank.service';
import { OutageSwitch } from './outage-switch';
import { sendProblem } from './problem';
import { BANK_SIMULATOR_OPTIONS } from './tokens';

/** POST /clearing: the PH's clearing request (M8) → the bank's result (M9) as JSON. */
@Controller()
export class ClearingController {
  constructor(
    @Inject(ClearingBankService) private readonly bank: ClearingBankService,
    @Inject(BANK_SIMULATOR_OPTIONS) private readonly options: BankSimulatorOptions,
    @Inject(OutageSwitch) private readonly faults: OutageSwitch,
  ) {}

  @Post('clearing')
  @HttpCode(200)
  async clear(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    try {
      const result = await this.bank.clear(body as never);
      // Booked; a slow bank answers only now (the PH may have given up: its resend gets this answer).
      if (this.faults.answerDelayMs > 0) await sleep(this.faults.answerDelayMs);
      if (result.outcome === 'rejected' && result.reason === 'MerchantAuth') {
        return sendProblem(reply, 401, 'Unauthorized', 'merchant not authenticated');
      }
      return reply.status(200).type('application/json').send(result);
    } catch (error) {
      if (error instanceof ClearingWireError) return sendProblem(reply, 400, 'Bad Request', error.message);
      throw error;
    }
  }
}
