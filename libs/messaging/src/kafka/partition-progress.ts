/**
 * What a worker has done with one assigned partition, for committing: records are handled out of
 * order (one key at a time, different keys in parallel), and the committable offset is the first
 * record not yet finished. Offsets are int64 in Kafka, so bigint here.
 */
export class PartitionProgress {
  /** Offsets taken and not finished, ascending (records arrive in offset order). */
  private readonly open: bigint[] = [];
  /** One past the highest offset taken. */
  private next: bigint | undefined;
  /** The offset last committed by this member (undefined: unknown). */
  committed: bigint | undefined;

  /** False for a record seen before (kafkajs fetches again from the committed offset after a rebalance). */
  take(offset: bigint): boolean {
    if (this.next !== undefined && offset < this.next) return false;
    this.open.push(offset);
    this.next = offset + 1n;
    return true;
  }

  finish(offset: bigint): void {
    const at = this.open.indexOf(offset);
    if (at >= 0) this.open.splice(at, 1);
  }

  /** The offset to commit: every record below it is finished. */
  get watermark(): bigint | undefined {
    return this.open.length > 0 ? this.open[0] : this.next;
  }

  /** The watermark if it moved past the last commit. */
  get toCommit(): bigint | undefined {
    const mark = this.watermark;
    return mark !== undefined && (this.committed === undefined || mark > this.committed) ? mark : undefined;
  }

  get inFlight(): number {
    return this.open.length;
  }
}
