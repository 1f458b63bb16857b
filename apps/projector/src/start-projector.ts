import type { Pool } from 'pg';
import type { EventStore } from '@ph/event-store';
import type { Logger } from '@ph/platform';
import type { ProjectionPolicy } from '@ph/read-models';
import { postgresLagProbe } from './lag';
import { Projector } from './projector';

export interface StartProjectorOptions {
  readonly store: EventStore;
  readonly pool: Pool;
  /** Read-model schema. Default `rm`. */
  readonly schema?: string;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Schema of the PostgreSQL event store in the same database: lag is then counted in SQL. */
  readonly eventStoreSchema?: string;
  readonly batchSize?: number;
  readonly lingerMs?: number;
  readonly policy?: ProjectionPolicy;
}

/** Starts the projector in this process (the standalone app, the projector app). Stop it with `stop()`. */
export async function startProjector(options: StartProjectorOptions): Promise<Projector> {
  const projector = new Projector({
    store: options.store,
    pool: options.pool,
    schema: options.schema,
    logger: options.logger,
    batchSize: options.batchSize,
    lingerMs: options.lingerMs,
    policy: options.policy,
    lagProbe:
      options.eventStoreSchema === undefined
        ? undefined
        : postgresLagProbe(options.pool, options.eventStoreSchema),
  });
  await projector.start();
  return projector;
}
