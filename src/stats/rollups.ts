import type { Database } from '../db/database.js';
import type { SqlSession } from '../sync/sql-session.js';
import { inWriteTransaction } from '../sync/write-transaction.js';
import { statsDialect } from './dialect.js';
import { ALL_MEASURES, communeKey, innerUnion, outerSums } from './measures.js';
import { invalidateStatsCache } from './stats-cache.js';

/**
 * Maintains `dossier_rollups` (migration 0007) from `dossiers`: the day and month counts the
 * dashboard's period figures are read from (DESIGN.md §1 "rollups for dashboards").
 *
 * Contract:
 * - `refreshDossierRollups(session, scope?)` recomputes, from `dossiers` as the session sees it, the
 *   rollup rows of every province in the scope — all of them, replacing what was there — and leaves
 *   the other provinces untouched. Call it inside the sync run's transaction AFTER the run's last
 *   write to `dossiers` and `procedures`, so the rollups publish atomically with the data.
 * - scope: `undefined` = every province (the whole table is rebuilt); `{ provinceCodes }` those
 *   provinces ('' = dossiers without a province); `{ dossierIds }` the provinces those dossiers are
 *   in now; `{ runId }` the provinces of the dossiers the run wrote (`updated_run_id`). A dossier
 *   that moved from one province to another needs both provinces (or no scope): the old province is
 *   not known from the new row.
 * - A province is the unit of refresh: exact (no increments to drift), and small enough (a
 *   province's dossiers, grouped by day) to rebuild in one statement.
 * Returns the provinces refreshed.
 */
export type RollupScope =
  | undefined
  | { provinceCodes: readonly string[] }
  | { dossierIds: readonly string[] }
  | { runId: number };

type Executor = Pick<SqlSession, 'engine' | 'all' | 'run' | 'selectIn'>;

const KEYS = ['province_code', 'unit_code', 'reported_code'] as const;
const MAX_IN = 500;

export async function refreshDossierRollups(
  session: Executor,
  scope?: RollupScope,
): Promise<string[] | 'ALL'> {
  const provinces = await provincesOf(session, scope);
  if (provinces === 'ALL') {
    await session.run('delete from dossier_rollups');
    await insertRollups(session, null);
    return 'ALL';
  }
  for (let i = 0; i < provinces.length; i += MAX_IN) {
    const chunk = provinces.slice(i, i + MAX_IN);
    const marks = chunk.map(() => '?').join(', ');
    await session.run(`delete from dossier_rollups where province_code in (${marks})`, chunk);
    await insertRollups(session, chunk);
  }
  return provinces;
}

/** Rebuilds every rollup row in its own write transaction (CLI, benchmarks, tests, after restores). */
export async function rebuildAllDossierRollups(database: Database): Promise<void> {
  await inWriteTransaction(database, async (session) => {
    await refreshDossierRollups(session);
  });
  invalidateStatsCache();
}

async function provincesOf(session: Executor, scope: RollupScope): Promise<string[] | 'ALL'> {
  if (scope === undefined) return 'ALL';
  if ('provinceCodes' in scope) return [...new Set(scope.provinceCodes)].sort();
  if ('dossierIds' in scope) {
    const rows = await session.selectIn<{ p: string }>(
      `select distinct coalesce(province_code, '') as p from dossiers where id in IN_LIST`,
      scope.dossierIds,
    );
    return [...new Set(rows.map((r) => r.p))].sort();
  }
  if ('runId' in scope) {
    const rows = await session.all<{ p: string }>(
      `select distinct coalesce(province_code, '') as p from dossiers where updated_run_id = ?`,
      [scope.runId],
    );
    return rows.map((r) => r.p).sort();
  }
  throw new Error(
    'refreshDossierRollups: scope must be undefined (every province), { provinceCodes }, { dossierIds } or { runId }.',
  );
}

async function insertRollups(session: Executor, provinces: readonly string[] | null): Promise<void> {
  const dialect = statsDialect(session.engine);
  const columns = ['grain', 'bucket', 'week', ...KEYS, ...ALL_MEASURES].join(', ');
  const inProvince =
    provinces === null
      ? ''
      : ` and coalesce(d.province_code, '') in (${provinces.map(() => '?').join(', ')})`;
  const keys = (side: 'R' | 'S') => [
    `${side === 'R' ? 'd.received_date' : 'd.settled_date'} as bucket`,
    `coalesce(d.province_code, '') as province_code`,
    `${communeKey('CURRENT')} as unit_code`,
    `${communeKey('AS_REPORTED')} as reported_code`,
  ];
  const inner = innerUnion(dialect, ['DAY', 'EXACT', 'WORKING_HALF_DAY'], keys, () => inProvince);
  const group = ['bucket', ...KEYS].join(', ');
  await session.run(
    `insert into dossier_rollups (${columns}) select 'D', bucket, ${dialect.weekStart('bucket')}, ${KEYS.join(', ')}, ` +
      `${outerSums(['DAY', 'EXACT', 'WORKING_HALF_DAY']).join(', ')} from (${inner}) x group by ${group}`,
    provinces === null ? [] : [...provinces, ...provinces],
  );
  const sums = ALL_MEASURES.map((m) => `sum(${m})`).join(', ');
  const scoped = provinces === null ? '' : ` and province_code in (${provinces.map(() => '?').join(', ')})`;
  await session.run(
    `insert into dossier_rollups (${columns}) select 'M', substr(bucket, 1, 7), '', ${KEYS.join(', ')}, ${sums} ` +
      `from dossier_rollups where grain = 'D'${scoped} group by substr(bucket, 1, 7), ${KEYS.join(', ')}`,
    provinces === null ? [] : [...provinces],
  );
}
