import { RequestTimeoutError } from '../transport.port';
import { InProcessPaymentApiTransport } from './in-process-transport';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe(InProcessPaymentApiTransport.name, () => {
  it('never drops a late reply: without onLateReply handlers it warns', async () => {
    const warnings: unknown[][] = [];
    const transport = new InProcessPaymentApiTransport<string, string>({
      warn: (...args) => void warnings.push(args),
    });
    const release = gate();
    await transport.serve('t', async (request) => {
      await release.opened;
      return `re:${request}`;
    });
    await expect(
      transport.request('t', 'k', 'x', { timeoutMs: 1, correlationId: 'c1' }),
    ).rejects.toBeInstanceOf(RequestTimeoutError);
    release.open();
    await transport.close();
    expect(warnings).toEqual([
      [
        expect.stringContaining('late reply on t for c1'),
        { topic: 't', correlationId: 'c1', key: 'k', reply: 're:x' },
      ],
    ]);
  });

  it('warns about a handler that fails after its requester gave up', async () => {
    const warnings: unknown[][] = [];
    const transport = new InProcessPaymentApiTransport<string, string>({
      warn: (...args) => void warnings.push(args),
    });
    const release = gate();
    await transport.serve('t', async () => {
      await release.opened;
      throw new Error('boom');
    });
    await expect(
      transport.request('t', 'k', 'x', { timeoutMs: 1, correlationId: 'c2' }),
    ).rejects.toBeInstanceOf(RequestTimeoutError);
    release.open();
    await transport.close();
    expect(warnings[0]![0]).toContain('late failure on t for c2');
  });

  it('turns a handler that throws synchronously into a failed request', async () => {
    const transport = new InProcessPaymentApiTransport<string, string>();
    await transport.serve('t', (() => {
      throw new Error('sync');
    }) as never);
    await expect(transport.request('t', 'k', 'x', { timeoutMs: 1_000 })).rejects.toThrow('sync');
  });

  it('refuses a non-positive time-out', async () => {
    const transport = new InProcessPaymentApiTransport();
    await transport.serve('t', async () => 'ok');
    await expect(transport.request('t', 'k', 'x', { timeoutMs: 0 })).rejects.toBeInstanceOf(RangeError);
  });
});
