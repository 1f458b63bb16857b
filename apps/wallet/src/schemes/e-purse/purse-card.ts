import { PreciseDecimal } from '@ph/money';
import type { DebitRequest } from './ep-messages';
import { devKey, lp, mac, macOk, sha256 } from './purse-crypto';
import { encodeJson } from './ep-messages';

/** What the chip keeps of a purchase (schemes.md §1.5: PaymentInstrumentInquiry's PayAmount/PayParty/PayTime). */
export interface PurseLogEntry {
  readonly seqC: string;
  readonly amount: string;
  readonly cur: string;
  readonly party: string;
  readonly time: string;
  /** The EP-DebitRecord text as written, so a lost answer can be re-sent from the card (schemes.md §1.6). */
  readonly record: string;
}

/** The card's persistent content; what the wallet saves between runs. */
export interface PurseCardData {
  readonly purseId: string;
  readonly cur: string;
  balance: string;
  /** Transaction counter: the seqC of the last record written (strictly increasing). */
  seqC: number;
  log: PurseLogEntry[];
}

/** GeldKarte's load limit [GK]: a purse never holds more than 200 EUR. */
export const LOAD_CAP = '200';
/** The chip keeps the last 15 purchase records [GK]. */
export const LOG_SIZE = 15;

export type DebitRefusal = 'BadMerchantMac' | 'InsuffFunds' | 'WrongCurrency';

/**
 * A simulated GeldKarte-like chip (profile §3.5): balance, load cap, transaction counter and log. It
 * authenticates the merchant card (macM with K_M) before it debits, then writes a MAC'd record with K_C.
 * Balance and counter change together, as one atomic chip operation.
 */
export class PurseCard {
  constructor(readonly data: PurseCardData) {}

  static issue(purseId: string, balance: string, cur = 'EUR'): PurseCard {
    return new PurseCard({ purseId, cur, balance, seqC: 0, log: [] });
  }

  get balance(): string {
    return this.data.balance;
  }

  /** Loading beyond the cap is refused by the chip. */
  load(amount: string): void {
    const after = new PreciseDecimal(this.data.balance).plus(amount);
    if (after.greaterThan(LOAD_CAP))
      throw new RangeError(`a purse holds at most ${LOAD_CAP} ${this.data.cur}`);
    this.data.balance = after.toFixed();
  }

  /** Checks the merchant card's MAC and the balance, then debits and returns the EP-DebitRecord text. */
  debit(req: DebitRequest, now: Date): { record: string } | { refused: DebitRefusal } {
    const input = lp('debitreq', req.idM, req.u, req.cur, Buffer.from(req.nM, 'hex'), req.seqM);
    if (
      !/^[0-9a-f]{32}$/i.test(req.macM) ||
      !macOk(mac(devKey(req.idM), input), Buffer.from(req.macM, 'hex'))
    )
      return { refused: 'BadMerchantMac' };
    if (req.cur !== this.data.cur) return { refused: 'WrongCurrency' };
    if (new PreciseDecimal(this.data.balance).lessThan(req.u)) return { refused: 'InsuffFunds' };
    const seqC = String(this.data.seqC + 1);
    const f = { idC: this.data.purseId, seqC, u: req.u, cur: req.cur, nM: req.nM, idM: req.idM };
    const macC = mac(devKey(f.idC), lp('debit', f.idC, f.seqC, f.u, f.cur, Buffer.from(f.nM, 'hex'), f.idM));
    const record = encodeJson({ type: 'EP-DebitRecord', v: 1, ...f, macC: macC.toString('hex') });
    this.data.balance = new PreciseDecimal(this.data.balance).minus(req.u).toFixed();
    this.data.seqC += 1;
    this.data.log = [
      { seqC, amount: req.u, cur: req.cur, party: req.idM, time: now.toISOString(), record },
      ...this.data.log,
    ].slice(0, LOG_SIZE);
    return { record };
  }

  /** Rolls the counter back (a cloned or tampered card, for tests of the PH's replay check). */
  rewindCounter(by: number): void {
    this.data.seqC = Math.max(0, this.data.seqC - by);
  }
}

/** EP-CreditConf's mac = MAC_K_M("credited", H(EP-DebitRecord bytes)) (profile §3.5). */
export function creditConfMacOk(idM: string, recordText: string, macHex: string): boolean {
  if (!/^[0-9a-f]{32}$/i.test(macHex)) return false;
  const expected = mac(devKey(idM), lp('credited', sha256(Buffer.from(recordText, 'base64'))));
  return macOk(expected, Buffer.from(macHex, 'hex'));
}
