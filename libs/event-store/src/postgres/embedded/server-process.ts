import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { RunAs } from './run-as';

/** Runs a command (as the PostgreSQL user when we are root) and resolves with its output. */
export function runToCompletion(command: string, args: readonly string[], runAs?: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: cEnv() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/**
 * Starts the postmaster with its log on `logFd`. Where util-linux `setpriv` exists, the server gets
 * SIGINT (fast shutdown) when our process dies, even by SIGKILL, so it never outlives the app.
 */
export function spawnPostmaster(
  postgres: string,
  args: readonly string[],
  logFd: number,
  runAs?: RunAs,
): ChildProcess {
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));
  const [command, commandArgs] = setpriv
    ? [setpriv, ['--pdeathsig', 'INT', '--', postgres, ...args]]
    : [postgres, [...args]];
  const child = spawn(command, commandArgs, { ...runAs, stdio: ['ignore', logFd, logFd], env: cEnv() });
  child.unref(); // a forgotten stop() must not keep the process alive (the death signal stops the server)
  return child;
}

/** Sends `signal`, waits up to `graceMs`, then escalates: SIGINT (fast) → SIGQUIT (immediate) → SIGKILL. */
export async function stopProcess(pid: number, graceMs = 20_000): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', graceMs],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (!isAlive(pid)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitUntil(() => !isAlive(pid), waitMs)) return;
  }
  throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited process its parent has not reaped yet (a PID 1 that does not reap leaves them around). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}

/** English server messages whatever the machine's locale (we read them back in errors). */
function cEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
}
