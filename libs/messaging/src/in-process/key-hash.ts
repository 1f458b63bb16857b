/**
 * Which of `count` handlers owns `key`: FNV-1a (32 bits) modulo count. Stable across runs, so a key
 * stays with one handler while the set of handlers does not change (a partition's owner, in Kafka terms).
 */
export function handlerIndexForKey(key: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`handler count must be >= 1: ${count}`);
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
