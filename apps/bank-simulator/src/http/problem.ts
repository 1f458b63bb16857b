import type { FastifyReply } from 'fastify';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** RFC 9457 problem details; `detail` never carries a key or other secret. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail?: string,
): FastifyReply {
  return reply
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({ type: 'about:blank', title, status, ...(detail !== undefined ? { detail } : {}) }),
    );
}

/**
 * Status and detail for any error. Client errors keep their 4xx (Nest's HttpException and Fastify's
 * own, such as invalid JSON); anything unexpected (e.g. the database is gone) is a 503, which the PH
 * treats as "bank unavailable" and retries — never a 500 with internals.
 */
export function problemFor(error: unknown): { status: number; detail?: string } {
  const e = error as { getStatus?: unknown; statusCode?: unknown; message?: unknown } | null;
  const status =
    typeof e?.getStatus === 'function'
      ? (e.getStatus as () => unknown)()
      : (e?.statusCode as number | undefined);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, detail: typeof e?.message === 'string' ? e.message : undefined };
  }
  if (status === 503) return { status, detail: typeof e?.message === 'string' ? e.message : undefined };
  return { status: 503, detail: 'the bank is temporarily unavailable' };
}
