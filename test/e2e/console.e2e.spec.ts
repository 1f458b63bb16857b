import { request as httpRequest } from 'node:http';
import { PaymentSession, runPayment } from '../../apps/wallet/src/lib';
import { OPENAPI_DOCUMENT } from '../../apps/console/src';
import { startConsoleSystem, type ConsoleSystem } from '../browser/support/console-system';

/** The operator API against the real embedded system (issue 6): every endpoint, bad parameters, paging, roles. */
describe('operator console API', () => {
  let sys: ConsoleSystem;
  const VIEWER = { 'x-api-key': 'viewer-dev-key' };
  const OPERATOR = { authorization: 'ApiKey operator-dev-key' };
  const completed: string[] = [];
  let declined: string;
  let inProgress: string;

  async function api(path: string, headers: Record<string, string> = VIEWER, method = 'GET') {
    const res = await fetch(`${sys.consoleUrl}${path}`, { method, headers });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** The PayId of the payment a wallet just started (it shows as pending once projected). */
  async function newPending(known: readonly string[]): Promise<string> {
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await api('/api/pending?state=InProgress');
      const fresh = res.body.items
        .map((p: { payId: string }) => p.payId)
        .filter((id: string) => !known.includes(id));
      if (fresh.length === 1) return fresh[0];
      if (Date.now() > until) throw new Error('no new pending payment');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    sys = await startConsoleSystem();
    for (const amount of ['1.00', '2.50', '12.50', '30.00']) {
      const r = await runPayment({ gatewayUrl: sys.gatewayUrl, customer: 'alice', amount, currency: 'EUR' });
      expect(r.processState).toBe('CompletedOk');
      completed.push(r.payId!);
    }
    const d = await runPayment({
      gatewayUrl: sys.gatewayUrl,
      customer: 'carol',
      amount: '7.00',
      currency: 'EUR',
    });
    declined = d.payId!;
    for (const id of [...completed, declined]) await sys.waitForPayment(id, ['CompletedOk', 'Failed']);
    const session = new PaymentSession({
      gatewayUrl: sys.gatewayUrl,
      customer: 'bob',
      amount: '3.00',
      currency: 'EUR',
    });
    const ex = await session.paymentRequest();
    expect(ex.kind).toBe('exchange');
    inProgress = await newPending([]);
    await sys.waitForPayment(inProgress, ['InProgress']);
  }, 60_000);

  afterAll(async () => {
    await sys?.stop();
  });

  it('refuses callers without a key (401) and with an unknown key, as problem+json', async () => {
    const none = await api('/api/payments', {});
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    const wrong = await api('/api/payments', { 'x-api-key': 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toMatch(/not valid/);
    expect((await api('/api/whoami', OPERATOR)).body).toMatchObject({
      name: 'dev-operator',
      role: 'operator',
    });
  });

  it('searches payments by every filter; amounts compare as decimals', async () => {
    const all = await api('/api/payments');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(6);
    const one = completed[2]!;
    const byId = await api(`/api/payments?payId=${one}`);
    expect(byId.body.items.map((p: { payId: string }) => p.payId)).toEqual([one]);
    const trans = byId.body.items[0].iotpTransId;
    expect((await api(`/api/payments?transId=${encodeURIComponent(trans)}`)).body.items).toHaveLength(1);
    const merchant = byId.body.items[0].merchantOrgId;
    expect((await api(`/api/payments?merchant=${merchant.toUpperCase()}`)).body.items).toHaveLength(6);
    expect((await api('/api/payments?brand=x-DemoHashPay&currency=EUR')).body.items).toHaveLength(6);
    expect(
      (await api('/api/payments?state=Failed&completionCode=InsuffFunds')).body.items.map(
        (p: { payId: string }) => p.payId,
      ),
    ).toEqual([declined]);
    expect(
      (await api('/api/payments?state=InProgress')).body.items.map((p: { payId: string }) => p.payId),
    ).toEqual([inProgress]);
    // 2.50 ≤ amount ≤ 12.5: as numbers 12.50 = 12.5 and "3.00" > "12.5" as text must not matter
    const range = await api('/api/payments?amountMin=2.5&amountMax=12.5');
    expect(range.body.items.map((p: { amount: string }) => p.amount).sort()).toEqual([
      '12.50',
      '2.50',
      '3.00',
      '7.00',
    ]);
    const future = await api('/api/payments?from=2999-01-01T00:00:00Z');
    expect(future.body.items).toHaveLength(0);
    const window = await api(
      `/api/payments?from=2000-01-01T00:00:00Z&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(window.body.items).toHaveLength(6);
  });

  it('pages with a stable keyset cursor in both directions, unaffected by new payments', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api(`/api/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: { payId: string }) => p.payId));
      cursor = page.body.nextCursor;
      if (pages === 0) {
        // a payment arriving between pages does not shift the next page
        const r = await runPayment({
          gatewayUrl: sys.gatewayUrl,
          customer: 'alice',
          amount: '0.50',
          currency: 'EUR',
        });
        await sys.waitForPayment(r.payId!, ['CompletedOk']);
        completed.push(r.payId!);
      }
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
    expect(seen).not.toContain(completed[completed.length - 1]);
    const asc = await api('/api/payments?order=asc&limit=50');
    const desc = await api('/api/payments?order=desc&limit=50');
    expect(asc.body.items.map((p: { payId: string }) => p.payId)).toEqual(
      [...desc.body.items.map((p: { payId: string }) => p.payId)].reverse(),
    );
  });

  it.each([
    ['/api/payments?amountMin=1e3', 'amountMin'],
    ['/api/payments?amountMin=-1', 'amountMin'],
    ['/api/payments?amountMin=5&amountMax=4.99', 'amountMin'],
    ['/api/payments?from=yesterday', 'from'],
    ['/api/payments?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'from'],
    ['/api/payments?state=Done', 'state'],
    ['/api/payments?limit=0', 'limit'],
    ['/api/payments?limit=abc', 'limit'],
    ['/api/payments?cursor=not-a-cursor', 'cursor'],
    ['/api/payments?colour=red', 'colour'],
    ['/api/payments?payId=a&payId=b', 'payId'],
    ['/api/payments?currency=eur', 'currency'],
    ['/api/log?after=xyz', 'after'],
    ['/api/log?category=other', 'category'],
    ['/api/pending?olderThan=-5', 'olderThan'],
    ['/api/totals?from=2025-13-01T00:00:00Z', 'from'],
    ['/api/overview?minutes=0', 'minutes'],
  ])('answers %s with a 400 problem naming %s', async (path, name) => {
    const res = await api(path);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.title).toBe('Bad request');
    expect(res.body.detail).toContain(name);
  });

  it('shows one payment with its full event history from the event store, and 404 for an unknown one', async () => {
    const id = completed[0]!;
    const res = await api(`/api/payments/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.payment).toMatchObject({
      payId: id,
      processState: 'CompletedOk',
      amount: '1.00',
      currency: 'EUR',
    });
    const types = res.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('PaymentStarted');
    expect(types[types.length - 1]).toBe('PaymentCompleted');
    expect(res.body.events.map((e: { revision: number }) => e.revision)).toEqual(
      types.map((_: string, i: number) => i),
    );
    expect(res.body.events[res.body.events.length - 1].state).toBe('CompletedOk');
    const missing = await api('/api/payments/PH000000000000');
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect((await api('/api/payments/bad%20id')).status).toBe(400);
  });

  it('serves the receipt with its digest check; 404 for a payment without one', async () => {
    const res = await api(`/api/payments/${completed[1]}/receipt`);
    expect(res.status).toBe(200);
    expect(res.body.nameRefs.length).toBeGreaterThan(0);
    expect(res.body.check.ok).toBe(true);
    expect((await api(`/api/payments/${inProgress}/receipt`)).status).toBe(404);
  });

  it('lists pending payments older than N seconds', async () => {
    const now = await api('/api/pending');
    expect(now.body.items.map((p: { payId: string }) => p.payId)).toEqual([inProgress]);
    expect(now.body.items[0]).toMatchObject({
      processState: 'InProgress',
      brandId: 'x-DemoHashPay',
      protocolId: 'x-HashSecret-1.0',
    });
    expect((await api('/api/pending?olderThan=3600')).body.items).toHaveLength(0);
  });

  it('pages the payment log and filters it', async () => {
    const first = await api('/api/log?limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await api(`/api/log?limit=3&cursor=${first.body.nextCursor}`);
    const p1 = first.body.items.map((r: { position: string }) => BigInt(r.position));
    const p2 = second.body.items.map((r: { position: string }) => BigInt(r.position));
    expect(p1[2] > p2[0]).toBe(true);
    const mine = await api(`/api/log?payId=${completed[0]}&category=payment`);
    expect(mine.body.items.every((r: { payId: string }) => r.payId === completed[0])).toBe(true);
    const after = await api(`/api/log?after=${p2[0]}&limit=2`);
    expect(BigInt(after.body.items[0].position) > p2[0]).toBe(true);
  });

  it('pages a time window of the log newest first by occurred time, with a cursor of its own', async () => {
    const from = encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const all = await api(`/api/log?from=${from}&to=${to}&eventType=PaymentStarted&limit=500`);
    expect(all.body.items.length).toBeGreaterThanOrEqual(6);
    const key = (r: { occurredAt: string; position: string }) => [r.occurredAt, BigInt(r.position)] as const;
    const keys = all.body.items.map(key);
    for (let i = 1; i < keys.length; i++)
      expect(
        keys[i - 1][0] > keys[i][0] || (keys[i - 1][0] === keys[i][0] && keys[i - 1][1] > keys[i][1]),
      ).toBe(true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api(
        `/api/log?from=${from}&to=${to}&eventType=PaymentStarted&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: { position: string }) => r.position));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((r: { position: string }) => r.position));
    // a window's cursor does not fit a query without one, and the other way round
    const windowed = await api(`/api/log?from=${from}&limit=1`);
    expect((await api(`/api/log?cursor=${windowed.body.nextCursor}`)).status).toBe(400);
    const plain = await api('/api/log?limit=1');
    expect((await api(`/api/log?from=${from}&cursor=${plain.body.nextCursor}`)).status).toBe(400);
  });

  it('streams new payment-log rows over Server-Sent Events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${sys.consoleUrl}/api/log/stream?eventType=PaymentCompleted`, {
      headers: VIEWER,
      signal: ac.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const pay = runPayment({
      gatewayUrl: sys.gatewayUrl,
      customer: 'alice',
      amount: '4.20',
      currency: 'EUR',
    });
    let text = '';
    const until = Date.now() + 10_000;
    while (!text.includes('event: log') && Date.now() < until)
      text += new TextDecoder().decode((await reader.read()).value);
    const r = await pay;
    completed.push(r.payId!);
    ac.abort();
    expect(text).toContain('event: log');
    expect(text).toContain(r.payId);
  });

  it('totals per state, brand and currency with exact decimal sums', async () => {
    const res = await api('/api/totals');
    expect(res.status).toBe(200);
    const ok = res.body.rows.find((r: { processState: string }) => r.processState === 'CompletedOk');
    expect(ok).toMatchObject({ brandId: 'x-DemoHashPay', currency: 'EUR' });
    expect(ok.amount).toBe('50.70'); // 1.00 + 2.50 + 12.50 + 30.00 + 0.50 + 4.20
    expect(res.body.byState.Failed).toBe(1);
    const overview = await api('/api/overview?minutes=5');
    expect(overview.body.perMinute).toHaveLength(5);
    expect(overview.body.exchangeLoop.count).toBeGreaterThan(0);
    expect(overview.body.projection.behindEvents).toBeGreaterThanOrEqual(0);
    // embedded: every app runs in this process, whose own registry is the metrics source
    expect(overview.body.metricsSource).toBe('in-process');
    expect(overview.body.apps).toEqual([
      expect.objectContaining({ name: 'this process', source: 'in-process', up: true }),
    ]);
  });

  it('refuses operator commands to a viewer with 403 problem+json and records nothing', async () => {
    const res = await api(`/api/payments/${inProgress}/cancel`, VIEWER, 'POST');
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/operator/);
    expect((await api(`/api/operator-actions?payId=${inProgress}`)).body.items).toHaveLength(0);
  });

  it('cancels a payment in progress through ChangeProcessState(Failed, PaymtCancelled), recorded with who did it', async () => {
    const res = await api(`/api/payments/${inProgress}/cancel`, OPERATOR, 'POST');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      processState: 'Failed',
      completionCode: 'PaymtCancelled',
      action: 'cancel',
    });
    await sys.waitForPayment(inProgress, ['Failed']);
    const actions = await api(`/api/operator-actions?payId=${inProgress}`);
    expect(actions.body.items[0]).toMatchObject({
      actor: 'dev-operator',
      role: 'operator',
      action: 'cancel',
      outcome: 'done',
    });
    const again = await api(`/api/payments/${inProgress}/cancel`, OPERATOR, 'POST');
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/Failed/);
  });

  it("sends ResumePaymentPaymentHandler for a suspended payment (reports the bridge's refusal); refuses one that is not suspended", async () => {
    const session = new PaymentSession({
      gatewayUrl: sys.gatewayUrl,
      customer: 'bob',
      amount: '6.00',
      currency: 'EUR',
    });
    await session.paymentRequest();
    const id = await newPending([]);
    expect((await api(`/api/payments/${id}/resume`, OPERATOR, 'POST')).status).toBe(409);
    await sys.suspend(id);
    await sys.waitForPayment(id, ['Suspended']);
    const pending = await api('/api/pending?state=Suspended');
    expect(pending.body.items.map((p: { payId: string }) => p.payId)).toContain(id);
    // The request reaches the hash/secret bridge over the Payment API; that bridge can only continue
    // with the consumer's HS-Pay, so it refuses an operator resume without it, and the console says why.
    const res = await api(`/api/payments/${id}/resume`, OPERATOR, 'POST');
    expect(res.status).toBe(409);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ errorCode: 'EncapProtErr' });
    expect(res.body.detail).toContain('HS-Pay');
    const actions = await api(`/api/operator-actions?payId=${id}`);
    expect(actions.body.items[0]).toMatchObject({
      action: 'resume',
      outcome: 'rejected',
      actor: 'dev-operator',
    });
    const history = await api(`/api/payments/${id}`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toContain('PaymentSuspended');
  });

  it('removes the payment log of a finished payment only', async () => {
    const open = await api('/api/pending?state=InProgress');
    if (open.body.items[0]) {
      const refused = await api(`/api/payments/${open.body.items[0].payId}/remove-log`, OPERATOR, 'POST');
      expect(refused.status).toBe(409);
    }
    const res = await api(`/api/payments/${completed[3]}/remove-log`, OPERATOR, 'POST');
    expect(res.status).toBe(200);
    const detail = await api(`/api/payments/${completed[3]}`);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toContain('PaymentLogRemoved');
    expect((await api(`/api/payments/${completed[3]}/remove-log`, OPERATOR, 'POST')).status).toBe(409);
  });

  it('documents every /api route in /api/openapi.json (public) and serves a browsable view', async () => {
    const doc = await api('/api/openapi.json', {});
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.body.paths as Record<string, object>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = new Set(
      sys.console.routes
        .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.url !== '/api/docs')
        .map((r) => `${r.method} ${r.url}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(doc.body).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    const html = await fetch(`${sys.consoleUrl}/api/docs`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('/api/payments/{payId}/cancel');
  });

  it('has /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${sys.consoleUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${sys.consoleUrl}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${sys.consoleUrl}/metrics`)).text()).toContain(
      'iotp_message_duration_seconds',
    );
  });

  it('slows down key guessing: after 20 refused keys from one address, 429 with Retry-After — even for a good key — other addresses unaffected', async () => {
    // From 127.0.0.7 (any 127.x is this host), so the other tests' address is not throttled.
    const from = (address: string, key: string) =>
      new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
        const url = new URL(`${sys.consoleUrl}/api/payments`);
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            localAddress: address,
            headers: { 'x-api-key': key },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                retryAfter: res.headers['retry-after'] as string | undefined,
                body,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (let i = 0; i < 20; i++) expect((await from('127.0.0.7', `guess-${i}`)).status).toBe(401);
    const blocked = await from('127.0.0.7', 'operator-dev-key');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(blocked.body)).toMatchObject({ status: 429, title: 'Too many requests' });
    expect((await from('127.0.0.8', 'operator-dev-key')).status).toBe(200);
  });
});
