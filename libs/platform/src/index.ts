export { ConfigError, EnvReader } from './env';
export { createLogger, type Logger } from './logger';
export {
  metricsRegistry,
  iotpMessages,
  iotpLatency,
  paymentApiCalls,
  paymentsFinished,
  paymentApiClientLatency,
  eventStoreLatency,
} from './metrics';
export { checkReadiness, type ReadinessCheck, type ReadinessReport } from './health';
export { KeyedMutex } from './keyed-mutex';
export { StateCache } from './state-cache';
export { instrumentEventStore } from './instrumented-event-store';
export {
  connectEventStore,
  connectKafkaTransport,
  readEventStoreSettings,
  readKafkaSettings,
  type EventStoreSettings,
  type KafkaSettings,
} from './infrastructure';
