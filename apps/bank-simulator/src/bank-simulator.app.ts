import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BankSimulatorModule } from './bank-simulator.module';
import type { BankSimulatorOptions } from './bank-simulator.options';
import { ProblemJsonFilter } from './http/problem-json.filter';
import { problemFor, problemTitle, sendProblem } from './http/problem';

/** The standalone bank simulator as a Nest application on Fastify (not yet listening). */
export async function createBankSimulatorApp(options: BankSimulatorOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 65_536 });
  // Errors raised before a route runs (invalid or empty JSON, wrong media type) become problem+json too.
  adapter.getInstance().setErrorHandler((error, _request, reply) => {
    const { status, detail } = problemFor(error);
    if (status >= 500) options.onError?.(error);
    void sendProblem(reply, status, problemTitle(status), detail);
  });
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
