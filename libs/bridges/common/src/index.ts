export * from './payment-bridge';
