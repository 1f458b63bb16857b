import { randomUUID } from 'node:crypto';
import {
  type LateReply,
  NoHandlerError,
  type PaymentApiTransport,
  type RequestMeta,
  RequestTimeoutError,
  TransportClosedError,
} from '@ph/messaging';
import { settle, waitFor } from '../support/wait-for';

/** The one suite every PaymentApiTransport adapter passes (architecture §6). Payloads stay JSON-shaped. */
export interface TransportContractFeatures {
  /** The adapter knows when nothing serves a topic (in-process); a broker only times out. */
  readonly detectsMissingHandler: boolean;
}

type Request = { readonly n: number; readonly label?: string };
type Reply = { readonly echoed: number; readonly by?: string };
type Transport = PaymentApiTransport<Request, Reply>;

/** A promise the test resolves by hand: holds a handler open without timers. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

export function describeTransportContract(
  name: string,
  factory: () => Promise<Transport>,
  features: TransportContractFeatures,
): void {
  describe(`PaymentApiTransport contract: ${name}`, () => {
    jest.setTimeout(30_000);
    let transport: Transport;
    let topic: string;

    beforeEach(async () => {
      transport = await factory();
      topic = `paymentapi.t${randomUUID().slice(0, 8)}.requests`;
    });
    afterEach(async () => transport.close());

    it('delivers a request to the handler and its reply to the requester, with key and correlation id', async () => {
      const seen: RequestMeta[] = [];
      await transport.serve(topic, async (request, meta) => {
        seen.push(meta);
        return { echoed: request.n * 2 };
      });
      const reply = await transport.request(
        topic,
        'PAY-1',
        { n: 21 },
        { timeoutMs: 5_000, correlationId: 'c-1' },
      );
      expect(reply).toEqual({ echoed: 42 });
      expect(seen).toEqual([{ correlationId: 'c-1', key: 'PAY-1', deadline: expect.any(Number) }]);
    });

    it('makes up a correlation id when none is given', async () => {
      const ids: string[] = [];
      await transport.serve(topic, async (_request, meta) => {
        ids.push(meta.correlationId);
        return { echoed: 0 };
      });
      await transport.request(topic, 'PAY-1', { n: 1 }, { timeoutMs: 5_000 });
      await transport.request(topic, 'PAY-1', { n: 1 }, { timeoutMs: 5_000 });
      expect(ids[0]).toEqual(expect.any(String));
      expect(ids[0]).not.toBe(ids[1]);
    });

    it('fails the request when the handler fails', async () => {
      await transport.serve(topic, async () => {
        throw new Error('bridge exploded');
      });
      const attempt = transport.request(topic, 'PAY-1', { n: 1 }, { timeoutMs: 5_000 });
      await expect(attempt).rejects.toThrow('bridge exploded');
      await expect(attempt).rejects.not.toBeInstanceOf(RequestTimeoutError);
    });

    it('times out, then hands the reply that comes too late to the late-reply handler', async () => {
      const release = gate();
      await transport.serve(topic, async (request) => {
        await release.opened;
        return { echoed: request.n };
      });
      const late: LateReply<Reply>[] = [];
      transport.onLateReply((l) => void late.push(l));

      const attempt = transport.request(topic, 'PAY-9', { n: 7 }, { timeoutMs: 50, correlationId: 'c-late' });
      await expect(attempt).rejects.toBeInstanceOf(RequestTimeoutError);
      await expect(attempt).rejects.toMatchObject({ topic, correlationId: 'c-late', timeoutMs: 50 });

      release.open();
      await waitFor(() => late.length === 1, 'the late reply');
      expect(late[0]).toEqual({ topic, correlationId: 'c-late', key: 'PAY-9', reply: { echoed: 7 } });
    });

    it('handles requests with the same key one at a time, in arrival order', async () => {
      const log: string[] = [];
      const gates = [gate(), gate(), gate()];
      await transport.serve(topic, async (request) => {
        log.push(`start ${request.n}`);
        await gates[request.n]!.opened;
        log.push(`end ${request.n}`);
        return { echoed: request.n };
      });
      const replies = [0, 1, 2].map((n) => transport.request(topic, 'PAY-1', { n }, { timeoutMs: 10_000 }));
      await waitFor(() => log.length === 1, 'the first request to start');
      await settle();
      expect(log).toEqual(['start 0']); // the others wait although their handler is free
      gates[2]!.open();
      gates[1]!.open();
      gates[0]!.open();
      await expect(Promise.all(replies)).resolves.toEqual([{ echoed: 0 }, { echoed: 1 }, { echoed: 2 }]);
      expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    });

    it('handles different keys in parallel', async () => {
      const blocked = gate();
      await transport.serve(topic, async (request) => {
        if (request.label === 'slow') await blocked.opened;
        return { echoed: request.n };
      });
      const slow = transport.request(topic, 'PAY-A', { n: 1, label: 'slow' }, { timeoutMs: 10_000 });
      // PAY-B is answered while PAY-A is still being handled.
      await expect(transport.request(topic, 'PAY-B', { n: 2 }, { timeoutMs: 10_000 })).resolves.toEqual({
        echoed: 2,
      });
      blocked.open();
      await expect(slow).resolves.toEqual({ echoed: 1 });
    });

    it('shares the keys of a topic between several handlers, each key staying with one handler', async () => {
      const owners = new Map<string, Set<string>>();
      for (const worker of ['w1', 'w2']) {
        await transport.serve(topic, async (request, meta) => {
          owners.set(meta.key, (owners.get(meta.key) ?? new Set()).add(worker));
          return { echoed: request.n, by: worker };
        });
      }
      const keys = Array.from({ length: 40 }, (_, i) => `PAY-${i}`);
      const replies = await Promise.all(
        [...keys, ...keys].map((key, n) => transport.request(topic, key, { n }, { timeoutMs: 10_000 })),
      );
      expect(new Set(replies.map((r) => r.by))).toEqual(new Set(['w1', 'w2']));
      for (const key of keys) expect(owners.get(key)?.size).toBe(1);
    });

    it('waits for handlers in flight on close, and refuses requests from then on', async () => {
      const release = gate();
      await transport.serve(topic, async (request) => {
        await release.opened;
        return { echoed: request.n };
      });
      const inFlight = transport.request(topic, 'PAY-1', { n: 5 }, { timeoutMs: 10_000 });
      await settle();
      let closed = false;
      const closing = transport.close().then(() => (closed = true));

      await expect(transport.request(topic, 'PAY-2', { n: 6 }, { timeoutMs: 10_000 })).rejects.toBeInstanceOf(
        TransportClosedError,
      );
      await settle();
      expect(closed).toBe(false);
      release.open();
      await expect(inFlight).resolves.toEqual({ echoed: 5 });
      await closing;
      expect(closed).toBe(true);
      await expect(transport.request(topic, 'PAY-3', { n: 7 }, { timeoutMs: 10_000 })).rejects.toBeInstanceOf(
        TransportClosedError,
      );
      await expect(transport.ping()).rejects.toBeInstanceOf(TransportClosedError);
    });

    it('answers ping while open', async () => {
      await expect(transport.ping()).resolves.toBeUndefined();
    });

    (features.detectsMissingHandler ? it : it.skip)(
      'rejects a request on a topic nobody serves',
      async () => {
        await expect(
          transport.request(topic, 'PAY-1', { n: 1 }, { timeoutMs: 5_000 }),
        ).rejects.toBeInstanceOf(NoHandlerError);
      },
    );
  });
}
