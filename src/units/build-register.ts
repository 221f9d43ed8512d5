import type { UnitSuccessionsTable, UnitVersionsTable } from '../../schema/tables.js';
import { addDays, isLocalDate, LEGACY_VALID_FROM, LEGACY_VALID_TO, REFORM_DATE } from './dates.js';
import { nameKey } from './name-key.js';
import type { ProblemList } from './reference-error.js';
import type { ReferenceRows } from './reference-files.js';
import { relationFromNote, type SuccessionRelation } from './relation.js';
import { splitTypedName, TYPES_BY_LEVEL, type UnitLevel } from './unit-types.js';

/** Every unit version and succession the reference files describe, ready to insert. */
export interface UnitRegister {
  versions: UnitVersionsTable[];
  successions: UnitSuccessionsTable[];
}

/** `${level}:${code}:${valid_from}` (schema/migrations/0001_units.ts). */
export function versionId(level: UnitLevel, code: string, validFrom: string): string {
  return `${level}:${code}:${validFrom}`;
}

const PROVINCE_BASIS = 'Resolution 202/2025/QH15';
const COMMUNE_BASIS = 'Decision 19/2025/QĐ-TTg';
const CODE_PATTERN: Record<UnitLevel, RegExp> = {
  PROVINCE: /^\d{2}$/,
  DISTRICT: /^\d{3}$/,
  COMMUNE: /^\d{5}$/,
};
const DIGITS: Record<UnitLevel, number> = { PROVINCE: 2, DISTRICT: 3, COMMUNE: 5 };
const CHANGE_FIELDS = new Set(['type', 'name', 'full_name']);

/**
 * Builds the register from the four reference files (fixtures/reference/SOURCE.md):
 * - legacy versions (63 provinces, 696 districts, 10,035 communes) from the crosswalk's old side,
 *   valid from LEGACY_VALID_FROM to 2025-06-30;
 * - the 34 provinces and 3,321 communes of provinces.csv / communes.csv, valid from 2025-07-01;
 * - each changes.csv amendment closes the version in force the day before its `effective_from` and
 *   opens a new one, linked RETYPED (type changed) or RENAMED;
 * - commune successions from the crosswalk (relation from `note_vi`, see relation.ts); a row with no
 *   old commune (an island district with no commune level, or Kim Sơn's uncoded alluvial area) links
 *   the old *district* to the new commune instead — WHOLE for the island districts, whose whole
 *   territory became the đặc khu, PART for Kim Sơn, of which only that area went to Xã Kim Đông;
 * - province successions from the old→new province pairs: UNCHANGED when a new province has one
 *   predecessor with the same name, WHOLE when several merged (Resolution 202/2025/QH15).
 * Every problem is collected into `problems`; the caller throws before writing anything.
 */
export function buildUnitRegister(rows: ReferenceRows, problems: ProblemList): UnitRegister {
  const versions = new Map<string, UnitVersionsTable>();
  const successions: UnitSuccessionsTable[] = [];

  // --- units in force from 2025-07-01 --------------------------------------------------------------
  const provinceLine = new Map<string, number>();
  for (const { line, values: v } of rows['provinces.csv']) {
    const file = 'provinces.csv';
    if (!CODE_PATTERN.PROVINCE.test(v.code))
      problems.add(file, line, `code "${v.code}" is not a 2-digit province code`);
    else if (provinceLine.has(v.code)) {
      problems.add(file, line, `duplicate code ${v.code} (first on line ${provinceLine.get(v.code)})`);
      continue;
    }
    provinceLine.set(v.code, line);
    if (!TYPES_BY_LEVEL.PROVINCE.has(v.type))
      problems.add(file, line, `type "${v.type}" is not tỉnh or thành phố`);
    if (!v.name) problems.add(file, line, 'name is empty');
    const version = current('PROVINCE', v.code, v.type, v.name, v.full_name, null, PROVINCE_BASIS, file);
    versions.set(version.id, version);
  }

  const communeLine = new Map<string, number>();
  const communeProvince = new Map<string, string>();
  for (const { line, values: v } of rows['communes.csv']) {
    const file = 'communes.csv';
    if (!CODE_PATTERN.COMMUNE.test(v.code))
      problems.add(file, line, `code "${v.code}" is not a 5-digit commune code`);
    else if (communeLine.has(v.code)) {
      problems.add(file, line, `duplicate code ${v.code} (first on line ${communeLine.get(v.code)})`);
      continue;
    }
    communeLine.set(v.code, line);
    if (!provinceLine.has(v.province_code)) {
      problems.add(
        file,
        line,
        `unknown province "${v.province_code}" in province_code (not in provinces.csv)`,
      );
    }
    if (!TYPES_BY_LEVEL.COMMUNE.has(v.type)) {
      problems.add(file, line, `type "${v.type}" is not xã, phường or đặc khu`);
    }
    if (!v.name) problems.add(file, line, 'name is empty');
    communeProvince.set(v.code, v.province_code);
    const version = current(
      'COMMUNE',
      v.code,
      v.type,
      v.name,
      v.full_name,
      v.province_code,
      COMMUNE_BASIS,
      file,
    );
    versions.set(version.id, version);
  }

  // --- the pre-reform register, from the crosswalk's old side --------------------------------------
  const file = 'crosswalk.csv';
  const firstSeen = new Map<string, { line: number; signature: string }>();
  const legacy = (
    level: UnitLevel,
    code: string,
    fullName: string,
    parent: Partial<UnitVersionsTable>,
    line: number,
  ) => {
    const what = level.toLowerCase();
    if (!CODE_PATTERN[level].test(code)) {
      problems.add(file, line, `old ${what} code "${code}" is not a ${DIGITS[level]}-digit code`);
      return null;
    }
    const id = versionId(level, code, LEGACY_VALID_FROM);
    const signature = `${fullName}|${parent.province_code ?? ''}|${parent.district_code ?? ''}`;
    const seen = firstSeen.get(id);
    if (seen) {
      if (seen.signature !== signature) {
        problems.add(
          file,
          line,
          `old ${what} ${code} is "${signature}" here but "${seen.signature}" on line ${seen.line}`,
        );
      }
      return id;
    }
    firstSeen.set(id, { line, signature });
    const typed = splitTypedName(fullName);
    if (!typed || !TYPES_BY_LEVEL[level].has(typed.type)) {
      problems.add(file, line, `old ${what} name "${fullName}" does not start with a ${what} type word`);
      return null;
    }
    versions.set(id, {
      id,
      level,
      code,
      type: typed.type,
      name: typed.name,
      full_name: fullName,
      name_key: nameKey(typed.name),
      province_code: parent.province_code ?? null,
      district_code: parent.district_code ?? null,
      valid_from: LEGACY_VALID_FROM,
      valid_to: LEGACY_VALID_TO,
      legal_basis: null,
      origin: file,
    });
    return id;
  };

  const provincePairs = new Map<string, { to: string; line: number }>();
  const pairs = new Set<string>();
  for (const { line, values: v } of rows['crosswalk.csv']) {
    const oldProvince = legacy('PROVINCE', v.old_province_code, v.old_province_name, {}, line);
    const oldDistrict = legacy(
      'DISTRICT',
      v.old_district_code,
      v.old_district_name,
      { province_code: v.old_province_code },
      line,
    );
    const oldCommune = v.old_commune_code
      ? legacy(
          'COMMUNE',
          v.old_commune_code,
          v.old_commune_name,
          { province_code: v.old_province_code, district_code: v.old_district_code },
          line,
        )
      : null;

    if (!provinceLine.has(v.new_province_code)) {
      problems.add(
        file,
        line,
        `unknown province "${v.new_province_code}" in new_province_code (not in provinces.csv)`,
      );
      continue;
    }
    const newProvince = communeProvince.get(v.new_commune_code);
    if (newProvince === undefined) {
      problems.add(
        file,
        line,
        `unknown commune "${v.new_commune_code}" in new_commune_code (not in communes.csv)`,
      );
      continue;
    }
    if (newProvince !== v.new_province_code) {
      problems.add(
        file,
        line,
        `new_province_code ${v.new_province_code} disagrees with communes.csv, which puts ${v.new_commune_code} in ${newProvince}`,
      );
    }
    if (oldProvince) {
      const pair = provincePairs.get(v.old_province_code);
      if (!pair) provincePairs.set(v.old_province_code, { to: v.new_province_code, line });
      else if (pair.to !== v.new_province_code) {
        problems.add(
          file,
          line,
          `old province ${v.old_province_code} goes to new province ${v.new_province_code} here but to ${pair.to} on line ${pair.line}; each old province has exactly one successor (Resolution 202/2025/QH15)`,
        );
      }
    }

    const relation = relationFromNote(v.note_vi);
    if (!relation) {
      problems.add(
        file,
        line,
        `bad relation note "${v.note_vi}" in note_vi; expected Nhập toàn bộ…, Nhập một phần…, Giữ nguyên, Đổi tên… or Đổi loại hình…`,
      );
      continue;
    }
    const predecessor = v.old_commune_code ? oldCommune : oldDistrict;
    if (!predecessor) continue;
    const successor = versionId('COMMUNE', v.new_commune_code, REFORM_DATE);
    const key = `${predecessor}>${successor}`;
    if (pairs.has(key)) {
      problems.add(file, line, `duplicate pair: ${predecessor} → ${successor} appears twice`);
      continue;
    }
    pairs.add(key);
    const sourceRow = Number.parseInt(v.source_row, 10);
    successions.push({
      predecessor_id: predecessor,
      successor_id: successor,
      // Without an old commune only an island district (whole) or Kim Sơn's alluvial area (part).
      relation: v.old_commune_code
        ? relation
        : /sap xep toan bo huyen/.test(foldNote(v.note_vi))
          ? 'WHOLE'
          : 'PART',
      note: v.note_vi,
      source_row: Number.isFinite(sourceRow) ? sourceRow : null,
      effective_from: REFORM_DATE,
    });
  }

  // --- province successions -------------------------------------------------------------------------
  const predecessorsOf = new Map<string, string[]>();
  for (const [from, { to }] of provincePairs)
    predecessorsOf.set(to, [...(predecessorsOf.get(to) ?? []), from]);
  for (const [from, { to }] of provincePairs) {
    const old = versions.get(versionId('PROVINCE', from, LEGACY_VALID_FROM));
    const now = versions.get(versionId('PROVINCE', to, REFORM_DATE));
    if (!old || !now) continue;
    const alone = predecessorsOf.get(to)?.length === 1;
    const relation: SuccessionRelation = !alone
      ? 'WHOLE'
      : old.name !== now.name
        ? 'RENAMED'
        : old.type !== now.type
          ? 'RETYPED'
          : 'UNCHANGED';
    successions.push({
      predecessor_id: old.id,
      successor_id: now.id,
      relation,
      note: null,
      source_row: null,
      effective_from: REFORM_DATE,
    });
  }

  applyChanges(rows, versions, successions, problems);
  return { versions: [...versions.values()], successions };
}

function foldNote(note: string): string {
  return note
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function current(
  level: UnitLevel,
  code: string,
  type: string,
  name: string,
  fullName: string,
  provinceCode: string | null,
  legalBasis: string,
  origin: string,
): UnitVersionsTable {
  return {
    id: versionId(level, code, REFORM_DATE),
    level,
    code,
    type,
    name,
    full_name: fullName,
    name_key: nameKey(name),
    province_code: provinceCode,
    district_code: null,
    valid_from: REFORM_DATE,
    valid_to: null,
    legal_basis: legalBasis,
    origin,
  };
}

/** changes.csv (SOURCE.md §6): one field change a row, grouped into one new version per unit and date. */
function applyChanges(
  rows: ReferenceRows,
  versions: Map<string, UnitVersionsTable>,
  successions: UnitSuccessionsTable[],
  problems: ProblemList,
): void {
  const file = 'changes.csv';
  type Group = {
    level: UnitLevel;
    code: string;
    date: string;
    line: number;
    basis: string;
    changes: Map<string, string>;
  };
  const groups = new Map<string, Group>();
  for (const { line, values: v } of rows['changes.csv']) {
    const level = v.level.toUpperCase();
    if (level !== 'PROVINCE' && level !== 'COMMUNE') {
      problems.add(file, line, `level "${v.level}" is not province or commune`);
      continue;
    }
    if (!isLocalDate(v.effective_from) || v.effective_from <= REFORM_DATE) {
      problems.add(
        file,
        line,
        `effective_from "${v.effective_from}" is not a yyyy-MM-dd date after ${REFORM_DATE}`,
      );
      continue;
    }
    if (!CHANGE_FIELDS.has(v.field)) {
      problems.add(file, line, `field "${v.field}" cannot change; expected type, name or full_name`);
      continue;
    }
    if (level === 'PROVINCE' && !versions.has(versionId('PROVINCE', v.code, REFORM_DATE))) {
      problems.add(file, line, `unknown province "${v.code}" (not in provinces.csv)`);
      continue;
    }
    if (level === 'COMMUNE' && !versions.has(versionId('COMMUNE', v.code, REFORM_DATE))) {
      problems.add(file, line, `unknown commune "${v.code}" (not in communes.csv)`);
      continue;
    }
    const key = `${level}:${v.code}:${v.effective_from}`;
    const group = groups.get(key) ?? {
      level,
      code: v.code,
      date: v.effective_from,
      line,
      basis: v.legal_basis,
      changes: new Map<string, string>(),
    };
    groups.set(key, group);
    // The old value must be what the register says the day before: a mismatch means the rows are
    // out of order or describe another unit.
    const before = openVersion(versions, level, v.code);
    const earlier = group.changes.has(v.field)
      ? undefined
      : before?.[v.field as 'type' | 'name' | 'full_name'];
    if (earlier !== undefined && earlier !== v.old_value) {
      problems.add(
        file,
        line,
        `old_value "${v.old_value}" for ${v.field} does not match the register, which has "${earlier}"`,
      );
    }
    if (v.field === 'type' && !TYPES_BY_LEVEL[level].has(v.new_value)) {
      problems.add(file, line, `new type "${v.new_value}" is not a ${level.toLowerCase()} type`);
    }
    group.changes.set(v.field, v.new_value);
  }

  for (const group of [...groups.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    const before = openVersion(versions, group.level, group.code);
    if (!before) continue;
    if (group.date <= before.valid_from) {
      problems.add(
        file,
        group.line,
        `effective_from ${group.date} is not after the version it amends (${before.valid_from})`,
      );
      continue;
    }
    before.valid_to = addDays(group.date, -1);
    const after: UnitVersionsTable = {
      ...before,
      id: versionId(group.level, group.code, group.date),
      valid_from: group.date,
      valid_to: null,
      legal_basis: group.basis || null,
      origin: file,
    };
    for (const [field, value] of group.changes) after[field as 'type' | 'name' | 'full_name'] = value;
    after.name_key = nameKey(after.name);
    versions.set(after.id, after);
    successions.push({
      predecessor_id: before.id,
      successor_id: after.id,
      relation: after.type !== before.type ? 'RETYPED' : 'RENAMED',
      note: group.basis || null,
      source_row: null,
      effective_from: group.date,
    });
  }
}

function openVersion(
  versions: Map<string, UnitVersionsTable>,
  level: UnitLevel,
  code: string,
): UnitVersionsTable | undefined {
  let open: UnitVersionsTable | undefined;
  for (const v of versions.values()) {
    if (v.level === level && v.code === code && v.valid_to === null) open = v;
  }
  return open;
}
