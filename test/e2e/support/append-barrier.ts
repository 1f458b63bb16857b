import { type EventStore, WrongExpectedRevisionError } from '@ph/event-store';

/** What the appends through an {@link AppendBarrier} came to. */
export interface AppendOutcomes {
  /** Appends that wrote their events. */
  written: number;
  /** Appends whose events (same ids, same place) were already stored: nothing written. */
  alreadyApplied: number;
  /** Appends refused with WrongExpectedRevisionError. */
  conflicts: number;
}

/**
 * Holds the first `parties` appends made through the stores it wraps until all of them have arrived,
 * then lets them reach PostgreSQL together: two workers that loaded the same revision append against
 * it at the same moment, a race by construction rather than by luck.
 */
export class AppendBarrier {
  readonly outcomes: AppendOutcomes = { written: 0, alreadyApplied: 0, conflicts: 0 };
  private arrived = 0;
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));

  constructor(private readonly parties: number) {}

  wrap(inner: EventStore): EventStore {
    return {
      readStream: (s, o) => inner.readStream(s, o),
      readAll: (o) => inner.readAll(o),
      subscribeToAll: (o) => inner.subscribeToAll(o),
      ping: () => inner.ping(),
      close: () => inner.close(),
      append: async (streamId, events, expected) => {
        if (this.arrived < this.parties) {
          this.arrived += 1;
          if (this.arrived === this.parties) this.open();
          await this.opened;
        }
        try {
          const result = await inner.append(streamId, events, expected);
          if (result.alreadyApplied) this.outcomes.alreadyApplied += 1;
          else this.outcomes.written += 1;
          return result;
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError) this.outcomes.conflicts += 1;
          throw error;
        }
      },
    };
  }
}
