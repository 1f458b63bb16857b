import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, log, ROOT } from './processes';

/**
 * The Kafka broker of a bench run: KAFKA_BROKERS if given, else `infra/scripts/kafka.mjs up` on free
 * ports with a throw-away data dir (topics of the hash-secret bridge created), `down` at the end.
 */
export interface BenchKafka {
  readonly brokers: string[];
  readonly description: string;
  stop(): Promise<void>;
}

function kafkaScript(command: 'up' | 'down', env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'infra/scripts/kafka.mjs'), command], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // kafka.mjs' progress lines go to our stderr (the table owns stdout).
    child.stdout.on('data', (d: Buffer) => process.stderr.write(d));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

export async function startBenchKafka(): Promise<BenchKafka> {
  const given = process.env.KAFKA_BROKERS;
  if (given) {
    return {
      brokers: given.split(',').map((b) => b.trim()),
      description: `KAFKA_BROKERS=${given}`,
      stop: async () => undefined,
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ph-bench-kafka-'));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const env = {
    KAFKA_DATA_DIR: dir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    BRIDGES: 'hash-secret',
  };
  log(`• Kafka: infra/scripts/kafka.mjs up on 127.0.0.1:${port} (data ${dir})`);
  const stop = async () => {
    await kafkaScript('down', env);
    rmSync(dir, { recursive: true, force: true });
  };
  if ((await kafkaScript('up', env)) !== 0) {
    await stop();
    throw new Error('the Kafka broker did not start (see the lines above); or set KAFKA_BROKERS');
  }
  return { brokers: [`127.0.0.1:${port}`], description: 'local KRaft broker (kafka.mjs)', stop };
}
