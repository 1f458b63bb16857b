import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** Child processes of the bench: started from dist/, waited for, stopped; none outlives the bench. */
export const ROOT = path.resolve(__dirname, '../../..');
export const log = (line: string): void => void process.stderr.write(`${line}\n`);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();

/** Starts `script` (relative to the repo) and waits until its output contains `ready` or `isReady()` holds. */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  ready: string | (() => Promise<boolean>),
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (typeof ready === 'string' ? out.includes(ready) : await ready()) return child;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} not ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** For an interrupted bench: kills what is still running (SIGKILL; the bench is going away). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** True once `url` answers 200. */
export const answers200 = (url: string) => async (): Promise<boolean> => {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
};
