import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served on /metrics by every app. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const iotpMessages = new Counter({
  name: 'iotp_messages_total',
  help: 'Inbound IOTP messages by trading block and answer kind',
  labelNames: ['block', 'answer'] as const,
  registers: [metricsRegistry],
});

export const iotpLatency = new Histogram({
  name: 'iotp_message_duration_seconds',
  help: 'Time from request body received to answer ready, by trading block',
  labelNames: ['block'] as const,
  buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const paymentApiCalls = new Counter({
  name: 'payment_api_calls_total',
  help: 'Payment API calls handled by the payment worker, by call and outcome',
  labelNames: ['call', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const paymentsFinished = new Counter({
  name: 'payments_finished_total',
  help: 'Payments that reached a final process state, by bridge, state and completion code',
  labelNames: ['bridge', 'state', 'code'] as const,
  registers: [metricsRegistry],
});

export const paymentApiClientLatency = new Histogram({
  name: 'payment_api_request_duration_seconds',
  help: 'Gateway side: time from sending a Payment API request to its reply, by call',
  labelNames: ['call'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const eventStoreLatency = new Histogram({
  name: 'event_store_operation_duration_seconds',
  help: 'Event store reads and appends as the apps see them, by operation and stream category',
  labelNames: ['operation', 'category'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [metricsRegistry],
});
