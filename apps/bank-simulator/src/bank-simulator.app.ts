import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BankSimulatorModule } from './bank-simulator.module';
import type { BankSimulatorOptions } from './bank-simulator.options';
import { ProblemJsonFilter } from './http/problem-json.filter';

/** The standalone bank simulator as a Nest application on Fastify (not yet listening). */
export async function createBankSimulatorApp(options: BankSimulatorOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 65_536 });
  const app = await NestFactory.create<NestFastifyApplication>(
    BankSimulatorModule.forRoot(options),
    adapter,
    {
      logger: false,
    },
  );
  app.useGlobalFilters(new ProblemJsonFilter(options.onError));
  app.enableShutdownHooks();
  return app;
}
