import type { EventStore } from '@ph/event-store';
import { digestOf, fromStoredEvent, paymentStream, UnknownPaymentEventError } from '@ph/payments';
import { metricsRegistry } from '@ph/platform';
import { summarisePaymentEvent } from '@ph/read-models';
import { type AppFigures, histogramQuantile, type MetricsScraper } from '../metrics/scraper';
import { maskDeep, maskPan } from '../pages/format';
import type { ConsoleQueries, PaymentRow, ReceiptRow } from './console-queries';

export interface TimelineEvent {
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly commandId: string | null;
  /** The process state after this event. */
  readonly state: string;
  readonly summary: string;
  /** The event's data, card numbers masked (events never hold secrets, architecture §4). */
  readonly data: unknown;
}

export interface PaymentDetail {
  readonly payment: PaymentRow | null;
  readonly events: readonly TimelineEvent[];
}

const STATE_AFTER: Readonly<Record<string, string>> = {
  PaymentStarted: 'InProgress',
  PaymentSuspended: 'Suspended',
  PaymentResumed: 'InProgress',
  PaymentCompleted: 'CompletedOk',
  PaymentFailed: 'Failed',
  ProcessErrorRaised: 'ProcessError',
};

export interface ReceiptView extends ReceiptRow {
  /** Our outbound items re-digested and compared with the digest the events recorded. */
  readonly check: { readonly verifiable: number; readonly matching: number; readonly ok: boolean };
}

export class Inquiry {
  constructor(
    private readonly queries: ConsoleQueries,
    private readonly store: EventStore,
    /** The apps' /metrics (or this process's registry); absent: no per-app figures. */
    private readonly metrics?: MetricsScraper,
  ) {}

  /** The read-model row and the full history from the event store (the truth, never lagging). */
  async payment(payId: string): Promise<PaymentDetail | undefined> {
    const [row, recorded] = await Promise.all([
      this.queries.payment(payId),
      this.store.readStream(paymentStream(payId)),
    ]);
    if (!row && recorded.length === 0) return undefined;
    let state = 'NotYetStarted';
    const events = recorded.map((e): TimelineEvent => {
      let summary: string;
      try {
        summary = summarisePaymentEvent(fromStoredEvent(e));
      } catch (error) {
        if (!(error instanceof UnknownPaymentEventError)) throw error;
        summary = `Unreadable event ${e.type}`;
      }
      state = STATE_AFTER[e.type] ?? state;
      return {
        revision: e.revision,
        position: e.position.toString(),
        type: e.type,
        occurredAt:
          typeof e.metadata.occurredAt === 'string' ? e.metadata.occurredAt : e.recordedAt.toISOString(),
        recordedAt: e.recordedAt.toISOString(),
        commandId: typeof e.metadata.commandId === 'string' ? e.metadata.commandId : null,
        state,
        summary: maskPan(summary),
        data: maskDeep(e.data),
      };
    });
    return { payment: row ?? null, events };
  }

  async receipt(payId: string): Promise<ReceiptView | undefined> {
    const r = await this.queries.receipt(payId);
    if (!r) return undefined;
    let verifiable = 0;
    let matching = 0;
    for (const item of r.items) {
      if (!item.packaged) continue;
      verifiable += 1;
      if (digestOf(item.packaged) === item.sha256) matching += 1;
    }
    return {
      ...r,
      items: r.items.map((i) => maskDeep(i) as ReceiptRow['items'][number]),
      check: { verifiable, matching, ok: verifiable === matching },
    };
  }

  async overview(minutes: number): Promise<Overview> {
    const [perMinute, projection] = await Promise.all([
      this.queries.perMinute(minutes),
      this.queries.projection(),
    ]);
    const ok = perMinute.reduce((s, m) => s + m.ok, 0);
    const failed = perMinute.reduce((s, m) => s + m.failed, 0);
    return {
      minutes,
      perMinute,
      finished: ok + failed,
      successRate: ok + failed === 0 ? null : ok / (ok + failed),
      exchangeLoop:
        this.metrics?.remote === true ? this.metrics.exchangeLoopSinceStart() : await exchangeLoopQuantiles(),
      projection,
      metricsSource: this.metrics === undefined ? 'none' : this.metrics.remote ? 'scraped' : 'in-process',
      apps: this.metrics?.figures() ?? [],
    };
  }
}

export interface Overview {
  readonly minutes: number;
  readonly perMinute: readonly { minute: string; started: number; ok: number; failed: number }[];
  readonly finished: number;
  readonly successRate: number | null;
  readonly exchangeLoop: {
    readonly count: number;
    readonly p50Seconds: number | null;
    readonly p99Seconds: number | null;
  };
  readonly projection: { position: string; updatedAt: string | null; behindEvents: number | null };
  /** Where the per-app figures come from: the configured targets, this process's registry, or nowhere. */
  readonly metricsSource: 'scraped' | 'in-process' | 'none';
  readonly apps: readonly AppFigures[];
}

/**
 * p50/p99 of the IOTP exchange loop (iotp_message_duration_seconds, all blocks) since start from this
 * process's histogram, interpolated inside the bucket as Prometheus' histogram_quantile does. In the
 * embedded default the gateway runs in this process; a distributed console takes the figure from the
 * scraped gateways instead (MetricsScraper.exchangeLoopSinceStart).
 */
export async function exchangeLoopQuantiles(
  name = 'iotp_message_duration_seconds',
): Promise<{ count: number; p50Seconds: number | null; p99Seconds: number | null }> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) return { count: 0, p50Seconds: null, p99Seconds: null };
  const data = await metric.get();
  const buckets = new Map<number, number>();
  for (const v of data.values as readonly {
    metricName?: string;
    labels: Record<string, string | number>;
    value: number;
  }[]) {
    if (v.metricName !== `${name}_bucket`) continue;
    const le = v.labels.le;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + v.value);
  }
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const count = sorted.length > 0 ? sorted[sorted.length - 1]![1] : 0;
  return { count, p50Seconds: quantile(sorted, count, 0.5), p99Seconds: quantile(sorted, count, 0.99) };
}

/** The q-quantile of sorted cumulative buckets (see histogramQuantile). */
export function quantile(sorted: readonly [number, number][], count: number, q: number): number | null {
  return histogramQuantile(sorted, count, q);
}
