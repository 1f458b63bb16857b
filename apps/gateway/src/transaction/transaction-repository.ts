import { createHash } from 'node:crypto';
import type { EventStore, NewEvent } from '@ph/event-store';
import { StateCache } from '@ph/platform';
import type { IotpTransactionEvent } from './iotp-transaction.events';
import { evolveTransaction, foldTransaction, type IotpTransactionState } from './iotp-transaction.state';

const SCHEMA_VERSION = 1;

/** Stream id of an IOTP transaction: IotpTransIds are long and free-form, so a digest keys the stream. */
export function transactionStreamId(iotpTransId: string): string {
  return `iotptx-${createHash('sha256').update(iotpTransId, 'utf8').digest('hex').slice(0, 40)}`;
}

function eventId(streamId: string, commandId: string, index: number): string {
  // UUID-shaped SHA-256 of stream, command and index: a retried append carries the same ids.
  const h = createHash('sha256').update(`${streamId}|${commandId}|${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class TransactionRepository {
  /** States this instance wrote last; the expected revision on every append catches staleness. */
  private readonly cache = new StateCache<IotpTransactionState>();

  constructor(private readonly store: EventStore) {}

  async load(iotpTransId: string): Promise<IotpTransactionState> {
    const cached = this.cache.get(iotpTransId);
    if (cached) return cached;
    const recorded = await this.store.readStream(transactionStreamId(iotpTransId));
    const events = recorded.map((r) => r.data as IotpTransactionEvent);
    const state = foldTransaction(
      events,
      recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision,
    );
    if (recorded.length > 0) this.cache.set(iotpTransId, state);
    return state;
  }

  /**
   * Appends what one inbound message caused, guarded by the revision the decision was made on.
   * @throws WrongExpectedRevisionError when another gateway instance answered in between.
   */
  async append(
    iotpTransId: string,
    state: IotpTransactionState,
    commandId: string,
    events: readonly IotpTransactionEvent[],
    now: Date,
  ): Promise<void> {
    if (events.length === 0) return;
    const streamId = transactionStreamId(iotpTransId);
    const newEvents: NewEvent[] = events.map((data, i) => ({
      eventId: eventId(streamId, commandId, i),
      type: data.type,
      data,
      metadata: {
        commandId,
        correlationId: iotpTransId,
        causationId: commandId,
        schemaVersion: SCHEMA_VERSION,
        occurredAt: now.toISOString(),
      },
    }));
    try {
      const result = await this.store.append(
        streamId,
        newEvents,
        state.revision < 0 ? 'no_stream' : state.revision,
      );
      this.cache.set(iotpTransId, {
        ...events.reduce(evolveTransaction, state),
        revision: result.lastRevision,
      });
    } catch (error) {
      this.cache.delete(iotpTransId); // stale: the next load reads the stream
      throw error;
    }
  }
}
