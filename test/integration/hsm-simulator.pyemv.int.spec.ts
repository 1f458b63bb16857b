import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { HsmClient, hsmCrypto, startHsmSimulator, type HsmSimulator } from '../../apps/hsm-simulator/src';

/**
 * Cross-check against pyemv itself (`pip install pyemv==1.5.0`) on random keys and data: ICC master
 * keys (options A and B), session keys, ARQC (padding 1 and 2), ARPC (methods 1 and 2) and retail MACs,
 * the cryptograms through the TCP simulator (KW, M6). Without pyemv the suite is skipped and says why.
 */
const PYTHON = process.env.PYTHON ?? 'python3';
const SCRIPT = path.join(__dirname, '../../apps/hsm-simulator/test-support/pyemv-crosscheck.py');
const probe = spawnSync(PYTHON, ['-c', 'import pyemv; print(pyemv.__version__)'], { encoding: 'utf8' });
const unavailable =
  probe.status === 0
    ? undefined
    : `pyemv not importable by ${PYTHON} (pip install pyemv): ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`;
const suite = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`hsm-simulator pyemv cross-check SKIPPED: ${unavailable}`);

const { Lmk, parseKeyType, toHex, adjustParity } = hsmCrypto;
const lmk = Lmk.test();
const hex = (n: number) => toHex(randomBytes(n));
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

interface Case {
  issuerMk: string;
  pan: string;
  psn: string;
  option: 'A' | 'B';
  scheme: '0' | '1' | '2';
  atc: string;
  un: string;
  data: string;
  padding: 1 | 2;
  arc: string;
  csu: string;
  prop: string;
  macKey: string;
  message: string;
}
interface Oracle {
  iccMkA: string;
  iccMkB: string;
  skCsk: string;
  skMastercard: string;
  arqc: string;
  arpc1: string;
  arpc2: string;
  mac1: string;
  mac2: string;
}

suite(
  unavailable ? `pyemv cross-check — SKIPPED: ${unavailable}` : 'pyemv cross-check (random inputs)',
  () => {
    const cases: Case[] = Array.from({ length: 40 }, (_, i) => ({
      issuerMk: toHex(adjustParity(randomBytes(16))),
      pan: digits(i % 2 ? 19 : 16),
      psn: digits(2),
      option: i % 3 === 0 ? 'A' : 'B',
      scheme: String(i % 3) as Case['scheme'],
      atc: hex(2),
      un: hex(4),
      data: hex(1 + randomInt(60)),
      padding: i % 2 ? 1 : 2,
      arc: hex(2),
      csu: hex(4),
      prop: hex(randomInt(9)),
      macKey: toHex(adjustParity(randomBytes(16))),
      message: hex(1 + randomInt(200)),
    }));
    let oracle: Oracle[];
    let hsm: HsmSimulator;
    let client: HsmClient;

    beforeAll(async () => {
      const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`pyemv script failed: ${run.stderr}`);
      oracle = JSON.parse(run.stdout) as Oracle[];
      hsm = await startHsmSimulator({ port: 0 });
      client = new HsmClient({ port: hsm.port });
      await client.connect();
    });

    afterAll(async () => {
      await client?.close();
      await hsm?.stop();
    });

    it('derives the same ICC master keys and session keys', () => {
      const h = (s: string) => Buffer.from(s, 'hex');
      cases.forEach((c, i) => {
        const a = hsmCrypto.deriveIccMasterKeyA(h(c.issuerMk), c.pan, c.psn);
        const b = hsmCrypto.deriveIccMasterKeyB(h(c.issuerMk), c.pan, c.psn);
        expect([toHex(a), toHex(b)]).toEqual([oracle[i].iccMkA, oracle[i].iccMkB]);
        const icc = c.option === 'A' ? a : b;
        expect(toHex(hsmCrypto.deriveCommonSessionKey(icc, hsmCrypto.emvCskR(h(c.atc))))).toBe(
          oracle[i].skCsk,
        );
        expect(
          toHex(hsmCrypto.deriveCommonSessionKey(icc, hsmCrypto.mastercardSkdR(h(c.atc), h(c.un)))),
        ).toBe(oracle[i].skMastercard);
      });
    });

    it('verifies pyemv ARQCs and returns pyemv ARPCs (methods 1 and 2) through KW', async () => {
      for (const [i, c] of cases.entries()) {
        const h = (s: string) => Buffer.from(s, 'hex');
        const mk = 'U' + toHex(lmk.encryptKey(h(c.issuerMk), parseKeyType('109')!, 'U'));
        const head = (mode: string) =>
          Buffer.concat([
            Buffer.from(`KW${mode}${c.scheme}${mk}${c.option}${c.pan.length}${c.pan}${c.psn}`),
            h(c.atc),
            h(c.un),
          ]);
        const data = h(c.data);
        const tx = Buffer.concat([
          Buffer.from(`${c.padding}${toHex(Buffer.from([data.length]))}`),
          data,
          Buffer.from(';'),
        ]);
        const m1 = await client.send(Buffer.concat([head('1'), tx, h(oracle[i].arqc), h(c.arc)]));
        expect([m1.responseCode, m1.errorCode, toHex(m1.data)]).toEqual(['KX', '00', oracle[i].arpc1]);
        const prop = h(c.prop);
        const m2 = await client.send(
          Buffer.concat([head('3'), tx, h(oracle[i].arqc), h(c.csu), Buffer.from(String(prop.length)), prop]),
        );
        expect([m2.errorCode, toHex(m2.data)]).toEqual(['00', oracle[i].arpc2]);
        const tampered = h(oracle[i].arqc);
        tampered[0] ^= 1;
        expect((await client.send(Buffer.concat([head('0'), tx, tampered]))).errorCode).toBe('01');
      }
    });

    it('computes the same ISO 9797-1 algorithm 3 MACs through M6 (padding 1 and 2)', async () => {
      for (const [i, c] of cases.entries()) {
        const tak = 'U' + toHex(lmk.encryptKey(Buffer.from(c.macKey, 'hex'), parseKeyType('003')!, 'U'));
        const length = c.message.length.toString(16).toUpperCase().padStart(4, '0');
        for (const p of ['1', '2'] as const) {
          const reply = await client.send(`M60103${p}003${tak}${length}${c.message}`);
          expect([reply.errorCode, reply.data.toString()]).toEqual([
            '00',
            p === '1' ? oracle[i].mac1 : oracle[i].mac2,
          ]);
        }
      }
    });
  },
);
