/**
 * Typed reading of environment variables. Every variable the apps read is declared once in
 * config-schema.ts with its default and meaning (the README's configuration table comes from there),
 * and all problems are reported together at start rather than one per restart.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  string(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?[0-9]+$/.test(raw)) {
      this.problems.push(`${name}='${raw}' is not an integer`);
      return fallback;
    }
    const v = Number(raw);
    if (v < min || v > max) this.problems.push(`${name}=${v} is outside ${min}..${max}`);
    return v;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${name}='${v}' must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return v as T;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.optional(name);
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(v.toLowerCase())) return false;
    this.problems.push(`${name}='${v}' must be true or false`);
    return fallback;
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  /** Throws ConfigError listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
