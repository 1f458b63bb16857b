import type { Pool, QueryConfig } from 'pg';

/** One statement a page query issued, as the console's code issued it. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
  readonly ms: number;
}

/**
 * The pool the console's query classes get: the real one, with every `query` call recorded (text,
 * values, time) so the bench can EXPLAIN exactly what a slow page ran. Nothing else is changed.
 */
export function recordingPool(pool: Pool): { pool: Pool; take(): Statement[] } {
  let recorded: Statement[] = [];
  const query = async (config: string | QueryConfig, values?: unknown[]) => {
    const text = typeof config === 'string' ? config : config.text;
    const vals = (typeof config === 'string' ? values : (config.values ?? values)) ?? [];
    const t0 = performance.now();
    try {
      return await (pool.query as (c: string | QueryConfig, v?: unknown[]) => Promise<unknown>)(
        config,
        values,
      );
    } finally {
      recorded.push({ text, values: vals, ms: performance.now() - t0 });
    }
  };
  const proxy = new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'query') return query;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    pool: proxy,
    take() {
      const r = recorded;
      recorded = [];
      return r;
    },
  };
}
