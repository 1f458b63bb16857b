import { randomUUID } from 'node:crypto';
import {
  createPostgresEventStore,
  DuplicateEventIdError,
  type PostgresEventStore,
  WrongExpectedRevisionError,
} from '@ph/event-store';
import { createTestSchema, type TestSchema } from '../support/database';
import { newEvent } from './event-store.contract';

/**
 * Group commit of the PostgreSQL adapter (issue 4 item 4). With one batch in flight at a time, the
 * appends submitted in one tick travel as one batch (one statement, one transaction) behind at most
 * the first one: each append still gets its own outcome.
 */
describe('PostgreSQL event store: group commit', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let prefix: string;
  const stream = (label: string) => `${prefix}${label}`;

  beforeAll(async () => {
    schema = await createTestSchema('group_commit');
    store = await createPostgresEventStore({
      connectionString: process.env.DATABASE_URL,
      schema: schema.schema,
      poolSize: 8,
      groupCommit: { maxBatchSize: 64, maxConcurrentBatches: 1 },
    });
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });
  beforeEach(() => {
    prefix = `g${randomUUID().slice(0, 8)}-`;
  });

  /** Runs `appends` behind a blocker so that they form one batch; returns their settled outcomes. */
  async function inOneBatch<T>(appends: Array<() => Promise<T>>) {
    const before = store.groupCommitStats!;
    const blocker = store.append(stream('blocker'), [newEvent()], 'any');
    const outcomes = await Promise.allSettled(appends.map((run) => run()));
    await blocker;
    const after = store.groupCommitStats!;
    // Queue order is kept and the batch limit is far away: either all of them went with the blocker
    // (a batch was still finishing when it arrived), or the blocker alone and then all of them.
    expect(after.appends - before.appends).toBe(appends.length + 1);
    expect([1, 2]).toContain(after.batches - before.batches);
    return outcomes;
  }

  it('settles each append of a batch on its own: one conflict does not fail the others', async () => {
    for (const s of ['a', 'b', 'c']) await store.append(stream(s), [newEvent()], 'no_stream');

    const outcomes = await inOneBatch([
      () => store.append(stream('a'), [newEvent(), newEvent()], 0),
      () => store.append(stream('b'), [newEvent()], 5), // stale: b is at 0
      () => store.append(stream('new'), [newEvent()], 'no_stream'),
      () => store.append(stream('c'), [newEvent()], 'no_stream'), // c exists
      () => store.append(stream('any'), [newEvent()], 'any'),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const [a, b, fresh, c, any] = outcomes;
    expect(a).toMatchObject({ value: { lastRevision: 2, alreadyApplied: false } });
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((b as PromiseRejectedResult).reason).toMatchObject({ expected: 5, actual: 0 });
    expect(fresh).toMatchObject({ value: { lastRevision: 0, alreadyApplied: false } });
    expect((c as PromiseRejectedResult).reason).toMatchObject({ expected: 'no_stream', actual: 0 });
    expect(any).toMatchObject({ value: { lastRevision: 0 } });

    expect(await store.readStream(stream('a'))).toHaveLength(3);
    expect(await store.readStream(stream('b'))).toHaveLength(1);
    expect(await store.readStream(stream('c'))).toHaveLength(1);
    // Positions of one batch follow batch order and match what each append reported.
    const [lastOfA] = (await store.readStream(stream('a'), { fromRevision: 2 })).map((e) => e.position);
    const [newPos] = (await store.readStream(stream('new'))).map((e) => e.position);
    expect(lastOfA).toBe((a as PromiseFulfilledResult<{ position: bigint }>).value.position);
    expect(newPos! > lastOfA!).toBe(true);
  });

  it('recognises an idempotent re-append inside a batch and rejects a duplicate id elsewhere', async () => {
    const batch = [newEvent(), newEvent()];
    const first = await store.append(stream('i'), batch, 'no_stream');
    const elsewhere = [newEvent()];
    await store.append(stream('j'), elsewhere, 'no_stream');

    const outcomes = await inOneBatch([
      () => store.append(stream('i'), batch, 'no_stream'), // the retry
      () => store.append(stream('k'), [newEvent()], 'no_stream'),
      () => store.append(stream('l'), elsewhere, 'no_stream'), // an id of stream j
    ]);

    expect(outcomes[0]).toEqual({
      status: 'fulfilled',
      value: { lastRevision: 1, position: first.position, alreadyApplied: true },
    });
    expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { alreadyApplied: false } });
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(stream('i'))).toHaveLength(2);
    expect(await store.readStream(stream('l'))).toEqual([]);
  });

  it('puts a second append of one stream into the next batch, so it sees the first', async () => {
    const outcomes = await Promise.all([
      store.append(stream('s'), [newEvent()], 'no_stream'),
      store.append(stream('s'), [newEvent()], 0),
      store.append(stream('s'), [newEvent()], 1),
      store.append(stream('t'), [newEvent()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.lastRevision)).toEqual([0, 1, 2, 0]);
    expect((await store.readStream(stream('s'))).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('fails only the append that breaks the statement (an event id that is no UUID)', async () => {
    const bad = { ...newEvent(), eventId: 'not-a-uuid' };
    const outcomes = await inOneBatch([
      () => store.append(stream('ok-1'), [newEvent()], 'no_stream'),
      () => store.append(stream('bad'), [bad], 'no_stream'),
      () => store.append(stream('ok-2'), [newEvent()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.readStream(stream('ok-2'))).toHaveLength(1);
  });

  it('keeps the answers of 200 concurrent appends exact when conflicts are mixed in', async () => {
    const writers = Array.from({ length: 100 }, (_, i) => stream(`m${i}`));
    await Promise.all(writers.map((s) => store.append(s, [newEvent()], 'no_stream')));
    const outcomes = await Promise.allSettled(
      writers.flatMap((s) => [
        store.append(`${s}-x`, [newEvent()], 'no_stream'),
        store.append(s, [newEvent()], 'no_stream'),
      ]),
    );
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(100);
    expect(rejected).toHaveLength(100);
    for (const r of rejected)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
  });
});
