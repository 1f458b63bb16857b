/** DI tokens of the bank simulator (Symbol tokens: no reliance on emitted type metadata). */
export const BANK_POOL = Symbol('BANK_POOL');
export const BANK_SIMULATOR_OPTIONS = Symbol('BANK_SIMULATOR_OPTIONS');
