export { type PaymentApiCodec, jsonCodec } from './codec';
export { HEADER } from './headers';
export {
  KafkaPaymentApiTransport,
  type KafkaTransportOptions,
  RemoteHandlerError,
  type TransportLog,
} from './kafka-transport';
export {
  deadLetterTopicOf,
  ensureTopicConfigs,
  ensureTopics,
  type EnsureTopicsResult,
  paymentApiTopics,
  REPLY_TOPIC,
  requestTopicOf,
  type TopicSettings,
  workerGroupOf,
} from './topics';
