import { existsSync } from 'node:fs';

/** A Docker-compatible engine that testcontainers could use, if any (there is none on the CI machines). */
export function findContainerRuntime(): string | undefined {
  const fromEnv = process.env.DOCKER_HOST;
  if (fromEnv) return fromEnv;
  const uid = process.getuid?.() ?? 0;
  return ['/var/run/docker.sock', `/run/user/${uid}/podman/podman.sock`, '/run/podman/podman.sock'].find(
    (socket) => existsSync(socket),
  );
}
