import pg from 'pg';

/**
 * PostgreSQL schemas made by the test suite (`lt_` + 12 hex digits, one per database a test opens).
 *
 * They are dropped once, before and after the whole run (vitest globalSetup), never while tests run:
 * Kysely's migrator introspects the tables of *every* schema, and a schema dropped by another test
 * file at that moment fails the introspection with `schema "lt_…" does not exist`.
 */
export const TEST_SCHEMA = /^lt_[0-9a-f]{12}$/;

export async function dropTestSchemas(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select nspname as name from pg_namespace where nspname like 'lt\\_%'",
    );
    const ours = rows.map((r) => r.name).filter((name) => TEST_SCHEMA.test(name));
    for (const name of ours) await client.query(`drop schema if exists ${name} cascade`);
    return ours.length;
  } finally {
    await client.end();
  }
}
