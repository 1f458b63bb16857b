import type { TopicSettings } from '../../libs/messaging/src/kafka';

/** Settings of the test transports: short session and fetch waits so rebalances take ~1 s, not 10. */
export const KAFKA_TEST_TOPICS: TopicSettings = { partitions: 4, replyPartitions: 8, replicationFactor: 1 };

export const KAFKA_TEST_TUNING = {
  createTopics: KAFKA_TEST_TOPICS,
  sessionTimeoutMs: 6_000, // the broker's group.min.session.timeout.ms
  heartbeatIntervalMs: 300,
  maxWaitTimeMs: 100,
  readyTimeoutMs: 45_000,
} as const;
