export {
  PaymentApiRequestHandler,
  MAX_CONFLICT_RETRIES,
  ANSWERED_CALLS,
  type CallMeta,
  type PaymentApiRequestHandlerOptions,
  type WorkerLogger,
} from './payment-api-request.handler';
export {
  PaymentWorkerModule,
  PaymentWorkerServer,
  PAYMENT_WORKER_OPTIONS,
  requestTopic,
  startPaymentWorker,
  type PaymentWorkerOptions,
  type RunningPaymentWorker,
} from './payment-worker.module';
export * from './payment-api.commands';
export { NOTE_PREFIX, PH_CONTEXT_NAME } from './wire-conventions';
export * from './janitor';
export { readModelPendingPayments, type PendingPaymentIndex } from './pending-payment-index';
