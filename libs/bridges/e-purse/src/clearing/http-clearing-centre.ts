import type {
  BookRecordRequest,
  BookResult,
  CutRequest,
  CutResult,
  OpenPurchaseRequest,
  OpenPurchaseResult,
  RecordStatus,
} from './clearing-centre-wire';
import {
  ClearingCentreTimeoutError,
  ClearingCentreUnavailableError,
  type ClearingCentre,
} from './clearing-centre.port';

export interface HttpClearingCentreOptions {
  /** The bank simulator, e.g. http://127.0.0.1:8091 (routes under /clearing-centre). */
  readonly baseUrl: string;
  /** Per request (default 3000 ms; below PAYMENT_API_TIMEOUT_MS so the bridge answers first). */
  readonly timeoutMs?: number;
}

/** The clearing centre of apps/bank-simulator over HTTP/JSON. Error texts carry no request data. */
export class HttpClearingCentre implements ClearingCentre {
  constructor(private readonly options: HttpClearingCentreOptions) {}

  openPurchase(request: OpenPurchaseRequest): Promise<OpenPurchaseResult> {
    return this.call('POST', '/clearing-centre/purchases', request);
  }

  bookRecord(request: BookRecordRequest): Promise<BookResult> {
    return this.call('POST', '/clearing-centre/records', request);
  }

  async recordStatus(idM: string, txRef: string): Promise<RecordStatus> {
    const path = `/clearing-centre/records/${encodeURIComponent(idM)}/${encodeURIComponent(txRef)}`;
    return this.call<RecordStatus>('GET', path, undefined, [404]);
  }

  submitCut(cut: CutRequest): Promise<CutResult> {
    return this.call('POST', '/clearing-centre/cuts', cut);
  }

  private async call<T>(method: string, path: string, body?: unknown, alsoOk: number[] = []): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
      });
    } catch (error) {
      const name = (error as Error).name;
      // A time-out after the request went out: the centre may have booked it.
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new ClearingCentreTimeoutError('clearing centre did not answer in time');
      throw new ClearingCentreUnavailableError('clearing centre unreachable');
    }
    if (response.status === 200 || alsoOk.includes(response.status)) {
      try {
        return (await response.json()) as T;
      } catch {
        throw new ClearingCentreUnavailableError('clearing centre answer is not JSON');
      }
    }
    await response.body?.cancel();
    throw new ClearingCentreUnavailableError(`clearing centre answered HTTP ${response.status}`);
  }
}
