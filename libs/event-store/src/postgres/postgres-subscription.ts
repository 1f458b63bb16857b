import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { WakeSignal } from './wake-signal';

export interface SubscriptionSettings {
  /** Events read per query while catching up. */
  readonly batchSize: number;
  /** Fallback poll when no NOTIFY arrives (e.g. the transaction that held readers back was not an append). */
  readonly pollIntervalMs: number;
  /** Consecutive failed reads (database unreachable) tolerated before the subscription stops. */
  readonly maxReadRetries: number;
}

type ReadAll = (options: ReadAllOptions) => Promise<RecordedEvent[]>;

/**
 * Catch-up subscription: reads batches with the store's gap-free readAll until it is at the head,
 * then sleeps until a NOTIFY (wake()) or the poll interval. Events go to onEvent one at a time, in
 * position order; the position moves only after onEvent resolved, so delivery is at-least-once.
 */
export class PostgresSubscription implements Subscription {
  private position: bigint;
  private closed = false;
  private readonly signal = new WakeSignal();
  private readonly running: Promise<void>;

  constructor(
    private readonly readAll: ReadAll,
    private readonly settings: SubscriptionSettings,
    private readonly options: SubscribeOptions,
    onStopped: (subscription: PostgresSubscription) => void,
  ) {
    this.position = options.fromPosition;
    this.running = this.run().finally(() => onStopped(this));
  }

  readonly lastPosition = (): bigint => this.position;

  /** New events may be visible. */
  wake(): void {
    this.signal.notify();
  }

  /** Waits for the event being handled, then stops. */
  async close(): Promise<void> {
    this.closed = true;
    this.signal.notify();
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      await this.loop();
    } catch (error) {
      if (this.closed) return;
      this.closed = true;
      const reason = error instanceof Error ? error : new Error(String(error));
      if (this.options.onError) this.options.onError(reason);
      else console.error(`event store subscription stopped at position ${this.position}:`, reason);
    }
  }

  private async loop(): Promise<void> {
    const { batchSize, pollIntervalMs, maxReadRetries } = this.settings;
    let failures = 0;
    while (!this.closed) {
      let batch: RecordedEvent[];
      try {
        batch = await this.readAll({
          fromPosition: this.position,
          limit: batchSize,
          streamPrefix: this.options.streamPrefix,
        });
        failures = 0;
      } catch (error) {
        if (this.closed || ++failures > maxReadRetries) throw error;
        await this.signal.wait(Math.min(pollIntervalMs * 2 ** failures, 30_000));
        continue;
      }
      for (const event of batch) {
        if (this.closed) return;
        await this.options.onEvent(event);
        this.position = event.position;
      }
      if (batch.length < batchSize) await this.signal.wait(pollIntervalMs);
    }
  }
}
