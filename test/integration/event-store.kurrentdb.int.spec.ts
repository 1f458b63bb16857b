import { execFileSync } from 'node:child_process';
import { createKurrentDbEventStore } from '@ph/event-store';
import { describeEventStoreContract, type EventStoreUnderTest } from './event-store.contract';

/**
 * The KurrentDB adapter passes the same contract where a server is reachable (architecture §5):
 * KURRENTDB_URL names one, or else a working container runtime (`docker info` succeeds) runs
 * `kurrentplatform/kurrentdb` through testcontainers. Without either the suite says why it skipped
 * (counted as skipped, never as passed).
 */
const IMAGE = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:latest';

/** `docker info` succeeding: the engine testcontainers would talk to is up (not just a socket file). */
function containerRuntimeWorks(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

type Server = { url: string; stop(): Promise<void> };

async function startContainer(): Promise<Server> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_MEM_DB: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((s) => s === 204 || s === 200))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => void (await container.stop()),
  };
}

function plan(): { reason: string } | { server: () => Promise<Server> } {
  const url = process.env.KURRENTDB_URL;
  if (url) return { server: async () => ({ url, stop: async () => undefined }) };
  if (containerRuntimeWorks()) return { server: startContainer };
  return {
    reason: 'KURRENTDB_URL not set and no container runtime (`docker info` failed or docker is missing)',
  };
}

const chosen = plan();
if ('reason' in chosen) {
  console.warn(`KurrentDB contract skipped: ${chosen.reason}`);
  // Skipped on purpose: no KurrentDB server here (no KURRENTDB_URL, no container runtime); counted as skipped.
  it.skip(`KurrentDB contract skipped: ${chosen.reason}`, () => undefined);
} else {
  describeEventStoreContract(
    'kurrentdb',
    async (): Promise<EventStoreUnderTest> => {
      const server = await chosen.server();
      const store = await createKurrentDbEventStore({ connectionString: server.url });
      return {
        store,
        dispose: async () => {
          await store.close();
          await server.stop();
        },
      };
    },
    // No SQL transaction to hold open; event ids are unique per stream only (see kurrentdb-event-store.ts).
    { heldOpenAppends: false, globalEventIdUniqueness: false },
  );
}
