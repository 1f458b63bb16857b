import { problemFor } from '../http/problem';
import { fromMinorUnits, toMinorUnits } from './minor-units';
import { clearingRequestHash } from './request-hash';

const q = {
  M: 'demo-merchant.example',
  C: 'alice',
  t: '20240501T101602Z-0000002a',
  y: 'PH000000000042',
  u: '12.5',
  cur: 'EUR',
  nC: '20'.repeat(32),
  pi: 'c6'.repeat(32),
  mac: '00'.repeat(32),
};

describe('bank simulator helpers', () => {
  it('converts amounts to exact minor units and back to the minimal form', () => {
    expect(toMinorUnits('12.5', 'EUR')).toBe('1250');
    expect(toMinorUnits('0.001', 'EUR')).toBe('0.1');
    expect(toMinorUnits('7', 'JPY')).toBe('7');
    expect(fromMinorUnits('99998750', 'EUR')).toBe('999987.5');
    expect(fromMinorUnits('0', 'EUR')).toBe('0');
    expect(fromMinorUnits('99998749.9', 'EUR')).toBe('999987.499');
  });

  it('hashes a clearing request over its fields, not over the MAC', () => {
    const h = clearingRequestHash(q);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(clearingRequestHash({ ...q, mac: 'ff'.repeat(32) })).toBe(h);
    expect(clearingRequestHash({ ...q, y: 'PH000000000043' })).not.toBe(h);
    expect(clearingRequestHash({ ...q, M: 'other.example' })).not.toBe(h);
  });

  it('maps errors to problem statuses: client errors stay 4xx, the rest is 503, never 500', () => {
    expect(problemFor({ statusCode: 400, message: 'Body is not valid JSON' })).toEqual({
      status: 400,
      detail: 'Body is not valid JSON',
    });
    expect(problemFor({ getStatus: () => 404, message: 'no such account' })).toMatchObject({ status: 404 });
    expect(problemFor(new Error('connection terminated: password=secret'))).toEqual({
      status: 503,
      detail: 'the bank is temporarily unavailable',
    });
    expect(problemFor({ statusCode: 500, message: 'internal' }).status).toBe(503);
  });
});
