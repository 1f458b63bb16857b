import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { OutageSwitch } from './outage-switch';

/** While the outage switch is on, every route but /admin/* and /healthz answers 503. */
@Injectable()
export class OutageGuard implements CanActivate {
  constructor(@Inject(OutageSwitch) private readonly outage: OutageSwitch) {}

  canActivate(context: ExecutionContext): boolean {
    const url = context.switchToHttp().getRequest<FastifyRequest>().url;
    if (this.outage.down && !url.startsWith('/admin/') && url !== '/healthz') {
      throw new ServiceUnavailableException('simulated bank outage');
    }
    return true;
  }
}
