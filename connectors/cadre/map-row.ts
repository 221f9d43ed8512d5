import { agencyIdToLong } from '../../schema/canonical/identifiers.js';
import type { Issue } from '../../schema/canonical/issue.js';
import type { StaffCandidate } from '../../schema/canonical/records.js';
import { sectorsOf } from '../shared/sectors.js';
import { fold, withoutPlaceholder } from '../shared/text.js';
import { issue, prose } from '../shared/values.js';
import { vnLocalDate } from '../shared/vn-time.js';
import { type CellValue, cellText, excelSerialToLocalDate } from '../shared/xlsx.js';
import { COLUMNS, type Column, cellOf, type Header } from './columns.js';
import { CATEGORY, GENDER, QUALIFICATION, STATUS, vocabularyKey } from './vocabularies.js';

export interface MappedStaff {
  sourceKey: string | null;
  data: StaffCandidate | null;
  issues: Issue[];
}

/**
 * One staff-list row (a person and one assignment) → a StaffCandidate with every issue found.
 *
 * Source key (SOURCES.md "Keys and duplicates": cadre = national ID, else normalised name + birth
 * date). A person may fill two rows — two assignments, or mid-transfer — and "a later record with
 * the same source key replaces the earlier one", so the key is `<person key>#<assignment key>`:
 * - person key: the CCCD (12 digits), else the legacy CMND (9 digits), else `<folded name>|<yyyy-MM-dd>`
 *   (fold: lower case, no diacritics, đ→d, single spaces). The engine groups persons by the part
 *   before the first `#` (a name never contains `#`);
 * - assignment key: the office's agency id in long form, else its folded name, else `-`.
 * A row with neither an ID nor a name + birth date cannot be keyed: sourceKey null, quarantined.
 */
export function mapStaffRow(cells: ReadonlyArray<CellValue>, header: Header, date1904: boolean): MappedStaff {
  const issues: Issue[] = [];
  const cell = (c: Column) => cellOf(cells, header, c);
  const str = (c: Column) => cellText(cell(c));
  const field = (c: Column) => COLUMNS[c];

  const fullName = prose(str('fullName'), field('fullName'), issues);
  const { nationalId, legacyId } = idNumber(cell('idNumber'), issues);
  const birthDate = dateCell(cell('birthDate'), field('birthDate'), date1904, issues);
  const gender = vocabulary(cell('gender'), GENDER, field('gender'), '"Nam", "Nữ", 1 or 2', issues);
  const officeRef = str('officeRef');
  const officeName = prose(str('officeName'), field('officeName'), issues);
  const category = vocabulary(
    cell('category'),
    CATEGORY,
    field('category'),
    'one of "Cán bộ", "Công chức", "Viên chức", "Hợp đồng lao động"',
    issues,
  );
  const gradeCode = grade(cell('gradeCode'), issues);
  const salaryCoefficient = decimal(cell('salaryCoefficient'), field('salaryCoefficient'), issues);
  const serviceStart = dateCell(cell('serviceStart'), field('serviceStart'), date1904, issues);
  const level = str('qualification');
  const qualificationLevel = level === null ? null : (QUALIFICATION.get(vocabularyKey(level)) ?? null);
  if (level !== null && qualificationLevel === null) {
    // Not a quarantining vocabulary (SOURCES.md lists category, status and gender): flag only.
    issue(
      issues,
      'UNKNOWN_VALUE',
      field('qualification'),
      'one of "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"',
      level,
      'warning',
    );
  }
  let status = vocabulary(
    cell('status'),
    STATUS,
    field('status'),
    'one of "Đang công tác", "Nghỉ hưu", "Nghỉ theo Nghị định 178", "Chuyển công tác"',
    issues,
  );
  if (status === null && str('status') === null) {
    // A staff list lists the people at work: an empty status reads as "Đang công tác", flagged.
    issue(issues, 'MISSING', field('status'), 'a status (read as "Đang công tác")', null, 'warning');
    status = 'ACTIVE';
  }

  const personKey =
    nationalId ?? legacyId ?? (fullName && birthDate ? `${fold(fullName)}|${birthDate}` : null);
  if (personKey === null) {
    issue(
      issues,
      'MISSING',
      `${field('idNumber')} / ${field('birthDate')}`,
      'a national ID (12 digits), a legacy ID (9 digits), or a birth date to key the person by name',
      { id: str('idNumber'), birthDate: str('birthDate') },
    );
  }
  const assignmentKey =
    (officeRef !== null ? (agencyIdToLong(officeRef) ?? officeRef) : null) ??
    (officeName !== null ? fold(officeName) : '-');
  const sourceKey = personKey === null ? null : `${personKey}#${assignmentKey}`;

  if (fullName === null || status === null) return { sourceKey, data: null, issues };
  return {
    sourceKey,
    issues,
    data: {
      nationalId,
      legacyId,
      fullName,
      birthDate,
      gender,
      officeRef,
      officeName,
      position: prose(str('position'), field('position'), issues),
      category,
      gradeCode,
      salaryCoefficient,
      serviceStart,
      sectors: sectorsOf(str('sectors')),
      qualification:
        qualificationLevel === null ? null : { level: qualificationLevel, specialty: str('specialty') ?? '' },
      secondedFromRef: str('secondedFrom'),
      status,
      formerUnitName: prose(str('formerUnit'), field('formerUnit'), issues),
    },
  };
}

/** A closed-vocabulary cell (text or a number code); unknown → UNKNOWN_VALUE (quarantine). */
function vocabulary<T>(
  v: CellValue,
  table: ReadonlyMap<string, T>,
  field: string,
  expected: string,
  issues: Issue[],
): T | null {
  const s = cellText(v);
  if (s === null) return null;
  return table.get(vocabularyKey(s)) ?? issue(issues, 'UNKNOWN_VALUE', field, expected, v);
}

/**
 * `Số định danh cá nhân`: 12 digits CCCD, 9 digits legacy CMND, the placeholder `000000001` means
 * unknown (SOURCES.md "Common rules"). Excel turns a typed ID into a number and drops its leading
 * zero (every CCCD starts with 0: the first three digits are the province of birth, 001–096), so a
 * NUMBER cell of 11 or 8 digits gets its zero back; a text cell is taken exactly as written.
 */
function idNumber(v: CellValue, issues: Issue[]): { nationalId: string | null; legacyId: string | null } {
  const none = { nationalId: null, legacyId: null };
  let s: string | null;
  if (typeof v === 'number') {
    s = Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
    if (s !== null && (s.length === 11 || s.length === 8)) s = `0${s}`;
    if (s === null) {
      issue(issues, 'UNPARSABLE', COLUMNS.idNumber, 'a 12-digit CCCD or a 9-digit CMND', v);
      return none;
    }
  } else {
    s = cellText(v);
  }
  s = withoutPlaceholder('idNumber', s);
  if (s === null) return none;
  if (/^\d{12}$/.test(s)) return { nationalId: s, legacyId: null };
  if (/^\d{9}$/.test(s)) return { nationalId: null, legacyId: s };
  issue(issues, 'UNPARSABLE', COLUMNS.idNumber, 'a 12-digit CCCD or a 9-digit CMND', v);
  return none;
}

/** A date cell: an Excel serial (in the workbook's date system) or `dd/MM/yyyy` text. */
function dateCell(v: CellValue, field: string, date1904: boolean, issues: Issue[]): string | null {
  if (v === null) return null;
  if (typeof v === 'number') {
    return (
      excelSerialToLocalDate(v, date1904) ??
      issue(issues, 'UNPARSABLE', field, 'an Excel date serial or a date dd/MM/yyyy', v)
    );
  }
  // exceljs gives a Date only for styled cells; its UTC fields are the wall-clock date.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return vnLocalDate(cellText(v), field, issues);
}

const GRADE = /^\d{2}\.\d{3}$/;

/**
 * `Mã ngạch` `\d{2}\.\d{3}` (e.g. `01.003`). Typed into a General cell it becomes the number 1.003
 * (or 1.01 for `01.010`); the fixed shape lets us write it back exactly.
 */
function grade(v: CellValue, issues: Issue[]): string | null {
  if (typeof v === 'number' && v >= 0 && v < 100) {
    const whole = Math.floor(v);
    const thousandths = Math.round((v - whole) * 1000);
    if (thousandths < 1000)
      return `${String(whole).padStart(2, '0')}.${String(thousandths).padStart(3, '0')}`;
  }
  const s = cellText(v);
  if (s === null) return null;
  return GRADE.test(s) ? s : issue(issues, 'UNPARSABLE', COLUMNS.gradeCode, 'a grade code NN.NNN', v);
}

/** `Hệ số lương`: a number cell, or text with a decimal comma (`2,34`) or point. */
function decimal(v: CellValue, field: string, issues: Issue[]): number | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) && v >= 0 ? v : issue(issues, 'UNPARSABLE', field, 'a number ≥ 0', v);
  }
  const s = cellText(v);
  if (s === null) return null;
  if (!/^\d+([.,]\d+)?$/.test(s)) return issue(issues, 'UNPARSABLE', field, 'a number such as 2,34', v);
  return Number(s.replace(',', '.'));
}
