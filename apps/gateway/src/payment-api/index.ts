export {
  TransportPaymentApiClient,
  NOTE_PREFIX,
  PH_CONTEXT_NAME,
  type TransportPaymentApiClientOptions,
} from './transport-payment-api-client';
