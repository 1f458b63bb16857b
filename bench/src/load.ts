/** Closed-loop load: `workers` loops each repeating `task` until `durationMs` passes; latencies in ms. */
export interface LoadResult {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
  readonly firstError?: string;
}

export async function closedLoop(
  workers: number,
  durationMs: number,
  task: (worker: number) => Promise<boolean>,
  onProgress?: (done: number, elapsedMs: number) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + durationMs;
  const ticker = onProgress
    ? setInterval(() => onProgress(latencies.length, performance.now() - started), 1000)
    : undefined;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if (await task(w)) latencies.push(performance.now() - t0);
          else failed++;
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  if (ticker) clearInterval(ticker);
  return {
    completed: latencies.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    latenciesMs: latencies,
    firstError,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
