import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleQueries, LogSearch } from '../read/console-queries';

/**
 * The live tail of the payment log over Server-Sent Events, read from the read model (not from the
 * event store): polls for rows after the last position sent, so a client that reconnects with
 * Last-Event-ID misses nothing. One timer per open stream; closed with the connection or the app.
 */
export class LogTail {
  private readonly open_ = new Set<() => void>();

  constructor(
    private readonly queries: ConsoleQueries,
    private readonly pollMs = 500,
  ) {}

  async open(
    req: FastifyRequest,
    reply: FastifyReply,
    filters: Omit<LogSearch, 'limit' | 'before' | 'beforeOccurredAt'>,
  ): Promise<void> {
    let last = filters.after ?? (await this.queries.logHead());
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 2000\nevent: ready\ndata: {"after":"${last}"}\n\n`);
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let beats = 0;
    const close = () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      this.open_.delete(close);
      raw.end();
    };
    this.open_.add(close);
    req.raw.on('close', close);
    const tick = async () => {
      try {
        const page = await this.queries.log({ ...filters, after: last, limit: 200 });
        for (const row of page.items) {
          raw.write(`id: ${row.position}\nevent: log\ndata: ${JSON.stringify(row)}\n\n`);
          last = row.position;
        }
        if (page.items.length === 0 && ++beats % 30 === 0) raw.write(': keep-alive\n\n');
      } catch {
        raw.write(`event: error\ndata: {"detail":"the payment log could not be read; retrying"}\n\n`);
      }
      if (!closed) timer = setTimeout(() => void tick(), this.pollMs);
    };
    timer = setTimeout(() => void tick(), 0);
  }

  /** Ends every open stream (app shutdown). */
  closeAll(): void {
    for (const close of [...this.open_]) close();
  }
}
