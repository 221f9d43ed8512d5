import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { defaultSecurityConfig, withDemoAnonymous } from '../../src/security/security-config.js';
import { type Serving, startServing } from '../../src/server/start-serving.js';
import { engines } from '../support/engines.js';

/**
 * `npm start` on an empty database (the serve path: src/server/start-serving.ts, port 0): the sample
 * exports are synced through the engine, the banner says they are SYNTHETIC, and the first query a
 * newcomer types — as the anonymous demo viewer of a fresh install — returns dossiers.
 */
describe.each(engines)('starting the hub on an empty database on $name', (engine) => {
  let database: Database;
  let serving: Serving;
  beforeAll(async () => {
    database = await engine.open();
    // As `lienthong serve` on a fresh install: no key, no JWT, so the anonymous demo viewer.
    serving = await startServing({
      database,
      port: 0,
      host: '127.0.0.1',
      securityFor: (db) => withDemoAnonymous(defaultSecurityConfig(), db, {}),
    });
  });
  afterAll(async () => {
    await serving?.hub.close();
    await database?.close();
  });

  it('loads every sample folder through the sync engine and says the data is synthetic', async () => {
    expect(serving.samples.status).toBe('loaded');
    if (serving.samples.status !== 'loaded') return;
    const folders = fs
      .readdirSync(path.resolve('fixtures/samples'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(serving.samples.runs.map((r) => r.kind).sort()).toEqual(folders);
    for (const r of serving.samples.runs)
      expect({ kind: r.kind, status: r.result.status }).toEqual({ kind: r.kind, status: 'PUBLISHED' });
    expect(serving.banner.join('\n')).toContain('SYNTHETIC');
    const runs = await database.db.selectFrom('sync_runs').select(['source_id', 'status']).execute();
    expect(runs.map((r) => r.source_id).sort()).toEqual(folders.map((f) => `sample-${f}`));
  });

  it('answers the first dossiers query with dossiers', async () => {
    const response = await fetch(`${serving.hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ dossiers(first: 5) { totalCount nodes { id status procedure { name } } } }',
      }),
    });
    const body = (await response.json()) as {
      data?: { dossiers: { totalCount: number; nodes: { id: string; status: string }[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.dossiers.nodes).toHaveLength(5);
    const stored = await database.db.selectFrom('dossiers').select('id').execute();
    expect(body.data!.dossiers.totalCount).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(50);
  });

  it('does not load the samples again into a database that has dossiers', async () => {
    const before = await database.db.selectFrom('sync_runs').select('id').execute();
    const again = await startServing({ database, port: 0, host: '127.0.0.1' });
    try {
      expect(again.samples).toEqual({ status: 'skipped', reason: 'the database already has dossiers' });
      expect(again.banner.join('\n')).not.toContain('SYNTHETIC');
      expect(await database.db.selectFrom('sync_runs').select('id').execute()).toHaveLength(before.length);
    } finally {
      await again.hub.close();
    }
  });
});
