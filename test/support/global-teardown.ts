import { rm } from 'node:fs/promises';
import { INFRASTRUCTURE, type TestInfrastructure } from './global-setup';
import { stopTestKafka } from './kafka-broker';

export default async function globalTeardown(): Promise<void> {
  const shared = globalThis as Record<symbol, TestInfrastructure | undefined>;
  const infrastructure = shared[INFRASTRUCTURE];
  if (!infrastructure || --infrastructure.users > 0) return;
  shared[INFRASTRUCTURE] = undefined;
  await stopTestKafka(infrastructure.kafka);
  await infrastructure.postgres?.stop();
  if (infrastructure.postgresDir) await rm(infrastructure.postgresDir, { recursive: true, force: true });
}
