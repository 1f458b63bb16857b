import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Pool } from 'pg';
import { AccountsService } from './accounts/accounts.service';
import { BankSimulatorLifecycle } from './bank-simulator.lifecycle';
import type { BankSimulatorOptions } from './bank-simulator.options';
import { ClearingBankService } from './clearing/clearing-bank.service';
import { AccountsController } from './http/accounts.controller';
import { AdminController } from './http/admin.controller';
import { ClearingController } from './http/clearing.controller';
import { HealthController } from './http/health.controller';
import { OutageGuard } from './http/outage.guard';
import { OutageSwitch } from './http/outage-switch';
import { BANK_POOL, BANK_SIMULATOR_OPTIONS } from './http/tokens';
import { ReplayStorePurger } from './retention/replay-store-purger';
import { issuerFeature } from './issuer/issuer.feature';
import { smsOperatorFeature } from './sms/sms-operator.feature';
import { clearingCentreFeature } from './clearing-centre/clearing-centre.feature';

/**
 * The clearing bank of the hash/secret scheme. Import `BankSimulatorModule.forRoot(…)` to serve its
 * HTTP routes, or inject the exported ClearingBankService to clear in-process (same `clear` as the
 * PH's ClearingBank port).
 */
@Module({})
export class BankSimulatorModule {
  static forRoot(options: BankSimulatorOptions): DynamicModule {
    if (options.pool === undefined && options.databaseUrl === undefined) {
      throw new Error('BankSimulatorModule needs databaseUrl or pool');
    }
    const [sms, issuer, centre] = [
      smsOperatorFeature(options),
      issuerFeature(options),
      clearingCentreFeature(options),
    ];
    return {
      module: BankSimulatorModule,
      controllers: [
        ClearingController,
        AccountsController,
        HealthController,
        AdminController,
        ...sms.controllers,
        ...issuer.controllers,
        ...centre.controllers,
      ],
      providers: [
        ...sms.providers,
        ...issuer.providers,
        ...centre.providers,
        { provide: BANK_SIMULATOR_OPTIONS, useValue: options },
        {
          provide: BANK_POOL,
          useFactory: () => {
            if (options.pool) return options.pool;
            const pool = new Pool({ connectionString: options.databaseUrl, max: 20 });
            // An idle client's error (server restart) must not crash the process; the next query reconnects.
            pool.on('error', (error) => options.onError?.(error));
            return pool;
          },
        },
        {
          provide: ClearingBankService,
          inject: [BANK_POOL],
          useFactory: (pool: Pool) =>
            new ClearingBankService(pool, { schema: options.schema, clock: options.clock }),
        },
        {
          provide: AccountsService,
          inject: [BANK_POOL],
          useFactory: (pool: Pool) => new AccountsService(pool, options.schema),
        },
        {
          provide: ReplayStorePurger,
          inject: [BANK_POOL],
          useFactory: (pool: Pool) =>
            new ReplayStorePurger(pool, {
              schema: options.schema,
              retentionDays: options.retentionDays,
              intervalMs: options.purgeIntervalMs,
              clock: options.clock,
              onError: options.onError,
            }),
        },
        OutageSwitch,
        { provide: APP_GUARD, useClass: OutageGuard },
        BankSimulatorLifecycle,
      ],
      exports: [
        ClearingBankService,
        AccountsService,
        ReplayStorePurger,
        OutageSwitch,
        ...sms.exports,
        ...issuer.exports,
        ...centre.exports,
      ],
    };
  }
}
