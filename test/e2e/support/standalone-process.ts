import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Builds dist/ once per test file (SWC, ~0.2 s): the crash tests run the real `npm start` entry point. */
export function buildDist(): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export interface StandaloneProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `node dist/apps/standalone/src/main.js` and resolves once it prints that it is ready. */
export async function startStandaloneProcess(env: Record<string, string>): Promise<StandaloneProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/standalone/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('IOTP Payment Handler ready')) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`standalone exited early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`standalone did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => out, exited };
}
