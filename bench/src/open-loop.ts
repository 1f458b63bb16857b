import type { LoadResult } from './load';

/**
 * Open-loop load: starts `task` at `ratePerSecond` for `durationMs` whatever the answers do (a slow
 * answer does not lower the offered rate, so queueing shows in the latencies), then waits for all.
 */
export async function openLoop(
  ratePerSecond: number,
  durationMs: number,
  task: () => Promise<boolean>,
  onProgress?: (done: number, elapsedMs: number) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const jobs: Promise<void>[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const ticker = onProgress
    ? setInterval(() => onProgress(latencies.length, performance.now() - started), 1000)
    : undefined;
  let issued = 0;
  while (performance.now() - started < durationMs) {
    const due = Math.floor(((performance.now() - started) / 1000) * ratePerSecond);
    for (; issued < due; issued++) {
      const t0 = performance.now();
      jobs.push(
        task().then(
          (ok) => void (ok ? latencies.push(performance.now() - t0) : failed++),
          (error: unknown) => {
            failed++;
            firstError ??= (error as Error).message;
          },
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(jobs);
  if (ticker) clearInterval(ticker);
  return {
    completed: latencies.length,
    failed,
    seconds: durationMs / 1000,
    latenciesMs: latencies,
    firstError,
  };
}
