import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('wakes a waiter', async () => {
    const signal = new WakeSignal();
    const woken = signal.wait(60_000);
    signal.notify();
    await expect(woken).resolves.toBeUndefined();
  });

  it('keeps a notification that came before the wait, once', async () => {
    jest.useFakeTimers();
    try {
      const signal = new WakeSignal();
      signal.notify();
      signal.notify();
      await signal.wait(60_000); // returns at once
      let second = false;
      void signal.wait(60_000).then(() => (second = true));
      await Promise.resolve();
      expect(second).toBe(false); // the two notifications counted as one
      jest.advanceTimersByTime(60_000);
      await Promise.resolve();
      expect(second).toBe(true); // the poll interval still ends the wait
    } finally {
      jest.useRealTimers();
    }
  });
});
