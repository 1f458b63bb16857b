import type { PendingPaymentIndex } from './pending-payment-index';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import type { PaymentBridge } from '@ph/bridges/common';
import type { EventStore } from '@ph/event-store';
import type { PaymentApiTransport } from '@ph/messaging';
import type { IotpPaymentApiRequest, IotpPaymentApiResponse } from '@ph/payment-api';
import { errorAt, errorResponse } from '@ph/payment-api';
import { commandFor, PAYMENT_API_COMMAND_HANDLERS, safely } from './payment-api.commands';
import { type CallMeta, PaymentApiRequestHandler, type WorkerLogger } from './payment-api-request.handler';

export interface PaymentWorkerOptions {
  readonly bridges: readonly PaymentBridge[];
  readonly store: EventStore;
  /** Requests are RFC 3867 envelopes (IotpPaymentApiRequest), replies IotpPaymentApiResponse. */
  readonly transport: PaymentApiTransport;
  readonly logger?: WorkerLogger;
  readonly now?: () => Date;
  /** The read model's pending payments, for InquirePendingPayment (else every stream is folded). */
  readonly pendingPayments?: PendingPaymentIndex;
}

export const PAYMENT_WORKER_OPTIONS = Symbol('PaymentWorkerOptions');

/** The topic a bridge's requests arrive on (architecture §6). */
export const requestTopic = (bridgeId: string): string => `paymentapi.${bridgeId}.requests`;

const isEnvelope = (v: unknown): v is IotpPaymentApiRequest =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { request?: { call?: unknown } }).request?.call === 'string';

/** Serves every bridge's topic; each request goes over the CommandBus to its call's handler. */
@Injectable()
export class PaymentWorkerServer implements OnApplicationBootstrap {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(PAYMENT_WORKER_OPTIONS) private readonly options: PaymentWorkerOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const bridge of this.options.bridges) {
      await this.options.transport.serve(requestTopic(bridge.id), (req, meta) =>
        this.dispatch(req, { commandId: meta.correlationId, bridgeId: bridge.id }),
      );
    }
  }

  dispatch(req: unknown, meta: CallMeta): Promise<IotpPaymentApiResponse> {
    if (!isEnvelope(req)) {
      return Promise.resolve({
        ErrorResponse: errorResponse(
          'ElMissing',
          'Not a Payment API request.',
          errorAt('IotpPaymentApiRequest'),
        ),
      });
    }
    return safely(req.request.call, () => this.commandBus.execute(commandFor(req.request, meta)));
  }
}

@Module({})
export class PaymentWorkerModule {
  static forRoot(options: PaymentWorkerOptions): DynamicModule {
    return {
      module: PaymentWorkerModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: PAYMENT_WORKER_OPTIONS, useValue: options },
        {
          provide: PaymentApiRequestHandler,
          useFactory: (o: PaymentWorkerOptions) => new PaymentApiRequestHandler(o),
          inject: [PAYMENT_WORKER_OPTIONS],
        },
        ...PAYMENT_API_COMMAND_HANDLERS,
        PaymentWorkerServer,
      ],
      exports: [PaymentApiRequestHandler, PaymentWorkerServer],
    };
  }
}

export interface RunningPaymentWorker {
  readonly server: PaymentWorkerServer;
  /** The Payment API entry point (the janitor and operator tools call it directly in-process). */
  readonly handler: PaymentApiRequestHandler;
  close(): Promise<void>;
}

/** Boots the worker's Nest application context and serves the bridges' topics on the transport. */
export async function startPaymentWorker(options: PaymentWorkerOptions): Promise<RunningPaymentWorker> {
  const app = await NestFactory.createApplicationContext(PaymentWorkerModule.forRoot(options), {
    logger: false,
  });
  await app.init();
  return {
    server: app.get(PaymentWorkerServer),
    handler: app.get(PaymentApiRequestHandler),
    close: () => app.close(),
  };
}
