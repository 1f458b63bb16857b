import { AppendBatcher, type BatchItem } from './append-batcher';

type Item = BatchItem<string> & { readonly label: string };

function harness(maxBatchSize = 3, maxConcurrentBatches = 1) {
  const sent: string[][] = [];
  const release: Array<() => void> = [];
  const batcher = new AppendBatcher<Item>({ maxBatchSize, maxConcurrentBatches }, (batch) => {
    sent.push(batch.map((i) => i.label));
    return new Promise<void>((resolve) =>
      release.push(() => {
        batch.forEach((i) => i.resolve(i.label));
        resolve();
      }),
    );
  });
  const submit = (streamId: string, label = streamId) =>
    new Promise<string>((resolve, reject) => batcher.submit({ streamId, label, resolve, reject }));
  const flush = () => new Promise((r) => setImmediate(r));
  return { batcher, sent, release, submit, flush };
}

describe('AppendBatcher', () => {
  it('sends an append at once when idle and queues the rest for the next batch, up to the size limit', async () => {
    const h = harness(3);
    void h.submit('a');
    expect(h.sent).toEqual([['a']]); // no added latency when idle
    ['b', 'c', 'd', 'e'].forEach((s) => void h.submit(s));
    expect(h.sent).toHaveLength(1);
    h.release.shift()!();
    await h.flush();
    expect(h.sent[1]).toEqual(['b', 'c', 'd']);
    h.release.shift()!();
    await h.flush();
    expect(h.sent[2]).toEqual(['e']);
    h.release.shift()!();
    await h.batcher.drained();
    expect(h.batcher.stats).toEqual({ batches: 3, appends: 5, largestBatch: 3 });
  });

  it('never puts two appends of one stream in a batch, nor overtakes an earlier append of that stream', async () => {
    const h = harness(10);
    void h.submit('x', 'x1');
    void h.submit('x', 'x2');
    void h.submit('y', 'y1');
    void h.submit('x', 'x3');
    h.release.shift()!();
    await h.flush();
    expect(h.sent[1]).toEqual(['x2', 'y1']);
    h.release.shift()!();
    await h.flush();
    expect(h.sent[2]).toEqual(['x3']);
    h.release.shift()!();
    await h.batcher.drained();
  });

  it('does not send a stream that is in flight in another batch', async () => {
    const h = harness(10, 2);
    void h.submit('x', 'x1');
    void h.submit('x', 'x2');
    void h.submit('y', 'y1');
    expect(h.sent).toEqual([['x1'], ['y1']]);
    h.release.shift()!();
    await h.flush();
    expect(h.sent[2]).toEqual(['x2']);
    h.release.forEach((r) => r());
    await h.flush();
    h.release.slice(1).forEach((r) => r());
    await h.batcher.drained();
  });
});
