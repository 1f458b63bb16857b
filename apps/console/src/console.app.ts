import { FailedAuthThrottle } from './auth/failed-auth-throttle';
import { type DynamicModule, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import type { EventStore } from '@ph/event-store';
import type { PaymentApiTransport } from '@ph/messaging';
import { type Logger, metricsRegistry, type ReadinessCheck } from '@ph/platform';
import { migrateReadModels } from '@ph/read-models';
import { ApiController } from './api/api.controller';
import { LogTail } from './api/log-tail';
import { ApiKeyVerifier } from './auth/api-keys';
import { AccessGuard, AUTHENTICATOR, Authenticator } from './auth/authenticator';
import { type Fetch, OidcVerifier } from './auth/oidc';
import { OidcLogin } from './auth/oidc-login';
import { SessionStore } from './auth/sessions';
import { OperatorActions } from './commands/operator-actions';
import { OperatorCommands } from './commands/operator-commands';
import type { ConsoleConfig } from './config/console-config';
import { ProblemFilter } from './http/problem';
import { MetricsScraper, type TextFetch } from './metrics/scraper';
import { OpsController, READINESS_CHECKS } from './ops/ops.controller';
import { OidcLoginController } from './pages/oidc-login.controller';
import { DEV_KEYS_IN_FORCE, OIDC_LOGIN, PagesController } from './pages/pages.controller';
import { ConsoleQueries } from './read/console-queries';
import { Inquiry } from './read/inquiry';

export interface ConsoleDeps {
  readonly config: ConsoleConfig;
  /** The database of the read models (and of the console's operator_actions). */
  readonly pool: Pool;
  /** The event store: the full history of one payment. */
  readonly store: EventStore;
  /** The Payment API transport the gateway uses: operator commands travel the same path. */
  readonly transport: PaymentApiTransport;
  readonly logger: Logger;
  readonly readiness?: readonly ReadinessCheck[];
  /** Poll interval of the live tail (ms). */
  readonly tailPollMs?: number;
  /** HTTP client of the identity provider and the metrics targets (tests); default: fetch. */
  readonly fetch?: Fetch & TextFetch;
}

class Shutdown implements OnApplicationShutdown {
  constructor(
    @Inject(LogTail) private readonly tail: LogTail,
    @Inject(MetricsScraper) private readonly scraper: MetricsScraper,
  ) {}
  onApplicationShutdown(): void {
    this.tail.closeAll();
    this.scraper.stop();
  }
}

@Module({})
class ConsoleModule {
  static forRoot(deps: ConsoleDeps): DynamicModule {
    const queries = new ConsoleQueries(deps.pool, deps.config.readModelSchema, deps.config.eventStoreSchema);
    const actions = new OperatorActions(deps.pool, deps.config.consoleSchema);
    const auth = new Authenticator(
      new ApiKeyVerifier(deps.config.apiKeys),
      new SessionStore(deps.config.sessionSeconds),
      deps.config.oidc && new OidcVerifier(deps.config.oidc, deps.fetch),
      new FailedAuthThrottle({
        maxFailures: deps.config.authMaxFailures,
        windowMs: 60_000,
        lockoutMs: 60_000,
      }),
    );
    const oidcLogin =
      deps.config.oidcLogin && auth.oidc ? new OidcLogin(deps.config.oidcLogin, auth.oidc, deps.fetch) : null;
    const scraper = new MetricsScraper({
      targets: deps.config.metricsTargets,
      intervalMs: deps.config.metricsIntervalMs,
      timeoutMs: deps.config.metricsTimeoutMs,
      local: () => metricsRegistry.metrics(),
      ...(deps.fetch && { fetcher: deps.fetch }),
      onError: (target, error) => deps.logger.warn({ target, error }, 'metrics scrape failed'),
    });
    scraper.start();
    const tail = new LogTail(queries, deps.tailPollMs);
    const commands = new OperatorCommands({
      transport: deps.transport,
      store: deps.store,
      queries,
      actions,
      timeoutMs: deps.config.commandTimeoutMs,
    });
    const readiness: ReadinessCheck[] = [
      { name: 'read-models', check: () => queries.ping() },
      { name: 'event-store', check: () => deps.store.ping() },
      ...(deps.readiness ?? []),
    ];
    return {
      module: ConsoleModule,
      controllers: [ApiController, PagesController, OidcLoginController, OpsController],
      providers: [
        { provide: ConsoleQueries, useValue: queries },
        { provide: OperatorActions, useValue: actions },
        { provide: OperatorCommands, useValue: commands },
        { provide: Inquiry, useValue: new Inquiry(queries, deps.store, scraper) },
        { provide: MetricsScraper, useValue: scraper },
        { provide: LogTail, useValue: tail },
        { provide: AUTHENTICATOR, useValue: auth },
        { provide: DEV_KEYS_IN_FORCE, useValue: deps.config.devKeys },
        { provide: OIDC_LOGIN, useValue: oidcLogin },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: APP_GUARD, useClass: AccessGuard },
        {
          provide: APP_FILTER,
          useValue: new ProblemFilter((error) => deps.logger.error({ err: error }, 'console request failed')),
        },
        Shutdown,
      ],
    };
  }
}

export interface ConsoleApp {
  readonly app: NestFastifyApplication;
  /** Method and URL of every route registered (the OpenAPI test compares them with the document). */
  readonly routes: readonly { method: string; url: string }[];
}

/**
 * The operator console as a Nest application on Fastify; not yet listening. Applies the read-model
 * migrations (its indexes) and its own schema first. Listen on config.host/config.port.
 */
export async function createConsoleApp(deps: ConsoleDeps): Promise<ConsoleApp> {
  if (deps.config.devKeys && process.env.NODE_ENV === 'production')
    throw new Error(
      'the console refuses the DEV ONLY API keys with NODE_ENV=production: set CONSOLE_API_KEYS',
    );
  await migrateReadModels(deps.pool, deps.config.readModelSchema);
  await new OperatorActions(deps.pool, deps.config.consoleSchema).migrate();
  const adapter = new FastifyAdapter({
    bodyLimit: 16 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
  });
  const fastify = adapter.getInstance();
  const routes: { method: string; url: string }[] = [];
  fastify.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routes.push({ method: m, url: r.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(ConsoleModule.forRoot(deps), adapter, {
    logger: false,
  });
  app.enableShutdownHooks([]);
  await app.init();
  return { app, routes };
}
