import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';

/**
 * A filtered dossier list with its unit, offices and procedure runs a fixed number of SQL statements
 * whatever the page size (DESIGN.md §1: nested fields batch through DataLoaders). The dossiers come
 * from the sample exports (fixtures/samples), synced through the engine.
 */
const SAMPLES = path.resolve('fixtures/samples');
const LIST = (first: number, after?: string) => `{
  dossiers(first: ${first}${after ? `, after: "${after}"` : ''}, orderBy: RECEIVED_DESC, filter: { provinceCodes: ["38"], received: { from: "2025-06-01" } }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      number status receivedAt
      unit { status reported { code name } current { code name province { code } } }
      receivingOffice { id name }
      handlingOffice { id }
      procedure { code name }
      province { code }
    }
  }
}`;

describe.each(engines)('dossier list batching on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    await syncSource(database, {
      connector: 'onestop',
      path: path.join(SAMPLES, 'onestop'),
      config: { provinceCode: '38' },
    });
    await syncSource(database, { connector: 'dvcqg', path: path.join(SAMPLES, 'dvcqg') });
  });
  afterAll(async () => {
    await database?.close();
  });

  async function run(query: string) {
    const schema = await buildHubSchema();
    const contextValue = createContext(database);
    await contextValue.registry(); // the unit register is loaded once per process, not per request
    database.statements.reset();
    const result = await runGraphQL({ schema, source: query, contextValue });
    expect(result.errors).toBeUndefined();
    return {
      data: result.data as {
        dossiers: { nodes: { receivedAt: string | null }[]; pageInfo: { endCursor: string } };
      },
      statements: database.statements.count,
    };
  }

  it('costs the same statements for 10 and 50 dossiers, and pages by received time', async () => {
    const ten = await run(LIST(10));
    const fifty = await run(LIST(50));
    expect(ten.data.dossiers.nodes).toHaveLength(10);
    expect(fifty.data.dossiers.nodes).toHaveLength(50);
    expect(fifty.statements).toBe(ten.statements);
    expect(fifty.statements).toBeLessThanOrEqual(8);
    // The keyset continues where the first page stopped, in the same order.
    const next = await run(LIST(40, ten.data.dossiers.pageInfo.endCursor));
    const times = (n: { receivedAt: string | null }[]) => n.map((d) => d.receivedAt ?? '');
    expect([...times(ten.data.dossiers.nodes), ...times(next.data.dossiers.nodes)]).toEqual(
      times(fifty.data.dossiers.nodes),
    );
    const sorted = [...times(fifty.data.dossiers.nodes)].sort().reverse();
    expect(times(fifty.data.dossiers.nodes)).toEqual(sorted);
  });
});
