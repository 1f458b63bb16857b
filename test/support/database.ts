import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** The server global-setup started (or the one DATABASE_URL named). */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: run through jest so test/support/global-setup.ts starts PostgreSQL',
    );
  return url;
}

/** A unique, valid schema name, so that every test file works on its own tables. */
export function uniqueSchemaName(label: string): string {
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 24);
  return `t_${clean}_${randomBytes(4).toString('hex')}`;
}

export interface TestSchema {
  readonly schema: string;
  /** A small pool for the test's own queries. */
  readonly pool: Pool;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/** Creates an empty schema; call drop() in afterAll. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const schema = uniqueSchemaName(label);
  const pool = new Pool({ connectionString: databaseUrl(), max: 4 });
  await pool.query(`CREATE SCHEMA "${schema}"`);
  return {
    schema,
    pool,
    drop: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}
