import { lp, sha256, type ClearingRequest } from '@ph/bridges/hash-secret';

/** H(LP(M, C, t, y, u, cur, n_C, π)) of profile §3.3.6: tells a retry (same hash) from a replay. */
export function clearingRequestHash(r: ClearingRequest): string {
  return sha256(
    lp(r.M, r.C, r.t, r.y, r.u, r.cur, Buffer.from(r.nC, 'hex'), Buffer.from(r.pi, 'hex')),
  ).toString('hex');
}
