import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, readJsonValues } from '../../connectors/shared/json-lines.js';
import { fixTcvn3, looksLikeTcvn3, tcvn3ToUnicode } from '../../connectors/shared/tcvn3.js';
import {
  compactLocalTime,
  flag,
  type Issues,
  isoLocalTime,
  nonNegativeNumber,
  prose,
} from '../../connectors/shared/values.js';

describe('TCVN3 (.VnTime) text', () => {
  it('converts mojibake through the VN3 chart', () => {
    expect(tcvn3ToUnicode('L\u00adêng V¨n Hïng')).toBe('Lường Văn Hùng');
    expect(tcvn3ToUnicode('Thanh Hãa')).toBe('Thanh Hóa');
    expect(tcvn3ToUnicode('UBND x· M\u00adêng L¸t')).toBe('UBND xã Mường Lát');
    expect(tcvn3ToUnicode('§¨ng ký khai sinh'.replace('ký', 'kÝ'))).toBe('Đăng kí khai sinh');
    expect(tcvn3ToUnicode('Tr\u00adêng ThÞ B×nh')).toBe('Trường Thị Bình');
  });

  it('detects TCVN3 only with evidence, and leaves Unicode alone', () => {
    expect(looksLikeTcvn3('L\u00adêng V¨n Hïng')).toBe(true);
    expect(looksLikeTcvn3('Lường Văn Hùng')).toBe(false);
    expect(looksLikeTcvn3('Trịnh Thị Hường'.normalize('NFD'))).toBe(false);
    // Letters valid in both readings prove nothing: "Hãa" stays as it is.
    expect(looksLikeTcvn3('Thanh Hãa')).toBe(false);
    expect(looksLikeTcvn3('Ngô Văn Tú')).toBe(false);
    expect(looksLikeTcvn3('ASCII only')).toBe(false);
    expect(fixTcvn3('Đà Nẵng')).toBe('Đà Nẵng');
  });
});

describe('value parsers collect issues', () => {
  it('parses compact local times and reports shape and impossible dates', () => {
    const issues: Issues = [];
    expect(compactLocalTime('20250701063000', 'A', issues)).toBe('2025-06-30T23:30:00.000Z');
    expect(compactLocalTime('20250101000000', 'A', issues)).toBe('2024-12-31T17:00:00.000Z');
    expect(compactLocalTime('20240301065959', 'A', issues)).toBe('2024-02-29T23:59:59.000Z');
    expect(compactLocalTime('20251231235959', 'A', issues)).toBe('2025-12-31T16:59:59.000Z');
    expect(compactLocalTime('20250631090000', 'B', issues)).toBeNull();
    expect(compactLocalTime('20250229000000', 'C', issues)).toBeNull();
    expect(compactLocalTime('2025-07-01', 'D', issues)).toBeNull();
    expect(compactLocalTime('20250701246000', 'E', issues)).toBeNull();
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual([
      'B IMPOSSIBLE_DATE',
      'C IMPOSSIBLE_DATE',
      'D UNPARSABLE',
      'E IMPOSSIBLE_DATE',
    ]);
  });

  it('parses onestop times with and without milliseconds', () => {
    const issues: Issues = [];
    expect(isoLocalTime('2025-07-03 08:22:11', 'A', issues)).toBe('2025-07-03T01:22:11.000Z');
    expect(isoLocalTime('2025-07-03 08:22:11.5', 'A', issues)).toBe('2025-07-03T01:22:11.500Z');
    expect(isoLocalTime('2025-01-01 03:00:00.5', 'A', issues)).toBe('2024-12-31T20:00:00.500Z');
    expect(isoLocalTime('2024-03-01 06:59:59.123', 'A', issues)).toBe('2024-02-29T23:59:59.123Z');
    expect(isoLocalTime('2025-07-03', 'A', issues)).toBe('2025-07-02T17:00:00.000Z');
    expect(isoLocalTime('2025-07-03T08:22', 'A', issues)).toBe('2025-07-03T01:22:00.000Z');
    expect(isoLocalTime('03/07/2025', 'A', issues)).toBeNull();
    expect(isoLocalTime('2025-02-29 10:00:00', 'B', issues)).toBeNull();
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual(['A UNPARSABLE', 'B IMPOSSIBLE_DATE']);
  });

  it('reads flags, numbers and prose', () => {
    const issues: Issues = [];
    expect([
      flag('1', 'F', issues),
      flag('0', 'F', issues),
      flag(null, 'F', issues),
      flag('2', 'F', issues),
    ]).toEqual([true, false, null, null]);
    expect([
      nonNegativeNumber('15', 'N', issues),
      nonNegativeNumber('0.5', 'N', issues),
      nonNegativeNumber('-1', 'N', issues),
    ]).toEqual([15, 0.5, null]);
    expect(prose({ a: 1 }, 'P', issues)).toBeNull();
    expect(prose('  NULL ', 'P', issues)).toBeNull();
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual([
      'F UNKNOWN_VALUE',
      'N UNPARSABLE',
      'P UNPARSABLE',
    ]);
  });
});

describe('readJsonLines', () => {
  it('yields values and parse errors with physical line numbers, CRLF and BOM handled', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'a.jsonl');
    writeFileSync(path, '\uFEFF{"a":1}\r\n\r\n{"a":\r\n[2]\n');
    const lines = [];
    for await (const l of readJsonLines(path)) lines.push(l);
    expect(lines.map((l) => [l.line, l.value ?? null, l.parseError === undefined])).toEqual([
      [1, { a: 1 }, true],
      [3, null, false],
      [4, [2], true],
    ]);
  });

  it('reads a line longer than the reader thread chunk, and the lines around it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'long.jsonl');
    const long = 'ă'.repeat(1_500_000); // 3 MB of UTF-8: longer than the thread's 1 MiB reads
    writeFileSync(path, `{"n":1}\n${JSON.stringify({ long })}\n{"n":3}`);
    const lines = [];
    for await (const l of readJsonValues(path)) lines.push(l);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect((lines[1]!.value as { long: string }).long).toBe(long);
    expect(lines[2]!.value).toEqual({ n: 3 });
  });

  it('stops its reader thread when the consumer stops early, and reports a file it cannot read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'many.jsonl');
    writeFileSync(path, Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ i })).join('\n'));
    for await (const l of readJsonValues(path)) {
      expect(l.value).toEqual({ i: 0 });
      break;
    }
    const missing = join(tmpdir(), 'lienthong-no-such-file.jsonl');
    await expect(async () => {
      for await (const _ of readJsonLines(missing)) {
        // nothing: the file does not exist
      }
    }).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining(missing) });
  });

  it('readJsonValues keeps the text of a line only when it is not JSON', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'a.jsonl');
    writeFileSync(path, '{"a":1}\n{"a":\n');
    const lines = [];
    for await (const l of readJsonValues(path)) lines.push(l);
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, text: '{"a":', parseError: expect.any(String) },
    ]);
  });
});
