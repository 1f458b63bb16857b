import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedMutex', () => {
  it('runs tasks of one key in arrival order, one at a time', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let release!: () => void;
    const first = mutex.run('tx', async () => {
      log.push('a:start');
      await new Promise<void>((r) => (release = r));
      log.push('a:end');
    });
    const second = mutex.run('tx', async () => {
      log.push('b');
    });
    await tick();
    expect(log).toEqual(['a:start']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a:start', 'a:end', 'b']);
    expect(mutex.size).toBe(0);
  });

  it('keeps going after a failed task and lets other keys run in parallel', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.run('tx', async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(mutex.run('tx', async () => 'next')).resolves.toBe('next');
    let otherRan = false;
    let release!: () => void;
    const blocked = mutex.run('a', () => new Promise<void>((r) => (release = r)));
    await mutex.run('b', async () => {
      otherRan = true;
    });
    expect(otherRan).toBe(true);
    release();
    await blocked;
  });
});
