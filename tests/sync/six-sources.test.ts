import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../connectors/shared/text.js';
import type { Database } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { dumpTables, openWithUnits } from './support.js';

/**
 * All six sample sources (fixtures/samples/README.md) through the engine: the canonical state does
 * not depend on the sync order, the same dossier from four systems is one dossier with four sources
 * and its disagreements, the same person from two staff files is one person, and a re-sync of all six
 * changes nothing. Expected values are read from the fixture files here, not from the engine.
 */
const SAMPLES = path.resolve('fixtures/samples');
const ORDER = ['lgsp', 'onestop', 'cadre', 'dvcqg', 'igate', 'hotich'] as const;
const sync = (kind: string) => ({
  connector: kind,
  path: path.join(SAMPLES, kind),
  config: { provinceCode: '38' },
});
/** Columns naming runs or serial ids: the same data synced in another order gets other run ids. */
const RUN_COLUMNS = ['updated_run_id', 'run_id', 'id', 'created_at'];
const NOT_CANONICAL = ['sync_runs', 'quality_results', 'sources', 'reference_loads', 'leases'] as const;

const FOUR = '000.01.50.H56-250812-0057';

/** Vietnam local time (UTC+7, SOURCES.md "Common rules") → UTC ISO with milliseconds. */
const local = (y: string, mo: string, d: string, h: string, mi: string, s: string) =>
  new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`).toISOString();
const fromOnestop = (v: string) => {
  if (v === 'NULL' || v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(v)!;
  return local(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!);
};
const fromPortal = (v: string) => {
  if (v === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v)!;
  return local(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!);
};
const fromHotich = (v: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(v)!;
  return local(m[3]!, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
};
const fromIgate = (v: { $date: string } | undefined) => (v ? new Date(v.$date).toISOString() : null);

/** The four-source dossier as each fixture file has it, field by field (SOURCES.md mappings). */
function fourSourceValues(): Record<string, Record<string, unknown>> {
  const hoSos = parse(fs.readFileSync(path.join(SAMPLES, 'onestop', 'HoSos.csv'), 'utf8'), {
    bom: true,
    columns: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const o = hoSos.find((r) => r.MaHoSo?.trim() === FOUR)!;
  let p: Record<string, string> | undefined;
  for (const line of fs
    .readFileSync(path.join(SAMPLES, 'dvcqg', '2025-08-dongbo.jsonl'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)) {
    try {
      const envelope = JSON.parse(line);
      if (envelope.service !== 'DongBoHoSoMC') continue;
      p ??= envelope.data.find((d: { MaHoSo?: string }) => d?.MaHoSo === FOUR);
    } catch {
      // The file's malformed line (README: line 3).
    }
  }
  const i = fs
    .readFileSync(path.join(SAMPLES, 'igate', 'dossiers.jsonl'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.includes(`"code":"${FOUR}"`))
    .map((l) => JSON.parse(l))[0];
  const h = fs
    .readFileSync(path.join(SAMPLES, 'hotich', 'hotich-2025.jsonl'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.includes(`"maHoSo":"${FOUR}"`))
    .map((l) => JSON.parse(l.replace(/"maDonVi":(\d+)/, '"maDonVi":"$1"')))[0];
  expect([o, p, i, h].every(Boolean)).toBe(true);
  const channel: Record<string, string> = {
    '1': 'IN_PERSON',
    '2': 'ONLINE',
    '3': 'POSTAL',
    DIRECT: 'IN_PERSON',
  };
  const status: Record<string, string> = { '9': 'RESOLVED', '10': 'RETURNED' };
  const igateStatus: Record<number, string> = { 5: 'RESOLVED', 6: 'RETURNED' };
  const hotichStatus: Record<number, string> = {
    1: 'ACCEPTED',
    2: 'SUPPLEMENT_REQUESTED',
    3: 'PROCESSING',
    4: 'RESOLVED',
  };
  return {
    channel: {
      onestop: channel[o.KenhThucHien!],
      igate: channel[i.applyMethod.code],
      dvcqg: channel[p!.KenhThucHien!],
    },
    submittedAt: {
      onestop: fromOnestop(o.NgayNopHoSo!),
      igate: fromIgate(i.appliedDate),
      dvcqg: fromPortal(p!.NgayNopHoSo!),
    },
    receivedAt: {
      onestop: fromOnestop(o.NgayTiepNhan!),
      igate: fromIgate(i.acceptedDate),
      hotich: fromHotich(h.ngayTiepNhan),
      dvcqg: fromPortal(p!.NgayTiepNhan!),
    },
    dueAt: {
      onestop: fromOnestop(o.NgayHenTra!),
      igate: fromIgate(i.appointmentDate),
      dvcqg: fromPortal(p!.NgayHenTra!),
    },
    // hotich trangThai 4 is resolved at thoiGianCapNhat (SOURCES.md "Times and durations").
    resolvedAt: {
      onestop: fromOnestop(o.NgayKetThucXuLy!),
      igate: fromIgate(i.completedDate),
      hotich: h.trangThai === 4 ? fromHotich(h.thoiGianCapNhat) : null,
      dvcqg: fromPortal(p!.NgayKetThucXuLy!),
    },
    returnedAt: {
      onestop: fromOnestop(o.NgayTra!),
      igate: fromIgate(i.returnedDate),
      dvcqg: fromPortal(p!.NgayTra!),
    },
    status: {
      onestop: status[o.TrangThaiHoSoId!],
      igate: igateStatus[i.dossierStatus.id],
      hotich: hotichStatus[h.trangThai],
      dvcqg: status[p!.TrangThaiHoSo!],
    },
    sectorCode: { onestop: o.MaLinhVuc, igate: i.procedure.sector.code, dvcqg: p!.MaLinhVuc },
  };
}

describe.each(engines)('six sources in either order on $name', (engine) => {
  let forward: Database;
  let backward: Database;
  beforeAll(async () => {
    forward = await openWithUnits(engine);
    backward = await openWithUnits(engine);
    for (const kind of ORDER) {
      const r = await syncSource(forward, sync(kind));
      expect(r.status, `${kind}: ${r.message ?? ''}`).toBe('PUBLISHED');
    }
    for (const kind of [...ORDER].reverse()) {
      const r = await syncSource(backward, sync(kind));
      expect(r.status, `${kind}: ${r.message ?? ''}`).toBe('PUBLISHED');
    }
  });
  afterAll(async () => {
    await forward?.close();
    await backward?.close();
  });

  it('gives the same canonical tables record by record whichever order the six sources arrive in', async () => {
    const a = await dumpTables(forward, { exclude: [...NOT_CANONICAL], dropColumns: RUN_COLUMNS });
    const b = await dumpTables(backward, { exclude: [...NOT_CANONICAL], dropColumns: RUN_COLUMNS });
    for (const t of ['persons', 'assignments', 'assignment_sectors', 'qualifications', 'person_keys']) {
      expect(a[t]!.length, t).toBeGreaterThan(0);
    }
    expect(a.dossiers!.length).toBeGreaterThan(60);
    for (const table of Object.keys(a)) {
      expect(b[table]!.length, table).toBe(a[table]!.length);
      a[table]!.forEach((row, i) => {
        expect({ table, row: b[table]![i] }).toEqual({ table, row });
      });
    }
  });

  it('makes the dossier reported by onestop, iGate, the portal and hotich one dossier with four sources and their disagreements', async () => {
    const values = fourSourceValues();
    for (const d of [forward, backward]) {
      const sources = await d.db
        .selectFrom('source_records')
        .select('source_id')
        .where('entity_type', '=', 'dossier')
        .where('record_type', '=', 'dossier')
        .where('entity_id', '=', FOUR)
        .execute();
      expect(sources.map((s) => s.source_id).sort()).toEqual(['dvcqg', 'hotich', 'igate', 'onestop']);
      expect(await d.db.selectFrom('dossiers').select('id').where('id', '=', FOUR).execute()).toHaveLength(1);
      const conflicts = await d.db
        .selectFrom('conflicts')
        .selectAll()
        .where('entity_type', '=', 'dossier')
        .where('entity_id', '=', FOUR)
        .execute();
      const precedence = ['onestop', 'igate', 'hotich', 'dvcqg'];
      const disagreeing: string[] = [];
      for (const [field, bySource] of Object.entries(values)) {
        const given = precedence
          .filter((s) => bySource[s] !== null && bySource[s] !== undefined)
          .map((s) => ({ source: s, value: bySource[s] }));
        const conflict = conflicts.find((c) => c.field === field);
        if (new Set(given.map((g) => g.value)).size > 1) {
          disagreeing.push(field);
          expect(conflict, field).toBeDefined();
          expect(JSON.parse(conflict!.values), field).toEqual(given);
          expect(conflict).toMatchObject({ chosen_source: 'onestop', chosen_value: String(given[0]!.value) });
        } else {
          expect(conflict, field).toBeUndefined();
        }
      }
      expect(disagreeing.sort()).toEqual([
        'channel',
        'dueAt',
        'receivedAt',
        'resolvedAt',
        'status',
        'submittedAt',
      ]);
      // Nothing else is in dispute, and no personal data is copied into a conflict (DESIGN.md §2).
      expect(conflicts.map((c) => c.field).sort()).toEqual(disagreeing.sort());
      const text = JSON.stringify(conflicts);
      for (const pii of ['Trịnh Thị Nga', '038062341253', 'Trần Văn Bình', '038090001122']) {
        expect(text).not.toContain(pii);
      }
      // Every system's own number finds it: iGate's _id, hotich's maHoSoLT.
      const aliases = await d.db
        .selectFrom('dossier_aliases')
        .selectAll()
        .where('dossier_id', '=', FOUR)
        .execute();
      expect(aliases.map((a) => a.system).sort()).toEqual(['hotich', 'igate']);
      // …and its own number is onestop's (the id; migration 0010).
      const own = await d.db
        .selectFrom('dossiers')
        .select('number_system')
        .where('id', '=', FOUR)
        .executeTakeFirstOrThrow();
      expect(own.number_system).toBe('onestop');
    }
  });

  it('gives a hotich trangThai 0 record no status of its own, only an error event', async () => {
    const id = '000.04.50.H56-250701-0045'; // README: hotich line 2, igate line 13
    const dossier = await forward.db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(dossier.status_source).not.toBe('hotich');
    const events = await forward.db
      .selectFrom('dossier_events')
      .selectAll()
      .where('dossier_id', '=', id)
      .where('source', '=', 'hotich')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: null, raw_status: '0' });
    const status = await forward.db
      .selectFrom('conflicts')
      .select('values')
      .where('entity_id', '=', id)
      .where('field', '=', 'status')
      .execute();
    for (const c of status)
      expect(JSON.parse(c.values).map((v: { source: string }) => v.source)).not.toContain('hotich');
  });

  it('makes Lê Văn Hùng one person: a CCCD listed twice in the workbook and a legacy CMND in the CSV', async () => {
    // The fixture's rows, read here: the workbook's CCCD rows via the CSV's name and birth date.
    const csv = parse(fs.readFileSync(path.join(SAMPLES, 'cadre', 'bo-sung-thang-8.csv'), 'utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const row = csv.find((r) => fold(r['Họ và tên']!) === 'le van hung')!;
    const [dd, mm, yyyy] = row['Ngày sinh']!.split('/');
    for (const d of [forward, backward]) {
      const persons = await d.db
        .selectFrom('persons')
        .selectAll()
        .where('name_key', '=', 'le van hung')
        .where('birth_date', '=', `${yyyy}-${mm}-${dd}`)
        .execute();
      expect(persons).toHaveLength(1);
      const person = persons[0]!;
      expect(person).toMatchObject({ national_id: '038085001234', legacy_id: row['Số định danh cá nhân'] });
      const lineage = await d.db
        .selectFrom('source_records')
        .select(['locator'])
        .where('entity_type', '=', 'person')
        .where('entity_id', '=', person.id)
        .execute();
      expect(lineage.map((l) => JSON.parse(l.locator)).sort((x, y) => (x.row ?? 0) - (y.row ?? 0))).toEqual([
        { file: 'bo-sung-thang-8.csv', line: 2 },
        { file: 'danh-sach-can-bo.xlsx', sheet: 'Phường Hạc Thành', row: 7 },
        { file: 'danh-sach-can-bo.xlsx', sheet: 'Phường Hạc Thành', row: 10 },
      ]);
      const assignments = await d.db
        .selectFrom('assignments')
        .selectAll()
        .where('person_id', '=', person.id)
        .execute();
      expect(assignments).toHaveLength(3);
      expect(assignments.map((a) => a.office_id).sort()).toEqual([
        '000.01.50.H56',
        '000.01.50.H56',
        '000.02.50.H56',
      ]);
      // Row 10: a second assignment at Hàm Rồng, seconded from Hạc Thành (biệt phái).
      const seconded = assignments.find((a) => a.office_id === '000.02.50.H56')!;
      expect(seconded).toMatchObject({
        seconded_from_id: '000.01.50.H56',
        unit_code: '14758',
        province_code: '38',
      });
      // The national ID is personal data: chosen, never in a conflict.
      const conflicts = await d.db
        .selectFrom('conflicts')
        .selectAll()
        .where('entity_id', '=', person.id)
        .execute();
      expect(JSON.stringify(conflicts)).not.toContain('038085001234');
    }
  });

  it('merges offices of onestop Groups.csv and lgsp by agency id, with closures, parents and old codes', async () => {
    const office = (id: string) =>
      forward.db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const sourcesOf = async (id: string) =>
      (
        await forward.db
          .selectFrom('source_records')
          .select('source_id')
          .where('entity_type', '=', 'office')
          .where('entity_id', '=', id)
          .execute()
      )
        .map((r) => r.source_id)
        .sort();
    // Groups.csv line 3 (short H56.14) and lgsp /rows/2 (short H56.14): one office, two sources.
    expect(await sourcesOf('000.00.14.H56')).toEqual(['lgsp', 'onestop']);
    // lgsp /rows/6: Sở Nội vụ `h56.18`, MaDVHC 14797 under a decision of 01/03/2025: an old code,
    // resolved through the crosswalk (SOURCES.md "A code is dated by its record").
    expect(await office('000.00.18.H56')).toMatchObject({ unit_status: 'SUCCESSOR', unit_code: '14797' });
    // lgsp /rows/14 closed (TrangThai 0); Groups.csv has no status column, so the closure stands.
    expect(await office('000.07.50.H56')).toMatchObject({
      closed: 1,
      unit_status: 'SUCCESSOR',
      unit_code: '14797',
    });
    expect(await office('000.00.31.H56')).toMatchObject({ closed: 1 });
    // The branch's parent: Groups.csv names it SNNMT, lgsp 000.00.16.H56 — the same office, no conflict.
    expect(await office('000.01.16.H56')).toMatchObject({ parent_id: '000.00.16.H56' });
    const parentConflicts = await forward.db
      .selectFrom('conflicts')
      .selectAll()
      .where('entity_type', '=', 'office')
      .where('field', 'in', ['parentRef', 'closed'])
      .execute();
    expect(parentConflicts).toEqual([]);
  });

  it('names the sheet and row of a malformed staff row in quarantine', async () => {
    const entries = await forward.db
      .selectFrom('quarantine')
      .selectAll()
      .where('source_id', '=', 'cadre')
      .execute();
    const row11 = entries.find((e) => {
      const l = JSON.parse(e.locator);
      return l.file === 'danh-sach-can-bo.xlsx' && l.sheet === 'Phường Hạc Thành' && l.row === 11;
    });
    expect(row11, 'README: row 11 birth date 31/02/1988').toBeDefined();
    expect(JSON.parse(row11!.reasons)).toContainEqual(
      expect.objectContaining({ field: 'Ngày sinh', code: 'IMPOSSIBLE_DATE', found: '"31/02/1988"' }),
    );
    for (const e of entries) {
      const l = JSON.parse(e.locator);
      expect(l.line !== undefined || (typeof l.sheet === 'string' && typeof l.row === 'number')).toBe(true);
    }
  });

  it('changes nothing when all six are synced again', async () => {
    const before = await dumpTables(forward, { exclude: ['sync_runs', 'quality_results'] });
    for (const kind of ORDER) {
      const r = await syncSource(forward, sync(kind));
      expect(r, kind).toMatchObject({ status: 'PUBLISHED', inserted: 0, updated: 0 });
    }
    expect(await dumpTables(forward, { exclude: ['sync_runs', 'quality_results'] })).toEqual(before);
  });
});
