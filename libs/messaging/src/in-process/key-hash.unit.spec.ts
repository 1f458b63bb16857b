import { handlerIndexForKey } from './key-hash';

describe('handlerIndexForKey', () => {
  it('is stable and within range', () => {
    for (const key of ['PAY-1', 'PAY-2', '', 'ÄÖÜ']) {
      const index = handlerIndexForKey(key, 3);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(3);
      expect(handlerIndexForKey(key, 3)).toBe(index);
    }
    expect(handlerIndexForKey('anything', 1)).toBe(0);
  });

  it('spreads keys over handlers', () => {
    const used = new Set(Array.from({ length: 100 }, (_, i) => handlerIndexForKey(`PAY-${i}`, 4)));
    expect(used).toEqual(new Set([0, 1, 2, 3]));
  });

  it('refuses zero handlers', () => {
    expect(() => handlerIndexForKey('k', 0)).toThrow(RangeError);
  });
});
