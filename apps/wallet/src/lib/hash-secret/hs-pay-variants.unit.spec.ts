import { demoCredentials, type AcceptedChallenge } from '../../schemes/hash-secret';
import { customerKeys, macLp } from '../../schemes/hash-secret/hs-mac';
import { buildHsPayVariant, hsPayFields } from './hs-pay-variants';

const alice = demoCredentials('alice');
const c: AcceptedChallenge = {
  C: 'alice',
  M: 'demo-merchant.example',
  B: 'demo-bank.example',
  t: '20240501T101602Z-0000002a',
  y: 'PH000000000042',
  u: '12.5',
  cur: 'EUR',
};
const nC = () => Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const { p, r } = alice.secrets();
const { kcm } = customerKeys(p, r, c.M, c.B);
const oOver = (f: { nC: string; pi: string }) =>
  macLp(kcm, 'confirm', c.t, c.y, c.u, c.cur, Buffer.from(f.nC, 'hex'), Buffer.from(f.pi, 'hex')).toString(
    'hex',
  );

describe(buildHsPayVariant.name, () => {
  const honest = hsPayFields(buildHsPayVariant(alice, c, {}, nC).text);

  it('builds the honest HS-Pay of profile §5.3 without options', () => {
    expect(honest).toMatchObject({
      aC: '8b326e2341e970edb0bbbc701f0c566170eeb5c9cf990ded1b28026fbc0b7379',
      pi: 'c658e28667714cc1ce0cc4a9ba2fd6240093c9ee6699231196ff5ce93d424c96',
      o: '8fda207315c7e857fcacc2bdb8e752ff8ee92ca8cc8c0192c52c6a8c033cdfea',
    });
  });

  it.each(['aC', 'o'] as const)('spoils only %s', (tamper) => {
    const f = hsPayFields(buildHsPayVariant(alice, c, { tamper }, nC).text);
    for (const k of ['aC', 'pi', 'o'] as const) expect(f[k] === honest[k]).toBe(k !== tamper);
  });

  it('spoils π but keeps o valid over it, so the bank (BadPi) and not the PH (BadO) refuses', () => {
    const v = buildHsPayVariant(alice, c, { tamper: 'pi' }, nC);
    const f = hsPayFields(v.text);
    expect(f.pi).not.toBe(honest.pi);
    expect(f.o).toBe(oOver(f));
    expect(v.proof.pi.toString('hex')).toBe(f.pi);
  });

  it('reuses π and n_C of an earlier HS-Pay with a valid a_C and o for the new challenge', () => {
    const next = { ...c, t: '20240501T111111Z-00000001', y: 'PH000000000043' };
    const f = hsPayFields(buildHsPayVariant(alice, next, { reusePiFrom: honest }, nC).text);
    expect(f).toMatchObject({ pi: honest.pi, nC: honest.nC, y: 'PH000000000043' });
    expect(f.aC).not.toBe(honest.aC);
    expect(f.o).toBe(
      macLp(
        kcm,
        'confirm',
        next.t,
        next.y,
        c.u,
        c.cur,
        Buffer.from(f.nC, 'hex'),
        Buffer.from(f.pi, 'hex'),
      ).toString('hex'),
    );
  });
});
