import type { Pool } from 'pg';
import { percentile } from '../load';
import type { Case } from './cases';
import type { Statement } from './recording-pool';

export const LIMIT_MS = 100;

export interface Measured {
  readonly name: string;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly runs: number;
  /** The statements of the slowest run, slowest first. */
  readonly slowest: readonly Statement[];
}

/**
 * Runs every case `warmup` times unmeasured, then `iterations` times, one at a time; a case slower
 * than `budgetMs` in all stops early after 5 measured runs (its p99 is then its slowest run).
 */
export async function measure(
  cases: readonly Case[],
  take: () => Statement[],
  iterations: number,
  warmup: number,
  budgetMs: number,
  onCase: (m: Measured) => void,
): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const c of cases) {
    const started = performance.now();
    for (let i = 0; i < warmup && performance.now() - started < budgetMs; i++) await c.run();
    take();
    const times: number[] = [];
    let slowest: Statement[] = [];
    let worst = -1;
    for (let i = 0; i < iterations; i++) {
      if (i >= 5 && performance.now() - started > budgetMs) break;
      const t0 = performance.now();
      await c.run();
      const ms = performance.now() - t0;
      const statements = take();
      times.push(ms);
      if (ms > worst) {
        worst = ms;
        slowest = statements.sort((a, b) => b.ms - a.ms);
      }
    }
    const m = {
      name: c.name,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: worst,
      runs: times.length,
      slowest,
    };
    onCase(m);
    out.push(m);
  }
  return out;
}

const f = (ms: number | undefined) => (ms === undefined ? '—' : ms.toFixed(1));
const flag = (ms: number | undefined) => (ms !== undefined && ms > LIMIT_MS ? ' !' : '  ');

export function table(
  title: string,
  phases: readonly { label: string; results: readonly Measured[] }[],
  iterationsShown: number,
): string[] {
  const names = [...new Set(phases.flatMap((p) => p.results.map((r) => r.name)))];
  const width = Math.max(36, ...names.map((n) => n.length));
  const head =
    `${'page query'.padEnd(width)} ` +
    phases.map((p) => `${p.label.padStart(9)} p50     p99${' '.repeat(14)}`).join(' ');
  const lines = [title, head, '-'.repeat(head.length)];
  for (const name of names) {
    const cells = phases.map((p) => {
      const r = p.results.find((x) => x.name === name);
      const runs = r && r.runs < iterationsShown ? ` (${r.runs} runs)` : '';
      return `${f(r?.p50).padStart(13)}${flag(r?.p50)} ${f(r?.p99).padStart(7)}${flag(r?.p99)}${runs.padEnd(11)}`;
    });
    lines.push(`${name.padEnd(width)} ${cells.join(' ')}`);
  }
  lines.push(`(ms; "!" marks a figure above ${LIMIT_MS} ms; "(n runs)": stopped early, p99 = slowest run)`);
  return lines;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of a case's slowest run. */
export async function explain(pool: Pool, m: Measured): Promise<string[]> {
  const s = m.slowest[0];
  if (!s) return [];
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
    s.values as unknown[],
  );
  return [
    `--- ${m.name}: p99 ${f(m.p99)} ms; its slowest statement took ${f(s.ms)} ms:`,
    s.text.replace(/\s+/g, ' ').slice(0, 600),
    `values: ${JSON.stringify(s.values)}`,
    ...rows.map((r) => r['QUERY PLAN']),
  ];
}
