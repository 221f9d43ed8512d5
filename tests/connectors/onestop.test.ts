import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { onestop } from '../../connectors/onestop/index.js';
import { RECORD_SCHEMAS } from '../../schema/canonical/records.js';
import { byKey, type Collected, collect, expectGolden, goldenOf, one, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'onestop');
let out: Collected;
beforeAll(async () => {
  out = await collect(onestop, FOLDER);
});

const data = (type: string, key: string) => {
  const d = one(out, type, key).data;
  if (d === null) throw new Error(`${key} has no data`);
  return d as Record<string, unknown>;
};
const atLine = (file: string, line: number) =>
  out.records.find((r) => r.locator.file === file && r.locator.line === line)!;

describe('onestop connector on fixtures/samples/onestop', () => {
  it('matches the golden file (fixtures/golden/onestop.json)', () => {
    expectGolden('onestop', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(110);
  });

  it('emits offices, procedures, holidays, dossiers, history in that order, after the skipped files', () => {
    const kinds = out.order.map((o) => (o.kind === 'skipped' ? 'skipped' : o.type));
    const runs = kinds.filter((k, i) => i === 0 || kinds[i - 1] !== k);
    expect(runs).toEqual(['skipped', 'office', 'procedure', 'holiday', 'dossier', 'dossierEvent']);
    expect(out.skipped).toEqual([
      { kind: 'skipped', file: 'export-log.txt', reason: expect.stringContaining('not a onestop table') },
    ]);
  });

  it('maps the BOM header, CRLF rows and literal NULL', () => {
    const first = out.records.find((r) => r.type === 'dossier')!;
    expect(first.locator).toEqual({ file: 'HoSos.csv', line: 2, row: 1 });
    expect(first.sourceKey).toBe('000.01.50.H56-250616-0001');
    expect(first.data).toMatchObject({
      number: '000.01.50.H56-250616-0001',
      aliases: [],
      refusedAt: null,
      supplements: [],
      receivingOffice: { ref: 'XA_HACTHANH', system: 'onestop' },
      unitCode: '14797',
      unitDate: '2025-06-16',
      syncedToPortal: true,
      statusWeak: false,
    });
    expect(data('procedure', '1.000656.000.00.00.H56')).toEqual({
      code: '1.000656.000.00.00.H56',
      name: 'Đăng ký khai tử',
      sectorCode: 'HT',
      sectorName: 'Hộ tịch',
      level: 'FULL_ONLINE',
      authorityLevel: 'COMMUNE',
      duration: 1,
      durationUnit: 'WORKING_DAYS',
      onlineDuration: null,
    });
  });

  it('maps Groups: catalog, short agency id to long, parent, unit code, NFD and TCVN3 names', () => {
    expect(data('office', 'STC')).toMatchObject({
      agencyId: '000.00.14.H56',
      kind: 'DEPARTMENT',
      unitCode: '38',
    });
    expect(data('office', 'STP').name).toBe('Sở Tư pháp');
    expect(data('office', 'XA_MUONGLAT')).toMatchObject({
      name: 'UBND xã Mường Lát',
      kind: 'PEOPLES_COMMITTEE',
      unitCode: '14845',
      provinceCode: '38',
      unitDate: null,
    });
    expect(data('office', 'CNVPDK_HT')).toMatchObject({
      name: 'Chi nhánh Văn phòng đăng ký đất đai, khu vực Hạc Thành',
      kind: 'BRANCH',
      parentRef: { ref: 'SNNMT', system: 'onestop' },
      systemIds: [{ system: 'onestop', id: 'CNVPDK_HT' }],
    });
    expect(data('office', 'TPTH_CU')).toMatchObject({ kind: 'LEGACY_DISTRICT', unitCode: '380' });
    expect(data('office', 'TTPVHCC')).toMatchObject({
      kind: 'SERVICE_CENTRE',
      unitCode: '38',
      parentRef: null,
    });
    const bad = one(out, 'office', 'PVHXH_HT');
    expect(bad.issues).toEqual([
      {
        field: 'Catalog',
        expected: 'one of so-ban-nganh, xa-phuong, trung-tam-hcc, cnvpdk, quan-huyen',
        found: '"phong-ban"',
        severity: 'error',
        code: 'UNKNOWN_VALUE',
      },
    ]);
  });

  it('maps the holidays and flags bad procedures with all their reasons', () => {
    const holidays = out.records.filter((r) => r.type === 'holiday').map((r) => r.data);
    expect(holidays).toContainEqual({ date: '2025-09-02', description: 'Quốc khánh' });
    expect(holidays).toHaveLength(5);
    expect(one(out, 'procedure', '1.001612.H56').issues.map((i) => [i.severity, i.code, i.field])).toEqual([
      ['warning', 'UNKNOWN_VALUE', 'CapThucHien'],
      ['error', 'UNPARSABLE', 'ThoiGianGiaiQuyet'],
      ['error', 'UNKNOWN_VALUE', 'LoaiThoiGian'],
    ]);
  });

  it('dates the old unit code by the received date, and crosses UTC midnight correctly', () => {
    expect(data('dossier', '000.00.13.H56-250610-0037')).toMatchObject({
      unitCode: '14764',
      unitDate: '2025-06-10',
    });
    expect(data('dossier', '000.04.50.H56-250630-0044')).toMatchObject({
      receivedAt: '2025-06-30T16:30:00.000Z',
      unitDate: '2025-06-30',
    });
    expect(data('dossier', '000.04.50.H56-250701-0045')).toMatchObject({
      receivedAt: '2025-06-30T23:30:00.000Z',
      unitDate: '2025-07-01',
    });
  });

  it('reads milliseconds, the alias, the supplement pair, the duration and NFD/TCVN3 names', () => {
    expect(data('dossier', '000.04.50.H56-250929-0063')).toMatchObject({
      submittedAt: '2025-09-28T03:50:00.361Z',
      receivedAt: '2025-09-29T09:50:00.449Z',
      dueAt: '2025-09-30T10:00:00.882Z',
      status: 'SUBMITTED',
    });
    expect(data('dossier', '000.05.50.H56-250721-0047').aliases).toEqual([
      { number: 'HKD-38-2025-000417', system: 'onestop-second' },
    ]);
    expect(data('dossier', '000.01.50.H56-250722-0048')).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
      rawStatus: '5',
      supplements: [
        {
          requestedAt: '2025-07-28T03:00:00.000Z',
          receivedBackAt: null,
          previousDueAt: null,
          newDueAt: null,
        },
      ],
      duration: { value: 15, unit: 'CALENDAR_DAYS' },
    });
    expect(data('dossier', '000.03.50.H56-250729-0060')).toMatchObject({
      applicantIdNumber: null,
      duration: { value: 4, unit: 'WORKING_HOURS' },
    });
    expect(data('dossier', '000.05.50.H56-250716-0058').applicantName).toBe('Trịnh Thị Hường');
    expect(data('dossier', '000.06.50.H56-250717-0059').applicantName).toBe('Lường Văn Hùng');
    expect(data('dossier', '000.05.50.H56-250915-0065').applicantType).toBe('BUSINESS');
    expect(data('dossier', '000.00.13.H56-250916-0066').applicantType).toBe('STATE_AGENCY');
    expect(data('dossier', '000.06.50.H56-250926-0068').syncedToPortal).toBe(false);
  });

  it('counts physical lines across a quoted field with a line break, and keeps a later duplicate', () => {
    const dups = byKey(out, 'dossier', '000.01.50.H56-250811-0073');
    expect(
      dups.map((r) => [r.locator, (r.data as { status: string }).status, (r.data as { dueAt: null }).dueAt]),
    ).toEqual([
      [{ file: 'HoSos.csv', line: 63, row: 62 }, 'PROCESSING', null],
      [{ file: 'HoSos.csv', line: 65, row: 63 }, 'RESOLVED', '2025-09-03T10:00:00.000Z'],
    ]);
    expect((dups[0]!.data as { procedureName: string }).procedureName).toBe(
      'Cấp giấy phép xây dựng nhà ở riêng lẻ\r\n(điều chỉnh)',
    );
    // The later, quarantined duplicate of a good dossier (the engine keeps the earlier one).
    const later = byKey(out, 'dossier', '000.02.50.H56-250715-0039');
    expect(later.map((r) => [r.locator.line, r.issues.map((i) => `${i.code} ${i.field}`)])).toEqual([
      [28, []],
      [66, ['IMPOSSIBLE_DATE NgayTra']],
    ]);
  });

  it('quarantines malformed rows with ALL their reasons', () => {
    expect(atLine('HoSos.csv', 58)).toMatchObject({ sourceKey: null, data: null });
    expect(atLine('HoSos.csv', 58).issues.map((i) => i.code)).toEqual(['MISSING']);
    const impossible = atLine('HoSos.csv', 59);
    expect(impossible.issues.map((i) => [i.code, i.field])).toEqual([['IMPOSSIBLE_DATE', 'NgayTiepNhan']]);
    // Received is unusable: the unit code is dated by NgayNopHoSo (2025-06-26 04:00 local).
    expect(impossible.data).toMatchObject({ receivedAt: null, unitDate: '2025-06-26' });
    expect(atLine('HoSos.csv', 60).issues.map((i) => [i.code, i.field, i.found])).toEqual([
      ['UNKNOWN_VALUE', 'TrangThaiHoSoId', '"11"'],
    ]);
    expect(atLine('HoSos.csv', 61).issues.map((i) => [i.code, i.field])).toEqual([
      ['ORDER', 'NgayKetThucXuLy'],
    ]);
    expect(atLine('HoSos.csv', 62).issues.map((i) => [i.code, i.field, i.found])).toEqual([
      ['UNKNOWN_VALUE', 'KenhThucHien', '"4"'],
      ['UNKNOWN_VALUE', 'LoaiDoiTuong', '"Hộ gia đình"'],
      ['UNKNOWN_VALUE', 'TrangThaiDongBoDVC', '"Y"'],
    ]);
    expect(atLine('HoSos.csv', 67).issues).toEqual([
      {
        field: '(row)',
        expected: '24 fields (as the header)',
        found: '20 fields',
        severity: 'error',
        code: 'UNPARSABLE',
      },
    ]);
  });

  it('maps history rows with key MaHoSo|ThoiGian|TrangThai; placeholder officers are unknown', () => {
    const e = atLine('QuaTrinhXuLyHoSos.csv', 2);
    expect(e.sourceKey).toBe('000.00.13.H56-250610-0037|2025-06-10 09:15:00.035|2');
    expect(e.data).toEqual({
      dossierNumber: '000.00.13.H56-250610-0037',
      at: '2025-06-10T02:15:00.035Z',
      status: 'ACCEPTED',
      rawStatus: '2',
      actor: null,
      position: null,
      department: null,
      content: 'Tiếp nhận hồ sơ',
      error: false,
    });
    expect(atLine('QuaTrinhXuLyHoSos.csv', 30)).toMatchObject({ sourceKey: null, data: null });
  });
});

describe('onestop connector on bad folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'onestop-'));

  it('refuses a folder without HoSos.csv, naming what it found', async () => {
    const dir = join(root, 'no-dossiers');
    mkdirSync(dir);
    copyFileSync(join(FOLDER, 'Groups.csv'), join(dir, 'Groups.csv'));
    await expect(collect(onestop, dir)).rejects.toThrow(/has no HoSos\.csv .*found Groups\.csv/);
  });

  it('refuses a file path: onestop reads a folder', async () => {
    await expect(collect(onestop, join(FOLDER, 'HoSos.csv'))).rejects.toThrow(/reads a folder/);
  });

  it('refuses a table whose header lacks its key column, naming file, line and the columns found', async () => {
    const dir = join(root, 'bad-header');
    mkdirSync(dir);
    writeFileSync(join(dir, 'HoSos.csv'), 'SoHoSo,DonViId\r\nX,Y\r\n');
    await expect(collect(onestop, dir)).rejects.toThrow(
      'HoSos.csv, line 1: the header lacks required column(s) MaHoSo; found SoHoSo, DonViId',
    );
  });

  it('refuses broken quoting with the file name', async () => {
    const dir = join(root, 'bad-quote');
    mkdirSync(dir);
    writeFileSync(join(dir, 'HoSos.csv'), 'MaHoSo,ChuHoSo\nA,"unterminated\n');
    await expect(collect(onestop, dir)).rejects.toThrow(/^HoSos\.csv: not a readable CSV table/);
  });

  it('reads LF files without BOM and skips blank lines, keeping physical line numbers', async () => {
    const dir = join(root, 'lf');
    mkdirSync(dir);
    writeFileSync(join(dir, 'HoSos.csv'), 'MaHoSo,TrangThaiHoSoId\n\nA-1,2\n\nA-2,4\n');
    const c = await collect(onestop, dir);
    expect(c.records.map((r) => [r.sourceKey, r.locator.line, r.locator.row])).toEqual([
      ['A-1', 3, 1],
      ['A-2', 5, 2],
    ]);
  });
});
