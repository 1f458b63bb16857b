import { IdAllocator, nextMessageNumber } from './id-allocator';
import { formatIotpTimestamp, newIotpTransId } from './timestamp';

describe(IdAllocator.name, () => {
  it('hands out <prefix><n>.<k> in creation order', () => {
    const ids = new IdAllocator('P', 2);
    expect(ids.msgId).toBe('P2');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['P2.1', 'P2.2', 'P2.3']);
    expect(ids.allocated).toBe(3);
  });

  it('refuses a bad prefix or number', () => {
    expect(() => new IdAllocator('', 1)).toThrow();
    expect(() => new IdAllocator('P', 0)).toThrow();
  });

  it('finds the next number per prefix, ignoring other prefixes', () => {
    expect(nextMessageNumber([], 'P')).toBe(1);
    expect(nextMessageNumber(['P1', 'P2', 'Q7', 'C3', 'P10'], 'P')).toBe(11);
    expect(nextMessageNumber(['P1', 'PX2'], 'PX')).toBe(3);
  });
});

describe('timestamps', () => {
  it('emits YYYY-MM-DDTHH:MM:SS.sssZ', () => {
    expect(formatIotpTimestamp(new Date(Date.UTC(2024, 4, 1, 10, 15, 30, 7)))).toBe(
      '2024-05-01T10:15:30.007Z',
    );
  });

  it('makes a new IotpTransId as profile §1.5 says', () => {
    expect(newIotpTransId(new Date('2024-05-01T10:40:00.350Z'), '0f6d48e15efc7715', 'pay.bank.example')).toBe(
      '20240501104000.0f6d48e15efc7715@pay.bank.example',
    );
    expect(() => newIotpTransId(new Date(), 'xyz', 'a')).toThrow();
  });
});
