import { KeyedSerialQueue } from './keyed-serial-queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('KeyedSerialQueue', () => {
  it('runs one key in order, a failure not blocking the next task', async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('k', async () => {
      await first.opened;
      log.push('a');
      throw new Error('a failed');
    });
    const b = queue.run('k', async () => void log.push('b'));
    await Promise.resolve();
    expect(log).toEqual([]);
    first.open();
    await expect(a).rejects.toThrow('a failed');
    await b;
    expect(log).toEqual(['a', 'b']);
  });

  it('runs other keys meanwhile and reports idle when all are done', async () => {
    const queue = new KeyedSerialQueue();
    const blocked = gate();
    const slow = queue.run('k1', () => blocked.opened);
    await expect(queue.run('k2', async () => 'done')).resolves.toBe('done');
    expect(queue.size).toBe(1);
    let idle = false;
    const whenIdle = queue.whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    blocked.open();
    await slow;
    await whenIdle;
    expect(queue.size).toBe(0);
  });
});
