import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { defaultSecurityConfig } from '../../src/security/security-config.js';
import { type RunningHub, startHub } from '../../src/server/hub-server.js';
import { rebuildAllDossierRollups, refreshDossierRollups } from '../../src/stats/rollups.js';
import { inWriteTransaction } from '../../src/sync/write-transaction.js';
import { A, B, bearer, seedTwoProvinces } from '../security/support.js';
import { engines } from '../support/engines.js';

/**
 * The answer cache of dashboard queries (src/graphql/dashboard/dashboard-response-cache.ts, and its
 * HTTP shortcut src/server/answer-shortcut.ts): a repeated
 * dossierStats question gets the same answer, a principal of another scope never gets one built for
 * someone else, and a sync run published behind the server's back (another process) is seen at once.
 */
describe.each(engines)('dashboard answers reused over HTTP on $name', (engine) => {
  let database: Database;
  let hub: RunningHub;
  let ofA: string;
  let ofAll: string;
  const query = `{ dossierStats(period: { from: "2025-08-01", to: "2025-08-31" }, groupBy: [PROVINCE]) { province received backlog } }`;

  beforeAll(async () => {
    database = await engine.open();
    await seedTwoProvinces(database);
    await rebuildAllDossierRollups(database);
    ofA = await bearer(database, 'VIEWER', [A.province]);
    ofAll = await bearer(database, 'VIEWER', '*');
    hub = await startHub({ database, port: 0, host: '127.0.0.1', security: defaultSecurityConfig() });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.close();
  });

  async function ask(authorization: string) {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      data: { dossierStats: { province: string; received: number; backlog: number }[] };
    };
  }

  it('answers a repeated question the same, per province scope', async () => {
    const first = await ask(ofA);
    expect(first.data.dossierStats).toEqual([{ province: A.province, received: 1, backlog: 1 }]);
    expect(await ask(ofA)).toEqual(first);
    // Same query text, wider scope: its own answer, not the one cached for the principal of A.
    const all = await ask(ofAll);
    expect(all.data.dossierStats).toEqual([
      { province: B.province, received: 1, backlog: 1 },
      { province: A.province, received: 1, backlog: 1 },
    ]);
    expect(await ask(ofA)).toEqual(first);
  });

  it('sends a repeated question the very response Apollo sent, from the HTTP layer', async () => {
    const text = `{ figures: dossierStats(period: { from: "2025-08-01", to: "2025-08-31" }) { received } }`;
    const post = async () => {
      const response = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: ofA },
        body: JSON.stringify({ query: text }),
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: await response.text(),
      };
    };
    const first = await post();
    expect(first.status).toBe(200);
    // A repeat is answered before Apollo: its statements are the API key's lookup and the data
    // version, where going through Apollo adds the answer cache's own data-version read. (Asked again
    // when the clock's minute turned in between: the first answer was kept for the minute before.)
    database.statements.reset();
    let again = await post();
    if (database.statements.count !== 2) {
      database.statements.reset();
      again = await post();
    }
    expect(database.statements.count).toBe(2);
    expect(again).toEqual(first);
  });

  it('sees a sync run published by another process at once', async () => {
    await ask(ofA);
    // What another process's sync run does: new dossier, rollups refreshed, run published (no call
    // into this process's caches).
    await inWriteTransaction(database, async (session) => {
      await session.run(
        `insert into dossiers (id, code, province_code, channel, status, received_at, received_date, content_hash)
         values ('late-38', 'late-38', '${A.province}', 'ONLINE', 'PROCESSING', '2025-08-02T02:00:00.000Z', '2025-08-02', 'h')`,
      );
      await refreshDossierRollups(session, { provinceCodes: [A.province] });
      await session.run(
        `insert into sync_runs (source_id, kind, path, status, started_at, finished_at)
         values ('${A.source}', 'onestop', '/exports/again', 'PUBLISHED', '2025-08-02T03:00:00.000Z', '2025-08-02T03:00:00.000Z')`,
      );
    });
    expect((await ask(ofA)).data.dossierStats).toEqual([{ province: A.province, received: 2, backlog: 2 }]);
  });
});
