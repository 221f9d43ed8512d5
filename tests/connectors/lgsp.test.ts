import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lgsp } from '../../connectors/lgsp/index.js';
import { type OfficeCandidate, RECORD_SCHEMAS } from '../../schema/canonical/records.js';
import { type Collected, collect, expectGolden, goldenOf, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'lgsp');
const FILE = 'dmdc-qlvanbandieuhanhcap2.json';
let out: Collected;
beforeAll(async () => {
  out = await collect(lgsp, FOLDER);
});

const row = (i: number) => {
  const r = out.records.find((x) => x.locator.pointer === `/rows/${i}`);
  if (r === undefined) throw new Error(`no record at /rows/${i}`);
  return r;
};
const office = (i: number) => row(i).data as OfficeCandidate;

describe('lgsp connector on fixtures/samples/lgsp', () => {
  it('matches the golden file (fixtures/golden/lgsp.json)', () => {
    expectGolden('lgsp', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(20);
  });

  it('streams every row (rows come before metadata in this file) and skips other files', () => {
    expect(out.records).toHaveLength(22);
    expect(out.records[0]!.locator).toEqual({ file: FILE, pointer: '/rows/0' });
    expect(out.skipped).toEqual([
      { kind: 'skipped', file: 'README.txt', reason: 'not an LGSP registry file (expected .json)' },
    ]);
  });

  it('maps a row to an office: kind, parent, unit dated by NgayBanHanhQd, lgsp system id', () => {
    expect(office(1)).toEqual({
      agencyId: '000.00.13.H56',
      systemIds: [{ system: 'lgsp', id: '000.00.13.H56' }],
      name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
      kind: 'SERVICE_CENTRE',
      parentRef: { ref: '000.00.00.H56', system: 'AGENCY' },
      unitCode: '14797',
      unitDate: '2025-07-01',
      provinceCode: null,
      address: 'Thanh Hóa (SYNTHETIC)',
      email: 'vanthu.0000013h56@thanhhoa.gov.vn',
      phone: '02373852000',
      decisionDate: '2025-07-01',
      closed: false,
    });
    expect(office(0)).toMatchObject({ kind: 'PEOPLES_COMMITTEE', parentRef: null, provinceCode: '38' });
  });

  it('keys short-form ids (also lower case) by their long form and keeps the text as reported', () => {
    expect(row(2).sourceKey).toBe('000.00.14.H56');
    expect(office(2).agencyId).toBe('H56.14');
    expect(row(6).sourceKey).toBe('000.00.18.H56');
    expect(office(6).agencyId).toBe('h56.18');
    // the same office twice (long, then short): one key, the later row replaces the earlier
    expect(row(3).sourceKey).toBe(row(20).sourceKey);
    expect(office(20).phone).toBe('02373852999');
  });

  it('keeps an old unit code with a decision dated before 2025-07-01, and closed offices', () => {
    expect(office(2)).toMatchObject({ unitCode: '14767', unitDate: '2025-03-01' });
    expect(office(14)).toMatchObject({ unitCode: '14764', unitDate: '2019-05-15', closed: true });
    expect(office(15)).toMatchObject({ unitCode: '380', closed: true });
  });

  it('normalises NFD names with surrounding spaces', () => {
    expect(office(11).name).toBe('Ủy ban nhân dân phường Đông Sơn'.normalize('NFC'));
  });

  it('quarantines unknown LoaiDonVi and TrangThai, impossible dates, a missing key, a non-object row', () => {
    expect(row(16).issues.map((i) => `${i.code} ${i.field} ${i.found}`)).toEqual([
      'UNKNOWN_VALUE LoaiDonVi "BQL"',
    ]);
    expect(office(16).kind).toBe('OTHER');
    expect(row(17).issues.map((i) => `${i.code} ${i.field} ${i.found}`)).toEqual([
      'UNKNOWN_VALUE TrangThai "2"',
    ]);
    expect(row(18).issues.map((i) => `${i.code} ${i.field}`)).toEqual([
      'IMPOSSIBLE_DATE NgayBanHanhQd',
      'UNPARSABLE NgayCapNhat', // a DateTime property per the metadata
    ]);
    expect(row(19)).toMatchObject({ sourceKey: null, data: null });
    expect(row(19).issues.map((i) => i.code)).toEqual(['MISSING']);
    expect(row(21)).toMatchObject({ sourceKey: null, data: null });
    expect(row(21).issues.map((i) => i.code)).toEqual(['UNPARSABLE']);
  });

  it('ends a truncated file with one UNPARSABLE record; the rows before it stand', async () => {
    const text = readFileSync(join(FOLDER, FILE), 'utf8');
    const cut = text.slice(0, text.indexOf('"MaDinhDanh": "000.00.15.H56"') + 20);
    const dir = mkdtempSync(join(tmpdir(), 'lgsp-'));
    writeFileSync(join(dir, 'cut.json'), cut);
    const got = await collect(lgsp, dir);
    expect(got.records.map((r) => r.sourceKey)).toEqual([
      '000.00.00.H56',
      '000.00.13.H56',
      '000.00.14.H56',
      null,
    ]);
    expect(got.records[3]!.issues[0]).toMatchObject({ field: 'file', code: 'UNPARSABLE' });
    expect(got.records[3]!.locator).toEqual({ file: 'cut.json', pointer: '/rows/3' });
  });
});
