import { parseLog, parseSearch } from '../api/api.controller';
import {
  checkRange,
  compareDecimals,
  currencyCode,
  decimal,
  decodeCursor,
  encodeCursor,
  integer,
  oneOf,
  only,
  time,
  token,
} from './params';
import { ProblemError, problemOf } from './problem';

/** The problem+json body a thrown error becomes (what the client sees). */
function problem(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    return problemOf(error, '/api/x');
  }
  throw new Error('did not throw');
}

describe('query parameters: every bad value is a 400 problem naming the parameter', () => {
  it('only: unknown parameters are listed with the allowed ones', () => {
    expect(() => only({ a: '1' }, ['a', 'b'])).not.toThrow();
    expect(problem(() => only({ colour: 'red', size: 'x', a: '1' }, ['a', 'b']))).toEqual({
      type: 'about:blank',
      title: 'Bad request',
      status: 400,
      detail: 'Unknown parameters colour, size; allowed: a, b.',
      instance: '/api/x',
      invalidParams: [
        { name: 'colour', reason: 'unknown parameter' },
        { name: 'size', reason: 'unknown parameter' },
      ],
    });
  });

  it('a repeated or non-string parameter is refused; an empty one is absent', () => {
    expect(problem(() => token({ payId: ['a', 'b'] }, 'payId'))).toMatchObject({
      detail: 'Parameter payId is given more than once.',
      invalidParams: [{ name: 'payId', reason: 'repeated' }],
    });
    expect(problem(() => token({ payId: { x: 1 } }, 'payId')).invalidParams).toEqual([
      { name: 'payId', reason: 'not a string' },
    ]);
    expect(token({ payId: '' }, 'payId')).toBeUndefined();
    expect(token({}, 'payId')).toBeUndefined();
  });

  it('token: letters, digits and . _ : @ - up to 80', () => {
    expect(token({ t: 'PH-1.a_b:c@d' }, 't')).toBe('PH-1.a_b:c@d');
    for (const bad of ['a b', 'a/b', "a'b", 'x'.repeat(81), 'ü'])
      expect(problem(() => token({ t: bad }, 't'))).toMatchObject({
        detail: expect.stringContaining('Parameter t must be 1–80 characters'),
        invalidParams: [{ name: 't', reason: 'bad format' }],
      });
  });

  it('oneOf names the allowed values', () => {
    expect(oneOf({ s: 'asc' }, 's', ['asc', 'desc'])).toBe('asc');
    expect(problem(() => oneOf({ s: 'up' }, 's', ['asc', 'desc'])).detail).toBe(
      'Parameter s must be one of asc, desc.',
    );
  });

  it('decimal: plain decimals only (no sign, exponent, comma or float noise)', () => {
    expect(decimal({ a: '12.50' }, 'a')).toBe('12.50');
    expect(decimal({ a: '0' }, 'a')).toBe('0');
    for (const bad of ['-1', '+1', '1e3', '1,5', '.5', '1.', 'NaN', '1.0000000000000000000000000000001'])
      expect(problem(() => decimal({ a: bad }, 'a'))).toMatchObject({
        invalidParams: [{ name: 'a', reason: 'not a decimal' }],
      });
  });

  it('time: ISO 8601 with a zone, normalised to UTC', () => {
    expect(time({ t: '2025-01-31T12:00:00+01:00' }, 't')).toBe('2025-01-31T11:00:00.000Z');
    expect(time({ t: '2025-01-31T12:00Z' }, 't')).toBe('2025-01-31T12:00:00.000Z');
    for (const bad of [
      'yesterday',
      '2025-01-31',
      '2025-01-31T12:00:00',
      '2025-13-01T00:00:00Z',
      '1738324800',
    ])
      expect(problem(() => time({ t: bad }, 't'))).toMatchObject({
        detail: expect.stringContaining('ISO 8601'),
        invalidParams: [{ name: 't', reason: 'not a time' }],
      });
  });

  it('integer: digits within the bounds, else the range is named', () => {
    expect(integer({}, 'limit', 50, 1, 200)).toBe(50);
    expect(integer({ limit: '200' }, 'limit', 50, 1, 200)).toBe(200);
    for (const bad of ['0', '201', '-1', '1.5', 'abc', '1e2', '9999999999'])
      expect(problem(() => integer({ limit: bad }, 'limit', 50, 1, 200))).toMatchObject({
        detail: 'Parameter limit must be an integer from 1 to 200.',
        invalidParams: [{ name: 'limit', reason: 'out of range' }],
      });
  });

  it('currencyCode: three upper-case letters', () => {
    expect(currencyCode({ c: 'EUR' }, 'c')).toBe('EUR');
    for (const bad of ['eur', 'EURO', 'E1R'])
      expect(problem(() => currencyCode({ c: bad }, 'c')).detail).toContain('ISO 4217');
  });

  it('checkRange: from must not be after to', () => {
    expect(() => checkRange('from', '2025-01-01T00:00:00Z', 'to', '2025-01-01T00:00:00Z')).not.toThrow();
    expect(
      problem(() => checkRange('from', '2025-02-01T00:00:00Z', 'to', '2025-01-01T00:00:00Z')),
    ).toMatchObject({
      detail: 'from must not be after to.',
      invalidParams: [{ name: 'from', reason: 'after to' }],
    });
  });

  it('compareDecimals compares as numbers, not as text', () => {
    expect(compareDecimals('12.5', '12.50')).toBe(0);
    expect(compareDecimals('3.00', '12.5')).toBe(-1);
    expect(compareDecimals('0012', '12')).toBe(0);
    expect(compareDecimals('1.05', '1.1')).toBe(-1);
    expect(compareDecimals('100', '99.99')).toBe(1);
  });

  it('cursors round-trip and are refused when forged, of another kind or arity', () => {
    const c = encodeCursor('payments', ['2025-01-01T00:00:00.000000Z', 'PH1']);
    expect(decodeCursor({ cursor: c }, 'cursor', 'payments', 2)).toEqual([
      '2025-01-01T00:00:00.000000Z',
      'PH1',
    ]);
    expect(decodeCursor({}, 'cursor', 'payments', 2)).toBeUndefined();
    const bads = [
      'not a cursor',
      encodeCursor('log', ['1']),
      encodeCursor('payments', ['only-one']),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["payments",1,2]').toString('base64url'),
      encodeCursor('payments', ['x'.repeat(101), 'y']),
    ];
    for (const bad of bads)
      expect(problem(() => decodeCursor({ cursor: bad }, 'cursor', 'payments', 2))).toMatchObject({
        detail: 'Parameter cursor is not a cursor this endpoint issued.',
        invalidParams: [{ name: 'cursor', reason: 'bad cursor' }],
      });
  });
});

describe('parseSearch and parseLog (the /api/payments and /api/log parameters)', () => {
  it('parseSearch: defaults, case, and cross-parameter checks', () => {
    expect(parseSearch({})).toMatchObject({ order: 'desc', limit: 50 });
    expect(problem(() => parseSearch({ amountMin: '5', amountMax: '4.99' }))).toMatchObject({
      detail: 'amountMin must not be greater than amountMax.',
      invalidParams: [{ name: 'amountMin', reason: 'greater than amountMax' }],
    });
    expect(problem(() => parseSearch({ state: 'Done' })).detail).toContain('state');
    expect(problem(() => parseSearch({ cursor: encodeCursor('log', ['5']) })).detail).toContain('cursor');
  });

  it('parseLog: a position cursor without a window, a (time, position) cursor with one', () => {
    expect(parseLog({ cursor: encodeCursor('log', ['42']) })).toMatchObject({ before: '42' });
    const windowed = parseLog({
      from: '2025-01-01T00:00:00Z',
      cursor: encodeCursor('logt', ['2025-01-01T10:00:00.123456Z', '42']),
    });
    expect(windowed).toMatchObject({ before: '42', beforeOccurredAt: '2025-01-01T10:00:00.123456Z' });
    // a cursor of the other kind of query
    expect(
      problem(() => parseLog({ from: '2025-01-01T00:00:00Z', cursor: encodeCursor('log', ['42']) })).detail,
    ).toBe('Parameter cursor is not a cursor this endpoint issued.');
    expect(
      problem(() => parseLog({ cursor: encodeCursor('logt', ['2025-01-01T10:00:00Z', '42']) })).detail,
    ).toContain('cursor');
    expect(
      problem(() => parseLog({ to: '2025-01-02T00:00:00Z', cursor: encodeCursor('logt', ['someday', '42']) }))
        .detail,
    ).toContain('cursor');
  });

  it('parseLog: positions are digits; cursor and after exclude each other', () => {
    expect(problem(() => parseLog({ after: 'xyz' }))).toMatchObject({
      detail: 'Parameter after must be a log position.',
      invalidParams: [{ name: 'after', reason: 'bad position' }],
    });
    expect(problem(() => parseLog({ cursor: encodeCursor('log', ['-1']) })).detail).toBe(
      'Parameter cursor must be a log position.',
    );
    expect(problem(() => parseLog({ after: '5', cursor: encodeCursor('log', ['9']) })).detail).toBe(
      'Give either cursor or after, not both.',
    );
    expect(problem(() => parseLog({ limit: '501' })).detail).toContain('limit');
    expect(problem(() => parseLog({ category: 'other' })).detail).toContain('payment, iotptx');
  });
});
