import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** RFC 9457 problem details; every console error is one (content type application/problem+json). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly title: string = TITLES[status] ?? 'Error',
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/**
 * A 401/403 of authentication with its WWW-Authenticate challenges (RFC 9110 §11.6.1; for bearer
 * tokens RFC 6750 §3: `error="invalid_token"` or `error="insufficient_scope"`).
 */
export class AuthProblem extends ProblemError {
  constructor(
    status: number,
    detail: string,
    readonly challenges: readonly string[],
    extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(status, detail, undefined, extensions);
  }
}

export const badRequest = (detail: string, extensions: Record<string, unknown> = {}) =>
  new ProblemError(400, detail, 'Bad request', extensions);
export const notFound = (detail: string) => new ProblemError(404, detail, 'Not found');
export const conflict = (detail: string, extensions: Record<string, unknown> = {}) =>
  new ProblemError(409, detail, 'Conflict', extensions);

export function problemOf(error: unknown, instance?: string): Problem {
  if (error instanceof ProblemError) {
    return {
      ...error.extensions,
      type: 'about:blank',
      title: error.title,
      status: error.status,
      detail: error.detail,
      ...(instance !== undefined && { instance }),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail: status === 404 ? 'No such resource.' : error.message,
      ...(instance !== undefined && { instance }),
    };
  }
  const fastify = error as { statusCode?: number; message?: string; code?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return {
      type: 'about:blank',
      title: TITLES[fastify.statusCode] ?? 'Bad request',
      status: fastify.statusCode,
      detail: fastify.message ?? 'The request could not be read.',
      ...(instance !== undefined && { instance }),
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: 'The console could not answer; the error is logged.',
    ...(instance !== undefined && { instance }),
  };
}

/** Every error leaves as application/problem+json; 5xx are logged (their details never reach the client). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly onServerError: (error: unknown) => void) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = problemOf(error, request.url.split('?')[0]);
    if (problem.status >= 500) this.onServerError(error);
    if (reply.sent) return;
    if (error instanceof AuthProblem) {
      if (error.challenges.length > 0) void reply.header('www-authenticate', [...error.challenges]);
    } else if (problem.status === 401) void reply.header('www-authenticate', 'ApiKey realm="ph-console"');
    if (typeof problem.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.code(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
