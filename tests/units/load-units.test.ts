import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { DEFAULT_REFERENCE_DIR } from '../../src/units/reference-files.js';
import { engines } from '../support/engines.js';

/** Counts of versions in force at `date`, by level and type, straight from SQL. */
async function countsAt(database: Database, date: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('unit_versions')
    .select(['level', 'type', sql<number>`cast(count(*) as integer)`.as('n')])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .groupBy(['level', 'type'])
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) {
    counts[r.level] = (counts[r.level] ?? 0) + Number(r.n);
    counts[`${r.level}:${r.type}`] = Number(r.n);
  }
  return counts;
}

/** A temporary copy of the reference files, edited by `edit(file, text) → text`. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-reference-'));
  for (const name of fs.readdirSync(DEFAULT_REFERENCE_DIR)) {
    fs.copyFileSync(path.join(DEFAULT_REFERENCE_DIR, name), path.join(dir, name));
  }
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

describe.each(engines)('unit register load on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    const first = await loadUnitReference(database);
    expect(first.status).toBe('loaded');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('holds the 34 provinces and 3,321 communes in force on 2025-07-01', async () => {
    const c = await countsAt(database, '2025-07-01');
    expect(c.PROVINCE).toBe(34);
    expect(c['PROVINCE:tỉnh']).toBe(28);
    expect(c['PROVINCE:thành phố']).toBe(6);
    expect(c.COMMUNE).toBe(3321);
    expect(c['COMMUNE:xã']).toBe(2621);
    expect(c['COMMUNE:phường']).toBe(687);
    expect(c['COMMUNE:đặc khu']).toBe(13);
    expect(c.DISTRICT).toBeUndefined();
  });

  it('applies the 2026 Đồng Nai amendments from 2026-04-30', async () => {
    const c = await countsAt(database, '2026-05-01');
    expect(c['PROVINCE:tỉnh']).toBe(27);
    expect(c['PROVINCE:thành phố']).toBe(7);
    expect(c['COMMUNE:xã']).toBe(2611);
    expect(c['COMMUNE:phường']).toBe(697);
    expect(c['COMMUNE:đặc khu']).toBe(13);
    const before = await countsAt(database, '2026-04-29');
    expect(before['COMMUNE:phường']).toBe(687);
  });

  it('holds the pre-reform register until 2025-06-30', async () => {
    const c = await countsAt(database, '2025-06-30');
    expect(c.PROVINCE).toBe(63);
    expect(c.DISTRICT).toBe(696);
    expect(c.COMMUNE).toBe(10035);
  });

  it('links every old commune to its successors with the relation of its note', async () => {
    const links = await database.db
      .selectFrom('unit_successions')
      .select(['successor_id', 'relation', 'note'])
      .where('predecessor_id', '=', 'COMMUNE:00006:1900-01-01')
      .execute();
    expect(links).toEqual([
      { successor_id: 'COMMUNE:00008:2025-07-01', relation: 'WHOLE', note: 'Nhập toàn bộ' },
    ]);
    const split = await database.db
      .selectFrom('unit_successions')
      .select('successor_id')
      .where('predecessor_id', '=', 'COMMUNE:00019:1900-01-01')
      .orderBy('successor_id')
      .execute();
    expect(split.map((s) => s.successor_id)).toEqual([
      'COMMUNE:00004:2025-07-01',
      'COMMUNE:00070:2025-07-01',
      'COMMUNE:00190:2025-07-01',
      'COMMUNE:00226:2025-07-01',
    ]);
    const province = await database.db
      .selectFrom('unit_successions')
      .select(['successor_id', 'relation'])
      .where('predecessor_id', '=', 'PROVINCE:52:1900-01-01')
      .execute();
    expect(province).toEqual([{ successor_id: 'PROVINCE:52:2025-07-01', relation: 'WHOLE' }]);
    const amended = await database.db
      .selectFrom('unit_successions')
      .select(['successor_id', 'relation'])
      .where('predecessor_id', '=', 'COMMUNE:25270:2025-07-01')
      .execute();
    expect(amended).toEqual([{ successor_id: 'COMMUNE:25270:2026-04-30', relation: 'RETYPED' }]);
  });

  it('writes nothing when the files did not change', async () => {
    database.statements.reset();
    database.statements.keepLog = true;
    try {
      const again = await loadUnitReference(database);
      expect(again.status).toBe('unchanged');
      expect(database.statements.log.filter((q) => /^\s*(insert|update|delete)/i.test(q))).toEqual([]);
      expect(database.statements.count).toBe(1);
    } finally {
      database.statements.keepLog = false;
    }
  });

  describe('a bad reference file stops the load and leaves the register as it was', () => {
    async function expectRefused(dir: string, message: RegExp) {
      const before = await database.db.selectFrom('reference_loads').selectAll().executeTakeFirstOrThrow();
      const versionsBefore = await countsAt(database, '2025-07-01');
      await expect(loadUnitReference(database, { dir })).rejects.toThrow(message);
      const after = await database.db.selectFrom('reference_loads').selectAll().executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      expect(await countsAt(database, '2025-07-01')).toEqual(versionsBefore);
      fs.rmSync(dir, { recursive: true, force: true });
    }

    it('a missing column', async () => {
      const dir = brokenCopy('communes.csv', (t) => t.replace('province_code', 'province'));
      await expectRefused(dir, /communes\.csv line 1: missing column\(s\) province_code/);
    });

    it('a duplicate code', async () => {
      const dir = brokenCopy('communes.csv', (t) => `${t}00004,Ba Đình,phường,01,Phường Ba Đình,Ba Dinh\n`);
      await expectRefused(dir, /communes\.csv line 3323: duplicate code 00004 \(first on line 2\)/);
    });

    it('an unknown province', async () => {
      const dir = brokenCopy('communes.csv', (t) =>
        t.replace('00008,Ngọc Hà,phường,01,', '00008,Ngọc Hà,phường,99,'),
      );
      await expectRefused(dir, /communes\.csv line 3: unknown province "99" in province_code/);
    });

    it('a relation note it cannot read', async () => {
      const dir = brokenCopy('crosswalk.csv', (t) =>
        t.replace(',Nhập toàn bộ,Phường Phúc Xá,59', ',Chưa rõ,Phường Phúc Xá,59'),
      );
      await expectRefused(dir, /crosswalk\.csv line 2: bad relation note "Chưa rõ" in note_vi/);
    });
  });

  it('reloads the same files when forced, to the same register', async () => {
    const forced = await loadUnitReference(database, { force: true });
    expect(forced).toMatchObject({ status: 'loaded', versions: 14160, successions: 10645 });
    expect((await countsAt(database, '2025-06-30')).COMMUNE).toBe(10035);
  });
});
