import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';

describe.each(engines)('units over GraphQL on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: query results are checked field by field.
  async function run(source: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult<any>> {
    const schema = await buildHubSchema();
    return runGraphQL({ schema, source, variableValues: variables, contextValue: createContext(database) });
  }

  async function ok(source: string, variables: Record<string, unknown> = {}) {
    const result = await run(source, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  async function total(level: string, asOf: string, search?: string): Promise<number> {
    const data = await ok(
      'query($level: UnitLevel, $asOf: String, $search: String) { units(level: $level, asOf: $asOf, search: $search, first: 0) { totalCount } }',
      {
        level,
        asOf,
        search,
      },
    );
    return data.units.totalCount;
  }

  it('counts the register at the three dates', async () => {
    expect(await total('PROVINCE', '2025-07-01')).toBe(34);
    expect(await total('COMMUNE', '2025-07-01')).toBe(3321);
    expect(await total('PROVINCE', '2025-06-30')).toBe(63);
    expect(await total('DISTRICT', '2025-06-30')).toBe(696);
    expect(await total('COMMUNE', '2025-06-30')).toBe(10035);
    const data = await ok(`{ units(level: PROVINCE, asOf: "2026-05-01", first: 500) { nodes { kind } } }`);
    const kinds = data.units.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'THANH_PHO')).toHaveLength(7);
    expect(kinds.filter((k: string) => k === 'TINH')).toHaveLength(27);
  });

  it('shows code 00008 as it was and as it is', async () => {
    const data = await ok(`{
      then: unit(code: "00008", asOf: "2025-06-01") { fullName validTo province { fullName } district { fullName } successors { relation unit { code fullName } } }
      now: unit(code: "00008") { fullName level type kind validFrom province { code } }
    }`);
    expect(data.then).toEqual({
      fullName: 'Phường Liễu Giai',
      validTo: '2025-06-30',
      province: { fullName: 'Thành phố Hà Nội' },
      district: { fullName: 'Quận Ba Đình' },
      successors: [{ relation: 'WHOLE', unit: { code: '00008', fullName: 'Phường Ngọc Hà' } }],
    });
    expect(data.now).toEqual({
      fullName: 'Phường Ngọc Hà',
      level: 'COMMUNE',
      type: 'phường',
      kind: 'PHUONG',
      validFrom: '2025-07-01',
      province: { code: '01' },
    });
  });

  it('shows province 52 as Bình Định before the reform and Gia Lai today', async () => {
    const data = await ok(`{
      then: unit(code: "52", asOf: "2025-06-01") { fullName successors { relation unit { fullName } } }
      now: unit(code: "52") { fullName predecessors { relation unit { code fullName } } }
    }`);
    expect(data.then).toEqual({
      fullName: 'Tỉnh Bình Định',
      successors: [{ relation: 'WHOLE', unit: { fullName: 'Tỉnh Gia Lai' } }],
    });
    expect(data.now.fullName).toBe('Tỉnh Gia Lai');
    expect(data.now.predecessors.map((p: { unit: { code: string } }) => p.unit.code)).toEqual(['52', '64']);
  });

  it("lists a province's communes at the date asked", async () => {
    const data = await ok(`{
      now: unit(code: "75", asOf: "2026-05-01") { type communes { code } }
      then: unit(code: "52", asOf: "2025-06-01") { communes { code } }
    }`);
    expect(data.now.type).toBe('thành phố');
    expect(data.now.communes.length).toBeGreaterThan(90);
    expect(data.then.communes.length).toBeGreaterThan(100);
  });

  it('resolves reported units', async () => {
    const data = await ok(`{
      successor: resolveUnit(code: "00006", asOf: "2025-06-01") { status units { code } reported { fullName } legacy provinceCode }
      split: resolveUnit(code: "00019", asOf: "2025-06-01") { status units { code } }
      byName: resolveUnit(name: "p. ngoc ha") { status units { code } }
      nfd: resolveUnit(name: "${'Phường Ngọc Hà'.normalize('NFD')}") { status units { code } }
      numbered: resolveUnit(name: "Phường 01", provinceCode: "54", asOf: "2025-06-01") { status units { fullName } reported { code } }
      district: resolveUnit(code: "001", asOf: "2025-06-01") { status units { code } provinceCode }
    }`);
    expect(data.successor).toEqual({
      status: 'SUCCESSOR',
      units: [{ code: '00008' }],
      reported: { fullName: 'Phường Vĩnh Phúc' },
      legacy: false,
      provinceCode: '01',
    });
    expect(data.split).toEqual({
      status: 'AMBIGUOUS',
      units: [{ code: '00004' }, { code: '00070' }, { code: '00190' }, { code: '00226' }],
    });
    expect(data.byName).toEqual({ status: 'EXACT', units: [{ code: '00008' }] });
    expect(data.nfd).toEqual({ status: 'EXACT', units: [{ code: '00008' }] });
    expect(data.numbered).toEqual({
      status: 'SUCCESSOR',
      units: [{ fullName: 'Phường Tuy Hòa' }],
      reported: { code: '22015' },
    });
    expect(data.district).toEqual({ status: 'NOT_FOUND', units: [], provinceCode: '01' });
  });

  it('searches names ignoring case, diacritics and type words', async () => {
    const data = await ok(
      `{ units(level: COMMUNE, search: "p. ngoc ha", asOf: "2025-07-01") { nodes { code } } }`,
    );
    expect(data.units.nodes).toEqual([{ code: '00008' }]);
  });

  it('pages with keyset cursors', async () => {
    const query =
      'query($after: String) { units(level: PROVINCE, asOf: "2025-07-01", first: 20, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } }';
    const first = await ok(query);
    expect(first.units.nodes).toHaveLength(20);
    expect(first.units.pageInfo.hasNextPage).toBe(true);
    const second = await ok(query, { after: first.units.pageInfo.endCursor });
    expect(second.units.nodes).toHaveLength(14);
    expect(second.units.pageInfo.hasNextPage).toBe(false);
    const codes = [...first.units.nodes, ...second.units.nodes].map((n: { code: string }) => n.code);
    expect(new Set(codes).size).toBe(34);
  });

  it('lists communes with their province in a bounded number of statements, whatever the page size', async () => {
    const query = `query($first: Int) { units(level: COMMUNE, asOf: "2025-07-01", first: $first) {
      totalCount nodes { code fullName province { code fullName } successors { unit { code } } }
    } }`;
    const counts: number[] = [];
    for (const first of [10, 100]) {
      database.statements.reset();
      const data = await ok(query, { first });
      expect(data.units.nodes).toHaveLength(first);
      expect(data.units.nodes.every((n: { province: { code: string } | null }) => n.province !== null)).toBe(
        true,
      );
      counts.push(database.statements.count);
    }
    // page + totalCount + provinces + successors
    expect(counts).toEqual([4, 4]);
  });

  it('answers bad input with BAD_USER_INPUT and what to do', async () => {
    const badDate = await run('{ unit(code: "00008", asOf: "2025-13-01") { code } }');
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badDate.errors?.[0]?.message).toMatch(/asOf must be a local date written yyyy-MM-dd/);
    const tooMany = await run('{ units(first: 501) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/first must be between 0 and 500/);
    const badCursor = await run('{ units(after: "nonsense") { totalCount } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nothing = await run('{ resolveUnit { status } }');
    expect(nothing.errors?.[0]?.message).toMatch(/needs a code or a name/);
  });
});
