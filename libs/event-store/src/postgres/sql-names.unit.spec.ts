import { fnv1a32, schemaNames } from './sql-names';

describe('schemaNames', () => {
  it('derives quoted identifiers, the channel and a per-schema lock key', () => {
    const names = schemaNames('es');
    expect(names.events).toBe('"es".events');
    expect(names.appendFunction).toBe('"es".append_events');
    expect(names.channel).toBe('es_events');
    expect(schemaNames('other').positionLock).not.toEqual(names.positionLock);
  });

  it.each(['', 'Es', 'es;drop', '1es', 'a'.repeat(49)])('refuses %j', (bad) => {
    expect(() => schemaNames(bad)).toThrow(RangeError);
  });

  it('hashes with FNV-1a (known vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });
});
