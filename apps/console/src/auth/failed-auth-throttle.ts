/**
 * Slows down guessing of API keys and tokens: a client (by address) with `maxFailures` refused
 * credentials within `windowMs` is refused outright for `lockoutMs` (429 with Retry-After), before
 * any key is compared. Successful requests are not counted. Memory is bounded by `maxClients`.
 */
export class FailedAuthThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly options: {
      readonly maxFailures: number;
      readonly windowMs: number;
      readonly lockoutMs: number;
      readonly maxClients?: number;
      readonly now?: () => number;
    } = { maxFailures: 10, windowMs: 60_000, lockoutMs: 60_000 },
  ) {}

  /** Seconds the client must wait, or 0 when it may try. */
  retryAfterSeconds(client: string): number {
    const until = this.blockedUntil.get(client);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.blockedUntil.delete(client);
    return 0;
  }

  /** A refused key or token from this client. */
  fail(client: string): void {
    const now = this.now();
    const recent = (this.failures.get(client) ?? []).filter((t) => now - t < this.options.windowMs);
    recent.push(now);
    this.failures.delete(client); // re-insert: the map's order is oldest activity first
    if (recent.length >= this.options.maxFailures) {
      this.blockedUntil.set(client, now + this.options.lockoutMs);
    } else this.failures.set(client, recent);
    const max = this.options.maxClients ?? 10_000;
    for (const key of this.failures.keys()) {
      if (this.failures.size <= max) break;
      this.failures.delete(key);
    }
    for (const key of this.blockedUntil.keys()) {
      if (this.blockedUntil.size <= max) break;
      this.blockedUntil.delete(key);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
