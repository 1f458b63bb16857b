import { Pool } from 'pg';
import { migrateReadModels, READ_MODEL_MIGRATIONS } from '@ph/read-models';
import { databaseUrl, uniqueSchemaName } from '../support/database';

/**
 * The read-model migrations against a real PostgreSQL: every one recorded once, concurrent starters
 * serialised, and the index built CONCURRENTLY (so the projector keeps writing) rebuilt when an
 * interrupted build left it invalid.
 */
describe('read-model migrations', () => {
  const pool = new Pool({ connectionString: databaseUrl(), max: 6 });
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await pool.end();
  });
  const fresh = () => {
    const s = uniqueSchemaName('rm_migrations');
    schemas.push(s);
    return s;
  };
  const recorded = async (schema: string) =>
    (await pool.query<{ id: number }>(`SELECT id FROM "${schema}".schema_migrations ORDER BY id`)).rows.map(
      (r) => r.id,
    );
  const indexValid = async (schema: string, index: string) =>
    (
      await pool.query<{ valid: boolean }>(
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relname = $2`,
        [schema, index],
      )
    ).rows[0]?.valid;

  it('applies every migration once, also when several starters run at the same time', async () => {
    const schema = fresh();
    await Promise.all([1, 2, 3].map(() => migrateReadModels(pool, schema)));
    expect(await recorded(schema)).toEqual(READ_MODEL_MIGRATIONS.map((m) => m.id));
    await migrateReadModels(pool, schema);
    expect(await recorded(schema)).toEqual(READ_MODEL_MIGRATIONS.map((m) => m.id));
    expect(await indexValid(schema, 'payment_log_type_occurred_idx')).toBe(true);
  });

  it('rebuilds an index whose CONCURRENTLY build was interrupted (left invalid, not recorded)', async () => {
    const schema = fresh();
    await migrateReadModels(pool, schema);
    const concurrent = READ_MODEL_MIGRATIONS.find((m) => m.concurrently);
    expect(concurrent).toBeDefined();
    // What a build killed half-way leaves: the index marked invalid, the migration not recorded.
    await pool.query(`DELETE FROM "${schema}".schema_migrations WHERE id = $1`, [concurrent!.id]);
    await pool.query(`UPDATE pg_index SET indisvalid = false WHERE indexrelid = $1::regclass`, [
      `"${schema}".${concurrent!.concurrently!.index}`,
    ]);
    expect(await indexValid(schema, concurrent!.concurrently!.index)).toBe(false);
    await migrateReadModels(pool, schema);
    expect(await indexValid(schema, concurrent!.concurrently!.index)).toBe(true);
    expect(await recorded(schema)).toContain(concurrent!.id);
  });
});
