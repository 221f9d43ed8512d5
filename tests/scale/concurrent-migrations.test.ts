import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../schema/migrations/index.js';
import { openDatabase } from '../../src/db/database.js';
import { runCli, type SharedDatabase, sharedDatabase, sharedEngines } from '../support/shared-database.js';

/**
 * Several processes starting at once on a fresh database (a rolling deploy, two API processes
 * started together) migrate it exactly once, and every one of them starts (docs/deploy.md
 * "Upgrades"). PostgreSQL: Kysely's advisory lock. SQLite: one BEGIN IMMEDIATE around the
 * migrations (src/db/migrate.ts) — before it, the second process failed with
 * `table "offices" already exists`.
 */
describe.each(sharedEngines)('migrations started by two processes at once on $name', ({ name }) => {
  let shared: SharedDatabase | undefined;
  afterEach(async () => {
    await shared?.cleanup();
    shared = undefined;
  });

  it('all succeed and every migration is applied exactly once', async () => {
    shared = await sharedDatabase(name);
    const env = shared.env;
    const results = await Promise.all([1, 2].map(() => runCli(['migrate'], env)));
    for (const r of results) expect(r.stderr, r.stderr).toBe('');
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const applied = results.filter((r) => /Applied \d+ migration/.test(r.stdout));
    const upToDate = results.filter((r) => /is up to date/.test(r.stdout));
    // Each process either applied them all or found them all applied — never a part.
    expect(applied.length + upToDate.length).toBe(2);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    for (const r of applied)
      expect(r.stdout).toContain(`Applied ${Object.keys(migrations).length} migration(s)`);

    const database = await openDatabase(shared.config);
    try {
      const rows = await database.db
        .selectFrom('kysely_migration' as never)
        .select(['name' as never])
        .execute();
      expect((rows as { name: string }[]).map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await database.close();
    }
  });
});
