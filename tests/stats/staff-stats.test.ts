import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';

/**
 * Staff figures (DESIGN.md §3 "Staff") on hand-made rows shaped as the sync engine writes them, with
 * the expected numbers worked out by hand below each person.
 */
const OFFICES = [
  ['000.00.13.H56', 'SERVICE_CENTRE', '38', null],
  ['000.01.50.H56', 'PEOPLES_COMMITTEE', '38', '14797'],
  ['000.02.50.H56', 'PEOPLES_COMMITTEE', '38', '14758'],
] as const;
// person, [assignment: office, category, status, service start, seconded from, sectors], specialties
const PEOPLE: [string, [string, string, string, string | null, string | null, string[]][], string[]][] = [
  // active at 14797, LAND + CONSTRUCTION (2 sectors), trained in land management: no mismatch
  [
    'p1',
    [['000.01.50.H56', 'CIVIL_SERVANT', 'ACTIVE', '2015-03-01', null, ['LAND', 'CONSTRUCTION']]],
    ['Quản lý đất đai', 'Kỹ thuật xây dựng công trình'],
  ],
  // active at 14797 (FINANCE) and at the service centre (JUSTICE): 2 sectors over assignments;
  // service start 2024-09-01 < 2 years before 2025-12-01; trained in accounting: JUSTICE mismatches
  [
    'p2',
    [
      ['000.01.50.H56', 'CIVIL_SERVANT', 'ACTIVE', '2024-09-01', null, ['FINANCE']],
      ['000.00.13.H56', 'CIVIL_SERVANT', 'ACTIVE', null, null, ['JUSTICE']],
    ],
    ['Kế toán'],
  ],
  // seconded, at the service centre, started 2023-11-30 (more than 2 years before asOf), no specialty
  ['p3', [['000.00.13.H56', 'CONTRACT', 'ACTIVE', '2023-11-30', '000.00.18.H56', ['IT']]], []],
  // retired: not active, not counted anywhere
  [
    'p4',
    [
      [
        '000.02.50.H56',
        'CADRE',
        'RETIRED',
        '1990-01-01',
        null,
        ['LAND', 'PLANNING', 'IT', 'JUSTICE', 'FINANCE', 'CONSTRUCTION'],
      ],
    ],
    ['Luật'],
  ],
  // active at 14758, an unrecognised sector (OTHER) and PLANNING: 2 sectors; trained as an architect
  ['p5', [['000.02.50.H56', 'CADRE', 'ACTIVE', '2010-01-01', null, ['OTHER', 'PLANNING']]], ['Kiến trúc sư']],
];

describe.each(engines)('staff figures on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    const { db } = database;
    for (const [id, kind, province, unit] of OFFICES) {
      await db
        .insertInto('offices')
        .values({
          id,
          agency_id: id,
          name: id,
          kind,
          province_code: province,
          unit_code: unit,
          content_hash: 't',
        })
        .execute();
    }
    for (const [person, assignments, specialties] of PEOPLE) {
      await db
        .insertInto('persons')
        .values({ id: person, full_name: person, name_key: person, content_hash: 't' })
        .execute();
      for (const [i, [office, category, status, start, seconded, sectors]] of assignments.entries()) {
        const unit = OFFICES.find((o) => o[0] === office)![3];
        const id = `${person}-${i}`;
        await db
          .insertInto('assignments')
          .values({
            id,
            person_id: person,
            office_id: office,
            unit_code: unit,
            province_code: '38',
            category,
            status,
            service_start: start,
            seconded_from_ref: seconded,
            content_hash: 't',
          })
          .execute();
        for (const sector of sectors)
          await db
            .insertInto('assignment_sectors')
            .values({ assignment_id: id, sector, raw: sector })
            .execute();
      }
      for (const specialty of specialties)
        await db
          .insertInto('qualifications')
          .values({ person_id: person, level: 'BACHELOR', specialty })
          .execute();
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  it('counts the province and its communes as DESIGN.md §3 says', async () => {
    const result = await runGraphQL({
      schema: await buildHubSchema(),
      source: `{
        province: staffStats(filter: { provinceCodes: ["38"] }, asOf: "2025-12-01") { headcount byCategory { category count } multiSector seconded serviceCentreStaff serviceCentreUnderTwoYears serviceCentreStartUnknown trainingMismatches trainingUnknown sectorGaps { commune missingSectors } }
        communes: staffStats(filter: { communeCodes: ["14797", "14758"] }, groupBy: [COMMUNE], asOf: "2025-12-01") { commune headcount multiSector sectorGaps { commune missingSectors } }
      }`,
      contextValue: createContext(database),
    });
    expect(result.errors).toBeUndefined();
    const data = result.data as { province: Record<string, unknown>[]; communes: Record<string, unknown>[] };
    const p = data.province[0]!;
    expect(p).toMatchObject({
      headcount: 4, // p1, p2, p3, p5
      byCategory: [
        { category: 'CADRE', count: 1 },
        { category: 'CIVIL_SERVANT', count: 2 },
        { category: 'CONTRACT', count: 1 },
      ],
      multiSector: 3, // p1, p2 (across two assignments), p5 (OTHER counts)
      seconded: 1, // p3
      serviceCentreStaff: 2, // p2, p3
      serviceCentreUnderTwoYears: 1, // p2 (2024-09-01); p3 started 2023-11-30, two years and a day
      serviceCentreStartUnknown: 0, // p2's earliest start is known from its other assignment
      trainingMismatches: 1, // p2: JUSTICE vs accounting
      trainingUnknown: 1, // p3
    });
    const gaps = p.sectorGaps as { commune: string; missingSectors: string[] }[];
    expect(gaps.find((g) => g.commune === '14797')!.missingSectors).toEqual(['PLANNING', 'IT', 'JUSTICE']);
    expect(gaps.find((g) => g.commune === '14758')!.missingSectors).toEqual([
      'LAND',
      'CONSTRUCTION',
      'FINANCE',
      'IT',
      'JUSTICE',
    ]);
    expect(data.communes.map((c) => [c.commune, c.headcount, c.multiSector])).toEqual([
      ['14758', 1, 1],
      ['14797', 2, 2],
    ]);
  });
});
