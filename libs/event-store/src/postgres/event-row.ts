import type { EventMetadata, RecordedEvent } from '../event-store.port';

/** A row of the events table as node-postgres returns it (bigint as string, jsonb parsed). */
export interface EventRow {
  readonly global_position: string;
  readonly stream_id: string;
  readonly stream_revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date;
}

export const EVENT_COLUMNS =
  'global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: row.stream_revision,
    position: BigInt(row.global_position),
    recordedAt: row.recorded_at,
  };
}
