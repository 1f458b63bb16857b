import { Money, MoneyError, minimalDecimal, isIotpAmount, UnknownCurrencyError } from './index';

describe('minimalDecimal (profile §3.2)', () => {
  it.each([
    ['12.50', '12.5'],
    ['012.00', '12'],
    ['0.001', '0.001'],
    ['245.35', '245.35'],
    ['0', '0'],
    ['000.000', '0'],
    ['1000000.00', '1000000'],
  ])('%s → %s', (input, expected) => {
    expect(minimalDecimal(input)).toBe(expected);
  });

  it.each(['-1', '1e3', ' 1', '1.', '.5', '', '0x10', '1,5'])('refuses %j', (input) => {
    expect(() => minimalDecimal(input)).toThrow(RangeError);
  });
});

describe('Money', () => {
  it('adds without binary floating point error', () => {
    const sum = Money.parse('0.1', 'EUR').plus(Money.parse('0.2', 'EUR'));
    expect(sum.toCanonical()).toBe('0.30');
    expect(sum.equals(Money.parse('0.3', 'EUR'))).toBe(true);
  });

  it('keeps amounts below the minor unit and refuses to turn them into minor units silently', () => {
    const tiny = Money.parse('0.001', 'EUR');
    expect(tiny.toCanonical()).toBe('0.001');
    expect(() => tiny.toMinor()).toThrow(MoneyError);
  });

  it('converts to and from minor units by the ISO 4217 table', () => {
    expect(Money.parse('12.50', 'EUR').toMinor()).toBe(1250n);
    expect(Money.parse('1250', 'JPY').toMinor()).toBe(1250n);
    expect(Money.ofMinor(1250n, 'EUR').toCanonical()).toBe('12.50');
    expect(Money.ofMinor(1234n, 'KWD').toCanonical()).toBe('1.234');
  });

  it('handles amounts far beyond 2^53 exactly', () => {
    const big = Money.parse('90071992547409931.01', 'EUR').plus(Money.parse('0.01', 'EUR'));
    expect(big.toCanonical()).toBe('90071992547409931.02');
  });

  it('refuses to mix currencies and unknown codes', () => {
    expect(() => Money.parse('1', 'EUR').plus(Money.parse('1', 'USD'))).toThrow(MoneyError);
    expect(() => Money.parse('1', 'XXQ')).toThrow(UnknownCurrencyError);
  });

  it('compares and reports minimal and canonical forms', () => {
    const a = Money.parse('12.50', 'EUR');
    expect(a.compare(Money.parse('12.5', 'EUR'))).toBe(0);
    expect(a.minus(Money.parse('13', 'EUR')).isNegative()).toBe(true);
    expect(a.toMinimal()).toBe('12.5');
    expect(isIotpAmount('12.50')).toBe(true);
    expect(isIotpAmount('12.')).toBe(false);
  });
});
