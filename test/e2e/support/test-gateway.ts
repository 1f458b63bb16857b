import type { AddressInfo } from 'node:net';
import type { EventStore } from '@ph/event-store';
import type { PaymentApiTransport } from '@ph/messaging';
import { EnvReader } from '@ph/platform';
import { readGatewayConfig } from '../../../apps/gateway/src/config/gateway-config';
import { createGatewayApp, type GatewayDeps } from '../../../apps/gateway/src/gateway.app';
import { TransportPaymentApiClient } from '../../../apps/gateway/src/payment-api';

export interface TestGateway {
  /** POST target, e.g. http://127.0.0.1:40123/iotp. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The gateway (IOTP Application Core) on a free port, routing the brands of `bridges` over `transport`
 * to the payment worker — how every e2e system composes it. Readiness checks are left out.
 */
export async function startTestGateway(options: {
  readonly bridges?: string;
  readonly store: EventStore;
  readonly transport: PaymentApiTransport;
  readonly logger: GatewayDeps['logger'];
}): Promise<TestGateway> {
  const config = readGatewayConfig(
    new EnvReader({ GATEWAY_PORT: '0', ...(options.bridges !== undefined && { BRIDGES: options.bridges }) }),
  );
  const app = await createGatewayApp({
    config,
    store: options.store,
    paymentApi: new TransportPaymentApiClient(options.transport, { timeoutMs: config.paymentApiTimeoutMs }),
    logger: options.logger,
    readiness: [],
  });
  await app.listen(config.port, config.host);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { url: `http://${config.host}:${port}${config.iotpPath}`, close: () => app.close() };
}
