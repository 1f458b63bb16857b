import type { Pool } from 'pg';
import { bankSchema } from '../db/bank-schema';

/** Seed 002: the clearing window is 21 days (UEPS/VISA COPAC); profile §3.3.6 keeps π at least 22. */
export const MIN_RETENTION_DAYS = 22;
const DAY_MS = 86_400_000;

export interface ReplayStorePurgerOptions {
  readonly schema?: string;
  /** Default 22; less is refused, since a purged π could be replayed inside the clearing window. */
  readonly retentionDays?: number;
  /** Default hourly. */
  readonly intervalMs?: number;
  readonly clock?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/** Drops replay-store entries older than the retention, on an interval. */
export class ReplayStorePurger {
  private readonly schema: string;
  readonly retentionDays: number;
  private readonly intervalMs: number;
  private readonly clock: () => Date;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    options: ReplayStorePurgerOptions = {},
  ) {
    this.schema = bankSchema(options.schema);
    this.retentionDays = options.retentionDays ?? MIN_RETENTION_DAYS;
    if (!Number.isFinite(this.retentionDays) || this.retentionDays < MIN_RETENTION_DAYS) {
      throw new RangeError(`replay-store retention must be at least ${MIN_RETENTION_DAYS} days`);
    }
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.clock = options.clock ?? (() => new Date());
    this.onError = options.onError ?? (() => undefined);
  }

  /** Deletes entries stored before now − retention; returns how many. */
  async purge(now: Date = this.clock()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS);
    const result = await this.pool.query(`DELETE FROM ${this.schema}.replay_store WHERE stored_at < $1`, [
      cutoff,
    ]);
    return result.rowCount ?? 0;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.purge().catch(this.onError), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
