/** Names derived from the configured schema: identifiers, the NOTIFY channel and the position lock. */

const SIMPLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export interface SchemaNames {
  readonly schema: string;
  /** `"es".events` */
  readonly events: string;
  readonly positionSequence: string;
  readonly appendFunction: string;
  /** The group-commit variant: many appends in one statement (schema.ts). */
  readonly appendBatchFunction: string;
  /** LISTEN/NOTIFY channel, one per schema so test schemas do not wake each other. */
  readonly channel: string;
  /** Two int4 keys of the advisory lock that orders position allocation (see schema.ts). */
  readonly positionLock: readonly [number, number];
}

/** Only simple lower-case names: they end up in identifiers, channel names and statement names. */
export function schemaNames(schema: string): SchemaNames {
  if (!SIMPLE_NAME.test(schema)) {
    throw new RangeError(`schema name must match ${String(SIMPLE_NAME)}: ${JSON.stringify(schema)}`);
  }
  const q = `"${schema}"`;
  return {
    schema,
    events: `${q}.events`,
    positionSequence: `${q}.events_global_position_seq`,
    appendFunction: `${q}.append_events`,
    appendBatchFunction: `${q}.append_events_batch`,
    channel: `${schema}_events`,
    positionLock: [0x45530001, fnv1a32(schema) | 0],
  };
}

/** FNV-1a, 32 bits: a stable hash of the schema name for the advisory lock key. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
