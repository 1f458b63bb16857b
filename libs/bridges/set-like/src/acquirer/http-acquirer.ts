import { AcquirerRefusedError, AcquirerUnavailableError, type AcquirerGateway } from './acquirer.port';
import type { AuthReq, AuthRes, AuthRevReq, AuthRevRes, CapReq, CapRes, XidStatus } from './acquirer-wire';

export interface HttpAcquirerOptions {
  /** ACQUIRER_URL, default http://127.0.0.1:8090. */
  readonly baseUrl?: string;
  /** ACQUIRER_TIMEOUT_MS per request, default 8000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** AcquirerGateway over HTTP/1.1 + JSON (schemes.md §6.11): POST /set/auth, /set/capture, /set/authrev. */
export class HttpAcquirer implements AcquirerGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpAcquirerOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'http://127.0.0.1:8090').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.fetchFn = options.fetch ?? fetch;
  }

  authorize(request: AuthReq): Promise<AuthRes> {
    return this.call<AuthRes>('POST', '/set/auth', request, 'AuthRes');
  }

  capture(request: CapReq): Promise<CapRes> {
    return this.call<CapRes>('POST', '/set/capture', request, 'CapRes');
  }

  reverse(request: AuthRevReq): Promise<AuthRevRes> {
    return this.call<AuthRevRes>('POST', '/set/authrev', request, 'AuthRevRes');
  }

  status(xid: string): Promise<XidStatus> {
    return this.call<XidStatus>('GET', `/set/xid/${encodeURIComponent(xid)}`, undefined);
  }

  private async call<T>(method: string, path: string, body: unknown, msg?: string): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new AcquirerUnavailableError(`acquirer ${timedOut ? 'timed out' : 'unreachable'}`, timedOut);
    }
    if (response.status >= 400 && response.status < 500) {
      const detail = await response.text().catch(() => '');
      throw new AcquirerRefusedError(
        response.status,
        `acquirer refused the request: HTTP ${response.status} ${detail.slice(0, 200)}`,
      );
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new AcquirerUnavailableError(`acquirer answered HTTP ${response.status}`);
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      throw new AcquirerUnavailableError('acquirer sent an unreadable answer');
    }
    if (msg !== undefined && (parsed as { msg?: unknown } | null)?.msg !== msg)
      throw new AcquirerUnavailableError(`acquirer answer is not a ${msg}`);
    return parsed as T;
  }
}
