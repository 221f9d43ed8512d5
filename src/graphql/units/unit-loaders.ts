import DataLoader from 'dataloader';
import type { UnitSuccessionsTable, UnitVersionsTable } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';

/** A succession with the version on its other side. */
export interface SuccessionWithUnit {
  link: UnitSuccessionsTable;
  unit: UnitVersionsTable;
}

// Keys per batch: far below every engine's parameter limit.
const MAX_BATCH = 1000;

/**
 * The per-request loaders of units: every nested unit field goes through one of them, so a page of
 * N units costs one query per field, not N (DESIGN.md §1 "No resolver issues a query per row").
 */
export function unitLoaders({ db }: Database) {
  return {
    /** Every version of a unit, by `LEVEL:code`, oldest first. */
    unitVersionsByCode: new DataLoader<string, UnitVersionsTable[]>(
      async (keys) => {
        const codes = [...new Set(keys.map((k) => k.slice(k.indexOf(':') + 1)))];
        const rows = await db
          .selectFrom('unit_versions')
          .selectAll()
          .where('code', 'in', codes)
          .orderBy('valid_from')
          .execute();
        const byKey = group(rows, (r) => `${r.level}:${r.code}`);
        return keys.map((k) => byKey.get(k) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    /** Every commune version of a province code (legacy and current), by province code. */
    communeVersionsByProvince: new DataLoader<string, UnitVersionsTable[]>(
      async (codes) => {
        const rows = await db
          .selectFrom('unit_versions')
          .selectAll()
          .where('level', '=', 'COMMUNE')
          .where('province_code', 'in', [...codes])
          .orderBy('code')
          .execute();
        const byProvince = group(rows, (r) => r.province_code ?? '');
        return codes.map((c) => byProvince.get(c) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    /** Every commune version of a legacy district, by district code. */
    communeVersionsByDistrict: new DataLoader<string, UnitVersionsTable[]>(
      async (codes) => {
        const rows = await db
          .selectFrom('unit_versions')
          .selectAll()
          .where('level', '=', 'COMMUNE')
          .where('district_code', 'in', [...codes])
          .orderBy('code')
          .execute();
        const byDistrict = group(rows, (r) => r.district_code ?? '');
        return codes.map((c) => byDistrict.get(c) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    /** The successors of a version, by version id. */
    successorsOf: new DataLoader<string, SuccessionWithUnit[]>(
      (ids) => successions(db, ids, 'predecessor_id'),
      {
        maxBatchSize: MAX_BATCH,
      },
    ),

    /** The predecessors of a version, by version id. */
    predecessorsOf: new DataLoader<string, SuccessionWithUnit[]>(
      (ids) => successions(db, ids, 'successor_id'),
      {
        maxBatchSize: MAX_BATCH,
      },
    ),
  };
}

async function successions(
  db: Database['db'],
  ids: readonly string[],
  side: 'predecessor_id' | 'successor_id',
): Promise<SuccessionWithUnit[][]> {
  const other = side === 'predecessor_id' ? 's.successor_id' : 's.predecessor_id';
  const rows = await db
    .selectFrom('unit_successions as s')
    .innerJoin('unit_versions as v', 'v.id', other)
    .selectAll('v')
    .select([
      's.predecessor_id',
      's.successor_id',
      's.relation',
      's.note',
      's.source_row',
      's.effective_from',
    ])
    .where(`s.${side}`, 'in', [...ids])
    .orderBy('v.id')
    .execute();
  const byId = group(rows, (r) => r[side]);
  return ids.map((id) =>
    (byId.get(id) ?? []).map((r) => ({
      link: {
        predecessor_id: r.predecessor_id,
        successor_id: r.successor_id,
        relation: r.relation,
        note: r.note,
        source_row: r.source_row,
        effective_from: r.effective_from,
      },
      unit: {
        id: r.id,
        level: r.level,
        code: r.code,
        type: r.type,
        name: r.name,
        full_name: r.full_name,
        name_key: r.name_key,
        province_code: r.province_code,
        district_code: r.district_code,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        legal_basis: r.legal_basis,
        origin: r.origin,
      },
    })),
  );
}

function group<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}
