import type { Admin, ITopicConfig } from 'kafkajs';

/**
 * Topic names of architecture §6 and the project's own topic creation (the broker runs with
 * auto.create.topics.enable=false). Imports nothing but kafkajs types: infra/scripts/kafka.mjs loads
 * this file directly.
 */
export const REPLY_TOPIC = 'paymentapi.replies';
export const requestTopicOf = (bridge: string): string => `paymentapi.${bridge}.requests`;

/** `paymentapi.<bridge>.requests` → `paymentapi.<bridge>.dead-letter` (any other name gets `.dead-letter` appended). */
export const deadLetterTopicOf = (requestTopic: string): string =>
  requestTopic.endsWith('.requests')
    ? `${requestTopic.slice(0, -'.requests'.length)}.dead-letter`
    : `${requestTopic}.dead-letter`;

/** The consumer group of a request topic's workers: `paymentapi.<bridge>.workers`. */
export const workerGroupOf = (requestTopic: string): string =>
  requestTopic.endsWith('.requests')
    ? `${requestTopic.slice(0, -'.requests'.length)}.workers`
    : `${requestTopic}.workers`;

export interface TopicSettings {
  /** Partitions of each request topic: the most workers of one bridge that can share the load. */
  readonly partitions: number;
  /** Partitions of the reply topic: one per requesting (gateway) instance. Default `partitions`. */
  readonly replyPartitions?: number;
  readonly replicationFactor: number;
}

export interface EnsureTopicsResult {
  readonly created: string[];
  readonly existing: string[];
}

const DAY_MS = 24 * 3600 * 1000;

/** The topics of the given request topics (each with its dead-letter topic), plus the reply topic. */
export function paymentApiTopics(
  requestTopics: readonly string[],
  settings: TopicSettings,
  replyTopic: string | undefined = REPLY_TOPIC,
): ITopicConfig[] {
  const { partitions, replicationFactor } = settings;
  const topics: ITopicConfig[] = [];
  for (const topic of requestTopics) {
    topics.push({
      topic,
      numPartitions: partitions,
      replicationFactor,
      configEntries: [{ name: 'retention.ms', value: String(7 * DAY_MS) }],
    });
    topics.push({
      topic: deadLetterTopicOf(topic),
      numPartitions: 1,
      replicationFactor,
      configEntries: [{ name: 'retention.ms', value: String(30 * DAY_MS) }],
    });
  }
  if (replyTopic !== undefined) {
    topics.push({
      topic: replyTopic,
      numPartitions: settings.replyPartitions ?? partitions,
      replicationFactor,
      // A reply matters for seconds; an hour leaves room to read late ones after a restart.
      configEntries: [{ name: 'retention.ms', value: String(3600 * 1000) }],
    });
  }
  return topics;
}

/** Creates the topics that are missing (existing ones are left as they are). */
export async function ensureTopicConfigs(
  admin: Admin,
  topics: readonly ITopicConfig[],
): Promise<EnsureTopicsResult> {
  const present = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !present.has(t.topic));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: [...missing], waitForLeaders: true });
    } catch (error) {
      // Another process created some of them in between: fine as long as they exist now.
      const now = new Set(await admin.listTopics());
      if (!missing.every((t) => now.has(t.topic))) throw error;
    }
  }
  return {
    created: missing.map((t) => t.topic),
    existing: topics.filter((t) => present.has(t.topic)).map((t) => t.topic),
  };
}

/**
 * The topics of the given bridges (`paymentapi.<bridge>.requests` and `.dead-letter`) and
 * `paymentapi.replies`. Called by `infra/scripts/kafka.mjs up` and by the apps on start.
 */
export function ensureTopics(
  admin: Admin,
  bridges: readonly string[],
  settings: TopicSettings,
): Promise<EnsureTopicsResult> {
  return ensureTopicConfigs(admin, paymentApiTopics(bridges.map(requestTopicOf), settings));
}
