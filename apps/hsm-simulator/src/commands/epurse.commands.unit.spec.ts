import { createHash, createHmac } from 'node:crypto';
import { HsmControls } from '../controls';
import { Lmk } from '../crypto/lmk';
import { HsmEngine } from '../hsm-engine';

const devKey = (id: string) =>
  createHash('sha256').update(`IOTP profile 1.0 e-purse key ${id} (DEV ONLY)`).digest();
const data = Buffer.from('\x00\x00\x00\x05debit…record');
const len = data.length.toString(16).toUpperCase().padStart(4, '0');
const source = (id: string) => `P${id.length.toString(16).toUpperCase().padStart(2, '0')}${id}`;

function run(engine: HsmEngine, ...parts: (string | Buffer)[]) {
  const out = engine.execute(
    Buffer.concat([
      Buffer.from('0001'),
      ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)),
    ]),
  );
  return {
    code: out.subarray(4, 6).toString(),
    error: out.subarray(6, 8).toString(),
    text: out.subarray(8).toString('latin1'),
  };
}

describe('E1/E3 with the DEV ONLY profile keys (profile §3.5)', () => {
  const engine = new HsmEngine({ lmk: Lmk.test(), controls: new HsmControls() });

  it('E1 mode 0 algorithm 2 = the first 16 bytes of HMAC-SHA256 with K = SHA-256(profile text)', () => {
    const r = run(engine, 'E10', source('MC-0001'), '2', len, data);
    const expected = createHmac('sha256', devKey('MC-0001')).update(data).digest().subarray(0, 16);
    expect([r.code, r.error, r.text]).toEqual(['E2', '00', expected.toString('hex').toUpperCase()]);
  });

  it('E3 verifies (00) the purse MAC and refuses another card’s (01)', () => {
    const mac = createHmac('sha256', devKey('EP-0001')).update(data).digest().subarray(0, 16).toString('hex');
    expect(run(engine, 'E3', source('EP-0001'), '2', len, data, mac).error).toBe('00');
    expect(run(engine, 'E3', source('EP-0002'), '2', len, data, mac).error).toBe('01');
  });

  it('refuses profile keys under a production LMK (29), ill-formed ids (15) and exporting them (29)', () => {
    const production = new HsmEngine({ lmk: Lmk.fromHex('1F'.repeat(320)), controls: new HsmControls() });
    expect(run(production, 'E10', source('MC-0001'), '2', len, data).error).toBe('29');
    expect(run(engine, 'E10', 'P03a b', '2', len, data).error).toBe('15');
    expect(run(engine, 'E11', source('MC-0001'), 'U', '0'.repeat(32), 'U').error).toBe('29');
  });
});
