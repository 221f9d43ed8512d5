import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { defaultSecurityConfig } from '../../src/security/security-config.js';
import { type RunningHub, startHub } from '../../src/server/hub-server.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import { A, B, bearer, SECRETS_OF_B, seedTwoProvinces } from './support.js';

/**
 * Done-when of the security issue: a principal of province A (Thanh Hóa, 38) tries to reach province B
 * (Hà Nội, 01) by every route, and nothing of B comes back. Each route is a line of ROUTES: a query, and
 * optionally what A's own data must look like through it (so a route that answers nothing at all does
 * not pass by accident). Every answer is searched for every string in SECRETS_OF_B and for province B's
 * code in aggregate rows. To cover a new resolver, add its lines here.
 */
interface Route {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** A's own record must show through the same route (checked on the JSON text). */
  showsA?: () => string;
}

const PERIOD = '{ from: "2025-07-01", to: "2025-08-31" }';

const ROUTES: Route[] = [
  {
    name: 'dossier list',
    query: '{ dossiers(first: 500) { totalCount nodes { id applicantName applicantIdNumber } } }',
    showsA: () => A.dossier,
  },
  {
    name: 'dossier by number',
    query: 'query($c: String!) { dossier(code: $c) { id applicantName } }',
    variables: () => ({ c: B.dossier }),
  },
  {
    name: "dossier's conflicts",
    query:
      'query($c: String!) { dossier(code: $c) { conflicts { field chosenValue values { source value } } } }',
    variables: () => ({ c: B.dossier }),
  },
  {
    name: 'staff list',
    query: '{ staff(first: 500) { totalCount nodes { id fullName nationalId birthDate } } }',
    showsA: () => A.person,
  },
  {
    name: 'staff list filtered to B',
    query: '{ staff(first: 500, filter: { provinceCode: "01" }) { totalCount nodes { id fullName } } }',
  },
  {
    name: 'staff member by id',
    query: 'query($id: String!) { staffMember(id: $id) { id fullName } }',
    variables: () => ({ id: B.person }),
  },
  {
    name: 'office list',
    query: '{ offices(first: 500) { totalCount nodes { id name } } }',
    showsA: () => A.office,
  },
  {
    name: 'office list filtered to B',
    query: '{ offices(first: 500, filter: { provinceCode: "01" }) { totalCount nodes { id name } } }',
  },
  {
    name: 'office by id',
    query: 'query($id: String!) { office(id: $id) { id name staffCount } }',
    variables: () => ({ id: B.office }),
  },
  {
    name: 'dossier aggregates by province',
    query: `{ dossierStats(groupBy: [PROVINCE], period: ${PERIOD}) { province received backlog } }`,
  },
  {
    name: 'dossier aggregates filtered to B',
    query: `{ dossierStats(filter: { provinceCodes: ["01"] }, groupBy: [PROVINCE, OFFICE], period: ${PERIOD}) { province office received backlog } }`,
  },
  {
    name: "B's unit drill-down (nested aggregates)",
    query: `{ unit(code: "01") { code dossierStats(groupBy: [OFFICE], period: ${PERIOD}) { office received backlog } staffStats(groupBy: [OFFICE]) { office headcount } } }`,
  },
  {
    name: 'staff aggregates by province',
    query: '{ staffStats(groupBy: [PROVINCE, OFFICE]) { province office headcount } }',
  },
  {
    name: 'sync runs',
    query: '{ syncRuns(first: 500) { totalCount nodes { id source path message } } }',
    showsA: () => A.source,
  },
  {
    name: "sync runs of B's source",
    query: 'query($s: String) { syncRuns(first: 500, sourceId: $s) { totalCount nodes { id source } } }',
    variables: () => ({ s: B.source }),
  },
  {
    name: 'sync run by id',
    query: 'query($id: Int!) { syncRun(id: $id) { id source path } }',
    variables: () => ({ id: B.run }),
  },
  {
    name: 'quarantine',
    query:
      '{ quarantine(first: 100) { totalCount nodes { id payload reasons { field found } run { source } } } }',
    showsA: () => A.source,
  },
  {
    name: "quarantine of B's run",
    query: 'query($r: Int) { quarantine(first: 500, runId: $r) { totalCount nodes { id payload } } }',
    variables: () => ({ r: B.run }),
  },
  {
    name: "resolving B's quarantine entry",
    query: 'mutation($id: ID!) { resolveQuarantineEntry(id: $id, note: "x") { id status } }',
    variables: () => ({ id: B.entry }),
  },
  {
    name: "ignoring B's quarantine entry",
    query: 'mutation($id: ID!) { ignoreQuarantineEntry(id: $id) { id status } }',
    variables: () => ({ id: B.entry }),
  },
  {
    name: "replaying B's run",
    query: 'mutation($r: Int) { replayQuarantine(runId: $r) { id source } }',
    variables: () => ({ r: B.run }),
  },
  {
    name: "running B's source",
    query: 'mutation($s: ID!) { runSync(source: $s) { id source } }',
    variables: () => ({ s: B.source }),
  },
];

describe.each(engines)('a principal of province A reaching for province B on $name', (engine) => {
  let database: Database;
  let hub: RunningHub;
  let adminOfA: string;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    await seedTwoProvinces(database);
    hub = await startHub({ database, port: 0, host: '127.0.0.1', security: defaultSecurityConfig() });
    // The most a principal of A can hold: ADMIN of A with every purpose.
    adminOfA = await bearer(
      database,
      'ADMIN',
      [A.province],
      ['AUDIT', 'CASE_HANDLING', 'STAFF_MANAGEMENT', 'DATA_QUALITY'],
    );
  });
  afterAll(async () => {
    await hub?.close();
    await database?.close();
  });

  it.each(ROUTES)('gets nothing of B through: $name', async (route) => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: adminOfA },
      body: JSON.stringify({ query: route.query, variables: route.variables?.() ?? {} }),
    });
    const text = await response.text();
    for (const secret of SECRETS_OF_B) expect(text, `${route.name} leaks "${secret}"`).not.toContain(secret);
    const body = JSON.parse(text) as {
      data?: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    };
    // Refusals are "not found", never an explanation that B's record exists.
    for (const error of body.errors ?? [])
      expect(['NOT_FOUND'], `${route.name}: ${error.message}`).toContain(error.extensions.code);
    // No aggregate row of B's province.
    expect(text, route.name).not.toMatch(/"province":"01"/);
    if (route.showsA) expect(text, `${route.name} shows A's own data`).toContain(route.showsA());
  });

  it("does not change B's quarantine entry through any of those routes", async () => {
    const entry = await database.db
      .selectFrom('quarantine')
      .select('status')
      .where('id', '=', Number(B.entry))
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe('OPEN');
  });

  it('lets a principal of every province see both, so the routes above are not empty by construction', async () => {
    const auditor = await bearer(database, 'ADMIN', '*');
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auditor },
      body: JSON.stringify({
        query:
          '{ dossiers(first: 500) { nodes { id } } staff(first: 500) { nodes { id } } quarantine(first: 500) { nodes { id } } }',
      }),
    });
    const text = await response.text();
    for (const id of [A.dossier, B.dossier, A.person, B.person]) expect(text).toContain(id);
  });
});
