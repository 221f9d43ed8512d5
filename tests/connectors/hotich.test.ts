import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hotich } from '../../connectors/hotich/index.js';
import { parseJsonExact } from '../../connectors/shared/exact-json.js';
import { RECORD_SCHEMAS } from '../../schema/canonical/records.js';
import { type Collected, collect, expectGolden, goldenOf, one, SAMPLES } from './golden.js';

const FOLDER = join(SAMPLES, 'hotich');
let out: Collected;
beforeAll(async () => {
  out = await collect(hotich, FOLDER);
});

const dossier = (key: string) => one(out, 'dossier', key);
const data = (key: string) => {
  const d = dossier(key).data;
  if (d === null) throw new Error(`${key} has no data`);
  return d as Record<string, unknown>;
};
const codes = (key: string) => dossier(key).issues.map((i) => i.code);

describe('hotich connector on fixtures/samples/hotich', () => {
  it('matches the golden file (fixtures/golden/hotich.json)', () => {
    expectGolden('hotich', goldenOf(out));
  });

  it('gives data that passes the canonical zod schema for every mappable record', () => {
    let checked = 0;
    for (const r of out.records) {
      if (r.data === null) continue;
      const parsed = RECORD_SCHEMAS[r.type].safeParse(r.data);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(16);
  });

  it('reports the bad moj-units row and the file that is not an export', () => {
    expect(out.skipped.map((s) => s.file)).toEqual(['moj-units.csv', 'doc-truoc.txt']);
    expect(out.skipped[0]!.reason).toContain('line 6');
  });

  it('keeps every digit of a maDonVi beyond 2^53 and maps it through moj-units.csv', () => {
    const raw = dossier('KS.14797.2025.000571').raw as Record<string, unknown>;
    expect(raw.maDonVi).toBe('38000000000000000123');
    expect(data('KS.14797.2025.000571').unitCode).toBe('14797');
    // 2^53 + 1: JSON.parse would read 9007199254740992 and miss the mapping.
    expect((dossier('KS.15925.2025.000102').raw as Record<string, unknown>).maDonVi).toBe('9007199254740993');
    expect(data('KS.15925.2025.000102').unitCode).toBe('15925');
  });

  it('numbers a dossier by maHoSo (the one-stop number) and keeps maHoSoLT as an alias', () => {
    expect(data('KS.14797.2025.000571')).toMatchObject({
      number: '000.01.50.H56-250812-0057',
      aliases: [{ number: 'KS.14797.2025.000571', system: 'hotich' }],
      receivingOffice: { ref: '000.01.50.H56', system: 'AGENCY' },
      module: 'KS',
      status: 'RESOLVED',
      rawStatus: '4',
      receivedAt: '2025-08-12T02:05:00.000Z',
      resolvedAt: '2025-08-13T09:30:00.000Z',
      updatedAt: '2025-08-13T09:30:00.000Z',
      unitDate: '2025-08-12',
    });
  });

  it('numbers a record without maHoSo by its own maHoSoLT (a dossier of its own)', () => {
    const first = out.records.find((r) => r.sourceKey === 'KH.14797.2025.000033')!;
    expect(first.data).toMatchObject({
      number: 'KH.14797.2025.000033',
      aliases: [],
      receivingOffice: null,
      module: 'KH',
    });
  });

  it('gives trangThai 0 no status of its own and records an error event', () => {
    expect(data('KS.15925.2025.000102')).toMatchObject({ status: null, rawStatus: '0' });
    const event = one(out, 'dossierEvent', 'KS.15925.2025.000102|2025-07-02T01:00:00.000Z|0');
    expect(event.data).toEqual({
      dossierNumber: '000.04.50.H56-250701-0045',
      at: '2025-07-02T01:00:00.000Z',
      status: null,
      rawStatus: '0',
      actor: null, // "Cán bộ một cửa" is a placeholder
      position: null,
      department: null,
      content: 'Lỗi đồng bộ hộ tịch (trangThai 0)',
      error: true,
    });
  });

  it('quarantines XML with a DOCTYPE without parsing it', () => {
    expect(dossier('KS.14797.2025.000599').issues).toEqual([
      {
        field: 'data',
        expected: 'an XML document without <!DOCTYPE>',
        found: '"a document with a <!DOCTYPE> declaration"',
        severity: 'error',
        code: 'DOCTYPE',
      },
    ]);
  });

  it('quarantines malformed XML and an impossible birth date inside the XML', () => {
    expect(codes('KS.14758.2025.000600')).toEqual(['UNPARSABLE']);
    expect(dossier('KS.14758.2025.000601').issues).toEqual([
      {
        field: 'data/hoSo/nksNgaySinh',
        expected: 'a real calendar date dd/MM/yyyy',
        found: '"30/02/2025"',
        severity: 'error',
        code: 'IMPOSSIBLE_DATE',
      },
    ]);
  });

  it('carries none of the registered person (PII) into data', () => {
    const text = JSON.stringify(out.records.map((r) => r.data));
    expect(text).not.toContain('Trần Gia Bảo');
    expect(text).not.toContain('nksHoTen');
  });

  it('quarantines an unknown module, an unknown status, a wrong time format, resolved before received', () => {
    expect(codes('CMC.14797.2025.000007')).toEqual(['UNKNOWN_VALUE']);
    expect(codes('KS.14758.2025.000620')).toEqual(['UNKNOWN_VALUE']);
    expect(codes('KS.14797.2025.000612')).toEqual(['UNPARSABLE']);
    expect(codes('KT.14797.2025.000090')).toEqual(['ORDER']);
  });

  it('dates an old unit code by ngayTiepNhan (before the reform)', () => {
    expect(data('KS.14764.2025.000880')).toMatchObject({ unitCode: '14764', unitDate: '2025-06-20' });
  });

  it('accepts and flags a unit id missing from moj-units.csv', () => {
    const r = dossier('KT.99999.2025.000011');
    expect(r.issues).toEqual([
      {
        field: 'maDonVi',
        expected: 'a unit id listed in moj-units.csv',
        found: '"38000000000000000999"',
        severity: 'warning',
        code: 'UNRESOLVED',
      },
    ]);
    expect((r.data as Record<string, unknown>).unitCode).toBeNull();
  });

  it('yields a repeated maHoSoLT twice, in file order (the engine keeps the later one)', () => {
    const both = out.records.filter((r) => r.type === 'dossier' && r.sourceKey === 'KH.14797.2025.000033');
    expect(both.map((r) => [r.locator.line, (r.data as Record<string, unknown>).status])).toEqual([
      [4, 'ACCEPTED'],
      [15, 'RESOLVED'],
    ]);
  });

  it('reads past a UTF-8 BOM and CRLF, and quarantines a line that is not JSON', () => {
    expect(dossier('KS.14797.2025.000571').locator).toEqual({ file: 'hotich-2025.jsonl', line: 1 });
    const bad = out.records.find((r) => r.locator.line === 12)!;
    expect(bad.sourceKey).toBeNull();
    expect(bad.issues[0]).toMatchObject({ field: 'line', code: 'UNPARSABLE' });
  });

  it('refuses a single file: hotich always reads a folder', async () => {
    await expect(collect(hotich, join(FOLDER, 'hotich-2025.jsonl'))).rejects.toThrow(/reads a folder/);
  });

  it('without moj-units.csv says so and flags every record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotich-'));
    copyFileSync(join(FOLDER, 'hotich-2025.jsonl'), join(dir, 'hotich-2025.jsonl'));
    const alone = await collect(hotich, dir);
    expect(alone.skipped[0]).toMatchObject({ file: 'moj-units.csv' });
    const first = alone.records[0]!;
    expect(first.issues.map((i) => i.code)).toEqual(['UNRESOLVED']);
  });
});

describe('parseJsonExact', () => {
  it('quotes integers beyond 2^53 outside strings and leaves everything else alone', () => {
    const text =
      '{"a":38000000000000000123,"b":12,"c":-9007199254740993,"d":1.5e3,"e":"x 38000000000000000123 \\" 9"}';
    expect(parseJsonExact(text)).toEqual({
      a: '38000000000000000123',
      b: 12,
      c: '-9007199254740993',
      d: 1500,
      e: 'x 38000000000000000123 " 9',
    });
  });
});
