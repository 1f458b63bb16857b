import {
  SmsOperatorUnavailableError,
  type InboundSms,
  type OutgoingSms,
  type SmsOperator,
} from './sms-operator.port';

export interface HttpSmsOperatorOptions {
  /** The bank simulator, default http://127.0.0.1:8091. */
  readonly baseUrl?: string;
  /** Per request; default 5000 ms. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** SmsOperator over HTTP: POST /sms/send and GET /sms/inbox?to=<tpoa>&since=<iso> of the bank simulator. */
export class HttpSmsOperator implements SmsOperator {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpSmsOperatorOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'http://127.0.0.1:8091').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? fetch;
  }

  async send(sms: OutgoingSms): Promise<{ readonly messageId: string }> {
    const body = await this.call(`${this.baseUrl}/sms/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(sms),
    });
    const messageId = (body as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId !== 'string')
      throw new SmsOperatorUnavailableError('SMS operator sent an unreadable answer');
    return { messageId };
  }

  async inbox(tpoa: string, since: Date): Promise<readonly InboundSms[]> {
    const query = new URLSearchParams({ to: tpoa, since: since.toISOString() });
    const body = await this.call(`${this.baseUrl}/sms/inbox?${query.toString()}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
    const list = (body as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(list)) throw new SmsOperatorUnavailableError('SMS operator sent an unreadable answer');
    return list.map((m: unknown) => {
      const r = m as Record<string, unknown>;
      if (
        typeof r.messageId !== 'string' ||
        typeof r.from !== 'string' ||
        typeof r.text !== 'string' ||
        typeof r.receivedAt !== 'string'
      )
        throw new SmsOperatorUnavailableError('SMS operator sent an unreadable answer');
      return { messageId: r.messageId, from: r.from, text: r.text, receivedAt: r.receivedAt };
    });
  }

  private async call(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new SmsOperatorUnavailableError(
        `SMS operator ${timedOut ? 'timed out' : 'unreachable'}`,
        timedOut,
      );
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new SmsOperatorUnavailableError(`SMS operator answered HTTP ${response.status}`);
    }
    try {
      return await response.json();
    } catch {
      throw new SmsOperatorUnavailableError('SMS operator sent an unreadable answer');
    }
  }
}
