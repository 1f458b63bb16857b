import type { EnvReader } from '@ph/platform';

/**
 * When the pending-payment janitor looks at a payment left InProgress or Suspended, and when it gives
 * up on it. Modelled on Kill Bill's and Hyperswitch's payment janitors: a first check after a short
 * delay, then exponential back-off, then a final decision after a deadline. All configurable.
 */
export interface JanitorPolicy {
  /** How often the janitor scans for payments due for a check. */
  readonly scanIntervalMs: number;
  /** First check of a pending payment after this long without progress. */
  readonly firstCheckAfterMs: number;
  readonly backoffFactor: number;
  readonly maxCheckIntervalMs: number;
  /** A payment waiting for the Consumer this long is closed Failed/TimedOutRcvr (payment-api P15). */
  readonly abandonAfterMs: number;
  /** Candidates per scan. */
  readonly batchSize: number;
}

export const DEFAULT_JANITOR_POLICY: JanitorPolicy = {
  scanIntervalMs: 15_000,
  firstCheckAfterMs: 60_000,
  backoffFactor: 2,
  maxCheckIntervalMs: 15 * 60_000,
  abandonAfterMs: 30 * 60_000,
  batchSize: 100,
};

/** JANITOR_SCAN_INTERVAL_MS, JANITOR_FIRST_CHECK_MS, JANITOR_BACKOFF_FACTOR, JANITOR_MAX_INTERVAL_MS, JANITOR_ABANDON_AFTER_MS. */
export function readJanitorPolicy(env: EnvReader): JanitorPolicy {
  const d = DEFAULT_JANITOR_POLICY;
  return {
    scanIntervalMs: env.int('JANITOR_SCAN_INTERVAL_MS', d.scanIntervalMs, 100, 3_600_000),
    firstCheckAfterMs: env.int('JANITOR_FIRST_CHECK_MS', d.firstCheckAfterMs, 0, 86_400_000),
    backoffFactor: env.int('JANITOR_BACKOFF_FACTOR', d.backoffFactor, 1, 10),
    maxCheckIntervalMs: env.int('JANITOR_MAX_INTERVAL_MS', d.maxCheckIntervalMs, 1_000, 86_400_000),
    abandonAfterMs: env.int('JANITOR_ABANDON_AFTER_MS', d.abandonAfterMs, 1_000, 30 * 86_400_000),
    batchSize: d.batchSize,
  };
}
