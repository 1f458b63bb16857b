import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** First line of postmaster.pid is the postmaster's pid; the second its data directory. */
export function parsePostmasterPid(content: string): { pid: number; dataDir: string } | undefined {
  const [pidLine, dataDir] = content.split('\n');
  const pid = Number(pidLine?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || dataDir === undefined) return undefined;
  return { pid, dataDir: dataDir.trim() };
}

export type StaleServer =
  | { readonly state: 'none' }
  /** The file names a process that is gone (or was reused by another program): safe to delete. */
  | { readonly state: 'stale-file'; readonly pid: number }
  /** A postmaster still serves this data directory, e.g. an orphan of a process killed with SIGKILL. */
  | { readonly state: 'running'; readonly pid: number };

export function inspectPostmasterPid(dataDir: string): StaleServer {
  let content: string;
  try {
    content = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return { state: 'none' };
  }
  const parsed = parsePostmasterPid(content);
  if (!parsed) return { state: 'stale-file', pid: 0 };
  return isPostmasterOf(parsed.pid, dataDir)
    ? { state: 'running', pid: parsed.pid }
    : { state: 'stale-file', pid: parsed.pid };
}

export function removePostmasterPid(dataDir: string): void {
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
}

/** A live process whose command line is `postgres … -D <dataDir>` (Linux /proc; elsewhere: alive). */
function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(args[0] ?? '') === 'postgres' && args.includes(path.resolve(dataDir));
  } catch {
    return process.platform !== 'linux';
  }
}
