import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@ph/event-store';
import type { Logger, ReadinessCheck } from '@ph/platform';
import { BrandRouting } from './app-core/brand-routing';
import { IotpApplicationCore } from './app-core/iotp-application-core';
import type { PaymentApiClient } from './app-core/payment-api-client';
import type { GatewayConfig } from './config/gateway-config';
import { MerchantRegistry } from './config/merchant-registry';
import { DRAIN_LIMIT_BYTES, registerIotpRoute } from './http/iotp-http';
import { OpsController, READINESS_CHECKS } from './ops/ops.controller';
import { TransactionRepository } from './transaction/transaction-repository';

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly store: EventStore;
  readonly paymentApi: PaymentApiClient;
  readonly logger: Logger;
  readonly readiness: readonly ReadinessCheck[];
}

@Module({})
class GatewayModule {
  static forRoot(readiness: readonly ReadinessCheck[]): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [OpsController],
      providers: [{ provide: READINESS_CHECKS, useValue: readiness }],
    };
  }
}

export function createApplicationCore(deps: GatewayDeps): IotpApplicationCore {
  const { config } = deps;
  return new IotpApplicationCore(
    {
      paymentApi: deps.paymentApi,
      registry: new MerchantRegistry(config.ph),
      routing: new BrandRouting(config.bridges),
      config: config.ph,
      writer: { softwareId: config.ph.paymentHandler.softwareId, now: () => new Date() },
      payIdKey: config.payIdKey,
      logger: deps.logger,
    },
    new TransactionRepository(deps.store),
  );
}

/** The gateway (IOTP Application Core) as a Nest application on Fastify; not yet listening. */
export async function createGatewayApp(deps: GatewayDeps): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: DRAIN_LIMIT_BYTES,
    connectionTimeout: 30_000,
    keepAliveTimeout: 30_000,
    requestTimeout: 30_000,
  });
  const fastify = adapter.getInstance();
  const core = createApplicationCore(deps);
  registerIotpRoute(fastify, deps.config.iotpPath, core, (error) => {
    deps.logger.error({ err: error }, 'IOTP message processing failed');
    return core.internalErrorAnswer();
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot(deps.readiness),
    adapter,
    {
      logger: false,
    },
  );
  return app;
}
