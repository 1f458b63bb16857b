import { percentile, type LoadResult } from './load';

/** One line of the bench table: a rate and its latency percentiles. */
export interface Row {
  readonly name: string;
  readonly rate: number;
  readonly unit: string;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  /** Printed after the row (e.g. a ratio to the echo baseline). */
  readonly note?: string;
}

export function rowOf(name: string, r: LoadResult, unit: string, note?: string): Row {
  return {
    ...(note ? { note } : {}),
    name,
    rate: r.completed / r.seconds,
    unit,
    p50: percentile(r.latenciesMs, 50),
    p99: percentile(r.latenciesMs, 99),
    failed: r.failed,
  };
}

export function formatRow(r: Row): string {
  return `${r.name.padEnd(44)} ${r.rate.toFixed(r.rate < 100 ? 1 : 0).padStart(7)} ${r.unit.padEnd(11)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   failed ${r.failed}${r.note ? `   ${r.note}` : ''}`;
}

/** A row for something that did not run, in the table's place. */
export const formatSkip = (name: string, why: string): string => `${name.padEnd(44)}   SKIPPED: ${why}`;

export const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !(b > 0) ? 'n/a' : (a / b).toFixed(3);
