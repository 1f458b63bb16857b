/** One app whose Prometheus /metrics the console scrapes. */
export interface MetricsTarget {
  /** Shown on the overview, e.g. `gateway-0`. */
  readonly name: string;
  readonly url: string;
  /**
   * Given as `dns+http(s)://host:port/path`: the host is resolved at every scrape and each address is
   * its own target (`name@address`) — one per pod behind a Kubernetes headless Service.
   */
  readonly discover?: boolean;
}

const NAME = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * `gateway=http://10.0.0.5:8080/metrics,worker=dns+http://payment-worker-pods:8093/metrics`
 * (CONSOLE_METRICS_TARGETS): names unique, URLs http(s) with a host, or dns+http(s) for one target per
 * address of the host. Throws a readable error naming the bad entry.
 */
export function parseMetricsTargets(text: string): MetricsTarget[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('no target (expected name=url, comma-separated)');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`'${entry}' is not name=url`);
    const name = entry.slice(0, eq).trim();
    const given = entry.slice(eq + 1).trim();
    const discover = given.startsWith('dns+');
    const url = discover ? given.slice('dns+'.length) : given;
    if (!NAME.test(name)) throw new Error(`target name '${name}' must be 1–40 letters, digits, . _ -`);
    if (seen.has(name)) throw new Error(`target name '${name}' is given twice`);
    seen.add(name);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`target ${name}: '${url}' is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`target ${name}: '${url}' is not an http(s) URL`);
    if (parsed.username || parsed.password)
      throw new Error(`target ${name}: credentials in the URL are not accepted`);
    return { name, url: parsed.toString(), ...(discover && { discover }) };
  });
}
