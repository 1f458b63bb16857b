import { Readable } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../event-store.port';
import { KurrentDbSubscription, type OpenAllSubscription } from './kurrentdb-subscription';
import { START } from '@kurrent/kurrentdb-client';

function resolved(position: bigint): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'payment-1',
      id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
      isJson: true,
      revision: position,
      type: 'T',
      created: new Date(0),
      data: {},
      metadata: {},
      position: { commit: position, prepare: position },
    },
    commitPosition: position,
  } as AllStreamResolvedEvent;
}

/** A fake server subscription: emits the given events, then fails (connection dropped) or stays open. */
function fakeSubscription(events: AllStreamResolvedEvent[], fail: boolean): AllStreamSubscription {
  const stream = new Readable({ objectMode: true, read() {} });
  for (const e of events) stream.push(e);
  if (fail) setImmediate(() => stream.destroy(new Error('14 UNAVAILABLE: connection dropped')));
  return Object.assign(stream, {
    unsubscribe: async () => void stream.destroy(),
  }) as unknown as AllStreamSubscription;
}

const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('KurrentDbSubscription', () => {
  const settings = { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 };

  it('resubscribes from the last delivered commit position after a dropped connection, without duplicates', async () => {
    const froms: unknown[] = [];
    const pages = [
      { events: [resolved(10n), resolved(20n)], fail: true },
      // the server replays 20 (at-least-once around the checkpoint); the adapter drops it
      { events: [resolved(20n), resolved(30n)], fail: false },
    ];
    const open: OpenAllSubscription = ({ fromPosition }) => {
      froms.push(fromPosition);
      const page = pages.shift()!;
      return fakeSubscription(page.events, page.fail);
    };
    const received: RecordedEvent[] = [];
    const subscription = new KurrentDbSubscription(
      open,
      {} as never,
      settings,
      { fromPosition: 0n, onEvent: (e) => void received.push(e) },
      () => undefined,
    );
    await waitUntil(() => received.length === 3);
    await subscription.close();
    expect(received.map((e) => e.position)).toEqual([10n, 20n, 30n]);
    expect(froms).toEqual([START, { commit: 20n, prepare: 20n }]);
    expect(subscription.lastPosition()).toBe(30n);
  });

  it('stops with onError after the configured failed attempts', async () => {
    let opened = 0;
    const errors: Error[] = [];
    const subscription = new KurrentDbSubscription(
      () => {
        opened += 1;
        return fakeSubscription([], true);
      },
      {} as never,
      settings,
      { fromPosition: 5n, onEvent: () => undefined, onError: (e) => void errors.push(e) },
      () => undefined,
    );
    await waitUntil(() => errors.length === 1);
    await subscription.close();
    expect(opened).toBe(4); // first try + 3 resubscribes
    expect(errors[0]!.message).toMatch(/UNAVAILABLE/);
    expect(subscription.lastPosition()).toBe(5n);
  });

  it('does not resubscribe when onEvent fails, and keeps the position before the event', async () => {
    let opened = 0;
    const errors: Error[] = [];
    const subscription = new KurrentDbSubscription(
      () => {
        opened += 1;
        return fakeSubscription([resolved(10n), resolved(20n)], false);
      },
      {} as never,
      settings,
      {
        fromPosition: 0n,
        onEvent: (e) => {
          if (e.position === 20n) throw new Error('projection failed');
        },
        onError: (e) => void errors.push(e),
      },
      () => undefined,
    );
    await waitUntil(() => errors.length === 1);
    await subscription.close();
    expect(opened).toBe(1);
    expect(errors[0]!.message).toBe('projection failed');
    expect(subscription.lastPosition()).toBe(10n);
  });
});
