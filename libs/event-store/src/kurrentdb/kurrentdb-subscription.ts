import type { AllStreamSubscription, Filter } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { WakeSignal } from '../postgres/wake-signal';
import { backoffDelay, commitPositionOf, toReadPosition, toRecordedEvent } from './mapping';

export interface ResubscribeSettings {
  /** First delay after a dropped subscription; doubles per consecutive failure. Default 100 ms. */
  readonly initialDelayMs: number;
  /** Cap of the delay. Default 30 s. */
  readonly maxDelayMs: number;
  /** Consecutive failed (re)subscriptions before the subscription stops with onError. Default unbounded. */
  readonly maxAttempts: number;
}

/** What the subscription needs from the client: a catch-up subscription to $all from an exclusive position. */
export type OpenAllSubscription = (options: {
  fromPosition: ReturnType<typeof toReadPosition>;
  filter: Filter;
}) => AllStreamSubscription;

/** onEvent failed: not a connection problem, so no resubscribe. */
class HandlerFailure extends Error {
  constructor(readonly original: Error) {
    super(original.message);
  }
}

/**
 * Catch-up subscription to $all filtered by stream prefix (server side). The checkpoint is the commit
 * position of the last event handed to onEvent. When the server connection drops, it resubscribes
 * from that position after an exponential backoff; events at or before it are dropped, so a replayed
 * page after a reconnect is not delivered twice.
 */
export class KurrentDbSubscription implements Subscription {
  private position: bigint;
  private closed = false;
  private current: AllStreamSubscription | undefined;
  private readonly signal = new WakeSignal();
  private readonly running: Promise<void>;

  constructor(
    private readonly open: OpenAllSubscription,
    private readonly filter: Filter,
    private readonly settings: ResubscribeSettings,
    private readonly options: SubscribeOptions,
    onStopped: (subscription: KurrentDbSubscription) => void,
  ) {
    this.position = options.fromPosition < 0n ? 0n : options.fromPosition;
    this.running = this.run().finally(() => onStopped(this));
  }

  readonly lastPosition = (): bigint => this.position;

  async close(): Promise<void> {
    this.closed = true;
    this.signal.notify();
    await this.current?.unsubscribe().catch(() => undefined);
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        await this.consume(() => (failures = 0));
        if (this.closed) return;
        throw new Error('KurrentDB subscription ended');
      } catch (error) {
        if (this.closed) return;
        if (error instanceof HandlerFailure) return this.stop(error.original);
        failures += 1;
        if (failures > this.settings.maxAttempts) return this.stop(asError(error));
        await this.signal.wait(
          backoffDelay(failures, this.settings.initialDelayMs, this.settings.maxDelayMs),
        );
      }
    }
  }

  /** One server subscription, until it fails, ends or the subscription is closed. */
  private async consume(onConfirmed: () => void): Promise<void> {
    const subscription = this.open({ fromPosition: toReadPosition(this.position), filter: this.filter });
    this.current = subscription;
    subscription.on('confirmation', onConfirmed);
    try {
      for await (const resolved of subscription) {
        if (this.closed) return;
        if (!resolved.event) continue;
        const position = commitPositionOf(resolved);
        if (position <= this.position) continue; // replayed after a reconnect
        const event: RecordedEvent = toRecordedEvent(resolved);
        try {
          await this.options.onEvent(event);
        } catch (error) {
          throw new HandlerFailure(asError(error));
        }
        this.position = position;
        onConfirmed(); // progress: the connection works
      }
    } finally {
      this.current = undefined;
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private stop(error: Error): void {
    this.closed = true;
    if (this.options.onError) this.options.onError(error);
    else console.error(`KurrentDB subscription stopped at position ${this.position}:`, error);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
