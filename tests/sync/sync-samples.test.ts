import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../../connectors/contract.js';
import { connectors } from '../../connectors/index.js';
import type { Database } from '../../src/db/database.js';
import { contentHash } from '../../src/sync/canonical-json.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { dumpTables, openWithUnits } from './support.js';

/**
 * The engine on the real-shaped sample exports (fixtures/samples, README there lists every quirk):
 * both sync orders give the same published data, a re-sync changes nothing, and every malformed
 * record is in quarantine with all its reasons while every good record is in.
 */
const SAMPLES = path.resolve('fixtures/samples');
const ONESTOP = { connector: 'onestop', path: path.join(SAMPLES, 'onestop'), config: { provinceCode: '38' } };
const DVCQG = { connector: 'dvcqg', path: path.join(SAMPLES, 'dvcqg') };
/** Columns naming runs: the same data synced in another order gets other run ids. */
const RUN_COLUMNS = ['updated_run_id', 'run_id', 'id', 'created_at'];

describe.each(engines)('sync of the sample exports on $name', (engine) => {
  let forward: Database;
  let backward: Database;
  beforeAll(async () => {
    forward = await openWithUnits(engine);
    backward = await openWithUnits(engine);
    expect((await syncSource(forward, ONESTOP)).status).toBe('PUBLISHED');
    expect((await syncSource(forward, DVCQG)).status).toBe('PUBLISHED');
    expect((await syncSource(backward, DVCQG)).status).toBe('PUBLISHED');
    expect((await syncSource(backward, { ...ONESTOP })).status).toBe('PUBLISHED');
  });
  afterAll(async () => {
    await forward?.close();
    await backward?.close();
  });

  it('gives the same dossiers, statuses, due dates and conflicts in either order', async () => {
    const options = { exclude: ['sync_runs', 'quality_results', 'sources', 'reference_loads'] as const };
    const a = await dumpTables(forward, { exclude: [...options.exclude], dropColumns: RUN_COLUMNS });
    const b = await dumpTables(backward, { exclude: [...options.exclude], dropColumns: RUN_COLUMNS });
    expect(a.dossiers!.length).toBeGreaterThan(60);
    expect(a.conflicts!.length).toBeGreaterThan(0);
    for (const table of Object.keys(a)) expect({ table, rows: b[table] }).toEqual({ table, rows: a[table] });
  });

  it('re-syncing the same exports inserts and updates nothing and leaves every table as it was', async () => {
    const before = await dumpTables(forward, { exclude: ['sync_runs', 'quality_results'] });
    const runsBefore = (await forward.db.selectFrom('sync_runs').selectAll().execute()).length;
    const again = await syncSource(forward, ONESTOP);
    const again2 = await syncSource(forward, DVCQG);
    for (const r of [again, again2]) {
      expect(r).toMatchObject({ status: 'PUBLISHED', inserted: 0, updated: 0 });
      expect(r.unchanged).toBeGreaterThan(0);
    }
    expect(await dumpTables(forward, { exclude: ['sync_runs', 'quality_results'] })).toEqual(before);
    expect((await forward.db.selectFrom('sync_runs').selectAll().execute()).length).toBe(runsBefore + 2);
    // Each run's quality results count the source's dossiers as they are published, found here through
    // the lineage keys (the run itself may read the dossiers in one pass: src/sync/quality.ts).
    for (const [r, source] of [
      [again, 'onestop'],
      [again2, 'dvcqg'],
    ] as const) {
      const { rows } = await sql<{ total: number; office: number; unit: number; derived: number }>`
        select count(*) as total,
          sum(case when flags like '%UNRESOLVED_OFFICE%' then 1 else 0 end) as office,
          sum(case when flags like '%UNRESOLVED_UNIT%' then 1 else 0 end) as unit,
          sum(due_derived) as derived
        from dossiers where id in
          (select entity_id from source_records where source_id = ${source} and record_type = 'dossier')`.execute(
        forward.db,
      );
      const expected = rows[0]!;
      const quality = await forward.db
        .selectFrom('quality_results')
        .select(['metric', 'numerator', 'denominator'])
        .where('run_id', '=', r.runId)
        .execute();
      const metric = (m: string) => quality.find((q) => q.metric === m);
      expect(Number(expected.total)).toBeGreaterThan(0);
      for (const [m, n] of [
        ['unresolved_office_share', expected.office],
        ['unresolved_unit_share', expected.unit],
        ['derived_due_share', expected.derived],
      ] as const) {
        expect({
          m,
          numerator: Number(metric(m)?.numerator),
          denominator: Number(metric(m)?.denominator),
        }).toEqual({
          m,
          numerator: Number(n),
          denominator: Number(expected.total),
        });
      }
    }
  });

  it('quarantines every malformed record with all its reasons and locator, and keeps every good one', async () => {
    for (const [kind, dir, sourceId] of [
      ['onestop', ONESTOP.path, 'onestop'],
      ['dvcqg', DVCQG.path, 'dvcqg'],
    ] as const) {
      // Independently of the engine: what the connector itself says about each record.
      const accepted = new Map<string, CandidateRecord>();
      const bad: CandidateRecord[] = [];
      for await (const out of connectors[kind]!.read(dir, kind === 'onestop' ? { provinceCode: '38' } : {})) {
        if (out.kind !== 'record') continue;
        if (out.sourceKey === null || out.data === null || out.issues.some((i) => i.severity === 'error'))
          bad.push(out);
        else accepted.set(`${out.type}|${out.sourceKey}`, out);
      }
      const lineage = await forward.db
        .selectFrom('source_records')
        .select(['record_type', 'source_key', 'locator', 'payload', 'content_hash'])
        .where('source_id', '=', sourceId)
        .execute();
      expect(new Set(lineage.map((l) => `${l.record_type}|${l.source_key}`))).toEqual(
        new Set(accepted.keys()),
      );
      // Each hash is the payload's, wherever it was computed (a SQLite file's writer thread takes them).
      for (const l of lineage) expect(l.content_hash).toBe(contentHash(l.payload));
      // A later duplicate replaces the earlier: the lineage keeps the last accepted occurrence.
      for (const l of lineage) {
        expect(JSON.parse(l.locator)).toEqual(accepted.get(`${l.record_type}|${l.source_key}`)!.locator);
      }
      const entries = await forward.db
        .selectFrom('quarantine')
        .select(['record_type', 'source_key', 'locator', 'reasons', 'status'])
        .where('source_id', '=', sourceId)
        .execute();
      expect(entries).toHaveLength(bad.length);
      for (const b of bad) {
        const e = entries.find((x) => x.locator === JSON.stringify(b.locator));
        expect(e, `quarantine entry for ${JSON.stringify(b.locator)}`).toBeDefined();
        const reasons = JSON.parse(e!.reasons) as unknown[];
        for (const i of b.issues) expect(reasons).toContainEqual(i);
        expect(e!.status).toBe('OPEN');
      }
    }
    // SOURCES.md: unknown LoaiDoiTuong, channel and TrangThaiDongBoDVC are all reported.
    const multi = await forward.db
      .selectFrom('quarantine')
      .select('reasons')
      .where('source_key', '=', '000.05.50.H56-250711-0072')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(multi.reasons).length).toBeGreaterThanOrEqual(3);
  });

  it('resolves units: old code → SUCCESSOR, split commune → AMBIGUOUS with province from the office, legacy code flagged', async () => {
    const get = (id: string) =>
      forward.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await get('000.00.13.H56-250610-0037')).toMatchObject({
      unit_reported_code: '14764',
      unit_status: 'SUCCESSOR',
      unit_code: '14797',
      province_code: '38',
    });
    const split = await get('000.00.13.H56-250620-0038');
    expect(split).toMatchObject({ unit_status: 'AMBIGUOUS', unit_code: null, province_code: '38' });
    expect(JSON.parse(split.unit_candidates!)).toEqual(['14758', '14797']);
    expect(JSON.parse(split.flags)).toContain('AMBIGUOUS_UNIT');
    expect(await get('000.02.50.H56-250715-0039')).toMatchObject({
      unit_status: 'EXACT',
      unit_code: '14758',
    });
    const legacy = await get('000.01.50.H56-250804-0043');
    expect(legacy).toMatchObject({ unit_status: 'SUCCESSOR', unit_code: '14797', legacy_code: 1 });
    expect(JSON.parse(legacy.flags)).toContain('LEGACY_UNIT_CODE');
  });

  it('merges across sources: short numbers, aliases, weak portal statuses, conflicts', async () => {
    const aliases = await forward.db.selectFrom('dossier_aliases').selectAll().execute();
    const owner = (alias: string) => aliases.find((a) => a.alias === alias)?.dossier_id;
    // H56.13-250703-0012 from the portal is the one-stop 000.00.13.H56-250703-0012: one dossier, its
    // own number, no alias repeating it (migration 0010).
    const short = await forward.db
      .selectFrom('source_records')
      .select(['source_id', 'entity_id'])
      .where('entity_id', '=', '000.00.13.H56-250703-0012')
      .where('record_type', '=', 'dossier')
      .orderBy('source_id')
      .execute();
    expect(short.map((r) => r.source_id)).toEqual(['dvcqg', 'onestop']);
    expect(owner('000.00.13.H56-250703-0012')).toBeUndefined();
    // The portal knows 0047 by its one-stop MaHoSoKhac.
    expect(owner('HKD-38-2025-000417')).toBe('000.05.50.H56-250721-0047');
    const sources = await forward.db
      .selectFrom('source_records')
      .select(['source_id'])
      .where('entity_id', '=', '000.05.50.H56-250721-0047')
      .where('record_type', '=', 'dossier')
      .execute();
    expect(sources.map((s) => s.source_id).sort()).toEqual(['dvcqg', 'onestop']);
    // The portal's 9 loses to the one-stop system's own 5 (SOURCES.md dvcqg quirks).
    const paused = await forward.db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', '000.01.50.H56-250722-0048')
      .executeTakeFirstOrThrow();
    expect(paused).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
      raw_status: '5',
      status_source: 'onestop',
    });
    const statusConflict = await forward.db
      .selectFrom('conflicts')
      .selectAll()
      .where('entity_id', '=', '000.01.50.H56-250722-0048')
      .where('field', '=', 'status')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(statusConflict.values)).toEqual([
      { source: 'onestop', value: 'SUPPLEMENT_REQUESTED' },
      { source: 'dvcqg', value: 'RESOLVED' },
    ]);
    // Due dates disagree on 0057: the one-stop value wins, the conflict is kept.
    const due = await forward.db
      .selectFrom('conflicts')
      .selectAll()
      .where('entity_id', '=', '000.01.50.H56-250812-0057')
      .where('field', '=', 'dueAt')
      .executeTakeFirstOrThrow();
    expect(due).toMatchObject({ chosen_source: 'onestop', rule: 'precedence' });
  });

  it('derives a due date across the National Day holiday when no source has one', async () => {
    const d = await forward.db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', '000.05.50.H56-250709-0056')
      .executeTakeFirstOrThrow();
    expect(d.due_derived).toBe(1);
    expect(d.due_at).not.toBeNull();
    const revisions = await forward.db
      .selectFrom('dossier_due_revisions')
      .selectAll()
      .where('dossier_id', '=', d.id)
      .execute();
    // The derived original is the row's own (migration 0010): no revision row repeats it.
    expect(d.original_due_at).toBe(d.due_at);
    expect(d.original_due_source).toBe('onestop'); // its own statutory duration
    expect(revisions).toEqual([]);
  });
});
