export { PendingPaymentJanitor, type JanitorDeps, type JanitorReport } from './pending-payment-janitor';
export { DEFAULT_JANITOR_POLICY, readJanitorPolicy, type JanitorPolicy } from './janitor-policy';
export { decideOnPendingPayment, type JanitorDecision } from './janitor-decision';
