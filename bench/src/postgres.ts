import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../libs/event-store/src/postgres/embedded-server';
import { freePort, log } from './processes';

/**
 * The one PostgreSQL of a bench run (inserts, embedded and distributed payments all use it, each in
 * schemas of its own): BENCH_DATABASE_URL, or a fresh embedded server with default durability (fsync
 * on, like the embedded mode), removed at the end.
 */
export interface BenchPostgres {
  readonly url: string;
  readonly description: string;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, description: 'BENCH_DATABASE_URL', stop: async () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ph-bench-'));
  chmodSync(dir, 0o755); // the embedded server runs as the postgres user and must reach it
  log('• PostgreSQL: starting an embedded server (fresh data directory, fsync on)');
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      settings: { max_connections: '200' },
    });
    return {
      url: server.connectionString,
      description: 'embedded PostgreSQL, fsync on',
      stop: async () => {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Schema names unique to this run (valid identifiers). */
export const benchSchema = (label: string): string => `${label}_bench_${process.pid}_${Date.now() % 1e6}`;
