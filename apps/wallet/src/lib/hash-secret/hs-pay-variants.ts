import type { RandomBytes } from '../../schemes/hash-secret';
import {
  buildHsPay,
  type AcceptedChallenge,
  type HashSecretCredentials,
  type PaymentProof,
} from '../../schemes/hash-secret';
import { emit } from '../../schemes/hash-secret/hs-json';
import { customerKeys, macLp } from '../../schemes/hash-secret/hs-mac';

/** Which MAC of HS-Pay a test spoils on purpose (profile §3.3.7: BadAC, BadO, BadPi). */
export type HsPayTamper = 'aC' | 'o' | 'pi';

/** The HS-Pay payload as sent, hex fields as on the wire; kept so a test can replay π elsewhere. */
export interface HsPayFields {
  readonly C: string;
  readonly t: string;
  readonly y: string;
  readonly u: string;
  readonly cur: string;
  readonly aC: string;
  readonly nC: string;
  readonly pi: string;
  readonly o: string;
}

export interface HsPayOptions {
  readonly tamper?: HsPayTamper;
  /** π (and n_C, if given) of an earlier HS-Pay, sent in this new transaction with a valid a_C and o. */
  readonly reusePiFrom?: Pick<HsPayFields, 'pi'> & Partial<Pick<HsPayFields, 'nC'>>;
}

export interface BuiltHsPay {
  /** The HS-Pay PackagedContent text (base64 of the JSON). */
  readonly text: string;
  readonly proof: PaymentProof;
}

/**
 * C2's HS-Pay. The honest case is the scheme module's buildHsPay; the variants recompute the MACs here
 * (the scheme module has no misbehaving mode) so that exactly one check at the PH or bank fails:
 * a spoilt a_C or o as such, a spoilt or replayed π with an o that covers it.
 */
export function buildHsPayVariant(
  creds: HashSecretCredentials,
  c: AcceptedChallenge,
  options: HsPayOptions,
  random: RandomBytes,
): BuiltHsPay {
  if (!options.tamper && !options.reusePiFrom) return buildHsPay(creds, c, random);
  const { p, r } = creds.secrets();
  const { kcm, kcb } = customerKeys(p, r, c.M, c.B);
  const nC = options.reusePiFrom?.nC ? Buffer.from(options.reusePiFrom.nC, 'hex') : random(32);
  let pi = options.reusePiFrom
    ? Buffer.from(options.reusePiFrom.pi, 'hex')
    : macLp(kcb, 'pay', c.C, c.M, c.B, c.t, c.y, c.u, c.cur, nC);
  let aC = macLp(kcm, 'authC', c.C, c.M, c.t);
  if (options.tamper === 'pi') pi = flipLastBit(pi);
  if (options.tamper === 'aC') aC = flipLastBit(aC);
  let o = macLp(kcm, 'confirm', c.t, c.y, c.u, c.cur, nC, pi);
  if (options.tamper === 'o') o = flipLastBit(o);
  const text = emit([
    ['type', 'HS-Pay'],
    ['v', 1],
    ['C', c.C],
    ['t', c.t],
    ['y', c.y],
    ['u', c.u],
    ['cur', c.cur],
    ['aC', aC.toString('hex')],
    ['nC', nC.toString('hex')],
    ['pi', pi.toString('hex')],
    ['o', o.toString('hex')],
  ]);
  return { text, proof: { t: c.t, y: c.y, u: c.u, cur: c.cur, nC, pi } };
}

/** Decodes an HS-Pay text we built ourselves (so it is well-formed). */
export function hsPayFields(text: string): HsPayFields {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as HsPayFields;
}

const flipLastBit = (b: Buffer): Buffer => {
  const copy = Buffer.from(b);
  copy[copy.length - 1] ^= 1;
  return copy;
};
