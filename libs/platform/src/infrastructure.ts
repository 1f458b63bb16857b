import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createKurrentDbEventStore, createPostgresEventStore, type EventStore } from '@ph/event-store';
import { KafkaPaymentApiTransport, type PaymentApiTransport } from '@ph/messaging';
import {
  paymentApiWireCodec,
  type IotpPaymentApiRequest,
  type IotpPaymentApiResponse,
} from '@ph/payment-api';
import type { EnvReader } from './env';
import type { Logger } from './logger';

export interface EventStoreSettings {
  readonly kind: 'postgres' | 'kurrentdb';
  readonly databaseUrl?: string;
  readonly kurrentDbUrl?: string;
  readonly schema: string;
}

/** EVENT_STORE=postgres (DATABASE_URL, EVENT_STORE_SCHEMA) | kurrentdb (KURRENTDB_URL): architecture §5. */
export function readEventStoreSettings(env: EnvReader): EventStoreSettings {
  const kind = env.oneOf('EVENT_STORE', 'postgres', ['postgres', 'kurrentdb'] as const);
  const settings = {
    kind,
    databaseUrl: env.optional('DATABASE_URL'),
    kurrentDbUrl: env.optional('KURRENTDB_URL'),
    schema: env.string('EVENT_STORE_SCHEMA', 'es'),
  };
  if (kind === 'postgres' && !settings.databaseUrl) env.problem('EVENT_STORE=postgres needs DATABASE_URL');
  if (kind === 'kurrentdb' && !settings.kurrentDbUrl)
    env.problem('EVENT_STORE=kurrentdb needs KURRENTDB_URL');
  return settings;
}

export async function connectEventStore(settings: EventStoreSettings, logger: Logger): Promise<EventStore> {
  if (settings.kind === 'kurrentdb') {
    return createKurrentDbEventStore({ connectionString: settings.kurrentDbUrl as string });
  }
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 24 });
  pool.on('error', (error) => logger.warn({ err: error.message }, 'idle PostgreSQL connection lost'));
  const store = await createPostgresEventStore({
    pool,
    schema: settings.schema,
    onBackgroundError: (error) => logger.warn({ err: error.message }, 'event store background error'),
  });
  return {
    append: (s, e, x) => store.append(s, e, x),
    readStream: (s, o) => store.readStream(s, o),
    readAll: (o) => store.readAll(o),
    subscribeToAll: (o) => store.subscribeToAll(o),
    ping: () => store.ping(),
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly instanceId: string;
  readonly replyPartition: number;
  readonly partitions: number;
}

/** KAFKA_BROKERS, INSTANCE_ID, REPLY_PARTITION, KAFKA_TOPIC_PARTITIONS (architecture §6). */
export function readKafkaSettings(env: EnvReader, role: string): KafkaSettings {
  return {
    brokers: env
      .string('KAFKA_BROKERS', '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    instanceId: env.string('INSTANCE_ID', `${role}-${randomBytes(3).toString('hex')}`),
    replyPartition: env.int('REPLY_PARTITION', 0, 0, 1023),
    partitions: env.int('KAFKA_TOPIC_PARTITIONS', 6, 1, 1024),
  };
}

/** The Kafka transport carrying the RFC 3867 XML envelope; missing topics are created (local setups). */
export function connectKafkaTransport(settings: KafkaSettings, logger: Logger): PaymentApiTransport {
  return new KafkaPaymentApiTransport<IotpPaymentApiRequest, IotpPaymentApiResponse>({
    brokers: settings.brokers,
    codec: paymentApiWireCodec,
    clientId: settings.instanceId,
    instanceId: settings.instanceId,
    replyPartition: settings.replyPartition,
    createTopics: { partitions: settings.partitions, replicationFactor: 1 },
    log: {
      warn: (message, details) => logger.warn({ details }, message),
      error: (message, details) => logger.error({ details }, message),
    },
  }) as PaymentApiTransport;
}
