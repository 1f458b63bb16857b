import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@ph/event-store';
import { settle, waitFor } from '../support/wait-for';

/**
 * The one suite every EventStore adapter passes (architecture §5). Streams carry a per-test prefix,
 * so the tests of one file can share a store.
 */
export interface EventStoreUnderTest {
  readonly store: EventStore;
  /**
   * Runs an append in a transaction that stays open (uncommitted) until commit() is called: the
   * slow writer of the gap tests. Required when features.heldOpenAppends is true.
   */
  readonly appendHeldOpen?: (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ) => Promise<{ commit(): Promise<void> }>;
  dispose(): Promise<void>;
}

export interface EventStoreContractFeatures {
  /** The adapter can hold an append's transaction open (SQL stores), so commit order can be forced. */
  readonly heldOpenAppends: boolean;
  /**
   * An event id stored in one stream is refused in any other (PostgreSQL: unique index). KurrentDB
   * checks ids per stream only; deterministic ids include the stream, so the case cannot arise there.
   */
  readonly globalEventIdUniqueness?: boolean;
}

export function newEvent(type = 'TestHappened', data: unknown = { n: 1 }): NewEvent {
  const id = randomUUID();
  return {
    eventId: id,
    type,
    data,
    metadata: {
      commandId: `cmd-${id}`,
      correlationId: 'trans-1',
      causationId: `cause-${id}`,
      schemaVersion: 1,
      occurredAt: '2025-01-02T03:04:05.000Z',
    },
  };
}

const events = (n: number, type = 'TestHappened'): NewEvent[] =>
  Array.from({ length: n }, (_, i) => newEvent(type, { i }));

export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStoreUnderTest>,
  features: EventStoreContractFeatures,
): void {
  describe(`EventStore contract: ${name}`, () => {
    jest.setTimeout(30_000); // above waitFor's limit, so a hang fails with its readable message
    let sut: EventStoreUnderTest;
    let store: EventStore;
    let prefix: string;
    const stream = (label: string) => `${prefix}${label}`;

    beforeAll(async () => {
      sut = await factory();
      store = sut.store;
    });
    afterAll(async () => sut?.dispose());
    beforeEach(() => {
      prefix = `t${randomUUID().slice(0, 8)}-`;
    });

    /** The head of $all now: where a test's own events begin. */
    async function head(): Promise<bigint> {
      let position = 0n;
      for (;;) {
        const batch = await store.readAll({ fromPosition: position, limit: 1000 });
        if (batch.length === 0) return position;
        position = batch[batch.length - 1]!.position;
      }
    }

    /**
     * readAll until `count` events of this test are visible: an append of another test file that is
     * still running (same server) may hold visibility back for a moment, by design.
     */
    async function readAllVisible(options: Parameters<EventStore['readAll']>[0], count: number) {
      let result: RecordedEvent[] = [];
      await waitFor(
        () => result.length >= count,
        `${count} visible events`,
        10_000,
        async () => {
          result = await store.readAll(options);
        },
      );
      return result;
    }

    /** Subscribes from `from` to this test's streams and collects what arrives. */
    function collect(from: bigint) {
      const received: RecordedEvent[] = [];
      const errors: Error[] = [];
      const subscription = store.subscribeToAll({
        fromPosition: from,
        streamPrefix: prefix,
        onEvent: (e) => void received.push(e),
        onError: (e) => void errors.push(e),
      });
      return { received, errors, subscription };
    }

    const idsOf = (list: readonly { eventId: string }[]) => list.map((e) => e.eventId);
    const expectIncreasing = (list: readonly RecordedEvent[]) => {
      for (let i = 1; i < list.length; i++) expect(list[i]!.position > list[i - 1]!.position).toBe(true);
    };

    describe('append and readStream', () => {
      it('appends to a new stream and reads the events back with revisions and positions', async () => {
        const batch = events(3);
        const result = await store.append(stream('a'), batch, 'no_stream');
        expect(result).toMatchObject({ lastRevision: 2, alreadyApplied: false });

        const read = await store.readStream(stream('a'));
        expect(read.map((e) => [e.eventId, e.revision, e.type, e.data])).toEqual(
          batch.map((e, i) => [e.eventId, i, e.type, e.data]),
        );
        expect(read[0]!.metadata).toEqual(batch[0]!.metadata);
        expect(read[0]!.streamId).toBe(stream('a'));
        expect(read[0]!.recordedAt).toBeInstanceOf(Date);
        expectIncreasing(read);
        expect(read[2]!.position).toBe(result.position);
      });

      it('appends after the expected revision and reads from a revision on', async () => {
        await store.append(stream('b'), events(2), 'no_stream');
        const more = events(2);
        const result = await store.append(stream('b'), more, 1);
        expect(result.lastRevision).toBe(3);

        const tail = await store.readStream(stream('b'), { fromRevision: 2 });
        expect(tail.map((e) => e.revision)).toEqual([2, 3]);
        expect(idsOf(tail)).toEqual(idsOf(more));
      });

      it('returns [] for a stream that does not exist', async () => {
        await expect(store.readStream(stream('missing'))).resolves.toEqual([]);
      });

      it("appends with 'any' whatever the stream holds", async () => {
        await store.append(stream('c'), events(1), 'any');
        await expect(store.append(stream('c'), events(1), 'any')).resolves.toMatchObject({ lastRevision: 1 });
      });
    });

    describe('expected revision', () => {
      it("rejects 'no_stream' when the stream exists, reporting the actual revision", async () => {
        await store.append(stream('x'), events(2), 'no_stream');
        const attempt = store.append(stream('x'), events(1), 'no_stream');
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({
          streamId: stream('x'),
          expected: 'no_stream',
          actual: 1,
        });
        expect(await store.readStream(stream('x'))).toHaveLength(2);
      });

      it('rejects a stale revision, reporting the actual one', async () => {
        await store.append(stream('y'), events(3), 'no_stream');
        await expect(store.append(stream('y'), events(1), 1)).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 1,
          actual: 2,
        });
      });

      it("rejects a revision for a stream that does not exist, reporting 'no_stream'", async () => {
        await expect(store.append(stream('z'), events(1), 0)).rejects.toMatchObject({ actual: 'no_stream' });
      });

      it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
        for (let round = 0; round < 10; round++) {
          const id = stream(`race-${round}`);
          await store.append(id, events(1), 'no_stream');
          const outcomes = await Promise.allSettled([
            store.append(id, events(2), 0),
            store.append(id, events(1), 0),
          ]);
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
          const winner = outcomes[0]!.status === 'fulfilled' ? 2 : 1;
          expect(lost[0]!.reason).toMatchObject({ expected: 0, actual: winner });
          expect(await store.readStream(id)).toHaveLength(1 + winner);
        }
      });

      it('lets exactly one of two concurrent appends to a new stream win', async () => {
        const outcomes = await Promise.allSettled([
          store.append(stream('new'), events(1), 'no_stream'),
          store.append(stream('new'), events(1), 'no_stream'),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream('new'))).toHaveLength(1);
      });
    });

    describe('idempotent re-append', () => {
      it('returns alreadyApplied for the same event ids and writes nothing', async () => {
        const batch = events(2);
        const first = await store.append(stream('i'), batch, 'no_stream');

        const again = await store.append(stream('i'), batch, 'no_stream');
        expect(again).toEqual({
          lastRevision: first.lastRevision,
          position: first.position,
          alreadyApplied: true,
        });
        expect(await store.readStream(stream('i'))).toHaveLength(2);
        expect(await store.readAll({ fromPosition: first.position, streamPrefix: prefix })).toEqual([]);
      });

      it('recognises a retry after the stream moved on (the expected revision is stale by then)', async () => {
        const batch = events(1);
        await store.append(stream('j'), events(1), 'no_stream');
        await store.append(stream('j'), batch, 0);
        await store.append(stream('j'), events(1), 1);
        await expect(store.append(stream('j'), batch, 0)).resolves.toMatchObject({
          alreadyApplied: true,
          lastRevision: 1,
        });
        await expect(store.append(stream('j'), batch, 'any')).resolves.toMatchObject({
          alreadyApplied: true,
        });
      });

      it('settles two concurrent retries of one append: one writes, the other is alreadyApplied', async () => {
        const batch = events(2);
        const results = await Promise.all([
          store.append(stream('k'), batch, 'no_stream'),
          store.append(stream('k'), batch, 'no_stream'),
        ]);
        expect(results.map((r) => r.alreadyApplied).sort()).toEqual([false, true]);
        expect(await store.readStream(stream('k'))).toHaveLength(2);
      });

      (features.globalEventIdUniqueness === false ? it.skip : it)(
        'rejects an event id already stored in another stream',
        async () => {
          const batch = events(1);
          await store.append(stream('l1'), batch, 'no_stream');
          await expect(store.append(stream('l2'), batch, 'no_stream')).rejects.toBeInstanceOf(
            DuplicateEventIdError,
          );
          expect(await store.readStream(stream('l2'))).toEqual([]);
        },
      );

      it('rejects a batch of which only some ids are stored', async () => {
        const batch = events(2);
        await store.append(stream('m'), batch.slice(0, 1), 'no_stream');
        await expect(store.append(stream('m'), batch, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      });
    });

    describe('readAll', () => {
      it('reads in position order after an exclusive position, with a limit and a stream prefix', async () => {
        const start = await head();
        await store.append(stream('p-1'), events(2), 'no_stream');
        await store.append(stream('q-1'), events(1), 'no_stream');
        await store.append(stream('p-2'), events(2), 'no_stream');

        const all = await readAllVisible({ fromPosition: start, streamPrefix: prefix }, 5);
        expect(all.map((e) => [e.streamId, e.revision])).toEqual([
          [stream('p-1'), 0],
          [stream('p-1'), 1],
          [stream('q-1'), 0],
          [stream('p-2'), 0],
          [stream('p-2'), 1],
        ]);
        expectIncreasing(all);

        const page = await store.readAll({ fromPosition: all[1]!.position, limit: 2, streamPrefix: prefix });
        expect(idsOf(page)).toEqual(idsOf(all.slice(2, 4)));

        const onlyP = await readAllVisible({ fromPosition: start, streamPrefix: stream('p-') }, 4);
        expect(onlyP.map((e) => e.streamId)).toEqual([
          stream('p-1'),
          stream('p-1'),
          stream('p-2'),
          stream('p-2'),
        ]);
      });
    });

    describe('subscribeToAll', () => {
      it('delivers history from the position, then live events, in order', async () => {
        const start = await head();
        await store.append(stream('s1'), events(2), 'no_stream');
        const skipped = await store.append(stream('s2'), events(1), 'no_stream');
        const history = await store.append(stream('s3'), events(2), 'no_stream');

        const from = skipped.position; // exclusive: s1 and s2 are before it
        const { received, subscription } = collect(from);
        await waitFor(() => received.length === 2, 'history');
        const live = events(3);
        await store.append(stream('s4'), live.slice(0, 1), 'no_stream');
        await store.append(stream('s4'), live.slice(1), 0);
        await waitFor(() => received.length === 5, 'live events');
        await subscription.close();

        expect(received.map((e) => e.streamId)).toEqual([
          stream('s3'),
          stream('s3'),
          ...live.map(() => stream('s4')),
        ]);
        expect(idsOf(received.slice(2))).toEqual(idsOf(live));
        expectIncreasing(received);
        expect(received[1]!.position).toBe(history.position);
        expect(subscription.lastPosition()).toBe(received[4]!.position);
        expect(start < from).toBe(true);
      });

      it('stops delivering after close and resumes from lastPosition without loss', async () => {
        const start = await head();
        const first = collect(start);
        await store.append(stream('r'), events(2), 'no_stream');
        await waitFor(() => first.received.length === 2, 'first events');
        await first.subscription.close();
        const later = events(2);
        await store.append(stream('r'), later, 1);
        await settle();
        expect(first.received).toHaveLength(2);

        const second = collect(first.subscription.lastPosition());
        await waitFor(() => second.received.length === 2, 'events after the checkpoint');
        await second.subscription.close();
        expect(idsOf(second.received)).toEqual(idsOf(later));
      });

      it('stops and reports through onError when onEvent fails, without moving past the event', async () => {
        const start = await head();
        await store.append(stream('e'), events(2), 'no_stream');
        const errors: Error[] = [];
        const subscription = store.subscribeToAll({
          fromPosition: start,
          streamPrefix: prefix,
          onEvent: () => {
            throw new Error('projection failed');
          },
          onError: (e) => void errors.push(e),
        });
        await waitFor(() => errors.length === 1, 'onError');
        expect(errors[0]!.message).toBe('projection failed');
        expect(subscription.lastPosition()).toBe(start);
        await subscription.close();
      });

      it('skips no event while many writers append concurrently', async () => {
        const start = await head();
        const { received, errors, subscription } = collect(start);
        const writers = 16;
        const appendsEach = 10;
        const written: string[] = [];
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < appendsEach; i++) {
              const batch = events(1 + (i % 2));
              written.push(...idsOf(batch));
              await store.append(stream(`w${w}`), batch, i === 0 ? 'no_stream' : 'any');
            }
          }),
        );
        await waitFor(() => received.length >= written.length, `${written.length} events`);
        await subscription.close();

        expect(errors).toEqual([]);
        expectIncreasing(received);
        expect(new Set(idsOf(received))).toEqual(new Set(written));
        expect(received).toHaveLength(written.length);
        // Inside each stream, revisions arrive in order too.
        for (let w = 0; w < writers; w++) {
          const revisions = received.filter((e) => e.streamId === stream(`w${w}`)).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      });
    });

    (features.heldOpenAppends ? describe : describe.skip)('commits that finish out of order', () => {
      /** A cursor reader as a projector runs it: readAll from the last position it saw. */
      function cursor(from: bigint) {
        const seen: RecordedEvent[] = [];
        let position = from;
        return {
          seen,
          async poll() {
            const batch = await store.readAll({ fromPosition: position, streamPrefix: prefix });
            seen.push(...batch);
            if (batch.length > 0) position = batch[batch.length - 1]!.position;
          },
          async pollUntil(count: number) {
            await waitFor(
              () => seen.length >= count,
              `${count} events read`,
              10_000,
              () => this.poll(),
            );
          },
        };
      }

      it('never lets a reader pass an append that commits after later ones', async () => {
        const hold = sut.appendHeldOpen!;
        const start = await head();
        const reader = cursor(start);
        const live = collect(start);

        const slow = events(1);
        const tx = await hold(stream('slow'), slow, 'no_stream'); // takes its position, does not commit
        const fast = events(3);
        for (const [i, e] of fast.entries()) await store.append(stream(`fast-${i}`), [e], 'no_stream');

        await reader.poll(); // a reader that skipped would see the fast events now and move past the slow one
        await settle(100); // and the subscription gets every chance to do the same
        await tx.commit();
        await reader.pollUntil(4);
        await waitFor(() => live.received.length === 4, 'all four events on the subscription');
        await live.subscription.close();

        for (const got of [reader.seen, live.received]) {
          expect(new Set(idsOf(got))).toEqual(new Set(idsOf([...slow, ...fast])));
          expect(got).toHaveLength(4);
          expectIncreasing(got);
        }
        expect(idsOf(reader.seen)[0]).toBe(slow[0]!.eventId); // it took its position first
      });

      it('loses nothing when several slow writers commit in reverse order between fast ones', async () => {
        const hold = sut.appendHeldOpen!;
        const start = await head();
        const reader = cursor(start);
        const live = collect(start);
        const all: NewEvent[] = [];

        const slow = [];
        for (let i = 0; i < 3; i++) {
          const batch = events(2);
          all.push(...batch);
          slow.push(await hold(stream(`slow-${i}`), batch, 'no_stream'));
          const fast = events(1);
          all.push(...fast);
          await store.append(stream(`fast-${i}`), fast, 'no_stream');
          await reader.poll();
        }
        for (const tx of slow.reverse()) {
          await tx.commit();
          await reader.poll();
          const more = events(1);
          all.push(...more);
          await store.append(stream('after'), more, 'any');
          await reader.poll();
        }
        await reader.pollUntil(all.length);
        await waitFor(() => live.received.length === all.length, `${all.length} events on the subscription`);
        await live.subscription.close();

        for (const got of [reader.seen, live.received]) {
          expect(new Set(idsOf(got))).toEqual(new Set(idsOf(all)));
          expect(got).toHaveLength(all.length);
          expectIncreasing(got);
        }
      });
    });
  });
}
