import { evolve } from './evolve';
import type { PaymentEvent } from './events';
import { initialState, type PaymentTransactionState } from './state';

/** The state of a payment from its whole stream. */
export const fold = (
  events: readonly PaymentEvent[],
  from: PaymentTransactionState = initialState,
): PaymentTransactionState => events.reduce(evolve, from);
