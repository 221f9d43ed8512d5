import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import {
  expectedStaffStats,
  expectedWorkload,
  fold,
  type Receipt,
  readReceipts,
  readStaffFixture,
  type StaffDimension,
  type StaffFilter,
  type StaffFixture,
  type WorkloadDimension,
} from './staff-reader.js';

/**
 * Staff figures and workload (DESIGN.md §3 "Staff", "Workload") through the GraphQL API, on the
 * real-shaped sample exports synced by the engine (lgsp offices, onestop Groups.csv and dossiers,
 * the cadre workbooks and CSV), checked against figures computed independently from the same files
 * (staff-reader.ts: its own xlsx/CSV reading and rules, no hub code). The fixture's cases are listed
 * in fixtures/samples/README.md ("cadre"); the service-centre ones are in trung-tam-phuc-vu-hcc.csv.
 */
const SAMPLES = path.resolve('fixtures/samples');
const REFERENCE = path.resolve('fixtures/reference');
/**
 * asOf dates around the two-year boundaries of the service-centre staff (Decree 118/2025): Trần Thị
 * Bích started 15/09/2023, Nguyễn Văn An 01/10/2024 — the day before two years, and the day of.
 */
const AS_OFS = ['2025-09-14', '2025-09-15', '2026-09-30', '2026-10-01'];
const COMMUNES = ['14758', '14797', '15925', '16378']; // three with staff, one (Nguyệt Viên) without
const FIGURES = `headcount byCategory { category count } multiSector seconded serviceCentreStaff
  serviceCentreUnderTwoYears serviceCentreStartUnknown trainingMismatches trainingUnknown
  sectorGaps { commune missingSectors }`;
const WORKLOAD = 'received activeStaff months perStaffPerMonth { value numerator denominator }';

const gql = (v: unknown) => JSON.stringify(v).replace(/"(\w+)":/g, '$1:');

let fixture: StaffFixture;
let receipts: Receipt[];
beforeAll(async () => {
  fixture = await readStaffFixture(SAMPLES, REFERENCE);
  receipts = readReceipts(SAMPLES, REFERENCE);
});

describe.each(engines)('staff figures and workload against the sample exports on $name', (engine) => {
  let database: Database;
  const ask = async (query: string): Promise<Record<string, unknown>> => {
    const result = await runGraphQL({
      schema: await buildHubSchema(),
      source: query,
      contextValue: createContext(database),
    });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, unknown>;
  };
  const staffStats = async (filter: StaffFilter, groupBy: StaffDimension[], asOf: string) => {
    const keys = groupBy.map((d) => d.toLowerCase()).join(' ');
    const data = await ask(
      `{ s: staffStats(filter: ${gql(filter)}, groupBy: [${groupBy.join(', ')}], asOf: "${asOf}") { ${keys} ${FIGURES} } }`,
    );
    return data.s;
  };

  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    for (const kind of ['lgsp', 'onestop', 'cadre']) {
      const r = await syncSource(database, {
        connector: kind,
        path: path.join(SAMPLES, kind),
        config: { provinceCode: '38' },
      });
      expect(r.status, `${kind}: ${r.message ?? ''}`).toBe('PUBLISHED');
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads the fixture it claims to (every case a figure needs is present)', () => {
    const person = (name: string) =>
      [...fixture.persons.values()].find((rows) => fold(rows[0]!.name) === fold(name))!;
    // Lê Văn Hùng: a CCCD twice in the workbook and a CMND in the CSV are one person, three posts.
    expect(person('Lê Văn Hùng').map((r) => r.office)).toEqual([
      '000.01.50.H56',
      '000.02.50.H56',
      '000.01.50.H56',
    ]);
    // The 1904-date-system workbook's leap day, read as such.
    expect(person('Lường Thị Xuân')[0]!.serviceStart).toBe('2012-02-29');
    // Malformed rows are out (bad birth date, unknown category/gender/status, an 11-digit ID).
    expect(fixture.rejected.map((r) => r.where)).toEqual([
      'danh-sach-can-bo.xlsx "Phường Hạc Thành" row 11',
      'danh-sach-can-bo.xlsx "Phường Hạc Thành" row 12',
      'danh-sach-can-bo.xlsx "Phường Hạc Thành" row 13',
      'danh-sach-can-bo.xlsx "Sở Nội vụ" row 7',
      'danh-sach-can-bo.xlsx "Sở Nội vụ" row 8',
    ]);
    // The service-centre cases: under two years, the boundary, no start, a secondee whose earliest
    // start is on another row, a service-centre row no longer active, one left under Decree 178.
    expect(fixture.offices.get('000.00.13.H56')).toEqual({
      id: '000.00.13.H56',
      serviceCentre: true,
      commune: null,
    });
    expect(person('Nguyễn Văn An')[0]!.serviceStart).toBe('2024-10-01');
    expect(person('Trần Thị Bích')[0]!.serviceStart).toBe('2023-09-15');
    expect(person('Lê Thị Cúc')[0]!.serviceStart).toBeNull();
    expect(person('Phạm Văn Dũng').map((r) => [r.office, r.serviceStart, r.secondedFrom])).toEqual([
      ['000.00.13.H56', '2024-05-01', '000.03.50.H56'],
      ['000.03.50.H56', '2011-09-01', null],
    ]);
    expect(person('Hoàng Thị Giang').map((r) => [r.office, r.status])).toEqual([
      ['000.00.13.H56', 'TRANSFERRED'],
      ['000.02.50.H56', 'ACTIVE'],
    ]);
    // Every figure is non-trivial in the province at the first asOf.
    const [p] = expectedStaffStats(fixture, {
      asOf: AS_OFS[0]!,
      groupBy: [],
      filter: { provinceCodes: ['38'] },
    });
    for (const figure of [
      'headcount',
      'multiSector',
      'seconded',
      'serviceCentreStaff',
      'serviceCentreUnderTwoYears',
      'serviceCentreStartUnknown',
      'trainingMismatches',
      'trainingUnknown',
    ] as const)
      expect(p![figure], figure).toBeGreaterThan(0);
    expect(p!.byCategory).toHaveLength(4);
    // Communes with staff still miss some key sectors; the others miss all six.
    expect(p!.sectorGaps.filter((g) => g.missingSectors.length < 6).map((g) => g.commune)).toEqual([
      '14758',
      '14797',
      '16378',
    ]);
    // Dossiers: the old codes resolved (0043 legacy code after the reform, 0037 before it), the split
    // old commune at province level, the later duplicate replacing the earlier one.
    const r = (n: string) => receipts.find((x) => x.number === n);
    expect(r('000.01.50.H56-250804-0043')?.commune).toBe('14797');
    expect(r('000.00.13.H56-250610-0037')?.commune).toBe('14797');
    expect(r('000.00.13.H56-250620-0038')?.commune).toBeNull();
    expect(r('000.02.50.H56-250627-0069')).toBeUndefined();
    // The README's 56 well-formed dossiers, and 0073 (lines 63–65: a multi-line name, then replaced).
    expect(receipts).toHaveLength(57);
  });

  it('gives the province its staff figures at every asOf', async () => {
    for (const asOf of AS_OFS) {
      const filter = { provinceCodes: ['38'] };
      expect(await staffStats(filter, [], asOf), asOf).toEqual(
        expectedStaffStats(fixture, { asOf, groupBy: [], filter }),
      );
      expect(await staffStats(filter, ['PROVINCE'], asOf), asOf).toEqual(
        expectedStaffStats(fixture, { asOf, groupBy: ['PROVINCE'], filter }),
      );
    }
  });

  it('gives every commune of the province, and several communes asked for, their figures', async () => {
    for (const asOf of AS_OFS) {
      for (const filter of [{ provinceCodes: ['38'] }, { communeCodes: COMMUNES }]) {
        const want = expectedStaffStats(fixture, { asOf, groupBy: ['COMMUNE'], filter });
        expect(await staffStats(filter, ['COMMUNE'], asOf), `${asOf} ${gql(filter)}`).toEqual(want);
      }
      // The communes together, as one row.
      const filter = { communeCodes: COMMUNES };
      expect(await staffStats(filter, [], asOf)).toEqual(
        expectedStaffStats(fixture, { asOf, groupBy: [], filter }),
      );
    }
  });

  it('drills down from a unit, and groups and filters by office', async () => {
    const asOf = AS_OFS[0]!;
    for (const code of ['38', '16378', '15925']) {
      const data = (await ask(
        `{ unit(code: "${code}") { staffStats(asOf: "${asOf}") { ${FIGURES} } } }`,
      )) as {
        unit: { staffStats: unknown };
      };
      const filter = code === '38' ? { provinceCodes: [code] } : { communeCodes: [code] };
      expect(data.unit.staffStats, code).toEqual(expectedStaffStats(fixture, { asOf, groupBy: [], filter }));
    }
    for (const filter of [{ provinceCodes: ['38'] }, { officeIds: ['000.00.13.H56', '000.02.50.H56'] }]) {
      expect(await staffStats(filter, ['OFFICE'], asOf)).toEqual(
        expectedStaffStats(fixture, { asOf, groupBy: ['OFFICE'], filter }),
      );
    }
  });

  it('gives workload (dossiers received per active staff member per month) for the province, its communes and months', async () => {
    const cases: {
      filter: { provinceCodes?: string[]; communeCodes?: string[] };
      groupBy: WorkloadDimension[];
      period: { from: string; to: string };
    }[] = [];
    for (const period of [
      { from: '2025-07-01', to: '2025-09-30' },
      { from: '2025-06-01', to: '2025-09-30' },
      { from: '2025-08-15', to: '2025-08-31' },
    ])
      for (const groupBy of [
        [],
        ['PROVINCE'],
        ['COMMUNE'],
        ['MONTH'],
        ['COMMUNE', 'MONTH'],
      ] as WorkloadDimension[][])
        for (const filter of [{ provinceCodes: ['38'] }, { communeCodes: COMMUNES }])
          cases.push({ filter, groupBy, period });
    const asOf = AS_OFS[0]!;
    for (const c of cases) {
      const keys = c.groupBy.map((d) => d.toLowerCase()).join(' ');
      const data = await ask(
        `{ w: workload(filter: ${gql(c.filter)}, period: ${gql(c.period)}, groupBy: [${c.groupBy.join(', ')}], asOf: "${asOf}") { ${keys} ${WORKLOAD} } }`,
      );
      expect(data.w, gql(c)).toEqual(expectedWorkload(fixture, receipts, { asOf, ...c }));
    }
  });
});
