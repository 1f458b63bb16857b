import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@ph/event-store';
import { Client } from 'pg';
import { freePort } from '../support/free-port';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts the server in a child node process (like the app) and resolves with its pid once ready. */
function startInChild(dataDir: string, port: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['test/support/run-ts.js', 'test/support/embedded-postgres-child.ts', dataDir, String(port)],
    {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve(child.pid!);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited (${code}): ${output}`)));
  });
}

describe('startEmbeddedPostgres', () => {
  jest.setTimeout(60_000);
  let root: string;
  let dataDir: string;
  const servers: EmbeddedPostgres[] = [];
  const start = async (onProgress?: (line: string) => void) => {
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      settings: { fsync: 'off' },
      onProgress,
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ph-embedded-'));
    await chmod(root, 0o755);
    dataDir = path.join(root, 'pg');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(root, { recursive: true, force: true });
  });

  it('initialises the data directory on first start only, and keeps the data between runs', async () => {
    const first: string[] = [];
    const server = await start((line) => first.push(line));
    expect(first[0]).toBe(`initialising PostgreSQL data directory in ${dataDir}`);
    expect(first).toContain(`PostgreSQL listening on 127.0.0.1:${server.port}`);
    expect(server.connectionString).toContain('/payment_handler');
    await query(server.connectionString, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$hello$$)');
    await server.stop();

    const second: string[] = [];
    const again = await start((line) => second.push(line));
    expect(second.some((line) => line.startsWith('initialising'))).toBe(false);
    await expect(query(again.connectionString, 'SELECT v FROM kept')).resolves.toEqual([{ v: 'hello' }]);
    await again.stop();
  });

  it('starts over a postmaster.pid whose server is gone', async () => {
    await writeFile(path.join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n`);
    const lines: string[] = [];
    const server = await start((line) => lines.push(line));
    expect(lines.some((line) => line.startsWith('removing stale postmaster.pid'))).toBe(true);
    await expect(query(server.connectionString, 'SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await server.stop();
  });

  it('starts again on the same data directory after the owning process was killed with SIGKILL', async () => {
    const pid = await startInChild(dataDir, await freePort());
    process.kill(pid, 'SIGKILL');
    const server = await start();
    await expect(query(server.connectionString, 'SELECT v FROM kept')).resolves.toEqual([{ v: 'hello' }]);
    await server.stop();
  });

  it('takes over from a server still running on the data directory', async () => {
    await start(); // never stopped: plays the orphan of a killed process
    const lines: string[] = [];
    const server = await start((line) => lines.push(line));
    expect(lines.some((line) => line.startsWith('stopping PostgreSQL'))).toBe(true);
    await expect(query(server.connectionString, 'SELECT v FROM kept')).resolves.toEqual([{ v: 'hello' }]);
    await server.stop();
  });
});
