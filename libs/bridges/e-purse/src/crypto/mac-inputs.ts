import { lp, sha256 } from './purse-mac';

/** The MAC inputs of profile §3.5 (LP-encoded; nonces raw bytes, numbers and amounts as their text). */

/** EP-DebitReq: MAC_K_M("debitreq", idM, u, cur, nM, seqM) — proves a genuine merchant card to the purse. */
export const debitReqInput = (f: { idM: string; u: string; cur: string; nM: Buffer; seqM: string }): Buffer =>
  lp('debitreq', f.idM, f.u, f.cur, f.nM, f.seqM);

/** EP-DebitRecord: MAC_K_C("debit", idC, seqC, u, cur, nM, idM) — the purse's signed purchase record. */
export const debitInput = (f: {
  idC: string;
  seqC: string;
  u: string;
  cur: string;
  nM: Buffer;
  idM: string;
}): Buffer => lp('debit', f.idC, f.seqC, f.u, f.cur, f.nM, f.idM);

/** EP-CreditConf: MAC_K_M("credited", H(EP-DebitRecord bytes)) — the merchant card confirms this record. */
export const creditedInput = (debitRecordBytes: Uint8Array): Buffer =>
  lp('credited', sha256(debitRecordBytes));
