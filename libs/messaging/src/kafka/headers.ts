import type { IHeaders } from 'kafkajs';

/**
 * Record headers of the request/reply exchange (architecture §6). The three `kafka_*` names are the
 * ones Spring Kafka's ReplyingKafkaTemplate uses; values here are UTF-8 strings (a 4-byte big-endian
 * `kafka_replyPartition`, as Spring writes it, is read too). The `ph_*` headers are this project's.
 */
export const HEADER = {
  correlationId: 'kafka_correlationId',
  replyTopic: 'kafka_replyTopic',
  replyPartition: 'kafka_replyPartition',
  /** Epoch ms after which the requester no longer waits (RequestMeta.deadline). */
  deadline: 'ph_deadline',
  /** The requesting instance; echoed on the reply so instances sharing a reply partition tell theirs apart. */
  requester: 'ph_requester',
  /** On a reply: the request topic (lets a late reply name it after a requester restart). */
  requestTopic: 'ph_request_topic',
  /** On a reply: the handler failed (or the request could not be decoded); the value is the message. */
  error: 'ph_error',
  /** On a dead-letter record: why it is there. */
  reason: 'reason',
  originalTopic: 'ph_original_topic',
  originalPartition: 'ph_original_partition',
  originalOffset: 'ph_original_offset',
  failedAt: 'ph_failed_at',
} as const;

export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** A partition number written as a decimal string, or as Spring's 4-byte big-endian int. */
export function headerPartition(headers: IHeaders | undefined, name: string): number | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  const text = typeof first === 'string' ? first : first.toString('latin1');
  if (/^\d+$/.test(text)) return Number(text);
  if (Buffer.isBuffer(first) && first.length === 4) return first.readInt32BE(0);
  return undefined;
}
