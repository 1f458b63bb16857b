export * from './transport.port';
export {
  InProcessPaymentApiTransport,
  type InProcessTransportOptions,
} from './in-process/in-process-transport';
export * from './kafka';
