import type { Pool } from 'pg';
import { fromMinorUnits } from '../clearing/minor-units';
import { bankSchema } from '../db/bank-schema';

export interface AccountBalance {
  readonly customerId: string;
  /** Minimal form (profile §3.2). */
  readonly balance: string;
  readonly currency: string;
}

/** Read side of the accounts (GET /accounts/:customer, tests, the README demo); never returns K_CB. */
export class AccountsService {
  private readonly schema: string;

  constructor(
    private readonly pool: Pool,
    schema?: string,
  ) {
    this.schema = bankSchema(schema);
  }

  async balance(customerId: string): Promise<AccountBalance | undefined> {
    const { rows } = await this.pool.query<{ currency: string; balance_minor: string }>(
      `SELECT currency, balance_minor::text AS balance_minor FROM ${this.schema}.accounts WHERE customer_id = $1`,
      [customerId],
    );
    if (rows.length === 0) return undefined;
    return {
      customerId,
      balance: fromMinorUnits(rows[0].balance_minor, rows[0].currency),
      currency: rows[0].currency,
    };
  }
}
