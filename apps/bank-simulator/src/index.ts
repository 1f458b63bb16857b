export { createBankSimulatorApp } from './bank-simulator.app';
export { BankSimulatorModule } from './bank-simulator.module';
export type { BankSimulatorOptions } from './bank-simulator.options';
export { ClearingBankService, type ClearingBankServiceOptions } from './clearing/clearing-bank.service';
export { AccountsService, type AccountBalance } from './accounts/accounts.service';
export { ReplayStorePurger, MIN_RETENTION_DAYS } from './retention/replay-store-purger';
export { migrateBankSchema } from './db/bank-schema';
export { seedDemoAccounts, DEMO_ACCOUNTS, DEMO_BANK_ID } from './accounts/demo-accounts';
