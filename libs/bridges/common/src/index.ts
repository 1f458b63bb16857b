export * from './payment-bridge';
export { elInconsistent, encapProtErr, refuse, suspend, systemBusy } from './outcomes';
