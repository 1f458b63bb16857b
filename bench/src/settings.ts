/**
 * The bench's environment: BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ONLY (comma-separated parts),
 * BENCH_SCHEME_SECONDS (each scheme of the `schemes` part), BENCH_HSM_SECONDS (each command of `hsm`).
 */
export const PARTS = ['echo', 'kafka', 'pg', 'embedded', 'distributed', 'schemes', 'hsm'] as const;
export type Part = (typeof PARTS)[number];

export const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
export const WORKERS = Number(process.env.BENCH_CONCURRENCY ?? 32);
export const SCHEME_DURATION_MS = Number(process.env.BENCH_SCHEME_SECONDS ?? 5) * 1000;
export const HSM_DURATION_MS = Number(process.env.BENCH_HSM_SECONDS ?? 3) * 1000;

export function selectedParts(): Set<Part> {
  const only = process.env.BENCH_ONLY;
  if (!only) return new Set(PARTS);
  const wanted = only.split(',').map((p) => p.trim());
  const unknown = wanted.filter((p) => !PARTS.includes(p as Part));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')} (${PARTS.join(',')})`);
  return new Set(wanted as Part[]);
}

export const progress =
  (what: string) =>
  (done: number, ms: number): void =>
    void process.stderr.write(`  ${what}: ${done} in ${(ms / 1000).toFixed(0)} s\n`);
