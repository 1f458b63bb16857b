import { spawn } from 'node:child_process';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// globalSetup runs outside jest's module mapper: relative imports only.
import { freePort } from './free-port';

/**
 * The Kafka broker of a test run: `infra/scripts/kafka.mjs up` on free ports with a throw-away data
 * dir (the jars come from the shared cache, fetched once). KAFKA_BROKERS set: that broker is used and
 * nothing starts. If the broker cannot start (no Java, no Maven, no download), KAFKA_UNAVAILABLE says
 * why and the Kafka suites skip with that reason.
 */
export interface TestKafkaBroker {
  readonly dataDir: string;
  readonly env: Record<string, string>;
}

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'infra', 'scripts', 'kafka.mjs');
/** Test files that import this marker need the broker. */
const MARKER = 'support/kafka-env';

interface GlobalConfigLike {
  testPathPatterns?: { patterns?: readonly string[] } | readonly string[];
}

/** Whether the selected test files include one that needs Kafka (no path patterns: the whole suite). */
export async function runNeedsKafka(globalConfig: GlobalConfigLike | undefined): Promise<boolean> {
  const raw = globalConfig?.testPathPatterns;
  const patterns = (
    Array.isArray(raw) ? raw : ((raw as { patterns?: string[] } | undefined)?.patterns ?? [])
  ) as string[];
  if (patterns.length === 0) return true;
  const candidates: string[] = [];
  for (const dir of ['test/integration', 'test/e2e']) {
    const entries = await readdir(path.join(root, dir)).catch(() => [] as string[]);
    for (const entry of entries) {
      if (!entry.endsWith('.ts')) continue;
      const file = path.join(root, dir, entry);
      if ((await readFile(file, 'utf8')).includes(MARKER)) candidates.push(file);
    }
  }
  return candidates.some((file) =>
    patterns.some((pattern) => {
      try {
        return new RegExp(pattern, 'i').test(file);
      } catch {
        return true;
      }
    }),
  );
}

function kafkaScript(
  command: 'up' | 'down',
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, command], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const echo = (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk); // progress (the first run downloads the broker)
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
  });
}

export async function startTestKafka(
  globalConfig: GlobalConfigLike | undefined,
): Promise<TestKafkaBroker | undefined> {
  if (process.env.KAFKA_BROKERS || process.env.KAFKA_UNAVAILABLE) return undefined;
  if (!(await runNeedsKafka(globalConfig))) return undefined;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ph-test-kafka-'));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const env = {
    KAFKA_DATA_DIR: dataDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    BRIDGES: '', // each suite creates its own topics
  };
  const started = await kafkaScript('up', env);
  if (started.code !== 0) {
    const reason = started.output.trim().split('\n').slice(-3).join(' ').replace(/\s+/g, ' ');
    process.env.KAFKA_UNAVAILABLE = `the test broker did not start: ${reason}`;
    await kafkaScript('down', env);
    await rm(dataDir, { recursive: true, force: true });
    return undefined;
  }
  process.env.KAFKA_BROKERS = `127.0.0.1:${port}`;
  // Lets a suite restart the broker (reconnect test); absent when KAFKA_BROKERS came from outside.
  process.env.KAFKA_TEST_BROKER_ENV = JSON.stringify(env);
  return { dataDir, env };
}

export async function stopTestKafka(broker: TestKafkaBroker | undefined): Promise<void> {
  if (!broker) return;
  await kafkaScript('down', broker.env);
  await rm(broker.dataDir, { recursive: true, force: true });
}

/** For a suite: `infra/scripts/kafka.mjs down` or `up` on the run's broker. */
export async function restartTestKafka(env: Record<string, string>, command: 'up' | 'down'): Promise<void> {
  const { code, output } = await kafkaScript(command, env);
  if (code !== 0) throw new Error(`kafka.mjs ${command} failed:\n${output}`);
}
