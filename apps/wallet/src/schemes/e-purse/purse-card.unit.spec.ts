import { creditConfMacOk, LOG_SIZE, PurseCard } from './purse-card';
import { devKey, lp, mac, sha256 } from './purse-crypto';

const nM = '0a'.repeat(16);
function request(u = '2.5', idM = 'MC-0001') {
  const macM = mac(devKey(idM), lp('debitreq', idM, u, 'EUR', Buffer.from(nM, 'hex'), '7')).toString('hex');
  return { idM, u, cur: 'EUR', txRef: 'PH0000000000001', nM, seqM: '7', macM };
}
const now = new Date('2025-06-01T10:00:00Z');

describe(PurseCard.name, () => {
  it('debits after checking the merchant MAC, counts up and writes a record the PH can verify', () => {
    const card = PurseCard.issue('EP-0001', '50');
    const out = card.debit(request(), now);
    expect('record' in out).toBe(true);
    expect([card.balance, card.data.seqC]).toEqual(['47.5', 1]);
    const rec = JSON.parse(Buffer.from((out as { record: string }).record, 'base64').toString()) as Record<
      string,
      string
    >;
    expect(rec).toMatchObject({
      type: 'EP-DebitRecord',
      idC: 'EP-0001',
      seqC: '1',
      u: '2.5',
      idM: 'MC-0001',
      nM,
    });
    const expected = mac(
      devKey('EP-0001'),
      lp('debit', 'EP-0001', '1', '2.5', 'EUR', Buffer.from(nM, 'hex'), 'MC-0001'),
    );
    expect(rec.macC).toBe(expected.toString('hex'));
  });

  it('refuses a forged merchant MAC and an amount above the balance, changing nothing', () => {
    const card = PurseCard.issue('EP-0001', '2');
    expect(card.debit({ ...request('1'), macM: '00'.repeat(16) }, now)).toEqual({
      refused: 'BadMerchantMac',
    });
    expect(card.debit(request('2.5'), now)).toEqual({ refused: 'InsuffFunds' });
    expect([card.balance, card.data.seqC, card.data.log]).toEqual(['2', 0, []]);
  });

  it('loads up to the 200 EUR cap and keeps the last 15 records', () => {
    const card = PurseCard.issue('EP-0001', '150');
    card.load('50');
    expect(() => card.load('0.01')).toThrow(RangeError);
    for (let i = 0; i < LOG_SIZE + 3; i++) card.debit(request('1'), now);
    expect(card.data.log).toHaveLength(LOG_SIZE);
    expect(card.data.log[0].seqC).toBe(String(LOG_SIZE + 3));
    expect(card.balance).toBe('182');
  });

  it('verifies the merchant card’s credit confirmation over the record bytes', () => {
    const record = Buffer.from('{"type":"EP-DebitRecord"}').toString('base64');
    const good = mac(devKey('MC-0001'), lp('credited', sha256(Buffer.from(record, 'base64')))).toString(
      'hex',
    );
    expect(creditConfMacOk('MC-0001', record, good)).toBe(true);
    expect(creditConfMacOk('MC-0002', record, good)).toBe(false);
  });
});
