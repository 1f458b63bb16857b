import { decodeSetPayload, encodeSetPayload, onlySetPayload, setPackagedContent } from './payload';
import { samePurchAmt, toPurchAmt, readPurchAmt } from './purch-amt';
import { decodePInitReq } from './set-messages';

describe('SET-like payloads', () => {
  const init = {
    ver: 'SETLIKE/1',
    msg: 'PInitReq',
    Date: '2026-01-01T10:00:00Z',
    RRPID: 'AAAAAAAAAAAAAAAAAAAAAA',
    Language: 'en',
    'LID-C': 'CP0102',
    'Chall-C': 'BBBBBBBBBBBBBBBBBBBBBB',
    BrandID: 'VISA',
    Thumbs: [],
  };

  it('maps IOTP amounts to SET PurchAmt and compares by value', () => {
    expect(toPurchAmt('129.50', 'USD')).toEqual({ currency: '840', amount: '12950', amtExp10: '-2' });
    expect(toPurchAmt('12', 'EUR')).toEqual({ currency: '978', amount: '12', amtExp10: '0' });
    expect(toPurchAmt('0.05', 'EUR')).toEqual({ currency: '978', amount: '5', amtExp10: '-2' });
    expect(toPurchAmt('1', 'XXX')).toBeUndefined();
    expect(samePurchAmt(toPurchAmt('129.5', 'USD')!, toPurchAmt('129.50', 'USD')!)).toBe(true);
    expect(samePurchAmt(toPurchAmt('129.5', 'USD')!, toPurchAmt('129.5', 'EUR')!)).toBe(false);
    expect(samePurchAmt(toPurchAmt('129.5', 'USD')!, toPurchAmt('129.51', 'USD')!)).toBe(false);
    expect(readPurchAmt({ currency: '978', amount: '1x', amtExp10: '-2' })).toBeUndefined();
  });

  it('decodes a PInitReq and rejects wrong ver/msg, bad base64 and bad brand ids', () => {
    expect(decodePInitReq(encodeSetPayload(init))).toMatchObject({ BrandID: 'VISA', 'LID-C': 'CP0102' });
    expect(() => decodePInitReq(encodeSetPayload({ ...init, ver: 'SET/1' }))).toThrow('"ver"');
    expect(() => decodePInitReq(encodeSetPayload({ ...init, msg: 'PReq' }))).toThrow('PInitReq');
    expect(() => decodePInitReq('not base64!')).toThrow('base64');
    expect(() => decodePInitReq(encodeSetPayload({ ...init, BrandID: 'VISA:' }))).toThrow('"BrandID"');
    expect(decodePInitReq(encodeSetPayload({ ...init, BrandID: 'VISA::UC_VISA' })).BrandID).toBe(
      'VISA::UC_VISA',
    );
    expect(() => decodeSetPayload(encodeSetPayload([1]), 'PInitReq')).toThrow('object');
  });

  it('requires exactly one PCDATA/BASE64 PackagedContent; PRes carries Name="PRes"', () => {
    const pc = setPackagedContent('eyJ9');
    expect(pc).toEqual({ content: 'PCDATA', transform: 'BASE64', value: 'eyJ9' });
    expect(setPackagedContent('x', 'PRes').name).toBe('PRes');
    expect(onlySetPayload([pc])).toBe('eyJ9');
    expect(() => onlySetPayload([pc, pc])).toThrow('exactly one');
    expect(() => onlySetPayload([{ ...pc, content: 'MIME:application/json' }])).toThrow('PCDATA');
  });
});
