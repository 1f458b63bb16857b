/**
 * IDs of one outbound message (RFC 2801 §3.4, profile §4.5): the message is `<prefix><n>`, its
 * blocks and components `<prefix><n>.<k>` with k = 1, 2, … in creation order.
 */
export class IdAllocator {
  private k = 0;

  constructor(
    readonly prefix: string,
    readonly number: number,
  ) {
    if (!/^[^\s.]+$/.test(prefix)) throw new RangeError(`invalid IotpMsgId prefix "${prefix}"`);
    if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`invalid message number ${number}`);
  }

  get msgId(): string {
    return `${this.prefix}${this.number}`;
  }

  next(): string {
    this.k += 1;
    return `${this.msgId}.${this.k}`;
  }

  /** How many component IDs were handed out. */
  get allocated(): number {
    return this.k;
  }
}

/** 1 + the highest number used with this prefix (IDs with another prefix are ignored). */
export const nextMessageNumber = (usedMsgIds: Iterable<string>, prefix: string): number => {
  let max = 0;
  for (const id of usedMsgIds) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^[0-9]+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return max + 1;
};
