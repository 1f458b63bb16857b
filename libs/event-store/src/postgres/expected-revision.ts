import type { ExpectedRevision } from '../event-store.port';

/** The integer append_events takes: -2 any, -1 no stream, n the last revision. */
export function encodeExpectedRevision(expected: ExpectedRevision): number {
  if (expected === 'any') return -2;
  if (expected === 'no_stream') return -1;
  // -1 is accepted as a synonym of 'no_stream' (revision of the last event of an empty stream).
  if (!Number.isSafeInteger(expected) || expected < -1 || expected > 2_147_483_647) {
    throw new RangeError(
      `expected revision must be 'any', 'no_stream' or an integer >= -1: ${String(expected)}`,
    );
  }
  return expected;
}

/** The revision a store reports for the current state of a stream (-1 means it does not exist). */
export function decodeActualRevision(current: number): number | 'no_stream' {
  return current < 0 ? 'no_stream' : current;
}
