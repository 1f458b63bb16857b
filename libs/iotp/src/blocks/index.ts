export { wireError, type ErrorLocationSpec, type IotpWireError, type EnvelopeHint } from './wire-error';
export * from './components';
export * from './trans-ref';
export * from './trading-blocks';
export * from './inbound-message';
export * from './read-iotp-message';
export * from './payment-request-view';
export * from './check-payment-request';
export { IOTP_ELEMENT_NAMES, TRADING_BLOCK_NAMES } from './iotp-element-names';
