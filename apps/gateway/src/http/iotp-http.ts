import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What the IOTP Application Core answers to one message body (profile §1.3). */
export type IotpAnswer = { readonly status: 200; readonly body: Buffer } | { readonly status: 204 };

export interface IotpMessageProcessor {
  process(body: Buffer, contentType: string): Promise<IotpAnswer>;
}

/** Bodies beyond this are not even drained: 413 and close (profile §1.3). */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const IOTP_MEDIA_TYPES = new Set(['application/iotp', 'application/x-iotp']);
const NO_CACHE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

/**
 * Registers `POST <path>` on the Fastify instance directly: the IOTP endpoint is the hot path, and
 * every answer it gives is defined byte for byte by the profile (empty 405/415 bodies, 200 with an
 * IOTP Error Block instead of any 5xx), which Nest's JSON exception layer would get in the way of.
 */
export function registerIotpRoute(
  root: FastifyInstance,
  path: string,
  processor: IotpMessageProcessor,
  onInternalError: (error: unknown) => Buffer,
  maxInFlight = MAX_IN_FLIGHT,
): void {
  // An encapsulated plugin scope: its parsers and error handler apply to the IOTP route only.
  root.register(async (fastify) => iotpScope(fastify, path, processor, onInternalError, maxInFlight));
}

/** Requests in progress beyond which new ones are refused before their body is read (profile §1.3). */
export const MAX_IN_FLIGHT = 2048;

async function iotpScope(
  fastify: FastifyInstance,
  path: string,
  processor: IotpMessageProcessor,
  onInternalError: (error: unknown) => Buffer,
  maxInFlight: number,
): Promise<void> {
  let inFlight = 0;
  // Saturated: 503 + Retry-After before reading the body, so the wallet retries instead of timing out.
  fastify.addHook('onRequest', async (_req, reply) => {
    if (inFlight >= maxInFlight) {
      return reply
        .code(503)
        .headers({ 'retry-after': '1', connection: 'close', ...NO_CACHE })
        .send();
    }
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });
  fastify.setErrorHandler((error, _req, reply) => {
    // Refusals before the handler runs: a body over the drain limit is 413 + close (profile §1.3).
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .headers({ connection: 'close', ...NO_CACHE })
        .send();
    }
    return reply
      .code(200)
      .headers(NO_CACHE)
      .type('application/iotp; charset=utf-8')
      .send(onInternalError(error));
  });
  // Keep the raw bytes for every content type: IOTP decides the charset itself (profile §1.2),
  // and a wrong media type is answered 415 by the handler, not by a parser error page.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DRAIN_LIMIT_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  fastify.route({
    method: ['DELETE', 'GET', 'HEAD', 'PATCH', 'PUT', 'OPTIONS'],
    url: path,
    handler: (_req, reply) =>
      reply
        .code(405)
        .headers({ allow: 'POST', ...NO_CACHE })
        .send(),
  });

  fastify.post(path, async (req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(NO_CACHE);
    const contentEncoding = (req.headers['content-encoding'] ?? 'identity').toString().toLowerCase();
    if (!IOTP_MEDIA_TYPES.has(mediaType(req.headers['content-type'])) || contentEncoding !== 'identity') {
      return reply.code(415).send();
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let answer: IotpAnswer;
    try {
      answer = await processor.process(body, req.headers['content-type'] ?? '');
    } catch (error) {
      // Never a 5xx after the body was read (profile §1.3).
      return reply.code(200).type('application/iotp; charset=utf-8').send(onInternalError(error));
    }
    if (answer.status === 204) return reply.code(204).send();
    return reply.code(200).type('application/iotp; charset=utf-8').send(answer.body);
  });
}
