import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problemFor, problemTitle, sendProblem } from './problem';

/**
 * Every error leaves as application/problem+json. Client errors keep their 4xx (Fastify's own, such
 * as invalid JSON, included); anything unexpected (e.g. the database is gone) is a 503, which the
 * PH treats as "bank unavailable" and retries, never a 500 with internals.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  constructor(private readonly log: (error: unknown) => void = () => undefined) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, detail } = problemFor(error);
    if (status >= 500) this.log(error);
    sendProblem(reply, status, problemTitle(status), detail);
  }
}
