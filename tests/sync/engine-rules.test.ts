import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { ConnectorContractError } from '../../src/sync/connector-output.js';
import { acquireLease, LeaseHeldError } from '../../src/sync/lease.js';
import { closeQuarantineEntry, listQuarantine } from '../../src/sync/quarantine.js';
import { replayQuarantine } from '../../src/sync/replay.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { SourceConfigError } from '../../src/sync/source-row.js';
import { engines } from '../support/engines.js';
import { dossier, dumpTables, fakeConnector, office, openWithUnits, record } from './support.js';

const RUN_COLUMNS = ['updated_run_id', 'run_id', 'id', 'created_at'];
const EXCLUDE = [
  'sync_runs',
  'quality_results',
  'sources',
  'reference_loads',
  'unit_versions',
  'unit_successions',
] as const;

describe.each(engines)('sync engine rules on $name', (engine) => {
  const open: Database[] = [];
  const fresh = async () => {
    const d = await openWithUnits(engine);
    open.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });

  it('gives one dossier with the same id whichever source arrives first (number Y alias X, and X)', async () => {
    const onestopFile = [
      record(
        'dossier',
        'Y',
        dossier('000.01.50.H56-250804-0100', {
          aliases: [{ number: 'H56.13-250804-0007', system: 'onestop-second' }],
          status: 'PROCESSING',
        }),
      ),
    ];
    const dvcqgFile = [
      record(
        'dossier',
        'X',
        dossier('H56.13-250804-0007', {
          status: 'RESOLVED',
          rawStatus: '9',
          statusWeak: true,
          channel: 'IN_PERSON',
        }),
      ),
    ];
    const onestop = fakeConnector('onestop', () => onestopFile);
    const dvcqg = fakeConnector('dvcqg', () => dvcqgFile);
    const a = await fresh();
    await syncSource(a, { connector: onestop, path: 'x' });
    await syncSource(a, { connector: dvcqg, path: 'x' });
    const b = await fresh();
    await syncSource(b, { connector: dvcqg, path: 'x' });
    // Before onestop arrives the portal's record is a dossier of its own, under its own number.
    expect((await b.db.selectFrom('dossiers').select('id').execute()).map((r) => r.id)).toEqual([
      '000.00.13.H56-250804-0007',
    ]);
    await syncSource(b, { connector: onestop, path: 'x' });
    for (const d of [a, b]) {
      const rows = await d.db
        .selectFrom('dossiers')
        .select(['id', 'status', 'channel', 'number_system'])
        .execute();
      expect(rows).toEqual([
        {
          id: '000.01.50.H56-250804-0100',
          status: 'PROCESSING',
          channel: 'ONLINE',
          number_system: 'onestop',
        },
      ]);
      const aliases = await d.db
        .selectFrom('dossier_aliases')
        .select(['alias', 'dossier_id'])
        .orderBy('alias')
        .execute();
      // The portal's number is an alias; the own number is the id itself (migration 0010).
      expect(aliases).toEqual([
        { alias: '000.00.13.H56-250804-0007', dossier_id: '000.01.50.H56-250804-0100' },
      ]);
      const lineage = await d.db
        .selectFrom('source_records')
        .select(['source_id', 'entity_id'])
        .orderBy('source_id')
        .execute();
      expect(lineage).toEqual([
        { source_id: 'dvcqg', entity_id: '000.01.50.H56-250804-0100' },
        { source_id: 'onestop', entity_id: '000.01.50.H56-250804-0100' },
      ]);
    }
    expect(await dumpTables(b, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS })).toEqual(
      await dumpTables(a, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS }),
    );
  });

  it('accepts an unresolved office with a flag, and resolves it when the reference source syncs', async () => {
    const d = await fresh();
    const portal = fakeConnector('dvcqg', () => [
      record('dossier', 'K', dossier('000.00.21.H56-250804-0001')),
    ]);
    const r1 = await syncSource(d, { connector: portal, path: 'x' });
    expect(r1).toMatchObject({ status: 'PUBLISHED', inserted: 1, rejected: 0, warnings: 1 });
    const before = await d.db.selectFrom('dossiers').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(before.flags)).toEqual(['UNRESOLVED_OFFICE', 'UNRESOLVED_UNIT']);
    expect(before.receiving_office_id).toBeNull();

    const lgsp = fakeConnector('lgsp', () => [
      record(
        'office',
        '000.00.21.H56',
        office('000.00.21.H56', { kind: 'COMMUNE_OFFICE', unitCode: '14797', unitDate: '2025-08-01' }),
      ),
    ]);
    const r2 = await syncSource(d, { connector: lgsp, path: 'x' });
    expect(r2.status).toBe('PUBLISHED');
    const after = await d.db.selectFrom('dossiers').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      receiving_office_id: '000.00.21.H56',
      unit_code: '14797',
      unit_status: 'EXACT',
      province_code: '38',
      flags: '[]',
    });
    expect(after.updated_run_id).toBe(r2.runId);
  });

  it('quarantines every malformed record with ALL its reasons while the good ones of the same file go in', async () => {
    const d = await fresh();
    const c = fakeConnector('dvcqg', () => [
      record('dossier', 'good-1', dossier('000.01.50.H56-250804-0001')),
      record('dossier', null, dossier('000.01.50.H56-250804-0002')),
      record('dossier', 'bad-2', {
        ...dossier('000.01.50.H56-250804-0003', { resolvedAt: '2025-08-01T00:00:00.000Z' }),
        channel: 'TELEPATHY',
        receivedAt: '2025-08-04T02:00:00.000Z',
      }),
      record('dossier', 'bad-3', dossier('000.01.50.H56-250804-0004'), [
        {
          field: 'NgayHenTra',
          expected: 'yyyyMMddHHmmss',
          found: '"x"',
          severity: 'error',
          code: 'UNPARSABLE',
        },
      ]),
      record('dossier', 'good-2', dossier('000.01.50.H56-250804-0005')),
    ]);
    const r = await syncSource(d, { connector: c, path: 'x' });
    expect(r).toMatchObject({ status: 'PUBLISHED', read: 5, inserted: 2, rejected: 3 });
    expect((await d.db.selectFrom('dossiers').select('id').orderBy('id').execute()).map((x) => x.id)).toEqual(
      ['000.01.50.H56-250804-0001', '000.01.50.H56-250804-0005'],
    );
    const q = await listQuarantine(d, { runId: r.runId });
    expect(q.map((e) => e.sourceKey)).toEqual([null, 'bad-2', 'bad-3']);
    expect(q[0]!.reasons.map((i) => i.code)).toEqual(['MISSING']);
    expect(q[1]!.reasons.map((i) => [i.field, i.code]).sort()).toEqual([
      ['channel', 'SCHEMA'],
      ['resolvedAt', 'ORDER'],
    ]);
    expect(q[1]!.locator).toMatchObject({ file: 'test.jsonl' });
    expect(q[2]!.reasons[0]).toMatchObject({ field: 'NgayHenTra', code: 'UNPARSABLE' });
  });

  it('keeps the earlier accepted version when a later duplicate is quarantined; a later good one replaces it', async () => {
    const d = await fresh();
    const file = [
      record('dossier', 'A', dossier('000.01.50.H56-250804-0001', { status: 'ACCEPTED' })),
      record('dossier', 'B', dossier('000.01.50.H56-250804-0002', { status: 'ACCEPTED' })),
      record('dossier', 'A', { ...dossier('000.01.50.H56-250804-0001'), status: 'NOPE' }),
      record(
        'dossier',
        'B',
        dossier('000.01.50.H56-250804-0002', { status: 'RETURNED', returnedAt: '2025-08-05T02:00:00.000Z' }),
      ),
    ];
    const c = fakeConnector('dvcqg', () => file);
    // Batches of one record: the duplicates land in different batches.
    const r = await syncSource(d, { connector: c, path: 'x' }, { batchSize: 1 });
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 1 });
    const rows = await d.db.selectFrom('dossiers').select(['id', 'status']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: '000.01.50.H56-250804-0001', status: 'ACCEPTED' },
      { id: '000.01.50.H56-250804-0002', status: 'RETURNED' },
    ]);
    const before = await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] });
    const again = await syncSource(d, { connector: c, path: 'x' }, { batchSize: 1 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 1 });
    expect(await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] })).toEqual(before);
  });

  it('judges a key repeated across batches by its last occurrence against what was published before the run', async () => {
    const d = await fresh();
    const first = record('dossier', 'A', dossier('000.01.50.H56-250804-0001', { status: 'ACCEPTED' }));
    const other = () =>
      record(
        'dossier',
        'A',
        dossier('000.01.50.H56-250804-0001', { status: 'RETURNED', returnedAt: '2025-08-05T02:00:00.000Z' }),
      );
    const same = () => record('dossier', 'A', dossier('000.01.50.H56-250804-0001', { status: 'ACCEPTED' }));
    await syncSource(d, { connector: fakeConnector('dvcqg', () => [first]), path: 'x' });
    const published = await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] });
    // Changed, then back to what was published (batches of one): nothing changes, not even run ids.
    const back = await syncSource(
      d,
      { connector: fakeConnector('dvcqg', () => [other(), same()]), path: 'x' },
      { batchSize: 1 },
    );
    expect(back).toMatchObject({ read: 2, inserted: 0, updated: 0, unchanged: 1 });
    expect(await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] })).toEqual(published);
    // Unchanged, then changed: one update, by this run.
    const forward = await syncSource(
      d,
      { connector: fakeConnector('dvcqg', () => [same(), other(), other()]), path: 'x' },
      { batchSize: 1 },
    );
    expect(forward).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 0 });
    const row = await d.db.selectFrom('dossiers').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'RETURNED', updated_run_id: forward.runId });
    const lineage = await d.db.selectFrom('source_records').selectAll().executeTakeFirstOrThrow();
    expect(Number(lineage.run_id)).toBe(forward.runId);
    // A new key seen three times is one insert.
    const fresh3 = await syncSource(
      d,
      {
        connector: fakeConnector('dvcqg', () => [
          record('dossier', 'B', dossier('000.01.50.H56-250804-0002')),
          record('dossier', 'B', dossier('000.01.50.H56-250804-0002', { status: 'ACCEPTED' })),
          record('dossier', 'B', dossier('000.01.50.H56-250804-0002')),
          other(),
        ]),
        path: 'x',
      },
      { batchSize: 1 },
    );
    expect(fresh3).toMatchObject({ read: 4, inserted: 1, updated: 0, unchanged: 1 });
    expect(await d.db.selectFrom('dossiers').select('id').orderBy('id').execute()).toHaveLength(2);
  });

  it('a first sync into empty tables gives in batches of one exactly what it gives in one batch', async () => {
    // On a first sync the engine skips the lookups that can only find the run's own rows (the
    // run-context.ts `written` filters): links across batches must still be found — an alias met
    // later, waiting history, a re-key to a smaller number, a repeated key, a later quarantined one.
    const event = (n: string, at: string) => ({
      dossierNumber: n,
      at,
      status: 'PROCESSING',
      rawStatus: '4',
      actor: null,
      position: null,
      department: null,
      content: null,
      error: false,
    });
    const file = [
      record('dossierEvent', 'E1', event('H56.13-250804-0009', '2025-08-04T03:00:00.000Z')),
      record('dossier', 'A', dossier('000.01.50.H56-250804-0005', { status: 'ACCEPTED' })),
      record(
        'dossier',
        'B',
        dossier('000.01.50.H56-250804-0002', {
          aliases: [{ number: 'H56.13-250804-0009', system: 'other' }],
          status: 'PROCESSING',
        }),
      ),
      record(
        'dossier',
        'C',
        dossier('000.01.50.H56-250804-0001', {
          aliases: [{ number: '000.01.50.H56-250804-0005', system: 'other' }],
          status: 'RESOLVED',
          resolvedAt: '2025-08-05T02:00:00.000Z',
        }),
      ),
      record('dossierEvent', 'E2', event('000.01.50.H56-250804-0001', '2025-08-04T04:00:00.000Z')),
      record('dossier', 'A', dossier('000.01.50.H56-250804-0005', { status: 'PROCESSING' })),
      record('dossier', 'B', { ...dossier('000.01.50.H56-250804-0002'), status: 'NOPE' }),
    ];
    const one = await fresh();
    const c = fakeConnector('dvcqg', () => file);
    const r1 = await syncSource(one, { connector: c, path: 'x' }, { batchSize: 1 });
    const all = await fresh();
    const r2 = await syncSource(all, { connector: c, path: 'x' }, { batchSize: 100 });
    expect(r1).toMatchObject({ status: 'PUBLISHED', read: 7, inserted: 5, rejected: 1 });
    expect(r2).toMatchObject({ status: 'PUBLISHED', read: 7, inserted: 5, rejected: 1 });
    const ids = await one.db.selectFrom('dossiers').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['000.01.50.H56-250804-0001', '000.01.50.H56-250804-0002']);
    expect(await dumpTables(one, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS })).toEqual(
      await dumpTables(all, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS }),
    );
  });

  it('a run that fails mid-file leaves the published data exactly as before, and says why', async () => {
    const d = await fresh();
    const good = () =>
      [1, 2, 3].map((i) => record('dossier', `k${i}`, dossier(`000.01.50.H56-250804-000${i}`)));
    await syncSource(d, { connector: fakeConnector('dvcqg', good), path: 'x' });
    const before = await dumpTables(d, { exclude: ['sync_runs'] });
    const changed = () => [
      record('dossier', 'k1', dossier('000.01.50.H56-250804-0001', { status: 'RETURNED' })),
      record('dossier', 'k9', dossier('000.01.50.H56-250804-0009')),
      record('dossier', 'bad', null, [
        { field: 'x', expected: 'y', found: 'z', severity: 'error', code: 'UNPARSABLE' },
      ]),
      record('dossier', 'k8', dossier('000.01.50.H56-250804-0008')),
    ];
    const r = await syncSource(
      d,
      { connector: fakeConnector('dvcqg', changed, 3), path: 'x' },
      { batchSize: 1 },
    );
    expect(r.status).toBe('FAILED');
    expect(r.message).toMatch(/rolled back.*disk read error after 3 records/);
    expect(await dumpTables(d, { exclude: ['sync_runs'] })).toEqual(before);
    const run = await d.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('id', '=', r.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'FAILED', read: 3 });
    expect(await d.db.selectFrom('leases').selectAll().execute()).toEqual([]);
  });

  it('stops on a connector that breaks the contract, restating the contract', async () => {
    const d = await fresh();
    const broken = fakeConnector('dvcqg', () => [
      { kind: 'record', type: 'dossier', sourceKey: 'k', raw: {}, data: {}, issues: [] },
    ]);
    const r = await syncSource(d, { connector: broken, path: 'x' });
    expect(r.status).toBe('FAILED');
    expect(r.message).toContain('broke the connector contract at output #1: `locator` must be');
    expect(r.message).toContain('{ kind: "skipped", file: string, reason: string }');
    expect(new ConnectorContractError('x', 0, 'p', 1).message).toContain('connectors/contract.ts');
  });

  it('refuses an invalid configuration with the expected shape, and a second concurrent sync of the same source', async () => {
    const d = await fresh();
    const c = fakeConnector('onestop', () => []);
    await expect(
      syncSource(d, { connector: c, path: 'x', config: { provinceCode: 'Thanh Hoa' } }),
    ).rejects.toThrow(SourceConfigError);
    await expect(
      syncSource(d, { connector: c, path: 'x', config: { provinceCode: 'Thanh Hoa' } }),
    ).rejects.toThrow(
      /Invalid configuration for source "onestop" \(connector onestop\): provinceCode: .*Expected a JSON object of this shape: .*"provinceCode"/,
    );
    const lease = await acquireLease(d, 'sync:onestop');
    try {
      await expect(syncSource(d, { connector: c, path: 'x' })).rejects.toThrow(LeaseHeldError);
      await expect(syncSource(d, { connector: c, path: 'x' })).rejects.toThrow(
        /already being synced by .+:\d+/,
      );
    } finally {
      await lease.release();
    }
    expect((await syncSource(d, { connector: c, path: 'x' })).status).toBe('PUBLISHED');
  });

  it('replays a run after the file was fixed: entries now accepted become RESOLVED, still-bad ones stay OPEN', async () => {
    const d = await fresh();
    const bad = record('dossier', 'K1', { ...dossier('000.01.50.H56-250804-0001'), channel: 'FAX' });
    const stillBad = record('dossier', 'K2', { ...dossier('000.01.50.H56-250804-0002'), status: '??' });
    let file = [bad, stillBad, record('dossier', 'K3', dossier('000.01.50.H56-250804-0003'))];
    const c = fakeConnector('dvcqg', () => file);
    const first = await syncSource(d, { connector: c, path: '/exports/portal.jsonl' });
    expect(first).toMatchObject({ inserted: 1, rejected: 2 });
    // A re-sync of the unchanged file neither duplicates the entries nor resolves them.
    await syncSource(d, { connector: c, path: '/exports/portal.jsonl' });
    expect(await listQuarantine(d, { status: 'OPEN' })).toHaveLength(2);
    // The steward fixes K1 in the file and replays the first run.
    file = [record('dossier', 'K1', dossier('000.01.50.H56-250804-0001')), stillBad, file[2]!];
    const replayed = await replayQuarantine(d, { runId: first.runId }, { connector: c });
    expect(replayed).toMatchObject({
      status: 'PUBLISHED',
      inserted: 1,
      rejected: 1,
      resolvedQuarantine: 1,
      replayOf: first.runId,
    });
    const entries = await listQuarantine(d, {});
    expect(entries.map((e) => [e.sourceKey, e.status])).toEqual([
      ['K1', 'RESOLVED'],
      ['K2', 'OPEN'],
    ]);
    expect(entries[0]!.closedBy).toBe(`replay:${replayed.runId}`);
    const run = await d.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('id', '=', replayed.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ replay_of: first.runId, path: '/exports/portal.jsonl' });
  });

  it('closes quarantine entries by hand', async () => {
    const d = await fresh();
    const c = fakeConnector('dvcqg', () => [record('dossier', null, dossier('000.01.50.H56-250804-0002'))]);
    const r = await syncSource(d, { connector: c, path: 'x' });
    const [entry] = await listQuarantine(d, { runId: r.runId });
    await closeQuarantineEntry(d, entry!.id, 'IGNORED', { note: 'test row', by: 'steward' });
    expect((await listQuarantine(d, { runId: r.runId }))[0]).toMatchObject({
      status: 'IGNORED',
      note: 'test row',
      closedBy: 'steward',
    });
    await expect(closeQuarantineEntry(d, entry!.id, 'RESOLVED')).rejects.toThrow(/already IGNORED/);
  });
});
