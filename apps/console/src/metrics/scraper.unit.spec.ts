import { parsePrometheusText } from './prom-text';
import {
  bucketDelta,
  figuresOf,
  histogramQuantile,
  MetricsScraper,
  rate,
  snapshotOf,
  type TextFetch,
} from './scraper';
import { parseMetricsTargets } from './targets';

const exposition = (messages: number, buckets: [string, number][], extra = '') =>
  `# TYPE iotp_messages_total counter
iotp_messages_total{block="payment",answer="exchange"} ${messages}
# TYPE iotp_message_duration_seconds histogram
${buckets.map(([le, c]) => `iotp_message_duration_seconds_bucket{block="payment",le="${le}"} ${c}`).join('\n')}
${extra}`;

describe('histogramQuantile', () => {
  it('interpolates inside the bucket like histogram_quantile', () => {
    const b: [number, number][] = [
      [0.01, 50],
      [0.1, 90],
      [1, 100],
      [Infinity, 100],
    ];
    expect(histogramQuantile(b, 100, 0.5)).toBeCloseTo(0.01);
    expect(histogramQuantile(b, 100, 0.7)).toBeCloseTo(0.055);
    expect(histogramQuantile(b, 100, 0.99)).toBeCloseTo(0.91);
    expect(histogramQuantile(b, 0, 0.5)).toBeNull();
    // a quantile in the +Inf bucket is the largest finite bound
    expect(
      histogramQuantile(
        [
          [0.1, 1],
          [Infinity, 10],
        ],
        10,
        0.99,
      ),
    ).toBe(0.1);
  });
});

describe('rates and deltas', () => {
  it('rate is the counter increase per second; a reset counts from zero', () => {
    expect(rate(130, 100, 15)).toBe(2);
    expect(rate(30, 100, 15)).toBe(2);
    expect(rate(undefined, 100, 15)).toBeNull();
    expect(rate(1, 0, 0)).toBeNull();
  });

  it('bucketDelta subtracts bucket-wise; a reset gives the newer buckets', () => {
    expect(
      bucketDelta(
        [
          [0.1, 10],
          [Infinity, 12],
        ],
        [
          [0.1, 4],
          [Infinity, 5],
        ],
      ),
    ).toEqual([
      [0.1, 6],
      [Infinity, 7],
    ]);
    expect(
      bucketDelta(
        [
          [0.1, 1],
          [Infinity, 1],
        ],
        [
          [0.1, 4],
          [Infinity, 5],
        ],
      ),
    ).toEqual([
      [0.1, 1],
      [Infinity, 1],
    ]);
  });
});

describe('snapshotOf and figuresOf', () => {
  it('takes the overview figures out of an exposition; Kafka lag only when exported', () => {
    const s = snapshotOf(
      parsePrometheusText(
        exposition(5, [
          ['0.1', 4],
          ['+Inf', 5],
        ]) +
          '\nkafka_consumergroup_lag{topic="a",partition="0"} 3\nkafka_consumergroup_lag{topic="a",partition="1"} 4\n' +
          'kafka_consumer_lag_seconds 9\nprojection_lag_events{projection="read-models"} 12\nprocess_resident_memory_bytes 1048576\n',
      ),
      1000,
    );
    expect(s).toMatchObject({
      at: 1000,
      iotpMessages: 5,
      kafkaConsumerLag: 7,
      projectionLagEvents: 12,
      residentMemoryBytes: 1048576,
    });
    expect(s.paymentApiCalls).toBeUndefined();
    expect(snapshotOf(parsePrometheusText('x 1\n'), 0).kafkaConsumerLag).toBeUndefined();
  });

  it('needs two snapshots for rates; quantiles are over the window', () => {
    const a = snapshotOf(
      parsePrometheusText(
        exposition(100, [
          ['0.01', 0],
          ['0.1', 100],
          ['+Inf', 100],
        ]),
      ),
      0,
    );
    const b = snapshotOf(
      parsePrometheusText(
        exposition(160, [
          ['0.01', 60],
          ['0.1', 160],
          ['+Inf', 160],
        ]),
      ),
      30_000,
    );
    const one = figuresOf('gw', 'http://gw/metrics', [a], { at: 0, error: null }, 5000);
    expect(one).toMatchObject({
      up: true,
      windowSeconds: null,
      iotpMessagesPerSecond: null,
      scrapeAgeSeconds: 5,
    });
    const two = figuresOf('gw', 'http://gw/metrics', [a, b], { at: 30_000, error: null }, 30_000);
    expect(two.iotpMessagesPerSecond).toBe(2);
    expect(two.windowSeconds).toBe(30);
    expect(two.exchangeLoop).toMatchObject({ count: 60 });
    expect(two.exchangeLoop!.p99Seconds).toBeLessThanOrEqual(0.01); // the window's 60 were all ≤ 10 ms
    const down = figuresOf('gw', 'x', [a, b], { at: 60_000, error: 'HTTP 503' }, 60_000);
    expect(down).toMatchObject({ up: false, error: 'HTTP 503', scrapeAgeSeconds: 30 });
    expect(figuresOf('w', 'x', [], undefined, 0)).toMatchObject({
      up: false,
      lastScrapeAt: null,
      exchangeLoop: null,
    });
  });
});

describe('MetricsScraper', () => {
  it('scrapes every target, keeps figures per app, reports failures once per outage', async () => {
    let now = 1_000_000;
    let gatewayMessages = 10;
    let workerDown = false;
    const fetcher: TextFetch = async (url) => {
      if (url.includes('worker')) {
        if (workerDown) throw new Error('connect ECONNREFUSED');
        return {
          ok: true,
          status: 200,
          text: async () => '# TYPE payment_api_calls_total counter\npayment_api_calls_total{call="x"} 4\n',
        };
      }
      return {
        ok: true,
        status: 200,
        text: async () =>
          exposition(gatewayMessages, [
            ['0.1', gatewayMessages],
            ['+Inf', gatewayMessages],
          ]),
      };
    };
    const errors: string[] = [];
    const scraper = new MetricsScraper({
      targets: parseMetricsTargets('gateway=http://gw:8080/metrics, worker=http://worker:8093/metrics'),
      intervalMs: 15_000,
      timeoutMs: 1000,
      local: async () => '',
      fetcher,
      now: () => now,
      onError: (t, e) => errors.push(`${t}: ${e}`),
    });
    expect(scraper.remote).toBe(true);
    await scraper.scrapeOnce();
    now += 15_000;
    gatewayMessages = 40;
    workerDown = true;
    await scraper.scrapeOnce();
    now += 15_000;
    await scraper.scrapeOnce();
    const [gw, worker] = scraper.figures();
    expect(gw).toMatchObject({ name: 'gateway', up: true, iotpMessagesPerSecond: 1, windowSeconds: 30 });
    expect(worker).toMatchObject({
      name: 'worker',
      up: false,
      error: 'connect ECONNREFUSED',
      scrapeAgeSeconds: 30,
    });
    expect(errors).toEqual(['worker: connect ECONNREFUSED']);
    expect(scraper.exchangeLoopSinceStart().count).toBe(40);
  });

  it('drops snapshots older than the window (the rates are over its span)', async () => {
    let now = 0;
    let n = 0;
    const scraper = new MetricsScraper({
      targets: [],
      intervalMs: 1000,
      timeoutMs: 1000,
      windowMs: 60_000,
      local: async () => exposition((n += 60), [['+Inf', n]]),
      now: () => now,
    });
    expect(scraper.remote).toBe(false);
    for (let i = 0; i < 10; i++) {
      await scraper.scrapeOnce();
      now += 30_000;
    }
    const [local] = scraper.figures();
    expect(local!.source).toBe('in-process');
    expect(local!.windowSeconds).toBe(60);
    expect(local!.iotpMessagesPerSecond).toBe(2);
  });

  it('finds one target per address of a dns+ target at every scrape, dropping pods that went away', async () => {
    let addresses = ['10.0.0.7', '10.0.0.8'];
    const asked: string[] = [];
    const scraper = new MetricsScraper({
      targets: parseMetricsTargets(
        'gateway=http://gw:8080/metrics,worker=dns+http://payment-worker-pods:8093/metrics',
      ),
      intervalMs: 1000,
      timeoutMs: 1000,
      local: async () => '',
      resolve: async (host) => {
        if (host !== 'payment-worker-pods') throw new Error(`unexpected host ${host}`);
        return addresses;
      },
      fetcher: async (url) => {
        asked.push(url);
        return { ok: true, status: 200, text: async () => exposition(1, [['+Inf', 1]]) };
      },
    });
    await scraper.scrapeOnce();
    expect(scraper.figures().map((f) => f.name)).toEqual(['gateway', 'worker@10.0.0.7', 'worker@10.0.0.8']);
    expect(asked).toContain('http://10.0.0.8:8093/metrics');
    addresses = ['10.0.0.8', '10.0.0.9'];
    await scraper.scrapeOnce();
    expect(scraper.figures().map((f) => f.name)).toEqual(['gateway', 'worker@10.0.0.8', 'worker@10.0.0.9']);
  });

  it('keeps the last known addresses when the lookup fails, and says so', async () => {
    let fail = false;
    const errors: string[] = [];
    const scraper = new MetricsScraper({
      targets: parseMetricsTargets('worker=dns+http://pods:8093/metrics'),
      intervalMs: 1000,
      timeoutMs: 1000,
      local: async () => '',
      resolve: async () => {
        if (fail) throw new Error('getaddrinfo ENOTFOUND pods');
        return ['10.0.0.7'];
      },
      fetcher: async () => ({ ok: true, status: 200, text: async () => exposition(1, [['+Inf', 1]]) }),
      onError: (t, e) => errors.push(`${t}: ${e}`),
    });
    await scraper.scrapeOnce();
    fail = true;
    await scraper.scrapeOnce();
    expect(scraper.figures().map((f) => f.name)).toEqual(['worker@10.0.0.7']);
    expect(errors).toEqual(['worker: cannot resolve pods: getaddrinfo ENOTFOUND pods']);
  });

  it('a time-out is reported as such', async () => {
    const scraper = new MetricsScraper({
      targets: parseMetricsTargets('slow=http://slow/metrics'),
      intervalMs: 1000,
      timeoutMs: 20,
      local: async () => '',
      fetcher: (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(init.signal.reason)),
        ),
    });
    await scraper.scrapeOnce();
    expect(scraper.figures()[0]).toMatchObject({ up: false, error: 'no answer within 20 ms' });
  });
});

describe('parseMetricsTargets', () => {
  it('reads name=url pairs', () => {
    expect(
      parseMetricsTargets(' gateway-0=http://127.0.0.1:8080/metrics ,worker=https://w.example/metrics'),
    ).toEqual([
      { name: 'gateway-0', url: 'http://127.0.0.1:8080/metrics' },
      { name: 'worker', url: 'https://w.example/metrics' },
    ]);
    expect(parseMetricsTargets('w=dns+http://payment-worker-pods:8093/metrics')).toEqual([
      { name: 'w', url: 'http://payment-worker-pods:8093/metrics', discover: true },
    ]);
  });

  it.each([
    ['', /no target/],
    ['http://x/metrics', /not name=url/],
    ['a=x', /not a URL/],
    ['a=ftp://x/metrics', /not an http/],
    ['a=http://u:p@x/metrics', /credentials/],
    ['a b=http://x/metrics', /target name/],
    ['a=http://x/metrics,a=http://y/metrics', /twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseMetricsTargets(text)).toThrow(message);
  });
});
