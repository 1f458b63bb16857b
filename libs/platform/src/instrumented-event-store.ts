import type { EventStore } from '@ph/event-store';
import { eventStoreLatency } from './metrics';

const category = (streamId: string) => streamId.slice(0, Math.max(0, streamId.indexOf('-'))) || 'other';

/** The EventStore port with read and append times exported per stream category (payment-, iotptx-). */
export function instrumentEventStore(store: EventStore): EventStore {
  return {
    async append(streamId, events, expected) {
      const stop = eventStoreLatency.startTimer({ operation: 'append', category: category(streamId) });
      try {
        return await store.append(streamId, events, expected);
      } finally {
        stop();
      }
    },
    async readStream(streamId, options) {
      const stop = eventStoreLatency.startTimer({ operation: 'readStream', category: category(streamId) });
      try {
        return await store.readStream(streamId, options);
      } finally {
        stop();
      }
    },
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
