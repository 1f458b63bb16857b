import { decodeActualRevision, encodeExpectedRevision } from './expected-revision';

describe('encodeExpectedRevision', () => {
  it.each([
    ['any', -2],
    ['no_stream', -1],
    [-1, -1],
    [0, 0],
    [41, 41],
  ] as const)('%j → %d', (expected, code) => {
    expect(encodeExpectedRevision(expected)).toBe(code);
  });

  it.each([-2, 1.5, Number.NaN, 2 ** 31])('refuses %d', (bad) => {
    expect(() => encodeExpectedRevision(bad)).toThrow(RangeError);
  });

  it("reports -1 as 'no_stream'", () => {
    expect(decodeActualRevision(-1)).toBe('no_stream');
    expect(decodeActualRevision(3)).toBe(3);
  });
});
