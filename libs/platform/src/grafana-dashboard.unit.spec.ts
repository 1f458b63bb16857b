import { readFileSync } from 'node:fs';
import path from 'node:path';
import { metricsRegistry } from './metrics';

/*
 * infra/grafana/payment-handler.json may only chart metrics the apps export: those of metrics.ts
 * (with prom-client's default process metrics, registered there) and the projector's lag gauges
 * (apps/projector/src/lag.ts, read as text: libs never import apps).
 */
const ROOT = path.resolve(__dirname, '../../..');

interface Target {
  readonly expr: string;
  readonly datasource?: { readonly type: string; readonly uid: string };
}
interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: { h: number; w: number; x: number; y: number };
  readonly datasource?: { readonly type: string; readonly uid: string };
  readonly targets?: readonly Target[];
}
interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { name: string; type: string; query: unknown }[] };
}

const dashboard = JSON.parse(
  readFileSync(path.join(ROOT, 'infra/grafana/payment-handler.json'), 'utf8'),
) as Dashboard;
const queryPanels = dashboard.panels.filter((p) => p.type !== 'row');
const exprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** Metric names in a PromQL expression: every selector here is written `name{…}`. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{/g)].map((m) => m[1]!);
}

async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const m of await metricsRegistry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram')
      for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${m.name}${suffix}`);
  }
  const lag = readFileSync(path.join(ROOT, 'apps/projector/src/lag.ts'), 'utf8');
  for (const m of lag.matchAll(/gauge\(\s*'([a-z_:][a-z0-9_:]*)'/g)) names.add(m[1]!);
  return names;
}

describe('Grafana dashboard infra/grafana/payment-handler.json', () => {
  it('charts only metrics the apps export (metrics.ts, default process metrics, projector gauges)', async () => {
    const known = await exportedSeries();
    expect(known.has('projection_lag_events')).toBe(true);
    expect(known.has('projection_lag_seconds')).toBe(true);
    const used = new Set(exprs.flatMap(metricsIn));
    expect([...used].filter((n) => !known.has(n))).toEqual([]);
    // no metric-looking word outside a selector (a bare name would escape the check above)
    const bare = exprs.flatMap((e) =>
      [...e.matchAll(/\b([a-z_]+_(?:total|seconds|bytes|bucket|count|sum|events))\b(?!\s*\{)/g)].map(
        (m) => m[1]!,
      ),
    );
    expect(bare).toEqual([]);
  });

  it('has the panels the operators need', () => {
    const used = new Set(exprs.flatMap(metricsIn));
    for (const name of [
      'payments_finished_total',
      'iotp_message_duration_seconds_bucket',
      'iotp_message_duration_seconds_count',
      'payment_api_request_duration_seconds_bucket',
      'event_store_operation_duration_seconds_bucket',
      'projection_lag_events',
      'projection_lag_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
    ])
      expect(used).toContain(name);
    const quantiles = exprs.filter((e) => e.includes('histogram_quantile'));
    expect(quantiles.some((e) => e.startsWith('histogram_quantile(0.5,'))).toBe(true);
    expect(quantiles.some((e) => e.startsWith('histogram_quantile(0.99,'))).toBe(true);
  });

  it('queries a Prometheus data source chosen by a variable, with unique panel ids', () => {
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    const ds = dashboard.templating.list.find((v) => v.type === 'datasource');
    expect(ds).toMatchObject({ name: 'datasource', query: 'prometheus' });
    for (const p of queryPanels) {
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets?.length).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.expr.length).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    // panels never overlap on the 24-column grid
    const cells = new Set<string>();
    for (const p of dashboard.panels)
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++)
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const key = `${x},${y}`;
          expect(cells.has(key)).toBe(false);
          cells.add(key);
        }
  });

  it('every expression has balanced brackets and uses the job variable', () => {
    for (const e of exprs) {
      let depth = 0;
      for (const ch of e) {
        if ('({['.includes(ch)) depth++;
        if (')}]'.includes(ch)) depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      for (const m of metricsIn(e)) expect(e).toContain(`${m}{job=~"$job"`);
    }
  });
});
