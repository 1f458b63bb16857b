import { lookup } from 'node:dns/promises';
import { histogramBuckets, maxOf, parsePrometheusText, type Exposition, sumOf } from './prom-text';
import type { MetricsTarget } from './targets';

/*
 * The overview's figures per app, from the apps' Prometheus /metrics: scraped in the background every
 * interval (never while a page waits: a target that is down costs the page nothing), each scrape
 * reduced to a small snapshot, rates and quantiles taken between the newest snapshot and the oldest
 * one of the last five minutes, as Prometheus' rate() and histogram_quantile() would over that
 * window. In the embedded default there are no targets and the one "target" is this process's
 * own registry (every app runs in it).
 */

export const EXCHANGE_LOOP = 'iotp_message_duration_seconds';

/** What the overview keeps of one scrape. */
export interface Snapshot {
  /** ms since the epoch. */
  readonly at: number;
  readonly iotpMessages?: number;
  readonly paymentApiCalls?: number;
  readonly paymentsFinished?: number;
  /** Cumulative buckets of the exchange-loop histogram (all blocks), ascending bounds. */
  readonly exchangeLoop: readonly [number, number][];
  readonly kafkaConsumerLag?: number;
  readonly projectionLagEvents?: number;
  readonly projectionLagSeconds?: number;
  readonly residentMemoryBytes?: number;
}

export function snapshotOf(exposition: Exposition, at: number): Snapshot {
  let kafkaLag: number | undefined;
  for (const [name, f] of exposition.families) {
    if (!/kafka/.test(name) || !/lag/.test(name) || f.type === 'histogram' || f.type === 'summary') continue;
    if (/seconds|_ms$/.test(name)) continue; // a lag in time, not in messages
    const v = sumOf(exposition, name);
    if (v !== undefined) kafkaLag = (kafkaLag ?? 0) + v;
  }
  const opt = <K extends string>(key: K, v: number | undefined) => (v === undefined ? {} : { [key]: v });
  return {
    at,
    ...opt('iotpMessages', sumOf(exposition, 'iotp_messages_total')),
    ...opt('paymentApiCalls', sumOf(exposition, 'payment_api_calls_total')),
    ...opt('paymentsFinished', sumOf(exposition, 'payments_finished_total')),
    exchangeLoop: histogramBuckets(exposition, EXCHANGE_LOOP),
    ...opt('kafkaConsumerLag', kafkaLag),
    ...opt('projectionLagEvents', maxOf(exposition, 'projection_lag_events')),
    ...opt('projectionLagSeconds', maxOf(exposition, 'projection_lag_seconds')),
    ...opt('residentMemoryBytes', maxOf(exposition, 'process_resident_memory_bytes')),
  };
}

/**
 * The q-quantile of cumulative histogram buckets, interpolated linearly inside the bucket as
 * Prometheus' histogram_quantile does; null without observations.
 */
export function histogramQuantile(
  sorted: readonly (readonly [number, number])[],
  count: number,
  q: number,
): number | null {
  if (count <= 0) return null;
  const rank = q * count;
  let prevBound = 0;
  let prevCount = 0;
  for (const [bound, cumulative] of sorted) {
    if (cumulative >= rank) {
      if (bound === Infinity) return prevBound;
      const inBucket = cumulative - prevCount;
      return inBucket === 0 ? bound : prevBound + ((bound - prevBound) * (rank - prevCount)) / inBucket;
    }
    prevBound = bound;
    prevCount = cumulative;
  }
  return prevBound;
}

export interface LoopFigures {
  readonly count: number;
  readonly p50Seconds: number | null;
  readonly p99Seconds: number | null;
}

export function loopFigures(buckets: readonly (readonly [number, number])[]): LoopFigures {
  const count = buckets.length > 0 ? buckets[buckets.length - 1]![1] : 0;
  return {
    count,
    p50Seconds: histogramQuantile(buckets, count, 0.5),
    p99Seconds: histogramQuantile(buckets, count, 0.99),
  };
}

/** Bucket-wise difference newer − older (a reset, i.e. a restarted app, gives the newer ones). */
export function bucketDelta(
  newer: readonly (readonly [number, number])[],
  older: readonly (readonly [number, number])[],
): [number, number][] {
  const before = new Map(older.map(([b, c]) => [b, c]));
  const delta = newer.map(([b, c]): [number, number] => [b, c - (before.get(b) ?? 0)]);
  return delta.some(([, c]) => c < 0) ? newer.map(([b, c]) => [b, c]) : delta;
}

/** The per-app figures the overview shows. */
export interface AppFigures {
  readonly name: string;
  /** The scraped URL; `in-process` for this process's own registry (the embedded default). */
  readonly source: string;
  readonly up: boolean;
  /** The last scrape that answered, ISO 8601; null before the first. */
  readonly lastScrapeAt: string | null;
  readonly scrapeAgeSeconds: number | null;
  readonly error: string | null;
  /** Seconds between the two snapshots the rates are taken from; null with fewer than two. */
  readonly windowSeconds: number | null;
  readonly iotpMessagesPerSecond: number | null;
  readonly paymentApiCallsPerSecond: number | null;
  readonly paymentsFinishedPerSecond: number | null;
  /** The exchange loop within the window; null when the app has no such histogram. */
  readonly exchangeLoop: LoopFigures | null;
  readonly kafkaConsumerLag: number | null;
  readonly projectionLagEvents: number | null;
  readonly projectionLagSeconds: number | null;
  readonly residentMemoryBytes: number | null;
}

export function rate(newer: number | undefined, older: number | undefined, seconds: number): number | null {
  if (newer === undefined || older === undefined || seconds <= 0) return null;
  const delta = newer >= older ? newer - older : newer; // a reset: the app restarted in between
  return delta / seconds;
}

export function figuresOf(
  name: string,
  source: string,
  history: readonly Snapshot[],
  last: { at: number; error: string | null } | undefined,
  now: number,
): AppFigures {
  const latest = history[history.length - 1];
  const oldest = history.length > 1 ? history[0] : undefined;
  const seconds = latest && oldest ? (latest.at - oldest.at) / 1000 : null;
  const r = (pick: (s: Snapshot) => number | undefined) =>
    latest && oldest && seconds !== null ? rate(pick(latest), pick(oldest), seconds) : null;
  const loop =
    latest && latest.exchangeLoop.length > 0
      ? loopFigures(oldest ? bucketDelta(latest.exchangeLoop, oldest.exchangeLoop) : latest.exchangeLoop)
      : null;
  return {
    name,
    source,
    up: last !== undefined && last.error === null,
    lastScrapeAt: latest ? new Date(latest.at).toISOString() : null,
    scrapeAgeSeconds: latest ? Math.max(0, Math.round((now - latest.at) / 100) / 10) : null,
    error: last?.error ?? null,
    windowSeconds: seconds,
    iotpMessagesPerSecond: r((s) => s.iotpMessages),
    paymentApiCallsPerSecond: r((s) => s.paymentApiCalls),
    paymentsFinishedPerSecond: r((s) => s.paymentsFinished),
    exchangeLoop: loop,
    kafkaConsumerLag: latest?.kafkaConsumerLag ?? null,
    projectionLagEvents: latest?.projectionLagEvents ?? null,
    projectionLagSeconds: latest?.projectionLagSeconds ?? null,
    residentMemoryBytes: latest?.residentMemoryBytes ?? null,
  };
}

export type TextFetch = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface ScraperOptions {
  /** Empty: this process's registry only (`local`). */
  readonly targets: readonly MetricsTarget[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** This process's exposition (metricsRegistry.metrics()). */
  readonly local: () => Promise<string>;
  /** How far back the rates reach. Default 5 minutes. */
  readonly windowMs?: number;
  readonly fetcher?: TextFetch;
  readonly now?: () => number;
  /** Called when a target's scrapes start failing (or fail differently); logged by the app. */
  readonly onError?: (target: string, error: string) => void;
  /** Addresses of a host, for `dns+` targets (default: every A/AAAA record via the system resolver). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

const systemResolve = async (host: string): Promise<readonly string[]> =>
  (await lookup(host, { all: true })).map((a) => a.address).sort();

const MAX_EXPOSITION = 16 * 1024 * 1024;

/** `fetch failed (ECONNREFUSED)` rather than undici's bare `fetch failed`. */
export function describeError(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message || String(error)}${cause ? ` (${cause})` : ''}`;
}

interface TargetState {
  readonly name: string;
  readonly source: string;
  readonly read: () => Promise<string>;
  history: Snapshot[];
  last?: { at: number; error: string | null };
}

export class MetricsScraper {
  private readonly fixed: TargetState[];
  /** Per `dns+` target: its current addresses' states (replaced when the addresses change). */
  private readonly discovered = new Map<string, TargetState[]>();
  private readonly fetcher: TextFetch;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(private readonly options: ScraperOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.fetcher = options.fetcher ?? (fetch as unknown as TextFetch);
    this.fixed =
      options.targets.length === 0
        ? [{ name: 'this process', source: 'in-process', read: options.local, history: [] }]
        : options.targets.filter((t) => !t.discover).map((t) => this.httpState(t.name, t.url));
  }

  private get states(): TargetState[] {
    return [...this.fixed, ...[...this.discovered.values()].flat()];
  }

  private httpState(name: string, url: string): TargetState {
    return {
      name,
      source: url,
      history: [],
      read: async () => {
        const res = await this.fetcher(url, {
          signal: AbortSignal.timeout(this.options.timeoutMs),
          headers: { accept: 'text/plain;version=0.0.4;q=1, */*;q=0.1' },
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const text = await res.text();
        if (text.length > MAX_EXPOSITION) throw new Error('exposition too large');
        return text;
      },
    };
  }

  /**
   * Re-resolves every `dns+` target: a new address becomes a target (`name@address`), a vanished one
   * (a pod gone) is dropped with its history; a failed lookup keeps the last known addresses.
   */
  private async discover(): Promise<void> {
    const resolve = this.options.resolve ?? systemResolve;
    for (const t of this.options.targets.filter((x) => x.discover)) {
      const url = new URL(t.url);
      let addresses: readonly string[];
      try {
        addresses = await resolve(url.hostname);
      } catch (error) {
        this.options.onError?.(t.name, `cannot resolve ${url.hostname}: ${describeError(error)}`);
        continue;
      }
      const known = new Map((this.discovered.get(t.name) ?? []).map((s) => [s.name, s]));
      this.discovered.set(
        t.name,
        addresses.map((address) => {
          const name = `${t.name}@${address}`;
          const at = new URL(t.url);
          at.hostname = address.includes(':') ? `[${address}]` : address;
          return known.get(name) ?? this.httpState(name, at.toString());
        }),
      );
    }
  }

  /** True when the figures come from configured targets rather than this process's registry. */
  get remote(): boolean {
    return this.options.targets.length > 0;
  }

  /** Scrapes at once, then every interval (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    const loop = () => {
      void this.scrapeOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(loop, this.options.intervalMs).unref();
      });
    };
    this.timer = setTimeout(loop, 0).unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One scrape of every target at once; never throws (a failure is the target's state). */
  scrapeOnce(): Promise<void> {
    if (!this.running)
      this.running = this.discover()
        .then(() => Promise.all(this.states.map((s) => this.scrape(s))))
        .then(() => undefined)
        .finally(() => (this.running = undefined));
    return this.running;
  }

  private async scrape(state: TargetState): Promise<void> {
    const at = this.now();
    try {
      const exposition = parsePrometheusText(await state.read());
      const snap = snapshotOf(exposition, at);
      state.history.push(snap);
      // Keep the newest and the snapshots of the window (the oldest of them is the rates' base).
      const from = at - this.windowMs;
      while (state.history.length > 2 && state.history[1]!.at <= from) state.history.shift();
      if (state.history.length === 2 && state.history[0]!.at < from - this.windowMs) state.history.shift();
      state.last = { at, error: null };
    } catch (error) {
      const message =
        (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : describeError(error);
      if (state.last?.error !== message) this.options.onError?.(state.name, message); // once per outage
      state.last = { at, error: message };
    }
  }

  figures(): AppFigures[] {
    const now = this.now();
    return this.states.map((s) => figuresOf(s.name, s.source, s.history, s.last, now));
  }

  /** The exchange loop since each app started, over every target's newest snapshot. */
  exchangeLoopSinceStart(): LoopFigures {
    const sum = new Map<number, number>();
    for (const s of this.states) {
      const latest = s.history[s.history.length - 1];
      for (const [b, c] of latest?.exchangeLoop ?? []) sum.set(b, (sum.get(b) ?? 0) + c);
    }
    return loopFigures([...sum.entries()].sort((a, b) => a[0] - b[0]));
  }
}
