/**
 * Where the time goes: the histograms of an app's /metrics (Prometheus text), each series' sum/count
 * as an average in ms. Scraped at the end of a run, so the figures cover the whole run.
 */
export const TIME_HISTOGRAMS = [
  'iotp_message_duration_seconds',
  'payment_api_request_duration_seconds',
  'event_store_operation_duration_seconds',
] as const;

export interface SeriesAverage {
  readonly series: string;
  readonly count: number;
  readonly avgMs: number;
}

export async function scrapeAverages(metricsUrl: string): Promise<SeriesAverage[]> {
  const text = await (await fetch(metricsUrl)).text();
  return averagesOf(text);
}

export function averagesOf(text: string): SeriesAverage[] {
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)_(sum|count)(\{[^}]*\})? ([0-9.eE+-]+|NaN)$/.exec(line);
    if (!m || !TIME_HISTOGRAMS.includes(m[1] as (typeof TIME_HISTOGRAMS)[number])) continue;
    const key = `${m[1]}${m[3] ?? ''}`;
    (m[2] === 'sum' ? sums : counts).set(key, Number(m[4]));
  }
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([series, count]) => ({ series, count, avgMs: ((sums.get(series) ?? 0) / count) * 1000 }))
    .sort((a, b) => a.series.localeCompare(b.series));
}

/** Calls of one histogram (all label sets) whose labels include `labelPart`, e.g. 'operation="append"'. */
export function countOf(averages: readonly SeriesAverage[], metric: string, labelPart = ''): number {
  return averages
    .filter((a) => a.series.startsWith(metric) && a.series.includes(labelPart))
    .reduce((n, a) => n + a.count, 0);
}

export function formatAverages(title: string, averages: readonly SeriesAverage[]): string[] {
  if (averages.length === 0) return [`${title}: (no samples)`];
  return [
    title,
    ...averages.map((a) => `  ${a.series.padEnd(92)} avg ${a.avgMs.toFixed(2).padStart(7)} ms  × ${a.count}`),
  ];
}
