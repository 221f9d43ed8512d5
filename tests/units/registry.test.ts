import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { UnitRegistry } from '../../src/units/registry.js';
import { engines } from '../support/engines.js';

// "Current" is pinned so the expectations do not move with the calendar.
const NOW = '2026-06-01';

describe.each(engines)('UnitRegistry on $name', (engine) => {
  let database: Database;
  let registry: UnitRegistry;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    database.statements.reset();
    registry = await UnitRegistry.load(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('loads with a handful of queries', () => {
    expect(database.statements.count).toBeLessThanOrEqual(3);
    expect(registry.size).toBe(14160);
  });

  it('finds the version in force: 00008 was Liễu Giai and is Ngọc Hà; 52 was Bình Định and is Gia Lai', () => {
    expect(registry.unitAt('COMMUNE', '00008', '2025-06-01')?.fullName).toBe('Phường Liễu Giai');
    expect(registry.unitAt('COMMUNE', '00008', NOW)?.fullName).toBe('Phường Ngọc Hà');
    expect(registry.unitAt('PROVINCE', '52', '2025-06-01')?.fullName).toBe('Tỉnh Bình Định');
    expect(registry.unitAt('PROVINCE', '52', NOW)?.fullName).toBe('Tỉnh Gia Lai');
    expect(registry.unitAt('DISTRICT', '001', NOW)).toBeNull();
  });

  it('resolves an old code through the crosswalk: 00006 (2025-06-01) → SUCCESSOR 00008', () => {
    const r = registry.resolveCode('00006', '2025-06-01', NOW);
    expect(r.status).toBe('SUCCESSOR');
    expect(r.units.map((u) => u.id)).toEqual(['COMMUNE:00008:2025-07-01']);
    expect(r.reported?.fullName).toBe('Phường Vĩnh Phúc');
    expect(r).toMatchObject({ legacy: false, provinceCode: '01' });
  });

  it('resolves an old code through the crosswalk even when the commune kept it', () => {
    const r = registry.resolveCode('00004', '2025-06-01', NOW);
    expect(r.status).toBe('SUCCESSOR');
    expect(r.reported?.fullName).toBe('Phường Trúc Bạch');
    expect(r.units.map((u) => u.fullName)).toEqual(['Phường Ba Đình']);
  });

  it('gives every candidate of a split commune: AMBIGUOUS', () => {
    const r = registry.resolveCode('00019', '2025-06-01', NOW);
    expect(r.status).toBe('AMBIGUOUS');
    expect(r.units.map((u) => u.code)).toEqual(['00004', '00070', '00190', '00226']);
    expect(r.reported?.fullName).toBe('Phường Điện Biên');
    expect(r.provinceCode).toBe('01');
  });

  it('is EXACT for a current code on a record dated after the reform, or undated', () => {
    expect(registry.resolveCode('00008', '2025-08-01', NOW)).toMatchObject({
      status: 'EXACT',
      legacy: false,
    });
    expect(registry.resolveCode('00008', null, NOW).units[0]?.fullName).toBe('Phường Ngọc Hà');
  });

  it('follows an amendment: a Đồng Nai xã of 2025 is the phường version after 2026-04-30', () => {
    const r = registry.resolveCode('25270', '2025-08-01', NOW);
    expect(r.status).toBe('EXACT');
    expect(r.reported?.fullName).toBe('Xã Lộc Ninh');
    expect(r.units.map((u) => u.fullName)).toEqual(['Phường Lộc Ninh']);
    expect(registry.resolveCode('25270', '2025-08-01', '2025-09-01').units[0]?.fullName).toBe('Xã Lộc Ninh');
  });

  it('flags an old code on a later record as legacy', () => {
    const r = registry.resolveCode('00006', '2025-08-01', NOW);
    expect(r).toMatchObject({ status: 'SUCCESSOR', legacy: true });
    expect(r.units[0]?.code).toBe('00008');
  });

  it('resolves a legacy district code to its province only', () => {
    const r = registry.resolveCode('001', '2025-06-01', NOW);
    expect(r).toMatchObject({ status: 'NOT_FOUND', units: [], provinceCode: '01' });
    expect(r.reported?.fullName).toBe('Quận Ba Đình');
  });

  it('resolves province codes through the province pairs', () => {
    expect(registry.resolveCode('52', '2025-06-01', NOW).units[0]?.fullName).toBe('Tỉnh Gia Lai');
    expect(registry.resolveCode('64', '2025-06-01', NOW).units[0]?.fullName).toBe('Tỉnh Gia Lai');
    expect(registry.resolveCode('38', '2025-06-01', NOW)).toMatchObject({
      status: 'SUCCESSOR',
      provinceCode: '38',
    });
    expect(registry.provinceOf('64', NOW)).toBe('52');
    expect(registry.provinceOf('00006', NOW)).toBe('01');
  });

  it('restores a leading zero a spreadsheet dropped, and refuses non-codes', () => {
    expect(registry.resolveCode('1558', null, NOW).reported?.code).toBe('01558');
    expect(registry.resolveCode('abc', null, NOW).status).toBe('NOT_FOUND');
    expect(registry.resolveCode('99999', null, NOW).status).toBe('NOT_FOUND');
  });

  it('matches names whatever the case, diacritics, NFD or prefix', () => {
    for (const name of [
      'p. ngoc ha',
      'Phường Ngọc Hà'.normalize('NFD'),
      'PHƯỜNG NGỌC HÀ',
      'P.Ngọc Hà',
      'ngoc ha',
    ]) {
      const r = registry.resolveName(name, null, null, NOW);
      expect(r.status, name).toBe('EXACT');
      expect(
        r.units.map((u) => u.code),
        name,
      ).toEqual(['00008']);
    }
    expect(registry.resolveName('TP. Hồ Chí Minh', null, null, NOW).units[0]?.code).toBe('79');
  });

  it('reads Phường 01 as Phường 1, narrowed by an old province code', () => {
    const r = registry.resolveName('Phường 01', '54', '2025-06-01', NOW);
    expect(r.status).toBe('SUCCESSOR');
    expect(r.reported).toMatchObject({ code: '22015', fullName: 'Phường 1' });
    expect(r.units.map((u) => u.fullName)).toEqual(['Phường Tuy Hòa']);
    // Without a province, every Phường 1 of the old register is a candidate.
    expect(registry.resolveName('Phường 01', null, '2025-06-01', NOW).status).toBe('AMBIGUOUS');
  });

  it('says NOT_FOUND for a name nobody has', () => {
    expect(registry.resolveName('Phường Không Có', null, null, NOW)).toMatchObject({
      status: 'NOT_FOUND',
      units: [],
    });
  });

  it('restates the contract when a date is malformed', () => {
    expect(() => registry.resolveCode('00008', '01/07/2025', NOW)).toThrow(
      /recordDate must be a local date written yyyy-MM-dd/,
    );
  });
});
