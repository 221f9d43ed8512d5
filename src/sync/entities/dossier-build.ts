import { agencyPrefixOf, procedureNationalCode } from '../../../schema/canonical/identifiers.js';
import type { DossierCandidate, DossierEventCandidate } from '../../../schema/canonical/records.js';
import type { DurationUnit } from '../../../schema/canonical/vocabulary.js';
import { canonicalJson } from '../canonical-json.js';
import { computeDue } from '../due-dates.js';
import {
  byPrecedence,
  type ConflictRow,
  type FieldSpec,
  isEmptyValue,
  type Member,
  pickField,
} from '../merge/members.js';
import { conflictValues } from '../merge/write-conflicts.js';
import {
  levelOneAgency,
  type OfficeInfo,
  type OfficeKey,
  officeKey,
  type ProcedureInfo,
} from '../references.js';
import { type RunContext, resolveUnit } from '../run-context.js';
import type { WorkingCalendar } from '../working-calendar.js';

/**
 * Builds one dossier (row, aliases, events, pauses, due revisions, conflicts) from ALL the source
 * records of its component, whatever order they arrived in (SOURCES.md "Common rules": each field
 * from the first source that has a value, in precedence order; disagreements kept as conflicts).
 */
type D = DossierCandidate;

const LOCAL_OFFSET_MS = 7 * 3_600_000;
/**
 * The local (UTC+7) date of an instant. Instants are canonical ISO-8601 UTC text
 * (`yyyy-MM-ddTHH:mm:ss.sssZ`), so the local date is the UTC date before 17:00 UTC and the next day
 * from 17:00: no Date per dossier, and only the next-day case is memoised (by UTC date, bounded).
 */
const nextLocalDates = new Map<string, string>();
function localDate(instant: string | null): string | null {
  if (instant === null) return null;
  const utcDate = instant.slice(0, 10);
  if (instant.length !== 24 || instant.charCodeAt(10) !== 84 /* T */) {
    return new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
  }
  const hour = (instant.charCodeAt(11) - 48) * 10 + (instant.charCodeAt(12) - 48);
  if (hour < 17) return utcDate;
  let next = nextLocalDates.get(utcDate);
  if (next === undefined) {
    next = new Date(Date.parse(instant) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
    if (nextLocalDates.size > 100_000) nextLocalDates.clear();
    nextLocalDates.set(utcDate, next);
  }
  return next;
}

const FIELDS: FieldSpec<D>[] = [
  {
    field: 'procedureCode',
    get: (d) => d.procedureCode,
    compareAs: (v) => procedureNationalCode(v as string) ?? v,
  },
  { field: 'procedureName', get: (d) => d.procedureName },
  { field: 'sectorCode', get: (d) => d.sectorCode },
  { field: 'sectorName', get: (d) => d.sectorName },
  { field: 'procedureLevel', get: (d) => d.procedureLevel },
  { field: 'unitCode', get: (d) => d.unitCode },
  // Different systems name the same office differently (a GroupCode, an agency id): the conflict is
  // decided after resolution, on the office each reference resolves to (buildDossier).
  { field: 'receivingOffice', get: (d) => d.receivingOffice, conflicts: false },
  { field: 'handlingOfficeName', get: (d) => d.handlingOfficeName },
  { field: 'applicantType', get: (d) => d.applicantType },
  { field: 'applicantName', get: (d) => d.applicantName, pii: true },
  { field: 'applicantIdNumber', get: (d) => d.applicantIdNumber, pii: true },
  { field: 'summary', get: (d) => d.summary },
  { field: 'channel', get: (d) => d.channel },
  // The portal's 9 may hide 5, 6 or 8 (SOURCES.md dvcqg quirks): it loses to any non-weak status.
  { field: 'status', get: (d) => d.status, weak: (d) => d.statusWeak },
  { field: 'submittedAt', get: (d) => d.submittedAt },
  { field: 'receivedAt', get: (d) => d.receivedAt },
  { field: 'dueAt', get: (d) => d.dueAt },
  { field: 'resolvedAt', get: (d) => d.resolvedAt },
  { field: 'returnedAt', get: (d) => d.returnedAt },
  { field: 'refusedAt', get: (d) => d.refusedAt },
  { field: 'withdrawnAt', get: (d) => d.withdrawnAt },
  { field: 'duration', get: (d) => d.duration },
  { field: 'supplements', get: (d) => d.supplements },
  { field: 'digitised', get: (d) => d.digitised },
  { field: 'paidOnline', get: (d) => d.paidOnline },
  { field: 'syncedToPortal', get: (d) => d.syncedToPortal },
  { field: 'module', get: (d) => d.module },
];

/** A member with its normalised numbers (its own first, then its aliases in order), computed once. */
export type NumberedMember<T = unknown> = Member<T> & { numbers: readonly string[] };

export interface MergedDossier {
  id: string;
  dossiers: NumberedMember<D>[];
  events: Member<DossierEventCandidate>[];
  numbers: Map<string, string>;
  /**
   * The picked value and the member that gave it, per field in FIELDS order (two arrays rather than
   * an object per field: this runs for every dossier). Read through `pickedValue` / `pickedMember`.
   */
  values: unknown[];
  members: (Member<D> | null)[];
  conflicts: ConflictRow[];
  /** Set by `officeRefsOf` the first time the dossier's office references are asked for. */
  officeRefs?: OfficeRefs;
}

/**
 * The office references of a merged dossier: the reported receiving office's lookup key, the agency
 * prefix of its number (long form) and the provincial committee of each. `referencesOf` (what the
 * batch loads) and `buildDossier` (what it resolves) both need them: taken once per dossier.
 */
interface OfficeRefs {
  reported: { ref: string; system: string } | null;
  reportedKey: OfficeKey | null;
  reportedLevelOne: string | null;
  prefix: string | null;
  prefixLevelOne: string | null;
}

function officeRefsOf(m: MergedDossier): OfficeRefs {
  if (m.officeRefs !== undefined) return m.officeRefs;
  const reported = pickedValue(m, 'receivingOffice') as { ref: string; system: string } | null;
  const reportedKey = reported ? officeKey(reported) : null;
  const prefix = agencyPrefixOf(m.id);
  m.officeRefs = {
    reported,
    reportedKey,
    reportedLevelOne: reportedKey?.system === 'AGENCY' ? levelOneAgency(reportedKey.alias) : null,
    prefix,
    prefixLevelOne: prefix === null ? null : levelOneAgency(prefix),
  };
  return m.officeRefs;
}

// A property read, not a Map lookup: ~30 reads a dossier.
const FIELD_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  FIELDS.map((spec, i) => [spec.field, i]),
);

function fieldIndex(field: string): number {
  const i = FIELD_INDEX[field];
  if (i === undefined) throw new Error(`dossier-build: "${field}" is not a merged dossier field`);
  return i;
}

export function pickedValue(m: MergedDossier, field: string): unknown {
  return m.values[fieldIndex(field)] ?? null;
}

export function pickedMember(m: MergedDossier, field: string): Member<D> | null {
  return m.members[fieldIndex(field)] ?? null;
}

/** Field precedence and conflicts: pure, no references yet. */
export function mergeDossier(
  id: string,
  dossiers: NumberedMember<D>[],
  events: Member<DossierEventCandidate>[],
): MergedDossier {
  dossiers.sort(byPrecedence);
  const conflicts: ConflictRow[] = [];
  const values: unknown[] = [];
  const members: (Member<D> | null)[] = [];
  if (dossiers.length === 1) {
    // One record (most dossiers on a first sync): each field is its own value, nothing to disagree
    // with (pickField's rule for one member, without an object per field).
    const only = dossiers[0]!;
    for (const spec of FIELDS) {
      const v = spec.get(only.data);
      const empty = isEmptyValue(v);
      values.push(empty ? null : v);
      members.push(empty ? null : only);
    }
  } else {
    for (const spec of FIELDS) {
      const p = pickField('dossier', id, dossiers, spec, conflicts);
      values.push(p.value);
      members.push(p.member);
    }
  }
  // Every number the dossier is known by, with the system that gave it (first in precedence order).
  const numbers = new Map<string, string>();
  for (const m of dossiers) {
    const own = m.numbers[0]!;
    if (!numbers.has(own)) numbers.set(own, m.sourceId);
    const aliases = m.data.aliases;
    for (let i = 0; i < aliases.length; i++) {
      const n = m.numbers[i + 1]!;
      if (!numbers.has(n)) numbers.set(n, aliases[i]!.system);
    }
  }
  return { id, dossiers, events, numbers, values, members, conflicts };
}

/** The references a merged dossier needs: office alias keys and procedure codes. */
export function referencesOf(m: MergedDossier): { offices: OfficeKey[]; procedures: string[] } {
  const offices: OfficeKey[] = [];
  const r = officeRefsOf(m);
  if (r.reportedKey) {
    offices.push(r.reportedKey);
    if (r.reportedLevelOne) offices.push({ system: 'AGENCY', alias: r.reportedLevelOne });
  }
  if (r.prefix) {
    offices.push({ system: 'AGENCY', alias: r.prefix });
    if (r.prefixLevelOne) offices.push({ system: 'AGENCY', alias: r.prefixLevelOne });
  }
  const code = pickedValue(m, 'procedureCode') as string | null;
  return { offices, procedures: code ? [code] : [] };
}

export const DOSSIER_COLUMNS = [
  'id',
  'code',
  'procedure_code',
  'procedure_id',
  'procedure_name',
  'sector_code',
  'sector_name',
  'unit_reported_code',
  'unit_reported_on',
  'unit_status',
  'unit_code',
  'unit_candidates',
  'province_code',
  'legacy_code',
  'receiving_office_ref',
  'receiving_office_id',
  'handling_office_name',
  'handling_office_id',
  'applicant_type',
  'applicant_name',
  'applicant_id_number',
  'summary',
  'channel',
  'status',
  'raw_status',
  'status_source',
  'submitted_at',
  'received_at',
  'received_date',
  'due_at',
  'original_due_at',
  'due_derived',
  'resolved_at',
  'returned_at',
  'refused_at',
  'withdrawn_at',
  'settled_at',
  'settled_date',
  'digitised',
  'paid_online',
  'synced_to_portal',
  'flags',
  'number_system',
  'original_due_source',
  'content_hash',
  'updated_run_id',
] as const;

/** The child tables' columns, in the order of the value arrays `buildDossier` lays out. */
export const ALIAS_COLUMNS = ['alias', 'dossier_id', 'system'] as const;
export const EVENT_COLUMNS = [
  'dossier_id',
  'seq',
  'at',
  'status',
  'raw_status',
  'actor',
  'position',
  'department',
  'content',
  'source',
] as const;
export const PAUSE_COLUMNS = ['dossier_id', 'seq', 'kind', 'started_at', 'ended_at', 'source'] as const;
export const REVISION_COLUMNS = [
  'dossier_id',
  'seq',
  'due_at',
  'previous_due_at',
  'reason',
  'excuses_lateness',
  'source',
] as const;

/** Where `updated_run_id` is in a built dossier's `values` (restored for a repeat: entities/dossiers.ts). */
export const RUN_ID_COLUMN = DOSSIER_COLUMNS.indexOf('updated_run_id');

/** Where `content_hash` is in a built dossier's `values`; every column before it is content. */
export const HASH_COLUMN = DOSSIER_COLUMNS.indexOf('content_hash');

/**
 * A built dossier, laid out as the insert and the content hash take it: the row's values in
 * DOSSIER_COLUMNS order and each child row as its values in its table's column order (`*_COLUMNS`
 * above, `CONFLICT_COLUMNS`). Its content hash covers all of them as inserted (content-hash.mjs
 * `familyHash`, entities/dossiers.ts `dossierHash`); the `content_hash` value is null until a
 * comparison needs the hash, else the session computes it as it writes the row.
 */
export interface BuiltDossier {
  id: string;
  values: unknown[];
  aliases: unknown[][];
  events: unknown[][];
  pauses: unknown[][];
  revisions: unknown[][];
  conflicts: unknown[][];
}

/**
 * The row literal in `buildDossier` names every column but the last two, in DOSSIER_COLUMNS order, and
 * its values are taken with one native `Object.values`: reading 48 columns by name per row was ~2 s of
 * a million-dossier sync (a keyed, megamorphic load per column). The order is checked on the first row
 * built, so a change to one list without the other fails loudly.
 */
let rowOrderChecked = false;
function rowValues(row: Record<string, unknown>): unknown[] {
  if (!rowOrderChecked) {
    const keys = Object.keys(row);
    const expected = DOSSIER_COLUMNS.slice(0, -2);
    if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) {
      throw new Error(
        "dossier-build: a dossier row's keys must be DOSSIER_COLUMNS in order, without content_hash and " +
          `updated_run_id; found ${keys.join(', ')}`,
      );
    }
    rowOrderChecked = true;
  }
  const values = Object.values(row);
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
  return values;
}

/**
 * The flags a built dossier can carry. The row stores them as a sorted JSON list; a dossier collects
 * them as bits, and each combination's JSON is made once (a handful of combinations occur; a Set, a
 * sort and a JSON.stringify per dossier were ~0.4 s of a million-dossier sync).
 */
const FLAG_NAMES = [
  'AMBIGUOUS_UNIT',
  'LEGACY_UNIT_CODE',
  'NO_STATUS',
  'UNRESOLVED_OFFICE',
  'UNRESOLVED_PROCEDURE',
  'UNRESOLVED_UNIT',
] as const;
type FlagName = (typeof FLAG_NAMES)[number];
const FLAG = Object.fromEntries(FLAG_NAMES.map((f, i) => [f, 1 << i])) as Record<FlagName, number>;
const flagsJsonByBits: (string | undefined)[] = [];

function flagsJson(bits: number): string {
  let json = flagsJsonByBits[bits];
  if (json === undefined) {
    json = JSON.stringify(FLAG_NAMES.filter((f) => (bits & FLAG[f]) !== 0).sort());
    flagsJsonByBits[bits] = json;
  }
  return json;
}

export interface BuildReferences {
  office(k: OfficeKey | null): OfficeInfo | null;
  procedure(code: string | null): ProcedureInfo | null;
  calendar(provinceCode: string | null): WorkingCalendar;
}

const bit = (v: unknown): number | null => (v === null || v === undefined ? null : v ? 1 : 0);

/** References, unit, province, due times: the row and its child rows (the content hash is left to take). */
export function buildDossier(ctx: RunContext, m: MergedDossier, refs: BuildReferences): BuiltDossier {
  const id = m.id;
  // Fields are read with pickedValue(m, …) directly: a closure made per dossier costs a property
  // definition under tsx (src/sync/README.md "Performance", session 6).
  let flags = 0;

  // Receiving office: the reported reference, else the agency prefix of the dossier number
  // (SOURCES.md "Agency identifiers": the prefix names the receiving office).
  const { reported, reportedKey, prefix } = officeRefsOf(m);
  let office = refs.office(reportedKey);
  if (office === null && prefix !== null) office = refs.office({ system: 'AGENCY', alias: prefix });
  if (office === null && (reported !== null || prefix !== null)) flags |= FLAG.UNRESOLVED_OFFICE;
  const officeConflict = receivingOfficeConflict(m, refs, reported);
  const agencyForLevelOne =
    office?.agency_id ?? (reportedKey?.system === 'AGENCY' ? reportedKey.alias : prefix);
  const levelOne = agencyForLevelOne
    ? refs.office({ system: 'AGENCY', alias: levelOneAgency(agencyForLevelOne) ?? '' })
    : null;
  const officeProvince = office?.province_code ?? levelOne?.province_code ?? null;

  // Procedure: the national code through procedures / procedure_aliases.
  const procedureCode = pickedValue(m, 'procedureCode') as string | null;
  const procedure = refs.procedure(procedureCode);
  if (procedureCode !== null && procedure === null) flags |= FLAG.UNRESOLVED_PROCEDURE;

  // Unit (SOURCES.md "Which unit a record belongs to"): the dossier's area dated by its record, else
  // the receiving office's unit; the province is the unit's, else the office's, else the source's.
  const unitCode = pickedValue(m, 'unitCode') as string | null;
  const unitDate = unitCode !== null ? (pickedMember(m, 'unitCode')?.data.unitDate ?? null) : null;
  let unitStatus: string;
  let unitCurrent: string | null = null;
  let candidates: string | null = null;
  let legacy = 0;
  let province: string | null = null;
  let resolutionProvince: string | null = null;
  if (unitCode !== null) {
    const r = resolveUnit(ctx, unitCode, unitDate);
    unitStatus = r.status;
    resolutionProvince = r.provinceCode;
    if (r.legacy) {
      legacy = 1;
      flags |= FLAG.LEGACY_UNIT_CODE;
    }
    if (r.status === 'EXACT' || r.status === 'SUCCESSOR') {
      const u = r.units[0]!;
      if (u.level === 'COMMUNE') unitCurrent = u.code;
      province = u.level === 'PROVINCE' ? u.code : r.provinceCode;
    } else if (r.status === 'AMBIGUOUS') {
      candidates = canonicalJson(r.units.map((u) => u.code).sort());
      flags |= FLAG.AMBIGUOUS_UNIT;
    } else {
      flags |= FLAG.UNRESOLVED_UNIT;
    }
  } else if (office?.unit_code && office.unit_code.length === 5) {
    unitStatus = office.unit_status ?? 'EXACT';
    unitCurrent = office.unit_code;
    province = office.province_code;
  } else {
    unitStatus = 'UNRESOLVED';
    // An office at province level (a department) is a province-level dossier, not an unresolved one.
    if (!(office?.unit_code && office.unit_code.length === 2)) flags |= FLAG.UNRESOLVED_UNIT;
  }
  province ??= officeProvince ?? resolutionProvince ?? firstConfiguredProvince(ctx, m.dossiers);

  // Status: merged; a dossier no source gives a status for takes its latest event's status.
  let picked = pickedValue(m, 'status') as string | null;
  const statusMember = pickedMember(m, 'status');
  let rawStatus = statusMember?.data.rawStatus ?? null;
  let statusSource = statusMember?.sourceId ?? null;
  const events = m.events
    .slice()
    .sort(
      (a, b) =>
        cmp(a.data.at, b.data.at) ||
        a.precedence - b.precedence ||
        cmp(a.sourceId, b.sourceId) ||
        cmp(a.key, b.key),
    );
  if (picked === null) {
    const last = [...events].reverse().find((e) => e.data.status !== null);
    if (last) {
      picked = last.data.status;
      rawStatus = last.data.rawStatus;
      statusSource = last.sourceId;
    } else {
      picked = pickedValue(m, 'receivedAt') !== null ? 'ACCEPTED' : 'SUBMITTED';
      flags |= FLAG.NO_STATUS;
    }
  }
  const status: string = picked ?? 'SUBMITTED';

  const resolvedAt = pickedValue(m, 'resolvedAt') as string | null;
  const returnedAt = pickedValue(m, 'returnedAt') as string | null;
  const settledAt = status === 'RESOLVED' || status === 'RETURNED' ? (resolvedAt ?? returnedAt) : null;
  const receivedAt = pickedValue(m, 'receivedAt') as string | null;

  // Due times (DESIGN.md §3): a source due beats a derived one; derive only after merging.
  const ownDuration = pickedValue(m, 'duration') as { value: number; unit: DurationUnit } | null;
  const procDuration =
    procedure?.duration !== null && procedure?.duration !== undefined && procedure.duration_unit
      ? { value: procedure.duration, unit: procedure.duration_unit as DurationUnit }
      : null;
  const due = computeDue(
    {
      receivedAt,
      sourceDueAt: pickedValue(m, 'dueAt') as string | null,
      sourceDueFrom: pickedMember(m, 'dueAt')?.sourceId ?? null,
      duration: ownDuration ?? procDuration,
      durationFrom: ownDuration
        ? (pickedMember(m, 'duration')?.sourceId ?? null)
        : procDuration
          ? `procedure:${procedure!.id}`
          : null,
      supplements: (pickedValue(m, 'supplements') as D['supplements'] | null) ?? [],
      supplementsFrom: pickedMember(m, 'supplements')?.sourceId ?? null,
      status,
      settledAt,
      statusTimes: events.map((e) => ({ at: e.data.at, status: e.data.status, source: e.sourceId })),
    },
    () => refs.calendar(province),
  );
  // The original due time (ORIGINAL or DERIVED, always seq 0) is stored on the row itself.
  const first = due.revisions[0];
  const original = first !== undefined && first.reason !== 'SUPPLEMENT' ? first : null;

  const code = m.dossiers.find((d) => d.numbers[0] === id)?.data.number ?? id;
  const row = {
    id,
    code,
    procedure_code: procedureCode,
    procedure_id: procedure?.id ?? null,
    procedure_name: (pickedValue(m, 'procedureName') as string | null) ?? procedure?.name ?? null,
    sector_code: (pickedValue(m, 'sectorCode') as string | null) ?? procedure?.sector_code ?? null,
    sector_name: (pickedValue(m, 'sectorName') as string | null) ?? procedure?.sector_name ?? null,
    unit_reported_code: unitCode,
    unit_reported_on: unitDate,
    unit_status: unitStatus,
    unit_code: unitCurrent,
    unit_candidates: candidates,
    province_code: province,
    legacy_code: legacy,
    receiving_office_ref: reported?.ref ?? prefix,
    receiving_office_id: office?.id ?? null,
    handling_office_name: pickedValue(m, 'handlingOfficeName'),
    handling_office_id: null,
    applicant_type: pickedValue(m, 'applicantType'),
    applicant_name: pickedValue(m, 'applicantName'),
    applicant_id_number: pickedValue(m, 'applicantIdNumber'),
    summary: pickedValue(m, 'summary'),
    channel: pickedValue(m, 'channel'),
    status,
    raw_status: rawStatus,
    status_source: statusSource,
    submitted_at: pickedValue(m, 'submittedAt'),
    received_at: receivedAt,
    received_date: localDate(receivedAt),
    due_at: due.dueAt,
    original_due_at: due.originalDueAt,
    due_derived: due.derived ? 1 : 0,
    resolved_at: resolvedAt,
    returned_at: returnedAt,
    refused_at: pickedValue(m, 'refusedAt'),
    withdrawn_at: pickedValue(m, 'withdrawnAt'),
    settled_at: settledAt,
    settled_date: localDate(settledAt),
    digitised: bit(pickedValue(m, 'digitised')),
    paid_online: bit(pickedValue(m, 'paidOnline')),
    synced_to_portal: bit(pickedValue(m, 'syncedToPortal')),
    flags: flagsJson(flags),
    // Each fact once (migration 0010): the system of the dossier's own number and the source of its
    // original due time live on the row; the alias and revision rows hold only what differs.
    number_system: m.numbers.get(id) ?? null,
    original_due_source: original?.source ?? null,
  };
  const aliases: unknown[][] = [];
  if (m.numbers.size > 1) {
    for (const [alias, system] of [...m.numbers.entries()].sort((x, y) => cmp(x[0], y[0]))) {
      if (alias !== id) aliases.push([alias, id, system]);
    }
  }
  const eventRows = events.map((e, seq) => {
    const d = e.data;
    return [id, seq, d.at, d.status, d.rawStatus, d.actor, d.position, d.department, d.content, e.sourceId];
  });
  const pauses = due.pauses.map((p) => [id, p.seq, p.kind, p.started_at, p.ended_at, p.source]);
  const revisions: unknown[][] = [];
  for (const r of due.revisions) {
    if (r !== original)
      revisions.push([id, r.seq, r.due_at, r.previous_due_at, r.reason, r.excuses_lateness, r.source]);
  }
  const conflicts =
    officeConflict === null && m.conflicts.length === 0
      ? []
      : [...m.conflicts, ...(officeConflict ? [officeConflict] : [])]
          .sort((a, b) => cmp(a.field, b.field))
          .map(conflictValues);
  const values = rowValues(row);
  values.push(null, ctx.runId);
  return { id, values, aliases, events: eventRows, pauses, revisions, conflicts };
}

/** Sources disagree on the receiving office when their references resolve to different offices. */
function receivingOfficeConflict(
  m: MergedDossier,
  refs: BuildReferences,
  chosen: { ref: string; system: string } | null,
): ConflictRow | null {
  // One record cannot disagree with itself (most dossiers: skip the bookkeeping).
  if (m.dossiers.length < 2) return null;
  const values: { source: string; value: unknown }[] = [];
  const distinct = new Set<string>();
  const seen = new Set<string>();
  for (const d of m.dossiers) {
    const ref = d.data.receivingOffice;
    if (ref === null) continue;
    const k = officeKey(ref);
    const resolved = refs.office(k)?.id ?? `${k.system}:${k.alias}`;
    distinct.add(resolved);
    const pair = `${d.sourceId}\u0000${k.system}\u0000${k.alias}\u0000${ref.ref}`;
    if (!seen.has(pair)) {
      seen.add(pair);
      values.push({ source: d.sourceId, value: ref });
    }
  }
  if (distinct.size < 2) return null;
  return {
    entity_type: 'dossier',
    entity_id: m.id,
    field: 'receivingOffice',
    values: canonicalJson(values),
    chosen_value: chosen === null ? null : canonicalJson(chosen),
    chosen_source: pickedMember(m, 'receivingOffice')?.sourceId ?? null,
    rule: 'precedence',
  };
}

function firstConfiguredProvince(ctx: RunContext, members: readonly Member<D>[]): string | null {
  for (const m of members) {
    const p = ctx.sources.get(m.sourceId)?.provinceCode;
    if (p) return p;
  }
  return null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
