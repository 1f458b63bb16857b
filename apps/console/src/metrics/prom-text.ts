/*
 * A parser of the Prometheus text exposition format 0.0.4 (what prom-client serves on /metrics):
 *
 *   # HELP name text with \\ and \n escapes
 *   # TYPE name counter|gauge|histogram|summary|untyped
 *   name{label="value",other="v \" \\ \n"} 1.5e3 1700000000000
 *
 * Samples of a histogram or summary (`_bucket`, `_sum`, `_count`) belong to the family named by
 * TYPE. Values are Go floats (NaN, +Inf, -Inf allowed); the optional timestamp is in ms. A bad line
 * is reported with its number and skipped, so one odd metric does not hide an app's others.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name (e.g. `iotp_message_duration_seconds_bucket`). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly timestampMs?: number;
}

export interface MetricFamily {
  readonly name: string;
  type: MetricType;
  help?: string;
  readonly samples: Sample[];
}

export interface Exposition {
  readonly families: ReadonlyMap<string, MetricFamily>;
  /** Lines that could not be read: `line N: why`. */
  readonly errors: readonly string[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

export function parseFloatGo(text: string): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(text))
    throw new Error(`bad value ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** `{a="x",b="y"}` from position `i` (at the `{`); returns the labels and the position after `}`. */
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  const skipSpace = () => {
    while (line[i] === ' ' || line[i] === '\t') i++;
  };
  for (;;) {
    skipSpace();
    if (line[i] === '}') return { labels, end: i + 1 };
    const m = LABEL_NAME.exec(line.slice(i));
    if (!m) throw new Error('bad label name');
    const name = m[0];
    i += name.length;
    skipSpace();
    if (line[i] !== '=') throw new Error(`no = after label ${name}`);
    i++;
    skipSpace();
    if (line[i] !== '"') throw new Error(`label ${name} is not quoted`);
    i++;
    let value = '';
    for (;;) {
      const c = line[i];
      if (c === undefined) throw new Error(`unterminated value of label ${name}`);
      if (c === '"') break;
      if (c === '\\') {
        const n = line[i + 1];
        if (n === 'n') value += '\n';
        else if (n === '\\' || n === '"') value += n;
        else throw new Error(`bad escape in label ${name}`);
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    i++;
    if (Object.prototype.hasOwnProperty.call(labels, name)) throw new Error(`label ${name} repeated`);
    labels[name] = value;
    skipSpace();
    if (line[i] === ',') {
      i++;
      continue;
    }
    if (line[i] === '}') return { labels, end: i + 1 };
    throw new Error('expected , or } in labels');
  }
}

/** The family a sample name belongs to, given the TYPE lines seen so far. */
function familyOf(sampleName: string, families: Map<string, MetricFamily>): string {
  if (families.has(sampleName)) return sampleName;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = sampleName.slice(0, -suffix.length);
    const f = families.get(base);
    if (f && (SUFFIXES[f.type] ?? []).includes(suffix)) return base;
  }
  return sampleName;
}

export function parsePrometheusText(text: string): Exposition {
  const families = new Map<string, MetricFamily>();
  const errors: string[] = [];
  const family = (name: string): MetricFamily => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    try {
      if (line.startsWith('#')) {
        const m = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s+(.*))?$/.exec(line);
        if (!m) return; // a comment
        const f = family(m[2]!);
        if (m[1] === 'HELP') f.help = unescapeHelp(m[3] ?? '');
        else {
          const t = (m[3] ?? '').trim() as MetricType;
          if (!TYPES.includes(t)) throw new Error(`unknown type ${JSON.stringify(t)}`);
          f.type = t;
        }
        return;
      }
      const nm = NAME.exec(line);
      if (!nm) throw new Error('no metric name');
      const name = nm[0];
      let i = name.length;
      let labels: Record<string, string> = {};
      if (line[i] === '{') {
        const r = parseLabels(line, i);
        labels = r.labels;
        i = r.end;
      }
      const rest = line.slice(i).trim().split(/\s+/);
      if (rest.length < 1 || rest.length > 2 || rest[0] === '') throw new Error('expected a value');
      const value = parseFloatGo(rest[0]!);
      let timestampMs: number | undefined;
      if (rest[1] !== undefined) {
        if (!/^-?\d+$/.test(rest[1])) throw new Error('bad timestamp');
        timestampMs = Number(rest[1]);
      }
      family(familyOf(name, families)).samples.push({
        name,
        labels,
        value,
        ...(timestampMs !== undefined && { timestampMs }),
      });
    } catch (error) {
      errors.push(`line ${index + 1}: ${(error as Error).message}`);
    }
  });
  return { families, errors };
}

/**
 * Sum of the samples named `sampleName` (e.g. a counter over all its label sets): 0 for a family
 * without samples yet (a labelled counter before its first increment), undefined for no family.
 */
export function sumOf(exposition: Exposition, family: string, sampleName = family): number | undefined {
  const f = exposition.families.get(family);
  if (!f) return undefined;
  let sum = 0;
  for (const s of f.samples) if (s.name === sampleName && !Number.isNaN(s.value)) sum += s.value;
  return sum;
}

/** Largest sample value of a family (a gauge over its label sets); undefined if none. */
export function maxOf(exposition: Exposition, family: string): number | undefined {
  const f = exposition.families.get(family);
  let max: number | undefined;
  for (const s of f?.samples ?? []) if (!Number.isNaN(s.value)) max = Math.max(max ?? -Infinity, s.value);
  return max;
}

/** A histogram's cumulative buckets summed over every label set but `le`: [upper bound, count] ascending. */
export function histogramBuckets(exposition: Exposition, family: string): [number, number][] {
  const f = exposition.families.get(family);
  const buckets = new Map<number, number>();
  for (const s of f?.samples ?? []) {
    if (s.name !== `${family}_bucket` || s.labels.le === undefined) continue;
    let bound: number;
    try {
      bound = parseFloatGo(s.labels.le);
    } catch {
      continue;
    }
    buckets.set(bound, (buckets.get(bound) ?? 0) + s.value);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]);
}
