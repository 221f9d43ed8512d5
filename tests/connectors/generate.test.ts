import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDvcqgJsonl, generateOnestopFolder } from '../../bench/generate.js';
import { dvcqg } from '../../connectors/dvcqg/index.js';
import { onestop } from '../../connectors/onestop/index.js';
import { collect } from './golden.js';

describe('bench/generate.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'generate-'));

  it('writes the same dvcqg bytes twice, and the connector reads back exactly 1,000 clean dossiers', async () => {
    await generateDvcqgJsonl(join(dir, 'a.jsonl'), 1000);
    await generateDvcqgJsonl(join(dir, 'b.jsonl'), 1000);
    const a = readFileSync(join(dir, 'a.jsonl'));
    expect(a.equals(readFileSync(join(dir, 'b.jsonl')))).toBe(true);
    expect(a.toString('utf8').trimEnd().split('\n')).toHaveLength(10); // 100 dossiers an envelope
    const c = await collect(dvcqg, join(dir, 'a.jsonl'));
    expect(c.records.filter((r) => r.type === 'dossier')).toHaveLength(1000);
    expect(c.records.flatMap((r) => r.issues)).toEqual([]);
    expect(new Set(c.records.map((r) => r.sourceKey)).size).toBe(1000);
  });

  it('writes the same onestop bytes twice, and the connector reads back exactly 1,000 clean dossiers', async () => {
    await generateOnestopFolder(join(dir, 'x'), 1000);
    await generateOnestopFolder(join(dir, 'y'), 1000);
    for (const f of ['HoSos.csv', 'Groups.csv', 'ThuTucs.csv', 'NgayNghi.csv']) {
      expect(readFileSync(join(dir, 'x', f)).equals(readFileSync(join(dir, 'y', f))), f).toBe(true);
    }
    const c = await collect(onestop, join(dir, 'x'));
    expect(c.records.filter((r) => r.type === 'dossier')).toHaveLength(1000);
    expect(c.records.flatMap((r) => r.issues)).toEqual([]);
    expect(c.skipped).toEqual([]);
  });
});
