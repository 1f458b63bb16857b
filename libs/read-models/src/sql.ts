import type { ReadModelNames } from './names';

export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * The receipt item of `name` for the payment as of revision `rev`: our latest outbound scheme
 * message of that name (content and digest), else the latest inbound digest, as the payment
 * worker's receiptItems/verifyReceipt read them. The arguments are SQL expressions.
 */
export function receiptItemSql(n: ReadModelNames, payId: string, name: string, rev: string): string {
  return `SELECT jsonb_strip_nulls(jsonb_build_object('name', s.name, 'direction', s.direction,
                   'sha256', s.sha256, 'packaged', s.packaged)) AS item
            FROM ${n.schemeMessages} s
           WHERE s.pay_id = ${payId} AND s.name = ${name} AND s.stream_revision < ${rev}
           ORDER BY s.direction = 'out' DESC, s.stream_revision DESC, s.idx DESC LIMIT 1`;
}
