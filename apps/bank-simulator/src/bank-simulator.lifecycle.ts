import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { seedDemoAccounts } from './accounts/demo-accounts';
import type { BankSimulatorOptions } from './bank-simulator.options';
import { migrateBankSchema } from './db/bank-schema';
import { BANK_POOL, BANK_SIMULATOR_OPTIONS } from './http/tokens';
import { ReplayStorePurger } from './retention/replay-store-purger';

/** Migrates and seeds on start, runs the purge interval, releases the pool it owns on shutdown. */
@Injectable()
export class BankSimulatorLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(BANK_POOL) private readonly pool: Pool,
    @Inject(BANK_SIMULATOR_OPTIONS) private readonly options: BankSimulatorOptions,
    @Inject(ReplayStorePurger) private readonly purger: ReplayStorePurger,
  ) {}

  async onModuleInit(): Promise<void> {
    const schema = this.options.schema ?? 'bank';
    await migrateBankSchema(this.pool, schema);
    if (this.options.seedDemoAccounts ?? true) await seedDemoAccounts(this.pool, schema);
    this.purger.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.purger.stop();
    if (this.options.pool === undefined) await this.pool.end();
  }
}
