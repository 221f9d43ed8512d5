import type { Database } from '../db/database.js';
import { addDays } from '../units/dates.js';
import { fold, trainingFits } from './training-keywords.js';

/**
 * Staff figures (DESIGN.md §3 "Staff"): active persons — at least one assignment ACTIVE
 * (`Đang công tác`) valid at asOf — looked at through their active assignments.
 *
 * Read with a few statements per 1,000 persons (active assignments with their office kind, the sectors
 * of every active assignment of those persons, their earliest service start, their training
 * specialties), then counted per group in memory:
 * staff rows are a few per office (thousands per province), not millions like dossiers.
 *
 * A person is counted once per group they have an active assignment in (a person working in two
 * communes counts in both communes and once in the province). Sectors handled (multi-sector,
 * training mismatch) are the person's union over ALL their active assignments; secondment and
 * service-centre membership look at the person's assignments in the group.
 */
export const KEY_SECTORS = ['LAND', 'CONSTRUCTION', 'FINANCE', 'PLANNING', 'IT', 'JUSTICE'] as const;

export type StaffDimension = 'PROVINCE' | 'COMMUNE' | 'OFFICE';

export interface StaffFilterInput {
  provinceCodes?: readonly string[] | null;
  communeCodes?: readonly string[] | null;
  officeIds?: readonly string[] | null;
}

export interface SectorGap {
  commune: string;
  missingSectors: string[];
}

export interface StaffStatsRow {
  keys: Partial<Record<StaffDimension, string | null>>;
  headcount: number;
  byCategory: { category: string; count: number }[];
  multiSector: number;
  seconded: number;
  serviceCentreStaff: number;
  serviceCentreUnderTwoYears: number;
  serviceCentreStartUnknown: number;
  trainingMismatches: number;
  trainingUnknown: number;
  sectorGaps: SectorGap[];
}

interface AssignmentRow {
  id: string;
  person_id: string;
  province_code: string | null;
  unit_code: string | null;
  office_id: string | null;
  category: string | null;
  seconded_from_ref: string | null;
  seconded_from_id: string | null;
  office_kind: string | null;
}

export async function staffStats(
  database: Database,
  filter: StaffFilterInput,
  groupBy: readonly StaffDimension[],
  asOf: string,
): Promise<StaffStatsRow[]> {
  const lists = [filter.provinceCodes, filter.communeCodes, filter.officeIds];
  if (lists.some((l) => l !== null && l !== undefined && l.length === 0))
    return groupBy.length === 0 ? [empty({})] : [];
  const { db } = database;
  let q = db
    .selectFrom('assignments as a')
    .leftJoin('offices as o', 'o.id', 'a.office_id')
    .select([
      'a.id',
      'a.person_id',
      'a.province_code',
      'a.unit_code',
      'a.office_id',
      'a.category',
      'a.seconded_from_ref',
      'a.seconded_from_id',
      'o.kind as office_kind',
    ])
    .where('a.status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('a.valid_from', 'is', null), eb('a.valid_from', '<=', asOf)]))
    .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>=', asOf)]));
  if (filter.provinceCodes) q = q.where('a.province_code', 'in', [...filter.provinceCodes]);
  if (filter.communeCodes) q = q.where('a.unit_code', 'in', [...filter.communeCodes]);
  if (filter.officeIds) q = q.where('a.office_id', 'in', [...filter.officeIds]);
  const assignments = (await q.execute()) as AssignmentRow[];

  const sectorsOf = new Map<string, Set<string>>();
  // "The union over their active assignments" (DESIGN.md §3): every active assignment of the person,
  // also those outside the filter or the group.
  const sectorsOfPerson = new Map<string, Set<string>>();
  const startOf = new Map<string, string | null>();
  const specialtiesOf = new Map<string, string[]>();
  const persons = [...new Set(assignments.map((a) => a.person_id))];
  for (let i = 0; i < persons.length; i += 1000) {
    const personChunk = persons.slice(i, i + 1000);
    for (const r of await db
      .selectFrom('assignments as a')
      .innerJoin('assignment_sectors as s', 's.assignment_id', 'a.id')
      .select(['a.id', 'a.person_id', 's.sector'])
      .where('a.person_id', 'in', personChunk)
      .where('a.status', '=', 'ACTIVE')
      .where((eb) => eb.or([eb('a.valid_from', 'is', null), eb('a.valid_from', '<=', asOf)]))
      .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>=', asOf)]))
      .execute()) {
      const own = sectorsOf.get(r.id) ?? new Set<string>();
      own.add(r.sector);
      sectorsOf.set(r.id, own);
      const all = sectorsOfPerson.get(r.person_id) ?? new Set<string>();
      all.add(r.sector);
      sectorsOfPerson.set(r.person_id, all);
    }
    // "Earliest service start" over every assignment of the person, active or not.
    for (const r of await db
      .selectFrom('assignments')
      .select(['person_id', (eb) => eb.fn.min('service_start').as('start')])
      .where('person_id', 'in', personChunk)
      .groupBy('person_id')
      .execute()) {
      startOf.set(r.person_id, (r.start as string | null) ?? null);
    }
    for (const r of await db
      .selectFrom('qualifications')
      .select(['person_id', 'specialty'])
      .where('person_id', 'in', personChunk)
      .execute()) {
      if (r.specialty.trim() === '') continue;
      const l = specialtiesOf.get(r.person_id) ?? [];
      l.push(fold(r.specialty));
      specialtiesOf.set(r.person_id, l);
    }
  }

  // Decree 118/2025/NĐ-CP: service-centre staff should have at least 2 years of service; "less than
  // two calendar years before asOf" = a start after the same calendar day two years earlier.
  const asOfDate = asOf.slice(0, 10);
  const twoYearsBefore = `${Number(asOfDate.slice(0, 4)) - 2}${asOfDate.slice(4)}`;
  const limit = twoYearsBefore.endsWith('-02-29')
    ? addDays(twoYearsBefore.replace('-02-29', '-02-28'), 1)
    : twoYearsBefore;

  const groups = new Map<string, { keys: StaffStatsRow['keys']; list: AssignmentRow[] }>();
  for (const a of assignments) {
    const keys: StaffStatsRow['keys'] = {};
    for (const d of groupBy) {
      keys[d] = (d === 'PROVINCE' ? a.province_code : d === 'COMMUNE' ? a.unit_code : a.office_id) ?? null;
    }
    const k = JSON.stringify(groupBy.map((d) => keys[d] ?? ''));
    const g = groups.get(k) ?? { keys, list: [] };
    g.list.push(a);
    groups.set(k, g);
  }

  const gaps = await sectorGaps(database, filter, groupBy, asOfDate, assignments, sectorsOf);
  const rows: StaffStatsRow[] = [];
  for (const [k, g] of groups) {
    const row = empty(g.keys);
    const byPerson = new Map<string, AssignmentRow[]>();
    for (const a of g.list) byPerson.set(a.person_id, [...(byPerson.get(a.person_id) ?? []), a]);
    row.headcount = byPerson.size;
    const categories = new Map<string, number>();
    for (const [person, list] of byPerson) {
      for (const c of new Set(list.map((a) => a.category ?? 'UNKNOWN')))
        categories.set(c, (categories.get(c) ?? 0) + 1);
      const sectors = sectorsOfPerson.get(person) ?? new Set<string>();
      if (sectors.size >= 2) row.multiSector += 1;
      if (list.some((a) => a.seconded_from_ref !== null || a.seconded_from_id !== null)) row.seconded += 1;
      if (list.some((a) => a.office_kind === 'SERVICE_CENTRE')) {
        row.serviceCentreStaff += 1;
        const start = startOf.get(person) ?? null;
        if (start === null) row.serviceCentreStartUnknown += 1;
        else if (start > limit) row.serviceCentreUnderTwoYears += 1;
      }
      const specialties = specialtiesOf.get(person);
      if (!specialties || specialties.length === 0) row.trainingUnknown += 1;
      else if ([...sectors].some((s) => !trainingFits(s, specialties))) row.trainingMismatches += 1;
    }
    row.byCategory = [...categories]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([category, count]) => ({ category, count }));
    row.sectorGaps = gaps.get(k) ?? [];
    rows.push(row);
  }
  // Groups with no active staff at all still have gaps to show.
  for (const [k, list] of gaps) {
    if (groups.has(k) || list.length === 0) continue;
    const keys: StaffStatsRow['keys'] = {};
    const values = JSON.parse(k) as string[];
    groupBy.forEach((d, i) => {
      keys[d] = values[i] === '' ? null : values[i]!;
    });
    rows.push({ ...empty(keys), sectorGaps: list });
  }
  if (groupBy.length === 0 && rows.length === 0) rows.push(empty({}));
  return rows.sort((a, b) => {
    const ka = JSON.stringify(groupBy.map((d) => a.keys[d] ?? ''));
    const kb = JSON.stringify(groupBy.map((d) => b.keys[d] ?? ''));
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function empty(keys: StaffStatsRow['keys']): StaffStatsRow {
  return {
    keys,
    headcount: 0,
    byCategory: [],
    multiSector: 0,
    seconded: 0,
    serviceCentreStaff: 0,
    serviceCentreUnderTwoYears: 0,
    serviceCentreStartUnknown: 0,
    trainingMismatches: 0,
    trainingUnknown: 0,
    sectorGaps: [],
  };
}

/**
 * Sector gaps: the current communes in the filter (those of the asked provinces, or the asked
 * communes) with no active staff handling a key sector, listed under the group they fall in. Not
 * computed when grouping by office (a gap belongs to a commune, not to an office).
 */
async function sectorGaps(
  database: Database,
  filter: StaffFilterInput,
  groupBy: readonly StaffDimension[],
  asOfDate: string,
  assignments: readonly AssignmentRow[],
  sectorsOf: Map<string, Set<string>>,
): Promise<Map<string, SectorGap[]>> {
  const out = new Map<string, SectorGap[]>();
  if (groupBy.includes('OFFICE') || filter.officeIds) return out;
  let q = database.db
    .selectFrom('unit_versions')
    .select(['code', 'province_code'])
    .where('level', '=', 'COMMUNE')
    .where('valid_from', '<=', asOfDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', asOfDate)]));
  if (filter.provinceCodes) q = q.where('province_code', 'in', [...filter.provinceCodes]);
  if (filter.communeCodes) q = q.where('code', 'in', [...filter.communeCodes]);
  const communes = await q.orderBy('code').execute();
  const covered = new Map<string, Set<string>>();
  for (const a of assignments) {
    if (!a.unit_code) continue;
    const set = covered.get(a.unit_code) ?? new Set<string>();
    for (const s of sectorsOf.get(a.id) ?? []) set.add(s);
    covered.set(a.unit_code, set);
  }
  for (const c of communes) {
    const has = covered.get(c.code) ?? new Set<string>();
    const missing = KEY_SECTORS.filter((s) => !has.has(s));
    if (missing.length === 0) continue;
    const k = JSON.stringify(groupBy.map((d) => (d === 'PROVINCE' ? (c.province_code ?? '') : c.code)));
    out.set(k, [...(out.get(k) ?? []), { commune: c.code, missingSectors: [...missing] }]);
  }
  return out;
}
