import { inspect } from 'node:util';
import {
  buildHsInit,
  buildHsPay,
  checkHsChallenge,
  checkHsResult,
  type AcceptedChallenge,
} from './hs-consumer';
import { demoCredentials } from './hs-credentials';
import { HsPayloadError } from './hs-json';
import { customerKeys, macLp } from './hs-mac';

// Profile §5.1–§5.3 (exact texts).
const INIT =
  'eyJ0eXBlIjoiSFMtSW5pdCIsInYiOjEsIkMiOiJhbGljZSIsIm5BIjoiMDAwMTAyMDMwNDA1MDYwNzA4MDkwYTBiMGMwZDBlMGYxMDExMTIxMzE0MTUxNjE3MTgxOTFhMWIxYzFkMWUxZiJ9';
const CHALLENGE =
  'eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE2MDJaLTAwMDAwMDJhIiwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjU5ZjE1N2VhYzhjZmI5NzEwMDk1MjBhNjFhOGJlM2MzZWVhZDZhMDMwNDZlZjg3M2FlN2Q1NGY5YzY3NmYwOTAifQ==';
const PAY =
  'eyJ0eXBlIjoiSFMtUGF5IiwidiI6MSwiQyI6ImFsaWNlIiwidCI6IjIwMjQwNTAxVDEwMTYwMlotMDAwMDAwMmEiLCJ5IjoiUEgwMDAwMDAwMDAwNDIiLCJ1IjoiMTIuNSIsImN1ciI6IkVVUiIsImFDIjoiOGIzMjZlMjM0MWU5NzBlZGIwYmJiYzcwMWYwYzU2NjE3MGVlYjVjOWNmOTkwZGVkMWIyODAyNmZiYzBiNzM3OSIsIm5DIjoiMjAyMTIyMjMyNDI1MjYyNzI4MjkyYTJiMmMyZDJlMmYzMDMxMzIzMzM0MzUzNjM3MzgzOTNhM2IzYzNkM2UzZiIsInBpIjoiYzY1OGUyODY2NzcxNGNjMWNlMGNjNGE5YmEyZmQ2MjQwMDkzYzllZTY2OTkyMzExOTZmZjVjZTkzZDQyNGM5NiIsIm8iOiI4ZmRhMjA3MzE1YzdlODU3ZmNhY2MyYmRiOGU3NTJmZjhlZTkyY2E4Y2M4YzAxOTJjNTJjNmE4YzAzM2NkZmVhIn0=';
const RESULT =
  'eyJ0eXBlIjoiSFMtUmVzdWx0IiwidiI6MSwieSI6IlBIMDAwMDAwMDAwMDQyIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJzdGF0dXMiOiJDb21wbGV0ZWRPayIsIkFCIjoiZTZjZWQwMzQ3OWM3ODBkNzdhYTZkNWNkY2FiMDhhMTNjZWJlZjVkOTZlNDViZThjODMzZDE2ZTU5MmVhMTE4YyIsIlQiOiJjZTc1YjcxODNhYjliZGFkM2JjODMwODU4ZDM3NjQ0YjE4NDcyZGZkOTQ0NDdjYWE3NWMwZmEwY2I2MGQ4YWZmIn0=';
const BALANCE =
  'eyJ0eXBlIjoiSFMtQmFsYW5jZSIsInYiOjEsIkMiOiJhbGljZSIsImJhbGFuY2UiOiI5OTk5ODcuNSIsImN1ciI6IkVVUiJ9';

const seq = (from: number) => () => Buffer.from(Array.from({ length: 32 }, (_, i) => from + i));
const alice = demoCredentials('alice');
const expected = {
  merchantOrgId: 'Demo-Merchant.Example',
  paymentHandlerPayId: 'PH000000000042',
  amount: '12.50',
  currency: 'EUR',
};
const json = (text: string) => JSON.parse(Buffer.from(text, 'base64').toString());
const b64 = (obj: unknown) => Buffer.from(JSON.stringify(obj)).toString('base64');

function accepted(): AcceptedChallenge {
  const check = checkHsChallenge(alice, buildHsInit(alice, seq(0)), CHALLENGE, expected);
  if (!check.ok) throw new Error(check.problem);
  return check.challenge;
}

describe('hash/secret wallet (profile §3.3.8)', () => {
  it('derives the demo keys of §3.3.9 / §5.2 from p and r', () => {
    const { p, r } = alice.secrets();
    expect(r.toString('hex')).toBe('6d146c457eda706141782a4322c3b7f97666bcaff57366798ccd25b001c7a195');
    const keys = customerKeys(p, r, 'demo-merchant.example', 'demo-bank.example');
    expect(keys.kcm.toString('hex')).toBe('a7ca55c73416a5945ae4381f938544dfc73784975bbe758a2786719492e0e8de');
    expect(keys.kcb.toString('hex')).toBe('045d9e73bd0e364b719f9f454f57146929d38c7596d05f8ee43600c3872786e9');
    const carol = demoCredentials('carol').secrets();
    expect(
      customerKeys(carol.p, carol.r, 'demo-merchant.example', 'demo-bank.example').kcb.toString('hex'),
    ).toBe('91ec823a9d6962fb9a3c74805db2d75baa87cd2cf8dac2175c54ceb52e2ffc41');
  });

  it('builds the exact HS-Init and a fresh n_A each time', () => {
    expect(buildHsInit(alice, seq(0)).text).toBe(INIT);
    expect(buildHsInit(alice).nA.equals(buildHsInit(alice).nA)).toBe(false);
  });

  it('accepts the §5.3 HS-Challenge and builds the exact HS-Pay', () => {
    const { text, proof } = buildHsPay(alice, accepted(), seq(0x20));
    expect(text).toBe(PAY);
    expect(proof.pi.toString('hex')).toBe('c658e28667714cc1ce0cc4a9ba2fd6240093c9ee6699231196ff5ce93d424c96');
  });

  it.each([
    ['another customer', { C: 'bob' }],
    ['another merchant', { M: 'evil.example' }],
    ['another bank', { B: 'evil-bank.example' }],
    ['another y', { y: 'PH000000000043' }],
    ['another amount', { u: '125' }],
    ['another currency', { cur: 'USD' }],
    ['a wrong a_M', { aM: '00'.repeat(32) }],
    ['a malformed a_M', { aM: 'xyz' }],
  ])('refuses a challenge with %s (no π is computed)', (_, change) => {
    const text = b64({ ...json(CHALLENGE), ...change });
    expect(checkHsChallenge(alice, buildHsInit(alice, seq(0)), text, expected)).toMatchObject({ ok: false });
  });

  it('refuses a challenge whose a_M covers another n_A', () => {
    expect(checkHsChallenge(alice, buildHsInit(alice, seq(1)), CHALLENGE, expected)).toEqual({
      ok: false,
      problem: 'merchant authentication failed',
    });
  });

  it('verifies A_B and T of the §5.3 HS-Result and reads HS-Balance', () => {
    const c = accepted();
    const { proof } = buildHsPay(alice, c, seq(0x20));
    const check = checkHsResult(alice, c, proof, RESULT, BALANCE);
    expect(check).toMatchObject({
      status: 'CompletedOk',
      matchesPayment: true,
      ack: { abValid: true, tValid: true },
      balance: { amount: '999987.5', currency: 'EUR' },
    });
  });

  it('verifies the InsuffFunds A_B and T of §5.2', () => {
    const c = accepted();
    const { proof } = buildHsPay(alice, c, seq(0x20));
    const text = b64({
      ...json(RESULT),
      status: 'InsuffFunds',
      AB: 'd71a7c4bb79acb823670e1c4d037466612b815b4a3717c73f44e8908bf0f8b14',
      T: 'd6c950cfc431d478b7c2cb9b1047174bc3efb7269b17ef39262cd31c5bb7d85e',
    });
    expect(checkHsResult(alice, c, proof, text)).toMatchObject({
      status: 'InsuffFunds',
      ack: { abValid: true, tValid: true },
    });
  });

  it('flags a forged A_B or T, and a result for another payment', () => {
    const c = accepted();
    const { proof } = buildHsPay(alice, c, seq(0x20));
    const forgedT = checkHsResult(alice, c, proof, b64({ ...json(RESULT), T: 'ab'.repeat(32) }));
    expect(forgedT.ack).toMatchObject({ abValid: true, tValid: false });
    // A merchant that did not clear cannot make A_B; a T over a made-up A_B is still its own MAC.
    const { kcm } = customerKeys(alice.secrets().p, alice.secrets().r, c.M, c.B);
    const fakeAB = Buffer.alloc(32, 7);
    const T = macLp(kcm, 'receipt', proof.y, proof.u, proof.cur, proof.nC, fakeAB).toString('hex');
    const forgedAB = checkHsResult(alice, c, proof, b64({ ...json(RESULT), AB: fakeAB.toString('hex'), T }));
    expect(forgedAB.ack).toMatchObject({ abValid: false, tValid: true });
    expect(checkHsResult(alice, c, proof, b64({ ...json(RESULT), u: '1' })).matchesPayment).toBe(false);
  });

  it('reads a failure without AB/T, and rejects a malformed HS-Result', () => {
    const c = accepted();
    const { proof } = buildHsPay(alice, c, seq(0x20));
    const failed = b64({
      type: 'HS-Result',
      v: 1,
      y: proof.y,
      u: proof.u,
      cur: 'EUR',
      status: 'AuthError',
      reason: 'BadPi',
    });
    expect(checkHsResult(alice, c, proof, failed)).toEqual({
      status: 'AuthError',
      reason: 'BadPi',
      matchesPayment: true,
    });
    expect(() => checkHsResult(alice, c, proof, b64({ ...json(RESULT), status: 'Paid' }))).toThrow(
      HsPayloadError,
    );
    expect(() => checkHsResult(alice, c, proof, 'not base64!')).toThrow(HsPayloadError);
  });

  it('never shows p or r when credentials are printed', () => {
    const printed = `${JSON.stringify(alice)} ${inspect(alice, { showHidden: true, depth: 5 })}`;
    expect(printed).toContain('alice');
    expect(printed).not.toContain('alice-dev-passphrase');
    expect(printed).not.toContain(alice.secrets().r.toString('hex'));
  });
});
