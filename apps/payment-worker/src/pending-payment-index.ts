import type { Pool } from 'pg';

/** Which payments are pending (InProgress or Suspended), oldest first: a read model, not the truth. */
export interface PendingPaymentIndex {
  pendingPayIds(limit: number): Promise<readonly string[]>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * The projector's `pending_payments` table. InquirePendingPayment reads each listed payment's own
 * stream afterwards, so a lagging projection can only list too much, never report a wrong state.
 */
export function readModelPendingPayments(pool: Pool, schema: string): PendingPaymentIndex {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid read-model schema '${schema}'`);
  return {
    async pendingPayIds(limit) {
      const { rows } = await pool.query<{ pay_id: string }>(
        `SELECT pay_id FROM ${schema}.pending_payments ORDER BY since, pay_id LIMIT $1`,
        [limit],
      );
      return rows.map((r) => r.pay_id);
    },
  };
}
