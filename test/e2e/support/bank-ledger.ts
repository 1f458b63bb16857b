import type { Pool } from 'pg';

/** The bank simulator's debits of one customer, from its ledger (one row per cleared π). */
export async function debitsOf(
  pool: Pool,
  bankSchema: string,
  customer: string,
): Promise<{ count: number; sumMinor: bigint }> {
  const { rows } = await pool.query<{ n: string; sum: string }>(
    `SELECT count(*)::text AS n, coalesce(sum(amount_minor), 0)::text AS sum
       FROM ${bankSchema}.ledger WHERE customer_id = $1`,
    [customer],
  );
  return { count: Number(rows[0].n), sumMinor: BigInt(rows[0].sum) };
}
