import type { Pool } from 'pg';
import type { BankSimulatorOptions } from '../bank-simulator.options';
import { BANK_POOL } from '../http/tokens';
import { ClearingCentreController } from './clearing-centre.controller';
import { ClearingCentreControls } from './clearing-centre.controls';
import { ClearingCentreService } from './clearing-centre.service';

/** Controllers and providers of the e-purse clearing centre, spread into BankSimulatorModule.forRoot. */
export function clearingCentreFeature(options: BankSimulatorOptions) {
  return {
    controllers: [ClearingCentreController],
    providers: [
      ClearingCentreControls,
      {
        provide: ClearingCentreService,
        inject: [BANK_POOL],
        useFactory: (pool: Pool) =>
          new ClearingCentreService(pool, { schema: options.schema, clock: options.clock }),
      },
    ],
    exports: [ClearingCentreService, ClearingCentreControls],
  };
}
