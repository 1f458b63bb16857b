#!/usr/bin/env node
// A local Apache Kafka broker without Docker: the official artifacts from Maven Central, run on the
// machine's Java 17+ in KRaft mode (broker and controller in one process). See infra/kafka/README.md.
//
//   node infra/scripts/kafka.mjs up | down | status
//
// Environment (all optional):
//   KAFKA_VERSION          broker version (default 4.4.0; also the pom's kafka.version)
//   KAFKA_CACHE_DIR        where the jars go (default ~/.cache/iotp-payment-handler/kafka/<version>)
//   KAFKA_DATA_DIR         log dirs, server.properties, pid and log file (default ./.data/kafka)
//   KAFKA_PORT             client listener on 127.0.0.1 (default 9092)
//   KAFKA_CONTROLLER_PORT  KRaft controller listener (default KAFKA_PORT + 1)
//   KAFKA_HEAP             -Xmx of the broker (default 512m)
//   KAFKA_START_TIMEOUT_MS how long `up` waits for the broker to answer (default 90000)
//   BRIDGES                bridges whose topics `up` creates (default every bridge; "" for none)
//   KAFKA_TOPIC_PARTITIONS partitions of each request topic and of paymentapi.replies (default 6)
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

const env = process.env;
const version = env.KAFKA_VERSION || '4.4.0';
const cacheDir = path.resolve(
  env.KAFKA_CACHE_DIR || path.join(os.homedir(), '.cache', 'iotp-payment-handler', 'kafka', version),
);
const libsDir = path.join(cacheDir, 'libs');
const dataDir = path.resolve(root, env.KAFKA_DATA_DIR || '.data/kafka');
const port = Number(env.KAFKA_PORT || 9092);
const controllerPort = Number(env.KAFKA_CONTROLLER_PORT || port + 1);
const heap = env.KAFKA_HEAP || '512m';
const startTimeoutMs = Number(env.KAFKA_START_TIMEOUT_MS || 90_000);
const bridges = (env.BRIDGES ?? 'hash-secret,set-like,sms-confirm,issuer-micro,e-purse')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const partitions = Number(env.KAFKA_TOPIC_PARTITIONS || 6);

const files = {
  pid: path.join(dataDir, 'kafka.pid'),
  log: path.join(dataDir, 'kafka.log'),
  properties: path.join(dataDir, 'server.properties'),
  log4j: path.join(dataDir, 'log4j2.properties'),
  clusterId: path.join(dataDir, 'cluster.id'),
  logDirs: path.join(dataDir, 'logs'),
  formatted: path.join(dataDir, 'logs', 'meta.properties'),
  complete: path.join(libsDir, '.complete'),
};

class Failure extends Error {}
const say = (line) => process.stdout.write(`[kafka] ${line}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------ checks

async function javaBinary() {
  const java = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
  let out;
  try {
    out = await run(java, ['-version']);
  } catch {
    throw new Failure(
      `Java 17 or newer is required to run Kafka and "${java}" was not found.\n` +
        '  Install it (Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.',
    );
  }
  const text = `${out.stderr}${out.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new Failure(
      `Java 17 or newer is required to run Kafka; "${java}" is ${match?.[0] ?? text.trim()}.`,
    );
  }
  return java;
}

/** True when nothing listens on 127.0.0.1:port. */
function portFree(p) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the broker this script started for this data dir, if it still runs. */
function ourPid() {
  if (!existsSync(files.pid)) return undefined;
  const pid = Number(readFileSync(files.pid, 'utf8').trim());
  if (!pid || !alive(pid)) return undefined;
  try {
    // Guard against a recycled pid: it must be a broker on our server.properties.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('kafka.Kafka') || !cmdline.includes(files.properties)) return undefined;
  } catch {
    // no /proc (not Linux): trust the pid file
  }
  return pid;
}

// ------------------------------------------------------------------ fetch

/** Changes with the pom (and the version), so an edited pom fetches again. */
function fetchStamp() {
  const pom = readFileSync(path.join(root, 'infra', 'kafka', 'pom.xml'));
  return `${version} ${createHash('sha256').update(pom).digest('hex').slice(0, 16)}`;
}

async function fetchArtifacts() {
  if (existsSync(files.complete) && readFileSync(files.complete, 'utf8').trim() === fetchStamp()) return;
  try {
    await run('mvn', ['-v']);
  } catch {
    throw new Failure(
      'Maven is required once, to fetch the Kafka artifacts from Maven Central, and "mvn" was not found.\n' +
        '  Install it (Debian: apt-get install -y maven).',
    );
  }
  const started = Date.now();
  say(`fetching Apache Kafka ${version} from Maven Central into ${cacheDir} (once; later runs reuse it)`);
  const staging = `${libsDir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });
  const args = [
    '-B',
    '-f',
    path.join(root, 'infra', 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    `-Dkafka.version=${version}`,
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
  ];
  const tail = [];
  let downloaded = 0;
  const code = await new Promise((resolve) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (/^\[INFO\] Downloaded from/.test(line)) {
          downloaded += 1;
          if (downloaded % 100 === 0) say(`  ${downloaded} files downloaded (${seconds(started)})`);
        }
      }
    };
    mvn.stdout.on('data', onData);
    mvn.stderr.on('data', onData);
    mvn.on('close', resolve);
    mvn.on('error', () => resolve(-1));
  });
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw new Failure(
      `fetching Kafka ${version} from Maven Central failed (mvn exit ${code}):\n${tail.join('\n')}`,
    );
  }
  await rm(libsDir, { recursive: true, force: true });
  await rename(staging, libsDir);
  await writeFile(files.complete, `${fetchStamp()}\n`);
  say(`fetched Kafka ${version} (${downloaded} files downloaded) in ${seconds(started)}`);
}

// ------------------------------------------------------------------ configure

function serverProperties() {
  return [
    '# Written by infra/scripts/kafka.mjs on every `up`: edit the script, not this file.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${files.logDirs}`,
    // one node: every internal topic with one replica
    'num.partitions=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // topics come from the project's admin code (ensureTopics), never from a typo
    'auto.create.topics.enable=false',
    // a new consumer group starts at once instead of waiting 3 s for more members
    'group.initial.rebalance.delay.ms=0',
    // small files for a development machine
    'log.segment.bytes=16777216',
    'log.retention.hours=24',
    'log.retention.check.interval.ms=60000',
    'offsets.topic.segment.bytes=8388608',
    'num.network.threads=2',
    'num.io.threads=4',
    '',
  ].join('\n');
}

const LOG4J2 = `# Broker logging (Log4j 2): INFO to stdout, which kafka.mjs sends to kafka.log.
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
logger.request.name = kafka.request.logger
logger.request.level = WARN
`;

function javaArgs(mainClass, ...args) {
  return [
    `-Xmx${heap}`,
    '-Xms128m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${files.log4j}`,
    `-Dkafka.logs.dir=${dataDir}`,
    '-cp',
    `${libsDir}/*`,
    mainClass,
    ...args,
  ];
}

async function configureAndFormat(java) {
  await mkdir(dataDir, { recursive: true });
  await writeFile(files.properties, serverProperties());
  await writeFile(files.log4j, LOG4J2);
  if (existsSync(files.formatted)) return;
  let clusterId = existsSync(files.clusterId) ? (await readFile(files.clusterId, 'utf8')).trim() : '';
  if (!clusterId) {
    clusterId = randomBytes(16).toString('base64url'); // the 22-character id `kafka-storage random-uuid` makes
    await writeFile(files.clusterId, `${clusterId}\n`);
  }
  say(`formatting storage in ${files.logDirs} (cluster ${clusterId})`);
  try {
    await run(
      java,
      javaArgs(
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        files.properties,
        '--ignore-formatted',
      ),
    );
  } catch (error) {
    throw new Failure(
      `formatting the Kafka storage failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`,
    );
  }
}

// ------------------------------------------------------------------ broker

function loadKafkajs() {
  try {
    return require('kafkajs');
  } catch {
    throw new Failure('kafkajs is not installed: run `npm ci` first.');
  }
}

/** describeCluster with a fresh admin; resolves true when the broker answers. */
async function answers(timeoutMs = 3_000) {
  const { Kafka, logLevel } = loadKafkajs();
  const kafka = new Kafka({
    clientId: 'kafka.mjs',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Loads the adapter's topics.ts (TypeScript) with @swc/core, so the script and the apps share ensureTopics. */
function loadTopicsModule() {
  const source = path.join(root, 'libs', 'messaging', 'src', 'kafka', 'topics.ts');
  const { transformFileSync } = require('@swc/core');
  const { code } = transformFileSync(source, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

async function createTopics() {
  if (bridges.length === 0) return;
  const { ensureTopics } = loadTopicsModule();
  const { Kafka, logLevel } = loadKafkajs();
  const kafka = new Kafka({
    clientId: 'kafka.mjs',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { created, existing } = await ensureTopics(admin, bridges, { partitions, replicationFactor: 1 });
    if (created.length) say(`created topics: ${created.join(', ')}`);
    if (existing.length) say(`topics already there: ${existing.join(', ')}`);
  } finally {
    await admin.disconnect();
  }
}

async function lastLogLines(n = 30) {
  try {
    return (await readFile(files.log, 'utf8')).trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

async function up() {
  const running = ourPid();
  if (running) {
    if (await answers()) {
      say(`already running on 127.0.0.1:${port} (pid ${running})`);
      await createTopics();
      return;
    }
    say(`pid ${running} runs but does not answer yet; waiting`);
    await waitUntilAnswering(running, Date.now());
  } else {
    const java = await javaBinary();
    for (const [what, p] of [
      ['port', port],
      ['controller port', controllerPort],
    ]) {
      if (!(await portFree(p))) {
        throw new Failure(
          `${what} ${p} is taken by another process (not a broker started by this script for ${dataDir}).\n` +
            `  Stop it, or choose other ports: KAFKA_PORT=... KAFKA_CONTROLLER_PORT=...`,
        );
      }
    }
    await fetchArtifacts();
    await configureAndFormat(java);
    const started = Date.now();
    const log = openSync(files.log, 'a');
    const child = spawn(java, javaArgs('kafka.Kafka', files.properties), {
      detached: true,
      stdio: ['ignore', log, log],
      cwd: dataDir,
    });
    child.unref();
    await writeFile(files.pid, `${child.pid}\n`);
    say(`starting Kafka ${version} on 127.0.0.1:${port} (pid ${child.pid}, log ${files.log})`);
    await waitUntilAnswering(child.pid, started);
    say(`Kafka answers after ${seconds(started)}`);
  }
  await createTopics();
}

async function waitUntilAnswering(pid, started) {
  let lastNote = Date.now();
  for (;;) {
    if (await answers()) return;
    if (!alive(pid)) {
      await rm(files.pid, { force: true });
      throw new Failure(
        `the broker exited during start-up. Last lines of ${files.log}:\n${await lastLogLines()}`,
      );
    }
    if (Date.now() - started > startTimeoutMs) {
      throw new Failure(
        `the broker did not answer within ${startTimeoutMs} ms (it still runs: pid ${pid}; ` +
          `\`node infra/scripts/kafka.mjs down\` stops it). Last lines of ${files.log}:\n${await lastLogLines()}`,
      );
    }
    if (Date.now() - lastNote > 5_000) {
      say(`  waiting for the broker (${seconds(started)})`);
      lastNote = Date.now();
    }
    await sleep(200);
  }
}

async function down() {
  const pid = ourPid();
  if (!pid) {
    await rm(files.pid, { force: true });
    if (!(await portFree(port)))
      say(`not running from ${dataDir}; port ${port} is used by another process (left alone)`);
    else say('not running');
    return;
  }
  const started = Date.now();
  say(`stopping Kafka (pid ${pid})`);
  process.kill(pid, 'SIGTERM'); // controlled shutdown
  while (alive(pid) && Date.now() - started < 30_000) await sleep(100);
  if (alive(pid)) {
    say('still running after 30 s: SIGKILL');
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  await rm(files.pid, { force: true });
  say(`stopped in ${seconds(started)}`);
}

async function status() {
  const pid = ourPid();
  if (!pid) {
    say(`not running (data ${dataDir})`);
    return 3;
  }
  const ok = await answers();
  say(
    `${ok ? 'running' : 'started but not answering'} on 127.0.0.1:${port} (pid ${pid}, Kafka ${version}, data ${dataDir})`,
  );
  return ok ? 0 : 1;
}

const command = process.argv[2];
const commands = { up, down, status };
if (!commands[command]) {
  process.stderr.write('usage: node infra/scripts/kafka.mjs up|down|status\n');
  process.exit(2);
}
try {
  const code = await commands[command]();
  process.exit(typeof code === 'number' ? code : 0);
} catch (error) {
  process.stderr.write(`[kafka] ${error instanceof Failure ? error.message : (error?.stack ?? error)}\n`);
  process.exit(1);
}
