import { Pool } from 'pg';
import { createKurrentDbEventStore, createPostgresEventStore, type EventStore } from '@ph/event-store';
import { ConfigError, createLogger, EnvReader } from '@ph/platform';
import { createOpsServer } from './ops-server';
import { rebuildReadModels } from './rebuild';
import { startProjector } from './start-projector';

/**
 * The projector app (architecture §2, §7). Env: DATABASE_URL (read models, and the event store when
 * EVENT_STORE=postgres), READ_MODEL_SCHEMA (rm), EVENT_STORE (postgres | kurrentdb), EVENT_STORE_SCHEMA
 * (es), KURRENTDB_URL, PROJECTOR_HOST (127.0.0.1), PROJECTOR_PORT (8092), PROJECTOR_BATCH_SIZE (500).
 *
 * `--rebuild`: a one-shot job beside the running projector: replays from position 0 into a shadow
 * schema, swaps it in atomically and exits (the running projector notices and carries on).
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const databaseUrl = env.optional('DATABASE_URL');
  if (databaseUrl === undefined) env.problem('DATABASE_URL is required');
  const schema = env.string('READ_MODEL_SCHEMA', 'rm');
  const eventStore = env.oneOf('EVENT_STORE', 'postgres', ['postgres', 'kurrentdb'] as const);
  const eventStoreSchema = env.string('EVENT_STORE_SCHEMA', 'es');
  const kurrentDbUrl = env.optional('KURRENTDB_URL');
  if (eventStore === 'kurrentdb' && kurrentDbUrl === undefined)
    env.problem('KURRENTDB_URL is required with EVENT_STORE=kurrentdb');
  const host = env.string('PROJECTOR_HOST', '127.0.0.1');
  const port = env.int('PROJECTOR_PORT', 8092, 0, 65_535);
  const batchSize = env.int('PROJECTOR_BATCH_SIZE', 500, 1, 10_000);
  env.done();
  const rebuild = process.argv.includes('--rebuild');

  const logger = createLogger('projector');
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
  const store: EventStore =
    eventStore === 'kurrentdb'
      ? await createKurrentDbEventStore({ connectionString: kurrentDbUrl })
      : await createPostgresEventStore({ pool, schema: eventStoreSchema });

  if (rebuild) {
    try {
      await rebuildReadModels({ store, pool, schema, logger });
    } finally {
      await store.close();
      await pool.end();
    }
    return;
  }

  const projector = await startProjector({
    store,
    pool,
    schema,
    logger,
    batchSize,
    eventStoreSchema: eventStore === 'postgres' ? eventStoreSchema : undefined,
  });
  const ops = createOpsServer([
    { name: 'event-store', check: () => store.ping() },
    { name: 'read-models', check: async () => void (await pool.query('SELECT 1')) },
    {
      name: 'projector',
      check: async () => {
        if (!projector.healthy) throw new Error('recovering from a failure');
      },
    },
  ]);
  await ops.listen({ host, port });
  logger.info({ host, port, schema }, 'projector listening (/healthz, /readyz, /metrics)');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: committing what is buffered');
    (async () => {
      await ops.close();
      await projector.stop();
      await store.close();
      await pool.end();
    })()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // The connection string may hold a password: print only messages.
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : 'projector failed');
  process.exit(1);
});
