import { mac } from '../crypto/lp';
import { macEquals } from '../crypto/macs';
import type { ClearingRequest } from './clearing-bank.port';

const HEX32 = /^[0-9a-fA-F]{64}$/;

/**
 * [PROFILE-EXT] Merchant authentication of a clearing request (profile §3.3.6 step 1 says only
 * "K_MB, internal"; seed 002 M8 authenticates Q with MAC_K_MB(Q)):
 *
 *   mac = MAC_K_MB("clear", M, C, t, y, u, cur, n_C, π)      (n_C, π as raw bytes; hex lower-case on the wire)
 *
 * It covers every field the bank acts on, so a request cannot be altered in transit nor made up
 * by anyone without K_MB.
 */
export function clearingRequestMac(kmb: Uint8Array, r: Omit<ClearingRequest, 'mac'>): Buffer {
  return mac(
    kmb,
    'clear',
    r.M,
    r.C,
    r.t,
    r.y,
    r.u,
    r.cur,
    Buffer.from(r.nC, 'hex'),
    Buffer.from(r.pi, 'hex'),
  );
}

export function signClearingRequest(kmb: Uint8Array, r: Omit<ClearingRequest, 'mac'>): ClearingRequest {
  return { ...r, mac: clearingRequestMac(kmb, r).toString('hex') };
}

export function verifyClearingRequest(kmb: Uint8Array, r: ClearingRequest): boolean {
  if (!HEX32.test(r.nC) || !HEX32.test(r.pi) || !HEX32.test(r.mac)) return false;
  return macEquals(clearingRequestMac(kmb, r), Buffer.from(r.mac, 'hex'));
}
