import type { Pool } from 'pg';

export interface BankSimulatorOptions {
  /** Connection string; ignored when `pool` is given. */
  readonly databaseUrl?: string;
  /** An existing pool (the standalone app shares its own); the module then does not end it. */
  readonly pool?: Pool;
  /** PostgreSQL schema (default `bank`). */
  readonly schema?: string;
  /** Added before every clearing answer (BANK_SIMULATOR_LATENCY_MS), default 0. */
  readonly latencyMs?: number;
  /** Replay-store retention in days, ≥ 22 (default 22). */
  readonly retentionDays?: number;
  /** How often the replay store is purged (default hourly). */
  readonly purgeIntervalMs?: number;
  /** Insert the demo accounts of profile §3.3.9 when missing (default true). */
  readonly seedDemoAccounts?: boolean;
  readonly clock?: () => Date;
  /** Where unexpected errors are reported (default: nowhere). */
  readonly onError?: (error: unknown) => void;
}
