import { PartitionProgress } from './partition-progress';

describe('PartitionProgress', () => {
  it('commits only up to the first unfinished record', () => {
    const p = new PartitionProgress();
    expect(p.watermark).toBeUndefined();
    for (const o of [5n, 6n, 7n]) expect(p.take(o)).toBe(true);
    expect(p.watermark).toBe(5n);
    p.finish(6n);
    p.finish(7n);
    expect(p.watermark).toBe(5n); // 5 still running: 6 and 7 must be redelivered if we die now
    p.finish(5n);
    expect(p.watermark).toBe(8n);
    expect(p.toCommit).toBe(8n);
    p.committed = 8n;
    expect(p.toCommit).toBeUndefined();
  });

  it('ignores records fetched again after a rebalance', () => {
    const p = new PartitionProgress();
    p.take(10n);
    p.take(11n);
    p.finish(10n);
    expect(p.take(10n)).toBe(false);
    expect(p.take(11n)).toBe(false);
    expect(p.take(12n)).toBe(true);
    expect(p.inFlight).toBe(2);
  });

  it('keeps a record that is never finished (abandoned on close) below the watermark', () => {
    const p = new PartitionProgress();
    p.take(1n);
    p.take(2n);
    p.finish(1n);
    expect(p.watermark).toBe(2n);
  });
});
