import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '../../connectors/shared/text.js';
import type { StaffCandidate } from '../../schema/canonical/records.js';
import type { Database } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { dumpTables, fakeConnector, office, openWithUnits, record } from './support.js';

/**
 * Person identity and assignments (DESIGN.md §2 "Staff", §3 last bullet), on staff records built
 * here: shared CCCD, shared CMND, name + birth date when one lacks a CCCD, never two CCCDs; the
 * result is the same in any sync order and in batches of one record; unresolved offices resolve
 * when the office arrives.
 */
const RUN_COLUMNS = ['updated_run_id', 'run_id', 'id', 'created_at'];
const EXCLUDE = [
  'sync_runs',
  'quality_results',
  'sources',
  'reference_loads',
  'unit_versions',
  'unit_successions',
] as const;

function staff(fullName: string, overrides: Partial<StaffCandidate> = {}): StaffCandidate {
  return {
    nationalId: null,
    legacyId: null,
    fullName,
    birthDate: '1985-03-12',
    gender: 'MALE',
    officeRef: '000.01.50.H56',
    officeName: 'UBND phường Hạc Thành',
    position: 'Chuyên viên',
    category: 'CIVIL_SERVANT',
    gradeCode: '01.003',
    salaryCoefficient: 3.0,
    serviceStart: '2010-09-01',
    sectors: [{ sector: 'LAND', raw: 'Đất đai' }],
    qualification: { level: 'BACHELOR', specialty: 'Luật' },
    secondedFromRef: null,
    status: 'ACTIVE',
    formerUnitName: null,
    ...overrides,
  };
}

/** The cadre connector's source key: `<CCCD | CMND | folded name|birth>#<office>`. */
function row(d: StaffCandidate) {
  const person = d.nationalId ?? d.legacyId ?? `${fold(d.fullName)}|${d.birthDate}`;
  return record('staff', `${person}#${d.officeRef ?? '-'}`, d);
}

describe.each(engines)('staff identity on $name', (engine) => {
  const open: Database[] = [];
  const fresh = async () => {
    const d = await openWithUnits(engine);
    open.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });

  const persons = (d: Database) =>
    d.db
      .selectFrom('persons')
      .select(['id', 'national_id', 'legacy_id', 'full_name'])
      .orderBy('id')
      .execute();

  it('keeps two different CCCDs with the same name and birth date apart, and a name-only row between them alone', async () => {
    const file = [
      row(staff('Lê Văn Hùng', { nationalId: '038085001234' })),
      row(staff('Lê Văn Hùng', { nationalId: '038085009999', officeRef: '000.02.50.H56' })),
      // Same name + birth, no ID: it matches both, so it cannot be told which one it is.
      row(staff('LÊ VĂN HÙNG', { officeRef: '000.03.50.H56' })),
    ];
    const d = await fresh();
    const r = await syncSource(
      d,
      { connector: fakeConnector('cadre', () => file), path: 'x' },
      { batchSize: 1 },
    );
    expect(r).toMatchObject({ status: 'PUBLISHED', inserted: 3, rejected: 0 });
    const list = await persons(d);
    expect(list).toHaveLength(3);
    expect(list.map((p) => p.national_id).sort()).toEqual(['038085001234', '038085009999', null]);
    expect(await d.db.selectFrom('assignments').select('person_id').execute()).toHaveLength(3);
  });

  it('joins a CMND row to a CCCD row by name + birth date, and CMND rows to each other, in any order and batch size', async () => {
    const cadre = [
      row(staff('Lê Văn Hùng', { nationalId: '038085001234' })),
      row(
        staff('Lê Văn Hùng', {
          nationalId: '038085001234',
          officeRef: '000.02.50.H56',
          secondedFromRef: 'H56.14',
        }),
      ),
    ];
    const supplement = [
      row(
        staff('Lê Văn  Hùng', {
          legacyId: '171098765',
          qualification: { level: 'MASTER', specialty: 'Quản lý đất đai' },
          officeRef: '000.03.50.H56',
        }),
      ),
      // Same CMND, a misspelt name: the CMND decides.
      row(staff('Lê Văn Hùn', { legacyId: '171098765', birthDate: null, officeRef: '000.04.50.H56' })),
    ];
    const a = await fresh();
    await syncSource(a, { connector: fakeConnector('cadre', () => cadre), path: 'x' });
    await syncSource(a, { connector: fakeConnector('cadre-supplement', () => supplement), path: 'x' });
    const b = await fresh();
    await syncSource(
      b,
      { connector: fakeConnector('cadre-supplement', () => supplement), path: 'x' },
      { batchSize: 1 },
    );
    // Before the CCCD arrives the CMND rows are a person of their own.
    const early = await persons(b);
    expect(early).toHaveLength(1);
    await syncSource(b, { connector: fakeConnector('cadre', () => cadre), path: 'x' }, { batchSize: 1 });
    for (const d of [a, b]) {
      const list = await persons(d);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        national_id: '038085001234',
        legacy_id: '171098765',
        full_name: 'Lê Văn Hùng',
      });
      expect(list[0]!.id).not.toBe(early[0]!.id); // re-keyed on the CCCD
      expect(
        await d.db
          .selectFrom('assignments')
          .select('person_id')
          .where('person_id', '=', list[0]!.id)
          .execute(),
      ).toHaveLength(4);
      const quals = await d.db
        .selectFrom('qualifications')
        .select(['level', 'specialty'])
        .orderBy('level')
        .execute();
      expect(quals).toEqual([
        { level: 'BACHELOR', specialty: 'Luật' },
        { level: 'MASTER', specialty: 'Quản lý đất đai' },
      ]);
      // The name conflict is kept; the IDs and birth date (personal data) never are.
      const conflicts = await d.db
        .selectFrom('conflicts')
        .selectAll()
        .where('entity_type', '=', 'person')
        .execute();
      expect(conflicts.map((c) => c.field)).toEqual(['fullName']);
      expect(JSON.parse(conflicts[0]!.values)).toEqual([
        { source: 'cadre', value: 'Lê Văn Hùng' },
        { source: 'cadre-supplement', value: 'Lê Văn  Hùng' },
        { source: 'cadre-supplement', value: 'Lê Văn Hùn' },
      ]);
      // Nothing is left of the person the CMND rows built before.
      const lineage = await d.db.selectFrom('source_records').select('entity_id').distinct().execute();
      expect(lineage.map((l) => l.entity_id)).toEqual([list[0]!.id]);
      const keys = await d.db.selectFrom('person_keys').select('person_id').distinct().execute();
      expect(keys.map((k) => k.person_id)).toEqual([list[0]!.id]);
    }
    expect(await dumpTables(b, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS })).toEqual(
      await dumpTables(a, { exclude: [...EXCLUDE], dropColumns: RUN_COLUMNS }),
    );
  });

  it('splits a person again when a corrected row no longer matches', async () => {
    let file = [
      row(staff('Trần Quốc Toản', { nationalId: '038079000001', birthDate: '1979-01-25' })),
      row(staff('Trần Quốc Toản', { officeRef: '000.02.50.H56', birthDate: '1979-01-25' })),
    ];
    const c = fakeConnector('cadre', () => file);
    const d = await fresh();
    await syncSource(d, { connector: c, path: 'x' });
    expect(await persons(d)).toHaveLength(1);
    // The steward corrects the CCCD row's birth date: the name-only row is someone else.
    file = [row(staff('Trần Quốc Toản', { nationalId: '038079000001', birthDate: '1979-01-26' })), file[1]!];
    const r = await syncSource(d, { connector: c, path: 'x' });
    expect(r).toMatchObject({ updated: 1, unchanged: 1 });
    const list = await persons(d);
    expect(list).toHaveLength(2);
    const assignments = await d.db.selectFrom('assignments').select(['person_id']).execute();
    expect(new Set(assignments.map((a) => a.person_id))).toEqual(new Set(list.map((p) => p.id)));
  });

  it('accepts a row whose office is unknown with a warning, and resolves it when the office arrives', async () => {
    const d = await fresh();
    const cadre = fakeConnector('cadre', () => [
      row(
        staff('Bùi Thị Thu', {
          nationalId: '038196003579',
          officeRef: 'H56.21',
          secondedFromRef: '000.00.22.H56',
        }),
      ),
    ]);
    const r1 = await syncSource(d, { connector: cadre, path: 'x', config: { provinceCode: '38' } });
    expect(r1).toMatchObject({ status: 'PUBLISHED', inserted: 1, rejected: 0, warnings: 1 });
    const before = await d.db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow();
    expect(before).toMatchObject({
      office_ref: 'H56.21',
      office_id: null,
      seconded_from_id: null,
      province_code: '38',
    });
    const quality = await d.db
      .selectFrom('quality_results')
      .select(['numerator', 'denominator'])
      .where('metric', '=', 'unresolved_assignment_office_share')
      .executeTakeFirstOrThrow();
    expect(quality).toEqual({ numerator: 1, denominator: 1 });

    const lgsp = fakeConnector('lgsp', () => [
      record(
        'office',
        '000.00.21.H56',
        office('000.00.21.H56', { kind: 'DEPARTMENT', unitCode: '38', unitDate: '2025-08-01' }),
      ),
      record(
        'office',
        '000.00.22.H56',
        office('000.00.22.H56', { kind: 'DEPARTMENT', unitCode: '38', unitDate: '2025-08-01' }),
      ),
    ]);
    const r2 = await syncSource(d, { connector: lgsp, path: 'x' });
    expect(r2.status).toBe('PUBLISHED');
    const after = await d.db.selectFrom('assignments').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      office_id: '000.00.21.H56',
      seconded_from_id: '000.00.22.H56',
      // A department is provincial: its staff belong to no commune (DESIGN.md §3 staff figures).
      unit_code: null,
      province_code: '38',
    });
    expect(after.updated_run_id).toBe(r2.runId);
    const again = await syncSource(d, { connector: cadre, path: 'x' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, warnings: 0 });
  });

  it('writes nothing when the same staff list is synced again', async () => {
    const d = await fresh();
    const c = fakeConnector('cadre', () => [
      row(staff('Phan Văn Đức', { nationalId: '038075005555' })),
      row(staff('Đặng Văn Tú', { birthDate: '1988-12-12', sectors: [] })),
    ]);
    await syncSource(d, { connector: c, path: 'x' });
    expect(await d.db.selectFrom('persons').select('id').execute()).toHaveLength(2);
    const before = await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] });
    const r = await syncSource(d, { connector: c, path: 'x' });
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await dumpTables(d, { exclude: ['sync_runs', 'quality_results'] })).toEqual(before);
  });
});
