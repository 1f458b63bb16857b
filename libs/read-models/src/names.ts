/** Identifiers of the read-model tables in one PostgreSQL schema (default `rm`). */

const SIMPLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export interface ReadModelNames {
  readonly schema: string;
  readonly payments: string;
  readonly paymentLog: string;
  readonly pendingPayments: string;
  readonly receipts: string;
  /** Scheme messages of each payment (names, digests, our outbound contents): the receipts' source. */
  readonly schemeMessages: string;
  readonly checkpoints: string;
  readonly migrations: string;
}

/** Only simple lower-case names: they are spliced into SQL as quoted identifiers. */
export function readModelNames(schema: string): ReadModelNames {
  if (!SIMPLE_NAME.test(schema)) {
    throw new RangeError(`read-model schema must match ${String(SIMPLE_NAME)}: ${JSON.stringify(schema)}`);
  }
  const q = (table: string) => `"${schema}".${table}`;
  return {
    schema,
    payments: q('payments'),
    paymentLog: q('payment_log'),
    pendingPayments: q('pending_payments'),
    receipts: q('receipts'),
    schemeMessages: q('scheme_messages'),
    checkpoints: q('projection_checkpoints'),
    migrations: q('schema_migrations'),
  };
}
