/**
 * Group commit: appends that arrive while a batch is in flight wait for the next batch, so under
 * load many appends share one statement, one transaction and one WAL flush; an append that arrives
 * when nothing is in flight goes out at once (no added latency when idle).
 *
 * A batch never holds two appends of one stream (the second waits for the next batch: its expected
 * revision must be checked against the first one's outcome), nor a stream of a batch still in flight.
 */
export interface BatchItem<TResult> {
  readonly streamId: string;
  readonly resolve: (result: TResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface AppendBatcherSettings {
  /** Appends per batch. Default 64. */
  readonly maxBatchSize: number;
  /** Batches in flight at once (each on its own connection). Default 2. */
  readonly maxConcurrentBatches: number;
}

export class AppendBatcher<TItem extends BatchItem<never>> {
  private readonly queue: TItem[] = [];
  private readonly streamsInFlight = new Set<string>();
  private inFlight = 0;
  private idle: (() => void) | undefined;
  private readonly counts = { batches: 0, appends: 0, largestBatch: 0 };

  constructor(
    private readonly settings: AppendBatcherSettings,
    /** Runs one batch and settles every item of it (resolve or reject); must not throw. */
    private readonly execute: (batch: TItem[]) => Promise<void>,
  ) {}

  submit(item: TItem): void {
    this.queue.push(item);
    this.pump();
  }

  /** Batches in flight and appends waiting (for tests and metrics). */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.inFlight, queued: this.queue.length };
  }

  /** Batches sent and appends they carried since start (for tests, the bench and metrics). */
  get stats(): { batches: number; appends: number; largestBatch: number } {
    return { ...this.counts };
  }

  /** Resolves when no batch is in flight and nothing waits. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.idle;
      this.idle = () => {
        previous?.();
        resolve();
      };
    });
  }

  private pump(): void {
    while (this.inFlight < this.settings.maxConcurrentBatches && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return; // everything waiting is on a stream in flight
      this.inFlight += 1;
      this.counts.batches += 1;
      this.counts.appends += batch.length;
      this.counts.largestBatch = Math.max(this.counts.largestBatch, batch.length);
      for (const item of batch) this.streamsInFlight.add(item.streamId);
      void this.execute(batch)
        .catch((error: unknown) => batch.forEach((item) => item.reject(error)))
        .finally(() => {
          for (const item of batch) this.streamsInFlight.delete(item.streamId);
          this.inFlight -= 1;
          this.pump();
          if (this.inFlight === 0 && this.queue.length === 0) {
            const idle = this.idle;
            this.idle = undefined;
            idle?.();
          }
        });
    }
  }

  /** Up to maxBatchSize queued items in arrival order, at most one per stream, none of a stream in flight. */
  private take(): TItem[] {
    const batch: TItem[] = [];
    const streams = new Set<string>();
    let kept = 0;
    for (let i = 0; i < this.queue.length; i++) {
      const item = this.queue[i]!;
      const free =
        batch.length < this.settings.maxBatchSize &&
        !streams.has(item.streamId) &&
        !this.streamsInFlight.has(item.streamId);
      if (free) {
        batch.push(item);
        streams.add(item.streamId);
      } else {
        this.queue[kept++] = item; // stays queued, order kept
        streams.add(item.streamId); // later appends of this stream must not overtake it
      }
    }
    this.queue.length = kept;
    return batch;
  }
}
