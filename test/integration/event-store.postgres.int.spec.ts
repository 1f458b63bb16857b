import type { ExpectedRevision, NewEvent } from '@ph/event-store';
import { createPostgresEventStore } from '@ph/event-store';
import { createTestSchema, databaseUrl } from '../support/database';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract(
  'postgres',
  async () => {
    const testSchema = await createTestSchema('event_store');
    const store = await createPostgresEventStore({
      connectionString: databaseUrl(),
      schema: testSchema.schema,
      poolSize: 20,
      subscription: { pollIntervalMs: 200 },
    });
    return {
      store,
      // The slow writer: the same append, inside a transaction we commit later.
      appendHeldOpen: async (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
        const client = await store.connect();
        await client.query('BEGIN');
        const code = expected === 'no_stream' ? -1 : expected === 'any' ? -2 : expected;
        await client.query(`SELECT * FROM ${store.names.appendFunction}($1, $2, $3::jsonb)`, [
          streamId,
          code,
          JSON.stringify(events),
        ]);
        return {
          commit: async () => {
            await client.query('COMMIT');
            client.release();
          },
        };
      },
      dispose: async () => {
        await store.close();
        await testSchema.drop();
      },
    };
  },
  { heldOpenAppends: true },
);
