import net from 'node:net';
import { HsmClient } from '../../apps/hsm-simulator/src/hsm-client';
import {
  deriveCommonSessionKey,
  generateAc,
  iccMasterKeyFromY,
  Lmk,
  mastercardSkdR,
  parseKeyType,
  toHex,
} from '../../apps/hsm-simulator/src/crypto';
import { closedLoop, type LoadResult } from './load';
import { freePort, log, startProcess, stopProcess } from './processes';
import { HSM_DURATION_MS, progress } from './settings';

/**
 * (g) Host commands per second of the HSM simulator (apps/hsm-simulator, its own process from dist/,
 * loopback TCP), one command after the other, each for BENCH_HSM_SECONDS: HSM_CONNECTIONS host
 * connections with HSM_DEPTH commands in flight on each (an HSM answers a connection in order), as
 * apps/hsm-simulator/src/bench-hsm.ts does. Latencies are per command, queueing included.
 */
export const HSM_CONNECTIONS = 4;
export const HSM_DEPTH = 32;

export interface HsmCommandRun {
  readonly code: string;
  readonly name: string;
  readonly result?: LoadResult;
  /** Why the command did not run (e.g. this simulator build does not know it). */
  readonly skipped?: string;
}

export interface HsmBench {
  readonly runs: readonly HsmCommandRun[];
}

const lmk = Lmk.test();
const h = (hex: string) => Buffer.from(hex, 'hex');
const underLmk = (clearHex: string, type: string) =>
  'U' + toHex(lmk.encryptKey(h(clearHex), parseKeyType(type)!, 'U'));
const len4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const keySource = (id: string) => `P${id.length.toString(16).toUpperCase().padStart(2, '0')}${id}`;

/** Issuer / MAC key of the simulator's unit tests (odd parity): DEV ONLY test material. */
const TEST_KEY = '0123456789ABCDEFFEDCBA9876543210';

/** KQ: verify an ARQC (EMV, Mastercard session key derivation), as bench-hsm.ts builds it. */
function kqCommand(): Buffer {
  const mk = h(TEST_KEY);
  const y = h('1234567890123456');
  const atc = h('0001');
  const un = h('11223344');
  const data = Buffer.alloc(32, 0x11);
  const arqc = generateAc(deriveCommonSessionKey(iccMasterKeyFromY(mk, y), mastercardSkdR(atc, un)), data, 1);
  return Buffer.concat([
    Buffer.from('KQ11' + underLmk(TEST_KEY, '109')),
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

/** M6: ISO 9797-1 algorithm 3 (retail MAC), padding method 1, TAK, a 64-byte binary message. */
function m6Command(): string {
  const message = 'IOTP payment 0123456789 EUR 12.50 demo-merchant.example'.padEnd(64, '.');
  return `M600031003${underLmk(TEST_KEY, '003')}${len4(message.length)}${message}`;
}

/** A purse debit record as the e-purse bridge has the SAM MAC it (≈ 100 bytes). */
const PURSE_RECORD = Buffer.from(
  'debit|EP-0001|seqC=7|u=0.01|EUR|nM=0f1e2d3c4b5a69788796a5b4c3d2e1f0|idM=MC-0001|2026-11-27T12:00:00Z',
);

/** E1 mode 0: MAC algorithm 2 (HMAC-SHA-256, 16 bytes) with the DEV ONLY profile key of a card. */
const e1Command = (cardId: string) =>
  Buffer.concat([Buffer.from(`E10${keySource(cardId)}2${len4(PURSE_RECORD.length)}`), PURSE_RECORD]);

const e3Command = (cardId: string, macHex: string) =>
  Buffer.concat([
    Buffer.from(`E3${keySource(cardId)}2${len4(PURSE_RECORD.length)}`),
    PURSE_RECORD,
    Buffer.from(macHex),
  ]);

const acceptsTcp = (port: number) => (): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

async function measure(
  clients: readonly HsmClient[],
  code: string,
  command: string | Buffer,
): Promise<LoadResult> {
  return closedLoop(
    clients.length * HSM_DEPTH,
    HSM_DURATION_MS,
    async (worker) => {
      const reply = await clients[worker % clients.length]!.send(command);
      if (reply.errorCode !== '00') throw new Error(`${code} answered error ${reply.errorCode}`);
      return true;
    },
    progress(`HSM ${code} commands`),
  );
}

export async function benchHsm(): Promise<HsmBench> {
  const [port, adminPort] = [await freePort(), await freePort()];
  log(
    `• HSM simulator: NC, A0, M6, KQ, E1/E3, ${HSM_CONNECTIONS} connections × ${HSM_DEPTH} in flight, ${HSM_DURATION_MS / 1000} s each`,
  );
  const hsm = await startProcess(
    'dist/apps/hsm-simulator/src/main.js',
    { HSM_PORT: String(port), HSM_ADMIN_PORT: String(adminPort), HSM_LATENCY_MS: '0' },
    acceptsTcp(port),
  );
  const clients: HsmClient[] = [];
  const runs: HsmCommandRun[] = [];
  try {
    for (let i = 0; i < HSM_CONNECTIONS; i++) {
      const c = new HsmClient({ port, timeoutMs: 10_000 });
      await c.connect();
      clients.push(c);
    }
    const probe = await clients[0]!.send(e1Command('MC-0001'));
    const purseMac = probe.errorCode === '00' ? probe.data.toString('latin1') : undefined;
    const purseSkip = `this simulator answers E1 with error ${probe.errorCode}`;
    const commands: [string, string, string | Buffer | undefined][] = [
      ['NC', 'NC diagnostics', 'NC'],
      ['A0', 'A0 generate a ZPK under the LMK', 'A00001U'],
      ['M6', 'M6 MAC (ISO 9797-1 alg. 3, 64 B)', m6Command()],
      ['KQ', 'KQ verify an ARQC (EMV)', kqCommand()],
      ['E1', 'E1 e-purse SAM: MAC a record', purseMac ? e1Command('MC-0001') : undefined],
      ['E3', 'E3 e-purse SAM: verify a MAC', purseMac ? e3Command('MC-0001', purseMac) : undefined],
    ];
    for (const [code, name, command] of commands) {
      if (command === undefined) runs.push({ code, name, skipped: purseSkip });
      else runs.push({ code, name, result: await measure(clients, code, command) });
    }
    return { runs };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await stopProcess(hsm);
  }
}
