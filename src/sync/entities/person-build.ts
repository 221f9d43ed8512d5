import { fold } from '../../../connectors/shared/text.js';
import { agencyLevel } from '../../../schema/canonical/identifiers.js';
import type { StaffCandidate } from '../../../schema/canonical/records.js';
import { canonicalJson, contentHash } from '../canonical-json.js';
import { byPrecedence, type ConflictRow, type FieldSpec, pickField } from '../merge/members.js';
import { levelOneAgency, type OfficeInfo, type OfficeKey, officeKey } from '../references.js';
import type { RunContext } from '../run-context.js';
import { identityKeyHashes, type PersonGroup, type StaffMember } from './person-identity.js';

/**
 * Builds one person (row, identity keys, qualifications, conflicts) and its assignments (one per
 * staff-list row: SOURCES.md "cadre" — "one person, two assignments") from ALL the records of its
 * group, whatever order they arrived in. Person fields by source precedence (SOURCES.md "Common
 * rules"), disagreements kept as conflicts except for personal data (DESIGN.md §2: national ID and
 * birth date are PII; like a dossier's applicant, they are chosen but never copied into `conflicts`).
 */
type S = StaffCandidate;

const FIELDS: FieldSpec<S>[] = [
  { field: 'fullName', get: (d) => d.fullName },
  { field: 'nationalId', get: (d) => d.nationalId, pii: true },
  { field: 'legacyId', get: (d) => d.legacyId, pii: true },
  { field: 'birthDate', get: (d) => d.birthDate, pii: true },
  { field: 'gender', get: (d) => d.gender },
];

export const PERSON_COLUMNS = [
  'id',
  'national_id',
  'legacy_id',
  'full_name',
  'name_key',
  'birth_date',
  'gender',
  'province_code',
  'content_hash',
  'updated_run_id',
] as const;

export const ASSIGNMENT_COLUMNS = [
  'id',
  'person_id',
  'office_ref',
  'office_id',
  'office_name',
  'unit_code',
  'province_code',
  'position',
  'category',
  'grade_code',
  'salary_coefficient',
  'service_start',
  'seconded_from_ref',
  'seconded_from_id',
  'status',
  'former_unit_name',
  'valid_from',
  'valid_to',
  'content_hash',
  'updated_run_id',
] as const;

type Row<C extends readonly string[]> = Record<C[number], unknown>;

export interface BuiltPerson {
  id: string;
  row: Row<typeof PERSON_COLUMNS>;
  keys: string[];
  qualifications: { level: string; specialty: string }[];
  assignments: { row: Row<typeof ASSIGNMENT_COLUMNS>; sectors: { sector: string; raw: string }[] }[];
  conflicts: ConflictRow[];
  hash: string;
}

/** Offices a staff record names: its post and the office it is seconded from (agency ids). */
export function officeKeysOf(d: S): OfficeKey[] {
  const out: OfficeKey[] = [];
  for (const ref of [d.officeRef, d.secondedFromRef]) {
    if (ref === null) continue;
    const k = officeKey({ ref, system: 'AGENCY' });
    out.push(k);
    const l1 = levelOneAgency(k.alias);
    if (l1 !== null && l1 !== k.alias) out.push({ system: 'AGENCY', alias: l1 });
  }
  return out;
}

/** An assignment's id: from its source record, so it does not move when its person is re-keyed. */
export function assignmentIdOf(m: StaffMember): string {
  return `a${contentHash(`assignment|${m.sourceId}|${m.key}`).slice(0, 24)}`;
}

export function buildPerson(
  ctx: RunContext,
  group: PersonGroup,
  office: (k: OfficeKey | null) => OfficeInfo | null,
): BuiltPerson {
  const { id } = group;
  const members = group.members.slice().sort(byPrecedence);
  const conflicts: ConflictRow[] = [];
  const picked = new Map(FIELDS.map((f) => [f.field, pickField('person', id, members, f, conflicts).value]));
  const val = (f: string) => (picked.get(f) ?? null) as string | null;

  const assignments = members.map((m) => {
    const d = m.data;
    const post = d.officeRef === null ? null : officeKey({ ref: d.officeRef, system: 'AGENCY' });
    const at = office(post);
    const seconded =
      d.secondedFromRef === null ? null : officeKey({ ref: d.secondedFromRef, system: 'AGENCY' });
    const from = office(seconded);
    // The province of the post: its office's, else its level-1 agency's (the provincial People's
    // Committee), else the source's configured province (SOURCES.md "Which unit a record belongs to").
    const levelOne =
      post === null ? null : office({ system: 'AGENCY', alias: levelOneAgency(post.alias) ?? '' });
    const province =
      at?.province_code ?? levelOne?.province_code ?? ctx.sources.get(m.sourceId)?.provinceCode ?? null;
    // The post's commune: its office's, unless the office is provincial — the People's Committee and
    // the bodies directly under it (agency levels 1–2, SOURCES.md "Agency identifiers": departments,
    // the provincial service centre) sit in a commune but serve the province; DESIGN.md §3 staff
    // figures count commune staff by this column.
    const level = at?.agency_id ? agencyLevel(at.agency_id) : null;
    const provincial = level === 1 || level === 2;
    const unit = at?.unit_code && at.unit_code.length === 5 && !provincial ? at.unit_code : null;
    const row: Row<typeof ASSIGNMENT_COLUMNS> = {
      id: assignmentIdOf(m),
      person_id: id,
      office_ref: d.officeRef,
      office_id: at?.id ?? null,
      office_name: d.officeName,
      unit_code: unit,
      province_code: province,
      position: d.position,
      category: d.category,
      grade_code: d.gradeCode,
      salary_coefficient: d.salaryCoefficient,
      service_start: d.serviceStart,
      seconded_from_ref: d.secondedFromRef,
      seconded_from_id: from?.id ?? null,
      status: d.status,
      former_unit_name: d.formerUnitName,
      valid_from: null,
      valid_to: null,
      content_hash: '',
      updated_run_id: ctx.runId,
    };
    const seen = new Set<string>();
    const sectors = d.sectors.filter((s) => {
      const k = `${s.sector}\u0000${s.raw}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    sectors.sort((a, b) => cmp(a.sector, b.sector) || cmp(a.raw, b.raw));
    const { content_hash: _h, updated_run_id: _r, ...hashed } = row;
    row.content_hash = contentHash(canonicalJson({ row: hashed, sectors }));
    return { row, sectors, active: d.status === 'ACTIVE' };
  });
  assignments.sort((a, b) => cmp(a.row.id as string, b.row.id as string));

  // The person's province: its active posts' first, in source precedence; else any post's.
  const ordered = members.map((m) => assignments.find((a) => a.row.id === assignmentIdOf(m))!);
  const province =
    (ordered.find((a) => a.active && a.row.province_code !== null)?.row.province_code as
      | string
      | undefined) ??
    (ordered.find((a) => a.row.province_code !== null)?.row.province_code as string | undefined) ??
    null;

  const quals = new Map<string, { level: string; specialty: string }>();
  for (const m of members) {
    const q = m.data.qualification;
    if (q !== null) quals.set(`${q.level}\u0000${q.specialty}`, { level: q.level, specialty: q.specialty });
  }
  const qualifications = [...quals.keys()].sort().map((k) => quals.get(k)!);
  const keys = [...new Set(members.flatMap((m) => identityKeyHashes(m.data)))].sort();
  const fullName = val('fullName') ?? members[0]!.data.fullName;
  const row: Row<typeof PERSON_COLUMNS> = {
    id,
    national_id: val('nationalId'),
    legacy_id: val('legacyId'),
    full_name: fullName,
    name_key: fold(fullName),
    birth_date: val('birthDate'),
    gender: val('gender'),
    province_code: province,
    content_hash: '',
    updated_run_id: ctx.runId,
  };
  conflicts.sort((a, b) => cmp(a.field, b.field));
  const { content_hash: _h, updated_run_id: _r, ...hashed } = row;
  const hash = contentHash(
    canonicalJson({
      row: hashed,
      keys,
      qualifications,
      conflicts,
      assignments: assignments.map((a) => a.row.content_hash),
    }),
  );
  row.content_hash = hash;
  return {
    id,
    row,
    keys,
    qualifications,
    assignments: assignments.map(({ row: r, sectors }) => ({ row: r, sectors })),
    conflicts,
    hash,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
