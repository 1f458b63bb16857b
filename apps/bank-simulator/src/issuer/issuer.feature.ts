import type { Pool } from 'pg';
import type { BankSimulatorOptions } from '../bank-simulator.options';
import { BANK_POOL } from '../http/tokens';
import { IssuerController } from './issuer.controller';
import { IssuerControls } from './issuer.controls';
import { IssuerService } from './issuer.service';

/** Controllers and providers of the Issuer Operator, spread into BankSimulatorModule.forRoot. */
export function issuerFeature(options: BankSimulatorOptions) {
  return {
    controllers: [IssuerController],
    providers: [
      IssuerControls,
      {
        provide: IssuerService,
        inject: [BANK_POOL],
        useFactory: (pool: Pool) => new IssuerService(pool, { schema: options.schema, clock: options.clock }),
      },
    ],
    exports: [IssuerService, IssuerControls],
  };
}
