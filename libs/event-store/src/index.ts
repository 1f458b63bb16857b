export * from './event-store.port';
export {
  createPostgresEventStore,
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export { migrateEventStore } from './postgres/schema';
export type { SubscriptionSettings } from './postgres/postgres-subscription';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './postgres/embedded-server';
export {
  createKurrentDbEventStore,
  KurrentDbEventStore,
  type KurrentDbEventStoreOptions,
} from './kurrentdb/kurrentdb-event-store';
export type { ResubscribeSettings } from './kurrentdb/kurrentdb-subscription';
