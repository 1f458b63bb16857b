import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OutageSwitch } from './outage-switch';

/** POST /admin/outage {"down": true|false, "answerDelayMs"?: 0…600000}: simulated faults for tests. */
@Controller('admin')
export class AdminController {
  constructor(@Inject(OutageSwitch) private readonly outage: OutageSwitch) {}

  @Post('outage')
  @HttpCode(200)
  set(@Body() body: unknown): { down: boolean; answerDelayMs: number } {
    const b = (body ?? {}) as { down?: unknown; answerDelayMs?: unknown };
    if (b.down !== undefined && typeof b.down !== 'boolean')
      throw new BadRequestException('"down" must be true or false');
    const delay = b.answerDelayMs;
    if (
      delay !== undefined &&
      (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 600_000)
    )
      throw new BadRequestException('"answerDelayMs" must be an integer 0…600000');
    if (b.down === undefined && delay === undefined)
      throw new BadRequestException('give "down" and/or "answerDelayMs"');
    if (typeof b.down === 'boolean') this.outage.down = b.down;
    if (typeof delay === 'number') this.outage.answerDelayMs = delay;
    return { down: this.outage.down, answerDelayMs: this.outage.answerDelayMs };
  }
}
