export { currency, isKnownCurrency, UnknownCurrencyError, type Currency } from './currency';
export { isIotpAmount, minimalDecimal, PreciseDecimal } from './decimal-string';
export { Money, MoneyError } from './money';
