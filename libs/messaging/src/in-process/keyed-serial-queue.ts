/**
 * Runs tasks one at a time per key, in the order they were queued; different keys run in parallel.
 * This is the ordering a Kafka partition gives one PaymentHandlerPayId, without the partition's
 * head-of-line blocking between different payments.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    this.pending += 1;
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined, // the caller sees the failure through `result`; the next task still runs
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.pending -= 1;
      if (this.pending === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    });
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once every queued and running task has finished. */
  whenIdle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
