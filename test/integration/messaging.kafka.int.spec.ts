import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import type { LateReply } from '@ph/messaging';
import {
  deadLetterTopicOf,
  HEADER,
  jsonCodec,
  KafkaPaymentApiTransport,
  type KafkaTransportOptions,
  REPLY_TOPIC,
  RemoteHandlerError,
} from '../../libs/messaging/src/kafka';
import { describeWithKafka, testBrokerEnv } from '../support/kafka-env';
import { restartTestKafka } from '../support/kafka-broker';
import { KAFKA_TEST_TUNING } from '../support/kafka-tuning';
import { waitFor } from '../support/wait-for';
import { describeTransportContract } from './messaging.contract';

type Request = { readonly n: number; readonly label?: string };
type Reply = { readonly echoed: number; readonly by?: string };

const quietLog = {
  warn: () => undefined,
  error: (message: string, details?: unknown) => console.error(message, details),
};

function transportOn(
  brokers: string[],
  options: Partial<KafkaTransportOptions<Request, Reply>> = {},
): KafkaPaymentApiTransport<Request, Reply> {
  return new KafkaPaymentApiTransport<Request, Reply>({
    brokers,
    codec: jsonCodec(),
    ...KAFKA_TEST_TUNING,
    kafkaLogLevel: logLevel.NOTHING,
    log: quietLog,
    ...options,
  });
}

const newTopic = (): string => `paymentapi.k${randomUUID().slice(0, 8)}.requests`;

type Record_ = KafkaMessage & { partition: number };

/** The records of `topic` from its start that `wanted` keeps (a throw-away group), once `count` have come. */
async function readTopic(
  brokers: string[],
  topic: string,
  count: number,
  wanted: (message: Record_) => boolean = () => true,
): Promise<Record_[]> {
  const kafka = new Kafka({ brokers, clientId: 'test-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const seen: Record_[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        if (wanted({ ...message, partition })) seen.push({ ...message, partition });
      },
    });
    await waitFor(() => seen.length >= count, `${count} records on ${topic}`, 20_000);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

const header = (message: KafkaMessage, name: string): string | undefined =>
  message.headers?.[name]?.toString();

describeWithKafka('PaymentApiTransport on Kafka (kafkajs, real broker)', (brokers) => {
  jest.setTimeout(60_000);

  describeTransportContract('kafka', async () => transportOn(brokers), { detectsMissingHandler: false });

  describe('Kafka specifics', () => {
    const open: KafkaPaymentApiTransport<Request, Reply>[] = [];
    const track = (t: KafkaPaymentApiTransport<Request, Reply>) => (open.push(t), t);
    afterEach(async () => {
      await Promise.all(open.splice(0).map((t) => t.close()));
    });

    it('routes each reply to the partition of the instance that asked (two requesters, one worker)', async () => {
      const topic = newTopic();
      const worker = track(transportOn(brokers));
      await worker.serve(topic, async (request) => ({ echoed: request.n, by: request.label }));
      const a = track(transportOn(brokers, { instanceId: `req-a-${randomUUID()}`, replyPartition: 1 }));
      const b = track(transportOn(brokers, { instanceId: `req-b-${randomUUID()}`, replyPartition: 2 }));
      const late: LateReply<Reply>[] = [];
      a.onLateReply((l) => void late.push(l));
      b.onLateReply((l) => void late.push(l));
      const run = randomUUID().slice(0, 8);

      const asks = Array.from({ length: 20 }, (_, n) => [
        a.request(
          topic,
          `PAY-${n % 5}`,
          { n, label: 'a' },
          { timeoutMs: 20_000, correlationId: `${run}-a-${n}` },
        ),
        b.request(
          topic,
          `PAY-${n % 5}`,
          { n, label: 'b' },
          { timeoutMs: 20_000, correlationId: `${run}-b-${n}` },
        ),
      ]).flat();
      const replies = await Promise.all(asks);
      replies.forEach((reply, i) =>
        expect(reply).toEqual({ echoed: Math.floor(i / 2), by: i % 2 === 0 ? 'a' : 'b' }),
      );
      expect(late).toEqual([]);

      // On the wire: every reply of A on partition 1, of B on partition 2, with the §6 headers.
      const mine = await readTopic(
        brokers,
        REPLY_TOPIC,
        40,
        (m) => !!header(m, HEADER.correlationId)?.startsWith(run),
      );
      expect(mine).toHaveLength(40);
      for (const message of mine) {
        const id = header(message, HEADER.correlationId)!;
        expect(message.partition).toBe(id.includes('-a-') ? 1 : 2);
        expect(header(message, HEADER.requestTopic)).toBe(topic);
      }
    });

    it('sends undecodable records and failing handlers to the dead-letter topic with the reason, without blocking the key', async () => {
      const topic = newTopic();
      const transport = track(transportOn(brokers));
      await transport.serve(topic, async (request) => {
        if (request.label === 'boom') throw new Error('boom: the bridge failed');
        return { echoed: request.n };
      });
      const raw = new Kafka({ brokers, clientId: 'test-poisoner', logLevel: logLevel.NOTHING }).producer();
      await raw.connect();
      await raw.send({ topic, messages: [{ key: 'PAY-P', value: 'not json {' }] }); // no reply address: nobody waits
      await raw.disconnect();

      await expect(
        transport.request(
          topic,
          'PAY-P',
          { n: 1, label: 'boom' },
          { timeoutMs: 20_000, correlationId: 'boom-1' },
        ),
      ).rejects.toEqual(
        expect.objectContaining({ name: RemoteHandlerError.name, message: 'boom: the bridge failed' }),
      );
      // Same key, so the same partition, after both poison records: still served.
      await expect(transport.request(topic, 'PAY-P', { n: 2 }, { timeoutMs: 20_000 })).resolves.toEqual({
        echoed: 2,
      });

      const dead = await readTopic(brokers, deadLetterTopicOf(topic), 2);
      expect(dead).toHaveLength(2);
      const [undecodable, failed] = dead.sort((x, y) => Number(x.offset) - Number(y.offset));
      expect(undecodable!.value!.toString()).toBe('not json {');
      expect(undecodable!.key!.toString()).toBe('PAY-P');
      expect(header(undecodable!, HEADER.reason)).toMatch(/^undecodable request: /);
      expect(header(undecodable!, HEADER.originalTopic)).toBe(topic);
      expect(JSON.parse(failed!.value!.toString())).toEqual({ n: 1, label: 'boom' });
      expect(header(failed!, HEADER.reason)).toBe('handler failed: boom: the bridge failed');
      expect(header(failed!, HEADER.correlationId)).toBe('boom-1');
    });

    it('redelivers a request whose worker died before committing: handled twice, effect once (idempotent handler)', async () => {
      const topic = newTopic();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ph-kafka-crash-'));
      const effects = path.join(dir, 'effects');
      let child: ChildProcess | undefined;
      try {
        // 1. A worker in another process takes the request, makes its effect, and is SIGKILLed.
        child = spawn(
          process.execPath,
          [
            path.join(__dirname, '../support/run-ts.js'),
            path.join(__dirname, '../support/kafka-crash-worker.ts'),
          ],
          {
            env: { ...process.env, TOPIC: topic, EFFECTS_FILE: effects },
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        const exited = new Promise<NodeJS.Signals | null>((resolve) =>
          child!.on('exit', (_code, signal) => resolve(signal)),
        );
        await waitFor(() => out.includes('ready'), 'the crashing worker to join', 45_000);

        const requester = track(transportOn(brokers));
        const reply = requester.request(
          topic,
          'PAY-CRASH',
          { n: 7 },
          { timeoutMs: 50_000, correlationId: 'crash-1' },
        );
        await expect(exited).resolves.toBe('SIGKILL');
        expect(out).toContain('crashing crash-1 7');

        // 2. Another worker joins the group; the uncommitted request comes again once the dead member is gone.
        let handled = 0;
        const survivor = track(transportOn(brokers));
        await survivor.serve(topic, async (request, meta) => {
          handled += 1;
          const seen = existsSync(effects) ? readFileSync(effects, 'utf8').split('\n') : [];
          if (!seen.includes(meta.correlationId)) appendFileSync(effects, `${meta.correlationId}\n`);
          return { echoed: request.n, by: 'survivor' };
        });
        await expect(reply).resolves.toEqual({ echoed: 7, by: 'survivor' });
        expect(handled).toBe(1);
        expect(
          readFileSync(effects, 'utf8')
            .split('\n')
            .filter((id) => id === 'crash-1'),
        ).toHaveLength(1);
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });

    const brokerEnv = testBrokerEnv();
    (brokerEnv ? it : it.skip)(
      brokerEnv
        ? 'reconnects after the broker restarts (requester and worker)'
        : 'reconnects after the broker restarts: SKIPPED, the broker comes from KAFKA_BROKERS and is not ours to restart',
      async () => {
        const topic = newTopic();
        const transport = track(transportOn(brokers));
        await transport.serve(topic, async (request) => ({ echoed: request.n }));
        await expect(transport.request(topic, 'PAY-R', { n: 1 }, { timeoutMs: 20_000 })).resolves.toEqual({
          echoed: 1,
        });

        await restartTestKafka(brokerEnv!, 'down');
        await restartTestKafka(brokerEnv!, 'up');

        // The first attempts may fail while clients reconnect and the group re-forms; one must succeed.
        let reply: Reply | undefined;
        const deadline = Date.now() + 45_000;
        while (!reply && Date.now() < deadline) {
          reply = await transport
            .request(topic, 'PAY-R', { n: 2 }, { timeoutMs: 10_000 })
            .catch(() => undefined);
        }
        expect(reply).toEqual({ echoed: 2 });
        await expect(transport.ping()).resolves.toBeUndefined();
      },
    );
  });
});
