/**
 * Commands per second of the simulator for NC and KQ (in-process server, loopback TCP).
 * Usage: node test/support/run-ts.js apps/hsm-simulator/src/bench-hsm.ts [seconds=3] [connections=4] [depth=32]
 */
import { Lmk, parseKeyType, toHex } from './crypto';
import { deriveCommonSessionKey, generateAc, iccMasterKeyFromY, mastercardSkdR } from './crypto/emv';
import { HsmClient } from './hsm-client';
import { startHsmSimulator } from './hsm-simulator';

const [seconds = 3, connections = 4, depth = 32] = process.argv.slice(2).map(Number);

function kqCommand(): Buffer {
  const mk = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
  const field = 'U' + toHex(Lmk.test().encryptKey(mk, parseKeyType('109')!, 'U'));
  const y = Buffer.from('1234567890123456', 'hex');
  const atc = Buffer.from('0001', 'hex');
  const un = Buffer.from('11223344', 'hex');
  const data = Buffer.alloc(32, 0x11);
  const arqc = generateAc(deriveCommonSessionKey(iccMasterKeyFromY(mk, y), mastercardSkdR(atc, un)), data, 1);
  return Buffer.concat([
    Buffer.from('KQ11' + field),
    y,
    atc,
    un,
    Buffer.from('20'),
    data,
    Buffer.from(';'),
    arqc,
    Buffer.from('00'),
  ]);
}

async function measure(port: number, command: string | Buffer): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new HsmClient({ port, timeoutMs: 10_000 });
      await c.connect();
      return c;
    }),
  );
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async (c: HsmClient) => {
    while (Date.now() < until) {
      const replies = await Promise.all(Array.from({ length: depth }, () => c.send(command)));
      if (replies.some((r) => r.errorCode !== '00')) throw new Error('unexpected error code');
      done += replies.length;
    }
  };
  const started = Date.now();
  await Promise.all(clients.map(worker));
  const rate = done / ((Date.now() - started) / 1000);
  await Promise.all(clients.map((c) => c.close()));
  return rate;
}

async function main(): Promise<void> {
  const hsm = await startHsmSimulator({ port: 0 });
  try {
    for (const [name, command] of [
      ['NC', 'NC'],
      ['KQ', kqCommand()],
    ] as const) {
      const rate = await measure(hsm.port, command);
      console.log(
        `${name}: ${Math.round(rate)} commands/s (${connections} connections × ${depth} pipelined, ${seconds} s)`,
      );
    }
  } finally {
    await hsm.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
