/**
 * Polls until `condition` holds, running `step` (e.g. a read) before each check. The time-out only
 * turns a hang into a readable failure; tests never assert on how long something took.
 */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
  step?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await step?.();
    if (condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets timers and I/O run for a moment (gives a wrong implementation the chance to misbehave). */
export const settle = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
