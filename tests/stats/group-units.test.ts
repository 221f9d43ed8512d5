import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { type Data, ok, openWithSamples } from '../graphql/support.js';
import { engines } from '../support/engines.js';

/**
 * Figure rows name their province and commune (`provinceUnit`, `communeUnit`) beside the code keys,
 * so a dashboard needs no second query; the names are checked against the official lists in
 * fixtures/reference (read here), and the unit lookups are batched (statements counted).
 */
function csvRows(file: string): string[][] {
  return fs
    .readFileSync(path.resolve('fixtures/reference', file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(','));
}
const communeName = new Map(csvRows('communes.csv').map((r) => [r[0]!, r[1]!]));
const provinceName = new Map(csvRows('provinces.csv').map((r) => [r[0]!, r[1]!]));
/** Old (pre-2025-07-01) commune code → its full official name, from the conversion table. */
const oldCommuneFullName = new Map(csvRows('crosswalk.csv').map((r) => [r[0]!, r[1]!]));

describe.each(engines)('figure rows name their units on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openWithSamples(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  const byCommune = (units: string) => `{ dossierStats(filter: { provinceCodes: ["38"] },
    period: { from: "2025-06-01", to: "2025-09-30" }, groupBy: [PROVINCE, COMMUNE]) { province commune received ${units} } }`;

  it('gives each row its province and current commune, in one query for all rows', async () => {
    database.statements.reset();
    const plain: Data = await ok(database, byCommune(''));
    const plainStatements = database.statements.count;
    database.statements.reset();
    const data: Data = await ok(
      database,
      byCommune('provinceUnit { code name level } communeUnit { code name fullName level provinceCode }'),
    );
    // The unit names cost one batched lookup, not one per row (the answer has several rows).
    expect(data.dossierStats.length).toBeGreaterThan(3);
    expect(database.statements.count - plainStatements).toBeLessThanOrEqual(1);
    expect(data.dossierStats.map((r: Data) => r.commune)).toEqual(
      plain.dossierStats.map((r: Data) => r.commune),
    );
    for (const row of data.dossierStats) {
      expect(row.provinceUnit).toEqual({ code: '38', name: provinceName.get('38'), level: 'PROVINCE' });
      if (row.commune === null) {
        // Counted at province level only: no commune to name.
        expect(row.communeUnit).toBeNull();
        continue;
      }
      expect(row.communeUnit).toMatchObject({
        code: row.commune,
        name: communeName.get(row.commune),
        level: 'COMMUNE',
        provinceCode: '38',
      });
    }
    expect(data.dossierStats.some((r: Data) => r.communeUnit !== null)).toBe(true);
  });

  it('names an old commune reported before the merger by its last version (geography AS_REPORTED)', async () => {
    const data: Data = await ok(
      database,
      `{ dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-01-01", to: "2025-06-30" },
          groupBy: [COMMUNE], geography: AS_REPORTED) { commune received communeUnit { code fullName validTo } } }`,
    );
    const old = data.dossierStats.filter((r: Data) => r.commune !== null && !communeName.has(r.commune));
    // The samples report old commune codes before 2025-07-01 (fixtures/samples/README.md).
    expect(old.length).toBeGreaterThan(0);
    for (const row of old) {
      expect(row.communeUnit.code).toBe(row.commune);
      expect(row.communeUnit.fullName).toBe(oldCommuneFullName.get(row.commune));
      // Its last version ended with the reform (the register's validTo of a dissolved commune).
      expect(row.communeUnit.validTo).not.toBeNull();
    }
  });
});
