import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { debitInput, devPurseKey, purseMac, type DebitRecordWire } from '@ph/bridges/e-purse';
import { ClearingCentreService } from '../../apps/bank-simulator/src/clearing-centre/clearing-centre.service';
import { migrateBankSchema } from '../../apps/bank-simulator/src/db/bank-schema';
import { databaseUrl, uniqueSchemaName } from '../support/database';

const M = 'MC-0001';
let serial = 0;
const txRef = () => `PH${(++serial).toString().padStart(12, '0')}`;

/** The record a genuine purse writes (MAC with the DEV ONLY purse key of profile §3.5). */
function record(idC: string, seqC: number, u: string, over: Partial<DebitRecordWire> = {}): DebitRecordWire {
  const nM = randomBytes(16);
  const f = { idC, seqC: String(seqC), u, cur: 'EUR', nM, idM: M };
  const macC = purseMac(devPurseKey(idC), debitInput(f)).toString('hex');
  return { ...f, nM: nM.toString('hex'), macC, ...over };
}

describe(ClearingCentreService.name, () => {
  const schema = uniqueSchemaName('clearing_centre');
  let pool: Pool;
  let centre: ClearingCentreService;
  let now = new Date('2025-06-01T10:00:00Z');

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 8 });
    await migrateBankSchema(pool, schema);
    await migrateBankSchema(pool, schema); // idempotent
    centre = new ClearingCentreService(pool, { schema, clock: () => now });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  /** Opens a purchase and books `rec` for it. */
  async function purchase(rec: DebitRecordWire) {
    const ref = txRef();
    await centre.openPurchase({ idM: M, txRef: ref, purseId: rec.idC, u: rec.u, cur: rec.cur });
    return { ref, booked: await centre.bookRecord({ idM: M, txRef: ref, record: rec }) };
  }

  describe('When purchases are opened', () => {
    it('hands out strictly increasing seqM, the same one again for the same txRef', async () => {
      const refs = Array.from({ length: 8 }, txRef);
      const opened = await Promise.all(
        refs.map((ref) =>
          centre.openPurchase({ idM: M, txRef: ref, purseId: 'EP-0001', u: '1', cur: 'EUR' }),
        ),
      );
      const seqs = opened.map((o) => (o.outcome === 'opened' ? Number(o.seqM) : NaN));
      expect(new Set(seqs).size).toBe(8);
      expect(
        await centre.openPurchase({ idM: M, txRef: refs[3], purseId: 'EP-0001', u: '1', cur: 'EUR' }),
      ).toEqual(opened[3]);
    });

    it('refuses blocked, expired and unknown purses and unknown merchant cards', async () => {
      const open = (purseId: string, idM = M) =>
        centre.openPurchase({ idM, txRef: txRef(), purseId, u: '1', cur: 'EUR' });
      expect(await open('EP-0002')).toEqual({ outcome: 'refused', reason: 'CardBlocked' });
      expect(await open('EP-0003')).toEqual({ outcome: 'refused', reason: 'CardExpired' });
      expect(await open('EP-9999')).toEqual({ outcome: 'refused', reason: 'UnknownCard' });
      expect(await open('EP-0001', 'MC-9999')).toEqual({ outcome: 'refused', reason: 'UnknownMerchantCard' });
    });
  });

  describe('When records are booked', () => {
    it('books a genuine record once; an identical retry gets the same answer; recordStatus reports it', async () => {
      const rec = record('EP-0001', 1, '12.5');
      const { ref, booked } = await purchase(rec);
      expect(booked.outcome).toBe('booked');
      expect(await centre.bookRecord({ idM: M, txRef: ref, record: rec })).toEqual(booked);
      expect(await centre.recordStatus(M, ref)).toEqual(booked);
      expect(await centre.recordStatus(M, txRef())).toEqual({ outcome: 'unknown' });
      expect((await centre.merchantCard(M))?.openRecords).toEqual([
        expect.objectContaining({ idC: 'EP-0001', seqC: '1', amount: '12.5' }),
      ]);
    });

    it('refuses a replayed or older seqC, a bad card MAC and a record of another purchase', async () => {
      expect((await purchase(record('EP-0001', 1, '2'))).booked).toEqual({
        outcome: 'rejected',
        reason: 'SeqReplayed',
      });
      expect((await purchase(record('EP-0001', 5, '2'))).booked.outcome).toBe('booked');
      expect((await purchase(record('EP-0001', 3, '2'))).booked).toEqual({
        outcome: 'rejected',
        reason: 'SeqReplayed',
      });
      expect((await purchase(record('EP-0001', 6, '2', { macC: '00'.repeat(16) }))).booked).toEqual({
        outcome: 'rejected',
        reason: 'BadMacC',
      });
      expect(await centre.bookRecord({ idM: M, txRef: txRef(), record: record('EP-0001', 7, '2') })).toEqual({
        outcome: 'rejected',
        reason: 'UnknownPurchase',
      });
    });

    it('refuses a record of a purse blocked after the purchase was opened', async () => {
      const ref = txRef();
      await centre.openPurchase({ idM: M, txRef: ref, purseId: 'EP-0004', u: '1', cur: 'EUR' });
      await pool.query(`UPDATE ${schema}.ep_purses SET status = 'blocked' WHERE purse_id = 'EP-0004'`);
      try {
        expect(await centre.bookRecord({ idM: M, txRef: ref, record: record('EP-0004', 1, '1') })).toEqual({
          outcome: 'rejected',
          reason: 'CardBlocked',
        });
      } finally {
        await pool.query(`UPDATE ${schema}.ep_purses SET status = 'active' WHERE purse_id = 'EP-0004'`);
      }
    });
  });

  describe('When cuts are submitted', () => {
    it('settles once, answers the same cut again as resubmitted and detects double submission', async () => {
      const open = (await centre.merchantCard(M))!.openRecords;
      const records = open.map((r) => ({ idC: r.idC, seqC: r.seqC }));
      const total = '14.5'; // 12.5 + 2
      now = new Date('2025-06-01T18:00:00Z');
      const cut = { idM: M, cutSeq: '1', cur: 'EUR', total, records };
      expect(await centre.submitCut({ ...cut, total: '99' })).toEqual({
        outcome: 'rejected',
        reason: 'TotalMismatch',
      });
      const first = await centre.submitCut(cut);
      expect(first).toMatchObject({ outcome: 'settled', count: 2, total, resubmitted: false });
      expect(await centre.submitCut(cut)).toEqual({ ...first, resubmitted: true });
      expect(await centre.submitCut({ ...cut, total: '12.5', records: records.slice(0, 1) })).toEqual({
        outcome: 'rejected',
        reason: 'CutSeqConflict',
      });
      expect(await centre.submitCut({ ...cut, cutSeq: '2' })).toMatchObject({
        outcome: 'rejected',
        reason: 'DoubleSubmission',
        records,
      });
      const view = await centre.merchantCard(M);
      expect([view?.settled, view?.lastCutSeq, view?.openRecords]).toEqual([total, '1', []]);
    });

    it('refuses unknown records, a record twice in one cut and an old cut sequence', async () => {
      const { booked } = await purchase(record('EP-0001', 9, '1'));
      expect(booked.outcome).toBe('booked');
      const rec = { idC: 'EP-0001', seqC: '9' };
      const base = { idM: M, cur: 'EUR', total: '1' };
      expect(
        await centre.submitCut({ ...base, cutSeq: '3', records: [{ idC: 'EP-0001', seqC: '99' }] }),
      ).toMatchObject({
        outcome: 'rejected',
        reason: 'UnknownRecord',
      });
      expect(await centre.submitCut({ ...base, cutSeq: '3', total: '2', records: [rec, rec] })).toMatchObject(
        {
          outcome: 'rejected',
          reason: 'DoubleSubmission',
        },
      );
      expect(await centre.submitCut({ ...base, cutSeq: '1', records: [rec] })).toEqual({
        outcome: 'rejected',
        reason: 'CutSeqConflict',
      });
      await pool.query(`UPDATE ${schema}.ep_merchant_cards SET last_cut_seq = 5 WHERE card_id = $1`, [M]);
      expect(await centre.submitCut({ ...base, cutSeq: '4', records: [rec] })).toEqual({
        outcome: 'rejected',
        reason: 'CutSeqOutOfOrder',
      });
      expect(await centre.submitCut({ ...base, cutSeq: '6', records: [rec] })).toMatchObject({
        outcome: 'settled',
      });
    });
  });
});
