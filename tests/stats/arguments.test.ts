import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { anonymousPrincipal } from '../../src/security/principal.js';
import { rebuildAllDossierRollups } from '../../src/stats/rollups.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';

/** Bad arguments are refused with BAD_USER_INPUT saying what to do; the province scope applies in SQL. */
const KPI = path.resolve('fixtures/kpi');

describe.each(engines)('dashboard arguments and scope on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    await syncSource(database, {
      connector: 'onestop',
      path: path.join(KPI, 'onestop'),
      config: { provinceCode: '38' },
    });
    await rebuildAllDossierRollups(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const ask = async (source: string, provinces: readonly string[] | '*' = '*') =>
    runGraphQL({
      schema: await buildHubSchema(),
      source,
      contextValue: createContext(database, { principal: anonymousPrincipal('VIEWER', provinces) }),
    });

  it('refuses a reversed period, a repeated dimension and a malformed asOf', async () => {
    for (const [query, words] of [
      ['{ dossierStats(period: { from: "2025-09-01", to: "2025-08-01" }) { received } }', 'period.from'],
      ['{ dossierStats(groupBy: [COMMUNE, COMMUNE]) { received } }', 'groupBy'],
      ['{ dossierStats(asOf: "yesterday") { received } }', 'asOf'],
      ['{ dossierStats(period: { from: "2025-02-30" }) { received } }', 'period.from'],
    ] as const) {
      const r = await ask(query);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toContain(words);
    }
  });

  it('a viewer of another province sees empty figures, a viewer of the province sees them', async () => {
    const q =
      '{ dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-01", to: "2025-09-30" }) { received settled backlog } }';
    const other = await ask(q, ['01']);
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual({ dossierStats: [{ received: 0, settled: 0, backlog: 0 }] });
    const own = await ask(q, ['38']);
    // HoSos.csv: 26 dossiers, one of them submitted and not yet received.
    expect((own.data as { dossierStats: { received: number }[] }).dossierStats[0]!.received).toBe(25);
    const unfiltered = await ask(
      '{ dossierStats(period: { from: "2025-06-01", to: "2025-09-30" }, groupBy: [PROVINCE]) { province received } }',
      ['01'],
    );
    expect(unfiltered.data).toEqual({ dossierStats: [] });
  });
});
