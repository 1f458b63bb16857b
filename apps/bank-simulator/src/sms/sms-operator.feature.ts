import type { Pool } from 'pg';
import type { BankSimulatorOptions } from '../bank-simulator.options';
import { BANK_POOL } from '../http/tokens';
import { SmsOperatorController } from './sms-operator.controller';
import { SmsOperatorControls } from './sms-operator.controls';
import { SmsOperatorService } from './sms-operator.service';

/** Controllers and providers of the SMS operator, spread into BankSimulatorModule.forRoot. */
export function smsOperatorFeature(options: BankSimulatorOptions) {
  return {
    controllers: [SmsOperatorController],
    providers: [
      SmsOperatorControls,
      {
        provide: SmsOperatorService,
        inject: [BANK_POOL],
        useFactory: (pool: Pool) =>
          new SmsOperatorService(pool, { schema: options.schema, clock: options.clock }),
      },
    ],
    exports: [SmsOperatorService, SmsOperatorControls],
  };
}
