import type { Pool } from 'pg';

/**
 * Who did what: one row per operator command, written before the command is sent (outcome
 * `requested`) and completed with its outcome. It lives in the console's own schema, not in the
 * read-model schema: read models are derived from events and a rebuild swaps their whole schema,
 * while this table is the console's own record and must survive that.
 */
export interface OperatorAction {
  readonly id: string;
  readonly at: string;
  /** Who: the API key's name, or the OIDC token's subject (`sub`). */
  readonly actor: string;
  /** The OIDC token's preferred_username, when it had one. */
  readonly actorName: string | null;
  /** How the actor authenticated: api-key, session (a key through the login page) or oidc. */
  readonly via: string | null;
  readonly role: string;
  readonly action: 'cancel' | 'resume' | 'remove-log';
  readonly payId: string;
  readonly commandId: string;
  readonly outcome: 'requested' | 'done' | 'rejected' | 'failed';
  readonly detail: string | null;
}

export class OperatorActions {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".operator_actions`;
  }

  async migrate(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      role text NOT NULL,
      action text NOT NULL,
      pay_id text NOT NULL,
      command_id text NOT NULL,
      outcome text NOT NULL,
      detail text,
      finished_at timestamptz)`);
    await this.pool.query(
      `ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS actor_name text, ADD COLUMN IF NOT EXISTS via text`,
    );
    await this.pool.query(
      `CREATE INDEX IF NOT EXISTS operator_actions_pay_id_idx ON ${this.table} (pay_id, at DESC)`,
    );
    await this.pool.query(
      `CREATE INDEX IF NOT EXISTS operator_actions_at_idx ON ${this.table} (at DESC, id)`,
    );
  }

  async requested(
    a: Pick<OperatorAction, 'id' | 'actor' | 'actorName' | 'via' | 'role' | 'action' | 'payId' | 'commandId'>,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (id, actor, actor_name, via, role, action, pay_id, command_id, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'requested')`,
      [a.id, a.actor, a.actorName, a.via, a.role, a.action, a.payId, a.commandId],
    );
  }

  async finished(id: string, outcome: OperatorAction['outcome'], detail: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET outcome = $2, detail = $3, finished_at = now() WHERE id = $1`,
      [id, outcome, detail],
    );
  }

  async list(options: { payId?: string; limit: number }): Promise<OperatorAction[]> {
    const where = options.payId === undefined ? '' : 'WHERE pay_id = $2';
    const values: unknown[] = [options.limit];
    if (options.payId !== undefined) values.push(options.payId);
    const { rows } = await this.pool.query<OperatorAction>(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor,
              actor_name AS "actorName", via, role, action,
              pay_id AS "payId", command_id AS "commandId", outcome, detail
         FROM ${this.table} ${where} ORDER BY at DESC, id LIMIT $1`,
      values,
    );
    return rows;
  }
}
