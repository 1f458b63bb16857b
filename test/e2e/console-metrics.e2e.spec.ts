import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPayment } from '../../apps/wallet/src/lib';
import { metricsRegistry } from '@ph/platform';
import type { Overview } from '../../apps/console/src/read/inquiry';
import { startConsoleSystem, type ConsoleSystem } from '../browser/support/console-system';

/**
 * The overview's per-app figures from scraped Prometheus /metrics (distributed mode): one target
 * serves this process's real registry over HTTP (the in-process gateway's histogram and counters),
 * one target is down. The console scrapes in the background; the test polls until figures appear.
 */
describe('operator console: metrics of every app on the overview', () => {
  let sys: ConsoleSystem;
  let server: Server;
  let scrapes = 0;

  async function overview(): Promise<Overview> {
    const res = await fetch(`${sys.consoleUrl}/api/overview?minutes=5`, {
      headers: { 'x-api-key': 'viewer-dev-key' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Overview;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      scrapes += 1;
      void metricsRegistry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metricsRegistry.contentType });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // a port that was just free: nothing listens there
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    sys = await startConsoleSystem({
      consoleEnv: {
        CONSOLE_METRICS_TARGETS: `gateway-0=http://127.0.0.1:${port}/metrics,worker-0=http://127.0.0.1:${closedPort}/metrics`,
        CONSOLE_METRICS_INTERVAL_SECONDS: '1',
        CONSOLE_METRICS_TIMEOUT_MS: '1000',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await sys?.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('shows each target up or down, with rates and exchange-loop quantiles once two scrapes saw traffic', async () => {
    const first = await until('a first scrape', async () => {
      const o = await overview();
      return o.apps.every(
        (a: { lastScrapeAt: string | null; error: string | null }) => a.lastScrapeAt || a.error,
      )
        ? o
        : undefined;
    });
    expect(first.metricsSource).toBe('scraped');
    expect(first.apps.map((a) => a.name)).toEqual(['gateway-0', 'worker-0']);
    const worker = first.apps[1];
    expect(worker).toMatchObject({ up: false, lastScrapeAt: null });
    expect(worker.error).toEqual(expect.any(String));

    const r = await runPayment({
      gatewayUrl: sys.gatewayUrl,
      customer: 'alice',
      amount: '1.00',
      currency: 'EUR',
    });
    expect(r.processState).toBe('CompletedOk');
    const seen = scrapes;
    const after = await until('figures after the payment', async () => {
      const o = await overview();
      const gw = o.apps[0]!;
      return scrapes > seen + 1 && gw.windowSeconds !== null && (gw.exchangeLoop?.count ?? 0) > 0
        ? o
        : undefined;
    });
    const gw = after.apps[0]!;
    const loop = gw.exchangeLoop!;
    expect(gw).toMatchObject({ name: 'gateway-0', up: true, error: null });
    expect(gw.scrapeAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(gw.iotpMessagesPerSecond).toBeGreaterThan(0);
    expect(gw.paymentsFinishedPerSecond).toBeGreaterThan(0);
    expect(loop.p50Seconds).toBeGreaterThan(0);
    expect(loop.p99Seconds).toBeGreaterThanOrEqual(loop.p50Seconds!);
    expect(gw.residentMemoryBytes).toBeGreaterThan(0);
    // the headline exchange loop comes from the scraped histograms
    expect(after.exchangeLoop.count).toBeGreaterThan(0);

    const page = await fetch(`${sys.consoleUrl}/`, { headers: { 'x-api-key': 'viewer-dev-key' } });
    const html = await page.text();
    expect(html).toContain('<table id="apps">');
    expect(html).toContain('data-app="gateway-0"');
    expect(html).toMatch(/data-app="worker-0">[\s\S]*?down/);
  });
});
