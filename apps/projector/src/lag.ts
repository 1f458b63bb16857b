import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import type { EventStore } from '@ph/event-store';
import { metricsRegistry } from '@ph/platform';

/** How far the store's head is beyond a position: events not yet projected, and the oldest one's age. */
export interface LagProbe {
  measure(after: bigint): Promise<{ readonly events: number; readonly oldestRecordedAt?: Date }>;
}

/** Works on every store: reads up to `cap` events after the position (the count saturates at cap). */
export function storeLagProbe(store: Pick<EventStore, 'readAll'>, cap = 10_000): LagProbe {
  return {
    async measure(after) {
      const events = await store.readAll({ fromPosition: after, limit: cap });
      return { events: events.length, oldestRecordedAt: events[0]?.recordedAt };
    },
  };
}

const SIMPLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** The PostgreSQL store's events table counted directly (index range scan on the position, capped). */
export function postgresLagProbe(pool: Pool, eventStoreSchema: string, cap = 1_000_000): LagProbe {
  if (!SIMPLE_NAME.test(eventStoreSchema)) throw new RangeError(`bad event store schema ${eventStoreSchema}`);
  const text = `SELECT count(*)::integer AS n, min(recorded_at) AS oldest FROM (
                  SELECT recorded_at FROM "${eventStoreSchema}".events WHERE global_position > $1
                   ORDER BY global_position LIMIT $2) ahead`;
  return {
    async measure(after) {
      const { rows } = await pool.query<{ n: number; oldest: Date | null }>(text, [after.toString(), cap]);
      return { events: rows[0]!.n, oldestRecordedAt: rows[0]!.oldest ?? undefined };
    },
  };
}

export interface LagSource {
  readonly projection: string;
  lag(): Promise<{ readonly events: number; readonly seconds: number }>;
}

/** Projectors of this process; the gauges ask each of them when Prometheus scrapes. */
const sources = new Set<LagSource>();

function gauge(
  name: string,
  help: string,
  pick: (lag: { events: number; seconds: number }) => number,
): Gauge {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Gauge;
  return new Gauge({
    name,
    help,
    labelNames: ['projection'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      await Promise.all(
        [...sources].map(async (s) => {
          try {
            this.set({ projection: s.projection }, pick(await s.lag()));
          } catch {
            // store unreachable: no sample rather than a wrong one (readiness reports it)
          }
        }),
      );
    },
  });
}

export function registerLagMetrics(source: LagSource): () => void {
  gauge('projection_lag_events', 'Events in the store not yet applied to the projection', (l) => l.events);
  gauge(
    'projection_lag_seconds',
    'Age of the oldest event not yet applied to the projection (0 when caught up)',
    (l) => l.seconds,
  );
  sources.add(source);
  return () => sources.delete(source);
}
