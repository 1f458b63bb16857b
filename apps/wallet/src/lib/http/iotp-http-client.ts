import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What the gateway answered, untouched: the wallet reads the bytes itself (profile §1.3). */
export interface IotpHttpAnswer {
  readonly status: number;
  readonly body: Buffer;
  readonly contentType?: string;
}

/** The gateway could not be reached or did not answer in time; `code` is Node's (ECONNREFUSED, …). */
export class IotpTransportError extends Error {
  readonly kind = 'IotpTransportError';
  constructor(
    readonly url: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'IotpTransportError';
  }
}

export interface IotpHttpClientOptions {
  /** Whole exchange, connect to last byte; the PH answers within 10 s (profile §1.3). Default 30 s. */
  readonly timeoutMs?: number;
  readonly maxSockets?: number;
}

const CONTENT_TYPE = 'application/iotp; charset=utf-8';

/**
 * POSTs IOTP messages to one gateway URL over node:http with a keep-alive Agent: the benchmark runs
 * hundreds of payments per second through one client, and fetch (undici) costs more per request.
 */
export class IotpHttpClient {
  readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;
  private readonly timeoutMs: number;

  constructor(url: string, options: IotpHttpClientOptions = {}) {
    this.url = new URL(url);
    const secure = this.url.protocol === 'https:';
    if (!secure && this.url.protocol !== 'http:') throw new RangeError(`not an http(s) URL: ${url}`);
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 256,
      scheduling: 'lifo' as const,
    };
    this.agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.send = secure ? httpsRequest : httpRequest;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  post(xml: Buffer): Promise<IotpHttpAnswer> {
    return new Promise((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) =>
        reject(
          new IotpTransportError(
            this.url.href,
            error.code,
            `cannot reach the gateway at ${this.url.href}: ${error.code ?? error.message}`,
          ),
        );
      const req = this.send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': CONTENT_TYPE, 'content-length': xml.byteLength },
        },
        (res) => collect(res, resolve, fail),
      );
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      );
      req.on('error', fail);
      req.end(xml);
    });
  }

  /** Closes the idle keep-alive sockets (idle ones do not keep the process alive anyway). */
  close(): void {
    this.agent.destroy();
  }
}

function collect(
  res: IncomingMessage,
  resolve: (a: IotpHttpAnswer) => void,
  fail: (e: NodeJS.ErrnoException) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('error', fail);
  res.on('end', () =>
    resolve({
      status: res.statusCode ?? 0,
      body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
      contentType: res.headers['content-type'],
    }),
  );
}

const shared = new Map<string, IotpHttpClient>();

/** One client per URL for the process, so convenience calls (runPayment, ping) reuse connections. */
export function sharedClient(url: string): IotpHttpClient {
  let client = shared.get(url);
  if (!client) shared.set(url, (client = new IotpHttpClient(url)));
  return client;
}
