import type { BridgeOutcome, BridgeState, PaymentContext } from '@ph/bridges/common';
import type {
  BookRecordRequest,
  BookResult,
  ClearingCentre,
  OpenPurchaseResult,
  RecordStatus,
} from '../index';
import { ClearingCentreTimeoutError, ClearingCentreUnavailableError } from '../clearing/clearing-centre.port';
import { creditedInput, debitInput, debitReqInput } from '../crypto/mac-inputs';
import { devPurseKey, purseMac } from '../crypto/purse-mac';
import { decodeEpCreditConf } from '../payloads/ep-credit-conf';
import { decodeEpDebitReq } from '../payloads/ep-debit-req';
import { encodeEpDebitRecord, type EpDebitRecord } from '../payloads/ep-debit-record';
import { encodeEpHello } from '../payloads/ep-hello';
import { decodeEpResult } from '../payloads/ep-result';
import { packagedContent, payloadBytes } from '../payloads/json-payload';
import { SamUnavailableError, type MerchantSam } from '../sam/merchant-sam.port';
import { demoEPurseConfig } from './e-purse.config';
import { EPurseBridge } from './e-purse.bridge';

/** The SAM computed locally with the DEV ONLY profile keys (what the HSM simulator does). */
class FakeSam implements MerchantSam {
  down = false;
  async merchantMac(idM: string, input: Buffer) {
    if (this.down) throw new SamUnavailableError('down');
    return purseMac(devPurseKey(idM), input);
  }
  async verifyPurseMac(idC: string, input: Buffer, mac: Buffer) {
    if (this.down) throw new SamUnavailableError('down');
    return purseMac(devPurseKey(idC), input).equals(mac);
  }
}

/** A clearing centre in memory: one purchase per txRef, records once per (purse, seqC). */
class FakeCentre implements ClearingCentre {
  fail?: 'timeout' | 'unavailable';
  bookings = new Map<string, BookResult>();
  seen = new Set<string>();
  blocked = new Set<string>();
  async openPurchase(q: { purseId: string }): Promise<OpenPurchaseResult> {
    if (this.fail === 'unavailable') throw new ClearingCentreUnavailableError('down');
    if (this.blocked.has(q.purseId)) return { outcome: 'refused', reason: 'CardBlocked' };
    return { outcome: 'opened', seqM: '41' };
  }
  async bookRecord(q: BookRecordRequest): Promise<BookResult> {
    if (this.fail === 'unavailable') throw new ClearingCentreUnavailableError('down');
    const key = `${q.record.idC}/${q.record.seqC}`;
    let result = this.bookings.get(q.txRef);
    if (!result) {
      result = this.seen.has(key)
        ? { outcome: 'rejected', reason: 'SeqReplayed' }
        : { outcome: 'booked', seqM: '41' };
      this.seen.add(key);
      this.bookings.set(q.txRef, result);
    }
    if (this.fail === 'timeout') throw new ClearingCentreTimeoutError('late'); // booked, answer lost
    return result;
  }
  async recordStatus(_idM: string, txRef: string): Promise<RecordStatus> {
    if (this.fail) throw new ClearingCentreUnavailableError('down');
    return this.bookings.get(txRef) ?? { outcome: 'unknown' };
  }
  async submitCut(): Promise<never> {
    throw new Error('not used');
  }
}

let n = 0;
const ctx = (over: Partial<PaymentContext> = {}): PaymentContext => ({
  payId: `PH${String(++n).padStart(12, '0')}`,
  iotpTransId: 'T1',
  brandId: 'GeldKarte',
  protocolId: 'x-EPurse-1.0',
  protocolBrandId: 'GeldKarte',
  amount: '12.50',
  currency: 'EUR',
  merchantOrgId: 'demo-merchant.example',
  now: new Date('2025-06-01T10:00:00Z'),
  ...over,
});
const hello = (purseId = 'EP-0001') => [
  packagedContent('EP-Hello', encodeEpHello({ purseId, seqC: '0', cur: 'EUR' })),
];

/** What the purse writes for a debit request (or a deliberately wrong variant). */
function recordFor(out: BridgeOutcome, seqC = '1', over: Partial<EpDebitRecord> = {}) {
  if (out.kind !== 'continue') throw new Error(`expected continue, got ${out.kind}`);
  const req = decodeEpDebitReq(out.schemeOut[0].value);
  const f = { idC: 'EP-0001', seqC, u: req.u, cur: req.cur, nM: req.nM, idM: req.idM };
  const rec: EpDebitRecord = { ...f, macC: purseMac(devPurseKey(f.idC), debitInput(f)), ...over };
  return [packagedContent('EP-DebitRecord', encodeEpDebitRecord(rec))];
}

describe(EPurseBridge.name, () => {
  let sam: FakeSam;
  let centre: FakeCentre;
  let bridge: EPurseBridge;
  beforeEach(() => {
    sam = new FakeSam();
    centre = new FakeCentre();
    bridge = new EPurseBridge(demoEPurseConfig(), sam, centre, (size) => Buffer.alloc(size, 7));
  });

  describe('When EP-Hello arrives', () => {
    it('answers EP-DebitReq with the merchant card, minimal amount, seqM and a MAC the purse can check', async () => {
      const c = ctx();
      const out = await bridge.start(c, hello());
      expect(out.kind).toBe('continue');
      if (out.kind !== 'continue') return;
      const req = decodeEpDebitReq(out.schemeOut[0].value);
      expect(req).toMatchObject({ idM: 'MC-0001', u: '12.5', cur: 'EUR', txRef: c.payId, seqM: '41' });
      expect(req.macM).toEqual(purseMac(devPurseKey('MC-0001'), debitReqInput(req)));
      expect(out.state).toMatchObject({ step: 'awaiting-record', nM: '07'.repeat(16) });
    });

    it('refuses a blocked purse (Cancel BadInstrument), SystemBusy when the centre or the SAM is down', async () => {
      centre.blocked.add('EP-0002');
      expect(await bridge.start(ctx(), hello('EP-0002'))).toMatchObject({
        kind: 'refuse',
        completionCode: 'BadInstrument',
      });
      centre.fail = 'unavailable';
      expect(await bridge.start(ctx(), hello())).toMatchObject({
        kind: 'transient',
        errorCode: 'SystemBusy',
      });
      centre.fail = undefined;
      sam.down = true;
      expect(await bridge.start(ctx(), hello())).toMatchObject({
        kind: 'transient',
        errorCode: 'SystemBusy',
      });
    });

    it('rejects undecodable data (EncapProtErr) and another currency (ElInconsistent)', async () => {
      expect(await bridge.start(ctx(), [packagedContent('EP-Hello', 'not base64!')])).toMatchObject({
        errorCode: 'EncapProtErr',
      });
      expect(await bridge.start(ctx({ currency: 'USD' }), hello())).toMatchObject({
        errorCode: 'ElInconsistent',
      });
    });
  });

  describe('When the purse record arrives', () => {
    it('credits a genuine record: EP-CreditConf over the record bytes, receipt names both', async () => {
      const c = ctx();
      const started = await bridge.start(c, hello());
      const rec = recordFor(started);
      const out = await bridge.continue(c, (started as { state: BridgeState }).state, rec);
      expect(out).toMatchObject({
        kind: 'end',
        processState: 'CompletedOk',
        receiptNameRefs: ['EP-DebitRecord', 'EP-CreditConf'],
      });
      if (out.kind !== 'end') return;
      const conf = decodeEpCreditConf(out.schemeOut[0].value);
      expect(conf.mac).toEqual(purseMac(devPurseKey('MC-0001'), creditedInput(payloadBytes(rec[0].value))));
    });

    it.each([
      ['a bad card MAC', { macC: Buffer.alloc(16) }, 'AuthError', 'BadMacC'],
      ['another nM', { nM: Buffer.alloc(16, 1) }, 'Unspecified', 'UnknownNonce'],
    ])('declines %s with Failed/%s', async (_what, over, code, reason) => {
      const c = ctx();
      const started = await bridge.start(c, hello());
      const out = await bridge.continue(
        c,
        (started as { state: BridgeState }).state,
        recordFor(started, '1', over),
      );
      expect(out).toMatchObject({ kind: 'end', processState: 'Failed', completionCode: code });
      if (out.kind === 'end') expect(decodeEpResult(out.schemeOut[0].value).reason).toBe(reason);
    });

    it('declines a replayed seqC and an expired debit request', async () => {
      const first = ctx();
      const s1 = await bridge.start(first, hello());
      await bridge.continue(first, (s1 as { state: BridgeState }).state, recordFor(s1));
      const second = ctx();
      const s2 = await bridge.start(second, hello());
      expect(
        await bridge.continue(second, (s2 as { state: BridgeState }).state, recordFor(s2)),
      ).toMatchObject({
        completionCode: 'Unspecified',
        statusDesc: 'card record already used',
      });
      const late = { ...second, now: new Date(second.now.getTime() + 16 * 60_000) };
      expect(
        await bridge.continue(late, (s2 as { state: BridgeState }).state, recordFor(s2, '2')),
      ).toMatchObject({
        statusDesc: 'payment session expired',
      });
    });

    it('rejects a record for another amount (ElInconsistent) and a record when none is awaited (ElUnexpected)', async () => {
      const c = ctx();
      const started = await bridge.start(c, hello());
      const state = (started as { state: BridgeState }).state;
      expect(await bridge.continue(c, state, recordFor(started, '1', { u: '1' }))).toMatchObject({
        errorCode: 'ElInconsistent',
      });
      expect(await bridge.continue(c, { step: 'ended' }, recordFor(started))).toMatchObject({
        errorCode: 'ElUnexpected',
      });
    });
  });

  describe('When the clearing centre does not answer the booking', () => {
    it('suspends with the record; the janitor finds it booked and completes; the Consumer resend also completes', async () => {
      const c = ctx();
      const started = await bridge.start(c, hello());
      const rec = recordFor(started);
      centre.fail = 'timeout';
      const suspended = await bridge.continue(c, (started as { state: BridgeState }).state, rec);
      expect(suspended).toMatchObject({ kind: 'suspend', state: { step: 'awaiting-booking' } });
      const state = (suspended as { state: BridgeState }).state;
      centre.fail = 'unavailable';
      expect(await bridge.resume(c, state, [])).toMatchObject({ kind: 'suspend' });
      centre.fail = undefined;
      expect(await bridge.resume(c, state, [])).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
      expect(await bridge.resume(c, state, rec)).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
    });

    it('books on the janitor resume when the booking never arrived', async () => {
      const c = ctx();
      const started = await bridge.start(c, hello());
      const rec = recordFor(started);
      const state = {
        ...(started as { state: BridgeState }).state,
        step: 'awaiting-booking',
        record: rec[0].value,
      };
      expect(await bridge.resume(c, state, [])).toMatchObject({ kind: 'end', processState: 'CompletedOk' });
      expect(centre.seen.has('EP-0001/1')).toBe(true);
    });
  });
});
