import type { CellValue } from '../shared/xlsx.js';

/**
 * The staff-list columns (SOURCES.md "cadre", designed on the official CV fields). A sheet's header
 * row is found by these names, compared after NFC, trim, single spaces and lower case; columns may
 * come in any order and unknown columns are ignored.
 */
export const COLUMNS = {
  stt: 'STT',
  fullName: 'Họ và tên',
  idNumber: 'Số định danh cá nhân',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  officeRef: 'Mã đơn vị công tác',
  officeName: 'Tên đơn vị công tác',
  position: 'Chức vụ',
  category: 'Loại cán bộ',
  gradeCode: 'Mã ngạch',
  salaryCoefficient: 'Hệ số lương',
  serviceStart: 'Ngày bắt đầu công tác',
  sectors: 'Lĩnh vực phụ trách',
  qualification: 'Trình độ chuyên môn',
  specialty: 'Chuyên ngành đào tạo',
  secondedFrom: 'Biệt phái từ',
  status: 'Trạng thái',
  formerUnit: 'Đơn vị cũ trước sắp xếp',
} as const;
export type Column = keyof typeof COLUMNS;

/** Where each known column sits in the header row (0-based cell index). */
export type Header = Partial<Record<Column, number>> & { names: Array<string | null> };

const headerKey = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
const BY_KEY = new Map<string, Column>(
  (Object.entries(COLUMNS) as Array<[Column, string]>).map(([c, name]) => [headerKey(name), c]),
);

/**
 * Fewest known columns a row must name to be the header. Title rows ("DANH SÁCH CÁN BỘ…", the unit,
 * the date) name none; `Họ và tên` alone could be a stray note, so we want it and three more.
 */
const MIN_KNOWN_COLUMNS = 4;

/** The header this row is, or null when it is not a header row (a title, a blank, a note). */
export function matchHeader(cells: ReadonlyArray<CellValue>): Header | null {
  const header: Header = { names: [] };
  let known = 0;
  cells.forEach((cell, i) => {
    const text = typeof cell === 'string' ? cell.normalize('NFC').trim() : null;
    header.names.push(text === '' ? null : text);
    if (text === null) return;
    const column = BY_KEY.get(headerKey(text));
    if (column !== undefined && header[column] === undefined) {
      header[column] = i;
      known++;
    }
  });
  return header.fullName !== undefined && known >= MIN_KNOWN_COLUMNS ? header : null;
}

/** The cell under a column, or null when the sheet has no such column. */
export function cellOf(cells: ReadonlyArray<CellValue>, header: Header, column: Column): CellValue {
  const i = header[column];
  return i === undefined ? null : (cells[i] ?? null);
}

/** The row as read, keyed by the sheet's own header texts: what quarantine keeps for a replay. */
export function rawRow(cells: ReadonlyArray<CellValue>, header: Header): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  header.names.forEach((name, i) => {
    if (name === null) return;
    const v = cells[i] ?? null;
    raw[name] = v instanceof Date ? v.toISOString() : v;
  });
  return raw;
}
