import { lp, sha256 } from './lp';

/** s = H(LP("s", p, r)); computed only in the wallet (profile §3.3.2). */
export function deriveS(p: string, r: Uint8Array): Buffer {
  return sha256(lp('s', p, r));
}

/** K_CM = H(LP("CM", s, M)), M = the merchant's OrgId lower-cased. */
export function deriveKcm(s: Uint8Array, merchantId: string): Buffer {
  return sha256(lp('CM', s, merchantId));
}

/** K_CB = H(LP("CB", s, B)), B = the bank id lower-cased. */
export function deriveKcb(s: Uint8Array, bankId: string): Buffer {
  return sha256(lp('CB', s, bankId));
}
