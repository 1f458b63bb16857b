import {
  DuplicateEventIdError,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { decodeActualRevision } from './expected-revision';

/** What the adapter does with an error raised by append_events. */
export type AppendFailure =
  | { readonly kind: 'throw'; readonly error: Error }
  /** A concurrent writer won a unique constraint: run append_events again to see the settled state. */
  | { readonly kind: 'retry' }
  /** Not an append outcome (connection lost, cancelled…): the connection may hold the position lock. */
  | { readonly kind: 'unexpected' };

interface PgError {
  readonly code?: string;
  readonly detail?: string;
}

export function classifyAppendError(
  error: unknown,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): AppendFailure {
  const { code, detail } = (error ?? {}) as PgError;
  switch (code) {
    case 'ES001':
      return {
        kind: 'throw',
        error: new WrongExpectedRevisionError(streamId, expected, decodeActualRevision(Number(detail))),
      };
    case 'ES002':
      return {
        kind: 'throw',
        error: new DuplicateEventIdError(
          streamId,
          events.map((e) => e.eventId),
        ),
      };
    case '23505': // unique_violation: on (stream, revision) or on event_id
      return { kind: 'retry' };
    case '22P02': // invalid_text_representation, e.g. an event id that is not a UUID
    case 'ES003':
      return { kind: 'throw', error: error as Error };
    default:
      return { kind: 'unexpected' };
  }
}
