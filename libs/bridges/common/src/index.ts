export * from './payment-bridge';
export { elInconsistent, encapProtErr, refuse, systemBusy } from './outcomes';
