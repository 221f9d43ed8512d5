import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCadreWorkbook } from '../../bench/generate-cadre.js';
import { cadre } from '../../connectors/cadre/index.js';
import { sectorOf } from '../../connectors/shared/sectors.js';
import { excelSerialToLocalDate } from '../../connectors/shared/xlsx.js';
import { describeIssue } from '../../schema/canonical/issue.js';
import { describeLocator } from '../../schema/canonical/locator.js';
import { RECORD_SCHEMAS, type StaffCandidate } from '../../schema/canonical/records.js';
import { type Collected, collect, expectGolden, goldenOf, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'cadre');
const WORKBOOK = 'danh-sach-can-bo.xlsx';
let out: Collected;
beforeAll(async () => {
  out = await collect(cadre, FOLDER);
});

const at = (file: string, where: { sheet?: string; row?: number; line?: number }) => {
  const r = out.records.find(
    (x) =>
      x.locator.file === file &&
      (where.sheet === undefined || x.locator.sheet === where.sheet) &&
      (where.row === undefined || x.locator.row === where.row) &&
      (where.line === undefined || x.locator.line === where.line),
  );
  if (r === undefined) throw new Error(`no record at ${file} ${JSON.stringify(where)}`);
  return r;
};
const staff = (sheet: string, row: number) => {
  const d = at(WORKBOOK, { sheet, row }).data;
  if (d === null) throw new Error(`${sheet} row ${row} has no data`);
  return d as StaffCandidate;
};
const HT = 'Phường Hạc Thành';
const SNV = 'Sở Nội vụ';

describe('cadre connector on fixtures/samples/cadre', () => {
  it('matches the golden file (fixtures/golden/cadre.json)', () => {
    expectGolden('cadre', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(25); // 17 in the first three files, 8 in trung-tam-phuc-vu-hcc.csv
  });

  it('reads every sheet from its header to the first row without a name (titles, numbering row and footer left out)', () => {
    const rows = (sheet: string) =>
      out.records
        .filter((r) => r.locator.file === WORKBOOK && r.locator.sheet === sheet)
        .map((r) => r.locator.row);
    expect(rows(HT)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(rows(SNV)).toEqual([5, 6, 7, 8]);
    const names = out.records.map((r) => (r.raw as Record<string, unknown>)['Họ và tên'] ?? null);
    expect(names).not.toContain('Người lập biểu');
    expect(names).not.toContain('(2)');
  });

  it('reports a sheet with no staff table and a file that is no staff list', () => {
    expect(out.skipped).toEqual([
      {
        kind: 'skipped',
        file: WORKBOOK,
        reason:
          'sheet "Ghi chú" has no header row naming "Họ và tên" and at least three other staff-list columns',
      },
      { kind: 'skipped', file: 'ghi-chu.txt', reason: 'not a staff list (expected .xlsx or .csv)' },
    ]);
  });

  it('names the sheet and row of a malformed row in its message', () => {
    const bad = at(WORKBOOK, { sheet: HT, row: 11 });
    const message = `${describeLocator(bad.locator)}: ${bad.issues.map(describeIssue).join('; ')}`;
    expect(message).toBe(
      'danh-sach-can-bo.xlsx, sheet "Phường Hạc Thành", row 11: Ngày sinh: expected a real calendar date dd/MM/yyyy, found "31/02/1988"',
    );
    expect(bad.issues[0]!.code).toBe('IMPOSSIBLE_DATE');
  });

  it('quarantines an unknown Loại cán bộ, Giới tính or Trạng thái, and keeps every reason', () => {
    expect(at(WORKBOOK, { sheet: HT, row: 12 }).issues.map((i) => `${i.code} ${i.field}`)).toEqual([
      'UNKNOWN_VALUE Loại cán bộ',
    ]);
    expect(at(WORKBOOK, { sheet: HT, row: 13 }).issues.map((i) => `${i.code} ${i.field}`)).toEqual([
      'UNKNOWN_VALUE Giới tính',
    ]);
    const twice = at(WORKBOOK, { sheet: SNV, row: 8 });
    expect(twice.issues.map((i) => `${i.code} ${i.field}`)).toEqual([
      'UNPARSABLE Ngày sinh',
      'UNKNOWN_VALUE Trạng thái',
    ]);
    expect(twice.data).toBeNull(); // no status to give the candidate
  });

  it('reads Excel serial dates and dd/MM/yyyy text, decimal commas, grades typed as numbers', () => {
    expect(staff(HT, 7)).toMatchObject({
      birthDate: '1985-03-12',
      serviceStart: '2008-09-01',
      salaryCoefficient: 4.4,
    });
    expect(staff(HT, 8)).toMatchObject({
      nationalId: '038190005678', // typed as a number: Excel dropped the leading zero
      birthDate: '1990-11-20',
      serviceStart: '2014-08-01',
      gradeCode: '01.003', // the number 1.003
      salaryCoefficient: 3,
    });
    expect(staff(SNV, 5)).toMatchObject({ legacyId: '171234567', gender: 'FEMALE', salaryCoefficient: 4.98 });
  });

  it('reads a 1904-date-system workbook as such', () => {
    const r = at('can-bo-dong-son-1904.xlsx', { row: 2 }).data as StaffCandidate;
    expect(r).toMatchObject({ birthDate: '1975-05-20', serviceStart: '1997-09-01' });
    const leap = at('can-bo-dong-son-1904.xlsx', { row: 3 }).data as StaffCandidate;
    expect(leap.serviceStart).toBe('2012-02-29');
  });

  it('keys one person listed twice by one person key and two assignments', () => {
    const first = at(WORKBOOK, { sheet: HT, row: 7 });
    const second = at(WORKBOOK, { sheet: HT, row: 10 });
    expect(first.sourceKey).toBe('038085001234#000.01.50.H56');
    expect(second.sourceKey).toBe('038085001234#000.02.50.H56');
    expect((second.data as StaffCandidate).secondedFromRef).toBe('000.01.50.H56');
  });

  it('gives the same person in the CSV (legacy CMND) the same name and birth date as in the workbook (CCCD)', () => {
    const inCsv = at('bo-sung-thang-8.csv', { line: 2 });
    expect(inCsv.sourceKey).toBe('171098765#000.01.50.H56');
    const a = inCsv.data as StaffCandidate;
    const b = staff(HT, 7);
    expect([a.legacyId, a.nationalId]).toEqual(['171098765', null]);
    expect([b.nationalId, b.legacyId]).toEqual(['038085001234', null]);
    expect([a.fullName, a.birthDate]).toEqual([b.fullName, b.birthDate]);
  });

  it('keys a person without an ID by folded name and birth date; the placeholder ID counts as none', () => {
    expect(at(WORKBOOK, { sheet: HT, row: 9 }).sourceKey).toBe('tran quoc toan|1979-01-25#000.00.18.H56');
    expect(at(WORKBOOK, { sheet: SNV, row: 6 }).sourceKey).toBe('dang van tu|1988-12-12#000.00.18.H56');
  });

  it('maps sectors through the vocabulary with synonyms; unknown terms are OTHER with their text', () => {
    expect(staff(HT, 8).sectors).toEqual([
      { sector: 'JUSTICE', raw: 'Tư pháp' },
      { sector: 'JUSTICE', raw: 'Hộ tịch' },
      { sector: 'IT', raw: 'Chuyển đổi số' },
    ]);
    expect(staff(HT, 14).sectors).toEqual([
      { sector: 'LAND', raw: 'Đất đai' },
      { sector: 'OTHER', raw: 'Quy hoạch xây dựng' },
    ]);
    expect(sectorOf('VĂN HOÁ')).toBe('CULTURE_SOCIAL');
    expect(sectorOf('Tài nguyên và Môi trường')).toBe('ENVIRONMENT');
  });

  it('matches header names whatever their case and spacing; NFD names become NFC', () => {
    expect(staff(SNV, 5).fullName).toBe('Ngô Thị Hằng');
    expect(staff(HT, 15)).toMatchObject({
      fullName: 'Bùi Thị Thu'.normalize('NFC'),
      nationalId: '038196003579',
    });
  });

  it('flags (does not quarantine) an unknown qualification and an empty status', () => {
    const r = at(WORKBOOK, { sheet: SNV, row: 6 });
    expect(r.issues.map((i) => `${i.severity} ${i.code} ${i.field}`)).toEqual([
      'warning UNKNOWN_VALUE Trình độ chuyên môn',
      'warning MISSING Trạng thái',
    ]);
    expect((r.data as StaffCandidate).status).toBe('ACTIVE');
  });

  it('rejects an 11-digit ID typed as text (only number cells lost a zero)', () => {
    expect(at(WORKBOOK, { sheet: SNV, row: 7 }).issues.map((i) => i.code)).toEqual(['UNPARSABLE']);
  });
});

describe('excelSerialToLocalDate', () => {
  it('counts from 1899-12-30 (1900 system) or 1904-01-01, around the phantom 29 February 1900', () => {
    expect(excelSerialToLocalDate(45658, false)).toBe('2025-01-01');
    expect(excelSerialToLocalDate(45658 - 1462, true)).toBe('2025-01-01');
    expect(excelSerialToLocalDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToLocalDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToLocalDate(60, false)).toBeNull();
    expect(excelSerialToLocalDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToLocalDate(45658.75, false)).toBe('2025-01-01');
  });
});

describe('bench/generate-cadre.ts', () => {
  it('writes 1,000 rows that read back as 1,000 staff records with no issues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadre-bench-'));
    const file = join(dir, 'cadre.xlsx');
    await generateCadreWorkbook(file, 1000);
    const back = await collect(cadre, file);
    expect(back.skipped).toEqual([]);
    expect(back.records).toHaveLength(1000);
    expect(back.records.flatMap((r) => r.issues)).toEqual([]);
    expect(back.records.every((r) => r.type === 'staff' && r.data !== null)).toBe(true);
  });

  it('reads Vietnamese text intact from a shared-strings workbook larger than one stream chunk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadre-bench-'));
    const file = join(dir, 'cadre-shared.xlsx');
    await generateCadreWorkbook(file, 3000, { sharedStrings: true });
    const back = await collect(cadre, file);
    expect(back.records).toHaveLength(3000);
    expect(back.records.flatMap((r) => r.issues)).toEqual([]);
    expect(JSON.stringify(back.records.map((r) => r.data))).not.toContain('\uFFFD');
  });
});
