import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dvcqg } from '../../connectors/dvcqg/index.js';
import { RECORD_SCHEMAS } from '../../schema/canonical/records.js';
import { byKey, type Collected, collect, expectGolden, goldenOf, one, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'dvcqg');
let out: Collected;
beforeAll(async () => {
  out = await collect(dvcqg, FOLDER);
});

const dossier = (key: string) => one(out, 'dossier', key);
const data = (key: string) => {
  const d = dossier(key).data;
  if (d === null) throw new Error(`${key} has no data`);
  return d as Record<string, unknown>;
};

describe('dvcqg connector on fixtures/samples/dvcqg', () => {
  it('matches the golden file (fixtures/golden/dvcqg.json)', () => {
    expectGolden('dvcqg', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(70);
  });

  it('reads files in name order: .json array, .jsonl, .json single envelope; skips the rest', () => {
    const files = [...new Set(out.records.map((r) => r.locator.file))];
    expect(files).toEqual(['2025-07-dongbo.json', '2025-08-dongbo.jsonl', '2025-09-dongbo.json']);
    expect(out.skipped).toContainEqual({
      kind: 'skipped',
      file: 'ghi-chu.txt',
      reason: 'not a dvcqg payload (.json or .jsonl)',
    });
  });

  it('skips and counts an envelope of another service, naming its pointer', () => {
    const notice = out.skipped.find((s) => s.file === '2025-07-dongbo.json');
    expect(notice?.reason).toContain('/2');
    expect(notice?.reason).toContain('"DongBoThanhToanMC"');
    expect(notice?.reason).toContain('1 item(s) skipped');
  });

  it('locates records by JSON pointer (.json) and by line + pointer (.jsonl)', () => {
    expect(dossier('000.00.13.H56-250610-0037').locator).toEqual({
      file: '2025-07-dongbo.json',
      pointer: '/0/data/12',
    });
    expect(dossier('000.01.50.H56-250812-0057').locator).toEqual({
      file: '2025-08-dongbo.jsonl',
      line: 4,
      pointer: '/data/1',
    });
    expect(dossier('000.04.50.H56-250929-0063').locator).toEqual({
      file: '2025-09-dongbo.json',
      pointer: '/data/7',
    });
  });

  it('reads the BOM-prefixed first line of the .jsonl', () => {
    const line1 = out.records.filter(
      (r) => r.locator.file === '2025-08-dongbo.jsonl' && r.locator.line === 1,
    );
    expect(line1).toHaveLength(5);
    expect(line1.every((r) => r.issues.length === 0)).toBe(true);
  });

  it('reads an envelope whose data comes before service', () => {
    const r = dossier('HKD-38-2025-000417');
    expect(r.locator).toEqual({ file: '2025-07-dongbo.json', pointer: '/3/data/0' });
    // No agency prefix in this number: no receiving office from it.
    expect(data('HKD-38-2025-000417').receivingOffice).toBeNull();
  });

  it('converts local yyyyMMddHHmmss to UTC; 06:30 local is the previous UTC day, unitDate stays local', () => {
    // Fixture: NgayTiepNhan "20250630233000" and "20250701063000".
    expect(data('000.04.50.H56-250630-0044')).toMatchObject({
      receivedAt: '2025-06-30T16:30:00.000Z',
      unitDate: '2025-06-30',
    });
    expect(data('000.04.50.H56-250701-0045')).toMatchObject({
      receivedAt: '2025-06-30T23:30:00.000Z',
      unitDate: '2025-07-01',
    });
  });

  it('keeps a short-form number as reported and names the receiving office in long form', () => {
    expect(data('H56.13-250703-0012')).toMatchObject({
      number: 'H56.13-250703-0012',
      receivingOffice: { ref: '000.00.13.H56', system: 'AGENCY' },
      procedureCode: '1.003003.H56',
      unitCode: null,
    });
  });

  it('marks the portal 9 as weak evidence (the 5/6/8 → 9 collapse) and keeps the made-up history entry', () => {
    expect(data('000.01.50.H56-250722-0048')).toMatchObject({
      status: 'RESOLVED',
      rawStatus: '9',
      statusWeak: true,
    });
    expect(data('000.00.13.H56-250730-0061')).toMatchObject({ status: 'REFUSED', statusWeak: false });
    const made = out.records.filter(
      (r) =>
        r.type === 'dossierEvent' &&
        (r.data as { content?: string } | null)?.content === 'Kết thúc xử lý hồ sơ',
    );
    expect(made.map((r) => r.sourceKey)).toEqual([
      '000.01.50.H56-250722-0048|20250724083000|9',
      '000.03.50.H56-250805-0049|20250807091000|9',
    ]);
  });

  it('maps both supplement rounds: one with NgayHenTraMoi, one without', () => {
    expect(data('000.02.50.H56-250724-0051').supplements).toEqual([
      {
        requestedAt: '2025-07-28T02:00:00.000Z',
        receivedBackAt: '2025-07-31T08:00:00.000Z',
        previousDueAt: '2025-08-08T01:00:00.000Z',
        newDueAt: '2025-08-13T01:00:00.000Z',
      },
      {
        requestedAt: '2025-08-05T03:00:00.000Z',
        receivedBackAt: '2025-08-07T03:00:00.000Z',
        previousDueAt: '2025-08-13T01:00:00.000Z',
        newDueAt: null,
      },
    ]);
    expect(data('000.03.50.H56-250922-0052').supplements).toEqual([
      {
        requestedAt: '2025-09-23T02:00:00.000Z',
        receivedBackAt: null,
        previousDueAt: '2025-09-25T10:00:00.000Z',
        newDueAt: null,
      },
    ]);
  });

  it('reads "" as no value (empty due date) and placeholders as unknown', () => {
    expect(data('000.05.50.H56-250709-0056').dueAt).toBeNull();
    expect(data('000.03.50.H56-250729-0060')).toMatchObject({ applicantIdNumber: null, summary: null });
    const placeholderActors = out.records.filter(
      (r) => r.type === 'dossierEvent' && (r.raw as { NguoiXuLy?: string }).NguoiXuLy === 'Chuyên viên',
    );
    expect(placeholderActors.length).toBeGreaterThan(0);
    expect(placeholderActors.every((r) => (r.data as { actor: string | null }).actor === null)).toBe(true);
  });

  it('normalises NFD to NFC and converts TCVN3 text', () => {
    expect(data('000.05.50.H56-250716-0058').applicantName).toBe('Trịnh Thị Hường');
    expect(data('000.06.50.H56-250717-0059').handlingOfficeName).toBe('UBND xã Mường Lát');
    expect(data('000.06.50.H56-250717-0059').applicantName).toBe('Lường Văn Hùng');
  });

  it('trims the key and reads a numeric status as its code', () => {
    expect(data('000.02.50.H56-250910-0064')).toMatchObject({
      number: '000.02.50.H56-250910-0064',
      status: 'RETURNED',
      rawStatus: '10',
    });
  });

  it('takes the CCCD from DinhDanhCHS and maps the flags', () => {
    const d = data('000.04.50.H56-250701-0045');
    const raw = dossier('000.04.50.H56-250701-0045').raw as { DinhDanhCHS: { SoDinhDanh: string }[] };
    expect(d.applicantIdNumber).toBe(raw.DinhDanhCHS[0]!.SoDinhDanh);
    expect(d).toMatchObject({
      channel: 'ONLINE',
      applicantType: 'CITIZEN',
      digitised: true,
      paidOnline: false,
    });
  });

  it('emits a later duplicate as its own record (the engine keeps the later one)', () => {
    const dups = byKey(out, 'dossier', '000.01.50.H56-250815-0003');
    expect(dups.map((r) => [r.locator.line, (r.data as { status: string }).status])).toEqual([
      [1, 'ACCEPTED'],
      [7, 'RETURNED'],
    ]);
  });

  it('quarantines a dossier without key with ALL its reasons', () => {
    const r = out.records.find((x) => x.locator.pointer === '/0/data/25')!;
    expect(r).toMatchObject({ sourceKey: null, data: null });
    expect(r.issues.map((i) => [i.code, i.field])).toEqual([
      ['MISSING', 'MaHoSo'],
      ['MISSING', 'MaTTHC'],
    ]);
  });

  it('collects every bad value of a record: status, channel, applicant type, flag', () => {
    const r = dossier('000.02.50.H56-250718-0075');
    expect(r.issues.map((i) => [i.code, i.field, i.found])).toEqual([
      ['UNKNOWN_VALUE', 'TrangThaiHoSo', '"11"'],
      ['UNKNOWN_VALUE', 'KenhThucHien', '"5"'],
      ['UNKNOWN_VALUE', 'LoaiDoiTuong', '"7"'],
      ['UNKNOWN_VALUE', 'HoSoCoThanhPhanSoHoa', '"có"'],
    ]);
    expect(r.issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('flags an impossible date and resolved-before-received', () => {
    expect(dossier('000.01.50.H56-250718-0074').issues.map((i) => [i.code, i.field])).toEqual([
      ['IMPOSSIBLE_DATE', 'NgayTiepNhan'],
      ['UNPARSABLE', 'NgayHenTra'],
    ]);
    expect(dossier('000.04.50.H56-250813-0076').issues).toEqual([
      {
        field: 'NgayKetThucXuLy',
        expected: 'a time not before NgayTiepNhan (2025-08-13T03:00:00.000Z)',
        found: '"20250812080000"',
        severity: 'error',
        code: 'ORDER',
      },
    ]);
  });

  it('quarantines a malformed JSON line with its text, and a non-object item', () => {
    const line = out.records.find((r) => r.locator.file === '2025-08-dongbo.jsonl' && r.locator.line === 3)!;
    expect(line).toMatchObject({
      sourceKey: null,
      data: null,
      locator: { file: '2025-08-dongbo.jsonl', line: 3 },
    });
    expect(String(line.raw)).toMatch(/^\{"session":"s-08-x"/);
    expect(line.issues[0]).toMatchObject({ code: 'UNPARSABLE', field: 'line' });
    const item = out.records.find((r) => r.locator.pointer === '/0/data/28')!;
    expect(item).toMatchObject({ raw: 'HO SO LOI', data: null, sourceKey: null });
  });

  it('maps history entries with their source key MaHoSo|ThoiDiemXuLy|TrangThai', () => {
    const events = out.records.filter((r) => r.type === 'dossierEvent');
    expect(events.length).toBe(29);
    const first = events[0]!;
    expect(first.sourceKey).toBe('000.00.13.H56-250610-0037|20250610091500|2');
    expect(first.data).toMatchObject({
      dossierNumber: '000.00.13.H56-250610-0037',
      at: '2025-06-10T02:15:00.000Z',
      status: 'ACCEPTED',
      actor: null,
      content: 'Tiếp nhận hồ sơ',
      error: false,
    });
  });
});

describe('dvcqg connector on edge inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvcqg-'));

  it('reports a truncated .json file as one UNPARSABLE record after the records already read', async () => {
    const path = join(dir, 'cut.json');
    writeFileSync(
      path,
      '[{"service":"DongBoHoSoMC","data":[{"MaHoSo":"H56.14-250703-0001","MaTTHC":"1.000656","NgayTiepNhan":"20250703080000","TrangThaiHoSo":"2","KenhThucHien":"1"},{"MaHoSo":',
    );
    const c = await collect(dvcqg, path);
    expect(c.records.map((r) => [r.sourceKey, r.issues.map((i) => i.code)])).toEqual([
      ['H56.14-250703-0001', []],
      [null, ['UNPARSABLE']],
    ]);
    expect(c.records[1]!.locator).toEqual({ file: 'cut.json', pointer: '/0/data/1' });
  });

  it('reports a read service envelope without a data array', async () => {
    const path = join(dir, 'nodata.jsonl');
    writeFileSync(path, '{"service":"DongBoHoSoMC","data":{}}\n\n[]\n');
    const c = await collect(dvcqg, path);
    expect(c.records.map((r) => [r.locator, r.issues[0]!.field])).toEqual([
      [{ file: 'nodata.jsonl', line: 1, pointer: '' }, 'data'],
      [{ file: 'nodata.jsonl', line: 3, pointer: '' }, 'envelope'],
    ]);
  });
});
