import {
  IssuerUnavailableError,
  type IssuerOperator,
  type MicroAuthRequest,
  type MicroAuthResponse,
} from './issuer-operator.port';

export interface HttpIssuerOperatorOptions {
  /** The bank simulator, default http://127.0.0.1:8091. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const REASONS = new Set([
  'InsufficientBalance',
  'DailyLimitReached',
  'OverPaymentLimit',
  'UnknownCard',
  'CardBlocked',
  'CurrencyMismatch',
  'DuplicateTxn',
]);

/** IssuerOperator over HTTP: POST /issuer/micro-auth. Anything but a readable 200 is IssuerUnavailableError. */
export class HttpIssuerOperator implements IssuerOperator {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpIssuerOperatorOptions = {}) {
    this.url = `${(options.baseUrl ?? 'http://127.0.0.1:8091').replace(/\/+$/, '')}/issuer/micro-auth`;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? fetch;
  }

  async microAuth(request: MicroAuthRequest): Promise<MicroAuthResponse> {
    let response: Response;
    try {
      response = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new IssuerUnavailableError(`issuer ${timedOut ? 'timed out' : 'unreachable'}`, timedOut);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new IssuerUnavailableError(`issuer answered HTTP ${response.status}`);
    }
    let r: Record<string, unknown>;
    try {
      r = (await response.json()) as Record<string, unknown>;
    } catch {
      throw new IssuerUnavailableError('issuer sent an unreadable answer');
    }
    if (
      typeof r?.merchantTxnId !== 'string' ||
      (r.result !== 'approved' && r.result !== 'declined') ||
      typeof r.authId !== 'string' ||
      typeof r.remaining !== 'string' ||
      typeof r.mac !== 'string' ||
      (r.reason !== undefined && !REASONS.has(r.reason as string))
    )
      throw new IssuerUnavailableError('issuer sent an unreadable answer');
    return r as unknown as MicroAuthResponse;
  }
}
