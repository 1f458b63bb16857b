import {
  ClearingUnavailableError,
  type ClearingBank,
  type ClearingRequest,
  type ClearingResult,
} from './clearing-bank.port';
import { parseClearingResult } from './clearing-wire';

export interface HttpClearingBankOptions {
  /** Default http://127.0.0.1:8091 (architecture §8). */
  readonly baseUrl?: string;
  /** Per request; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Injected for tests; default the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * ClearingBank over HTTP: POST <baseUrl>/clearing with the signed request as JSON. 200 carries the
 * bank's result; 401 means the bank did not accept our K_MB MAC; everything else (network error,
 * time-out, 5xx, an unreadable body) is ClearingUnavailableError so the PH answers SystemBusy and
 * later resends the identical request, which the bank answers from its replay store.
 */
export class HttpClearingBank implements ClearingBank {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpClearingBankOptions = {}) {
    this.url = `${(options.baseUrl ?? 'http://127.0.0.1:8091').replace(/\/+$/, '')}/clearing`;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? fetch;
  }

  async clear(request: ClearingRequest): Promise<ClearingResult> {
    let response: Response;
    try {
      response = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // A DOMException is not always an Error instance (other realm); match on its name.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new ClearingUnavailableError(`clearing bank ${timedOut ? 'timed out' : 'unreachable'}`, timedOut);
    }
    if (response.status === 401) {
      await response.body?.cancel();
      return { outcome: 'rejected', reason: 'MerchantAuth' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new ClearingUnavailableError(`clearing bank answered HTTP ${response.status}`);
    }
    try {
      return parseClearingResult(await response.json());
    } catch {
      throw new ClearingUnavailableError('clearing bank sent an unreadable answer');
    }
  }
}
