import { StateCache } from './state-cache';

describe('StateCache', () => {
  it('returns what was set until it expires', () => {
    let now = 0;
    const cache = new StateCache<number>(10, 1000, () => now);
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
    now = 1001;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently written entry beyond its bound', () => {
    const cache = new StateCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
    cache.delete('a');
    expect(cache.size).toBe(1);
  });
});
