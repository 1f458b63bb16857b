import { metricsRegistry } from '@ph/platform';
import { registerLagMetrics, storeLagProbe } from './lag';

describe('projection lag', () => {
  it('reads ahead through the store: count (capped) and the oldest unprojected event', async () => {
    const recordedAt = new Date('2026-03-01T10:00:00Z');
    const probe = storeLagProbe({
      readAll: async ({ fromPosition, limit }) =>
        [5n, 6n, 7n]
          .filter((p) => p > fromPosition)
          .slice(0, limit)
          .map((position) => ({ position, recordedAt }) as never),
    });
    expect(await probe.measure(5n)).toEqual({ events: 2, oldestRecordedAt: recordedAt });
    expect(await probe.measure(7n)).toEqual({ events: 0, oldestRecordedAt: undefined });
  });

  it('exports projection_lag_events and projection_lag_seconds per projection while registered', async () => {
    const unregister = registerLagMetrics({
      projection: 'unit',
      lag: async () => ({ events: 3, seconds: 1.5 }),
    });
    const text = await metricsRegistry.metrics();
    expect(text).toContain('projection_lag_events{projection="unit"} 3');
    expect(text).toContain('projection_lag_seconds{projection="unit"} 1.5');
    unregister();
    expect(await metricsRegistry.metrics()).not.toContain('projection="unit"');
  });
});
