/** A dependency the /readyz endpoint checks (event store, transport, bank). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, 'ok' | string>;
}

export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2000,
): Promise<ReadinessReport> {
  const results: Record<string, string> = {};
  await Promise.all(
    checks.map(async (c) => {
      try {
        await Promise.race([
          c.check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
        ]);
        results[c.name] = 'ok';
      } catch (e) {
        results[c.name] = e instanceof Error ? e.message : String(e);
      }
    }),
  );
  return { ready: Object.values(results).every((r) => r === 'ok'), checks: results };
}
