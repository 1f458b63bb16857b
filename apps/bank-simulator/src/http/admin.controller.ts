import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { OutageSwitch } from './outage-switch';

/** POST /admin/outage {"down": true|false}: simulated outage for tests. */
@Controller('admin')
export class AdminController {
  constructor(@Inject(OutageSwitch) private readonly outage: OutageSwitch) {}

  @Post('outage')
  @HttpCode(200)
  set(@Body() body: unknown): { down: boolean } {
    const down = (body as { down?: unknown } | null)?.down;
    if (typeof down !== 'boolean') throw new BadRequestException('"down" must be true or false');
    this.outage.down = down;
    return { down };
  }
}
