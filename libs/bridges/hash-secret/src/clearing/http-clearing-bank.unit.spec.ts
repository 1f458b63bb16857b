import { ClearingUnavailableError, type ClearingRequest } from './clearing-bank.port';
import { HttpClearingBank } from './http-clearing-bank';

const request: ClearingRequest = {
  M: 'demo-merchant.example',
  C: 'alice',
  t: '20240501T101602Z-0000002a',
  y: 'PH000000000042',
  u: '12.5',
  cur: 'EUR',
  nC: '20'.repeat(32),
  pi: 'c6'.repeat(32),
  mac: 'ab'.repeat(32),
};
const answered = {
  outcome: 'answered',
  status: 'CompletedOk',
  AB: 'E6'.repeat(32),
  balance: '999987.5',
  cur: 'EUR',
};

function bankAnswering(status: number, body: unknown) {
  const seen: { url?: string; init?: RequestInit } = {};
  const fetchFn = (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { seen, bank: new HttpClearingBank({ baseUrl: 'http://bank.test/', fetch: fetchFn }) };
}

describe(HttpClearingBank.name, () => {
  it('posts the request as JSON to /clearing and reads the answer (hex normalised)', async () => {
    const { bank, seen } = bankAnswering(200, answered);
    await expect(bank.clear(request)).resolves.toEqual({ ...answered, AB: 'e6'.repeat(32) });
    expect(seen.url).toBe('http://bank.test/clearing');
    expect(seen.init?.method).toBe('POST');
    expect(JSON.parse(String(seen.init?.body))).toEqual(request);
    expect(seen.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('reads a rejection', async () => {
    const { bank } = bankAnswering(200, { outcome: 'rejected', reason: 'PiReplayed' });
    await expect(bank.clear(request)).resolves.toEqual({ outcome: 'rejected', reason: 'PiReplayed' });
  });

  it('maps 401 to a MerchantAuth rejection', async () => {
    const { bank } = bankAnswering(401, { title: 'merchant not authenticated' });
    await expect(bank.clear(request)).resolves.toEqual({ outcome: 'rejected', reason: 'MerchantAuth' });
  });

  it.each([
    ['a 503', 503, { title: 'down' }],
    ['a 500', 500, 'oops'],
    ['an unreadable body', 200, '{"outcome":'],
    ['an unknown outcome', 200, { outcome: 'maybe' }],
  ])('throws ClearingUnavailableError on %s', async (_, status, body) => {
    const { bank } = bankAnswering(status, body);
    await expect(bank.clear(request)).rejects.toBeInstanceOf(ClearingUnavailableError);
  });

  it('throws ClearingUnavailableError when the bank cannot be reached or does not answer in time', async () => {
    const refused = new HttpClearingBank({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(refused.clear(request)).rejects.toMatchObject({ kind: 'ClearingUnavailable' });
    const hanging = (async (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
      )) as unknown as typeof fetch;
    const slow = new HttpClearingBank({ timeoutMs: 10, fetch: hanging });
    await expect(slow.clear(request)).rejects.toThrow('clearing bank timed out');
  });
});
