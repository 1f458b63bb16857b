import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// globalSetup runs outside jest's module mapper: relative imports only.
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from '../../libs/event-store/src/postgres/embedded-server';
import { freePort } from './free-port';
import { startTestKafka, type TestKafkaBroker } from './kafka-broker';

/** What global-teardown needs; globalThis is shared between the two in jest's parent process. */
export interface TestInfrastructure {
  /** Projects (integration, e2e) that set up in this run; the last teardown stops the server. */
  users: number;
  postgres?: EmbeddedPostgres;
  postgresDir?: string;
  kafka?: TestKafkaBroker;
}
export const INFRASTRUCTURE = Symbol.for('ph.test.infrastructure');

/**
 * DATABASE_URL set: use that server. Otherwise a throw-away embedded PostgreSQL in a fresh temp dir
 * (durability off: nothing here outlives the run). Workers inherit process.env.
 */
export default async function globalSetup(
  globalConfig?: Parameters<typeof startTestKafka>[0],
): Promise<void> {
  const shared = globalThis as Record<symbol, TestInfrastructure | undefined>;
  const existing = shared[INFRASTRUCTURE];
  if (existing) {
    existing.users += 1; // an earlier project of this run already set up
    return;
  }
  const infrastructure: TestInfrastructure = { users: 1 };
  shared[INFRASTRUCTURE] = infrastructure;
  // Kafka (only when a selected suite needs it; KAFKA_BROKERS set: that broker) starts beside PostgreSQL.
  const kafka = startTestKafka(globalConfig).then((broker) => (infrastructure.kafka = broker));
  if (process.env.DATABASE_URL) {
    await kafka;
    return;
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'ph-test-pg-'));
  await chmod(dir, 0o755); // the server runs as the postgres user and must reach its data dir
  infrastructure.postgresDir = dir;
  infrastructure.postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    port: await freePort(),
    database: 'ph_test',
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  process.env.DATABASE_URL = infrastructure.postgres.connectionString;
  await kafka;
}
