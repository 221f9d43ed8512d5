import type { Database } from '../db/database.js';
import { statsDialect } from './dialect.js';
import {
  type Dimension,
  dossierKey,
  type PeriodMeasures,
  type PeriodRequest,
  type PeriodRow,
  ROLLUP_DIMENSIONS,
} from './dimensions.js';
import { type DossierFilterInput, dossierConditions } from './filter.js';
import { innerUnion, outerSums, RECEIVED_MEASURES, SETTLED_MEASURES } from './measures.js';
import { POLICIES } from './policies/index.js';
import { marks, runSqlArrays, type SqlText } from './sql-text.js';

/**
 * The period figures of dossierStats (DESIGN.md §3–4): received, channels, withdrawn, refused,
 * full-process online by received date in the period; settled and timeliness by settle date.
 *
 * Two plans, same numbers:
 * - ROLLUP, when the query only filters and groups by province, commune and time: sums rows of
 *   `dossier_rollups` — whole months of the period from the month rows, the partial months at either
 *   end from the day rows — so the cost follows the number of communes × buckets, not dossiers;
 * - DIRECT otherwise (office, procedure, sector, channel, status, received/settled ranges,
 *   overdueAt): one GROUP BY over `dossiers` through its indexes, timeliness decided in SQL.
 */
export function canUseRollup(filter: DossierFilterInput, groupBy: readonly Dimension[]): boolean {
  const extra =
    filter.officeIds ||
    filter.procedureIds ||
    filter.sectorCodes ||
    filter.channels ||
    filter.statuses ||
    filter.received?.from ||
    filter.received?.to ||
    filter.settled?.from ||
    filter.settled?.to ||
    filter.overdueAt;
  return !extra && groupBy.every((d) => ROLLUP_DIMENSIONS.includes(d));
}

const PLAIN = [...RECEIVED_MEASURES, ...SETTLED_MEASURES] as const;
/** Every measure a period row carries: the plain ones and the chosen policy's timeliness. */
const MEASURE_NAMES = [...PLAIN, 'early', 'on_time', 'late'] as const;

export async function periodFigures(
  database: Database,
  filter: DossierFilterInput,
  request: PeriodRequest,
  forceDirect = false,
): Promise<{ rows: PeriodRow[]; plan: 'ROLLUP' | 'DIRECT' }> {
  const rollup = !forceDirect && canUseRollup(filter, request.groupBy);
  const query = rollup ? rollupQuery(filter, request) : directQuery(database, filter, request);
  const { columns, rows: raw } = await runSqlArrays(database, query);
  const keyAt = request.groupBy.map((_, i) => columns.indexOf(`k${i}`));
  const measureAt = MEASURE_NAMES.map((m) => columns.indexOf(m));
  const rows = raw.map((r) => {
    const measures = {} as PeriodMeasures;
    MEASURE_NAMES.forEach((m, i) => {
      measures[m] = Number(r[measureAt[i]!] ?? 0);
    });
    return { keys: keyAt.map((at) => String(r[at] ?? '')), measures };
  });
  return { rows, plan: rollup ? 'ROLLUP' : 'DIRECT' };
}

function directQuery(database: Database, filter: DossierFilterInput, request: PeriodRequest): SqlText {
  const dialect = statsDialect(database.engine);
  const params: unknown[] = [];
  const keys = (side: 'R' | 'S') => {
    const date = side === 'R' ? 'd.received_date' : 'd.settled_date';
    return request.groupBy.map((dim, i) => `${dossierKey(dim, request.geography, dialect, date)} as k${i}`);
  };
  // Parameters in text order: the received side's conditions, then the settled side's.
  const where = (side: 'R' | 'S') => {
    const date = side === 'R' ? 'd.received_date' : 'd.settled_date';
    const text = `${dossierConditions(filter, request.geography, params)} and ${date} >= ? and ${date} <= ?`;
    params.push(request.period.from, request.period.to);
    return text;
  };
  const inner = innerUnion(dialect, [request.policy], keys, where);
  const c = POLICIES[request.policy].column;
  const sums = outerSums([request.policy]).map((s) =>
    s
      .replace(` as ${c}_early`, ' as early')
      .replace(` as ${c}_on_time`, ' as on_time')
      .replace(` as ${c}_late`, ' as late'),
  );
  const groupKeys = request.groupBy.map((_, i) => `k${i}`);
  const text =
    `select ${[...groupKeys, ...sums].join(', ')} from (${inner}) x` +
    (groupKeys.length > 0 ? ` group by ${groupKeys.join(', ')}` : '');
  return { text, params };
}

/** Whole months inside [from, to] go to the month rows; the partial ends to the day rows. */
export function splitPeriod(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const firstFull = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastFull = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstFull > lastFull) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${firstFull}-01`) days.push([from, lastDayOf(previousMonth(firstFull))]);
  if (to > lastDayOf(lastFull)) days.push([`${nextMonth(lastFull)}-01`, to]);
  return { months: [firstFull, lastFull], days };
}

function rollupQuery(filter: DossierFilterInput, request: PeriodRequest): SqlText {
  const params: unknown[] = [];
  const commune = request.geography === 'CURRENT' ? 'unit_code' : 'reported_code';
  const conditions = (): string => {
    let out = '';
    if (filter.provinceCodes) {
      out += ` and province_code in ${marks(filter.provinceCodes)}`;
      params.push(...filter.provinceCodes);
    }
    if (filter.communeCodes) {
      out += ` and ${commune} in ${marks(filter.communeCodes)}`;
      params.push(...filter.communeCodes);
    }
    return out;
  };
  const fineTime = request.groupBy.includes('WEEK') || request.groupBy.includes('DAY');
  const split = fineTime
    ? { months: null, days: [[request.period.from, request.period.to] as [string, string]] }
    : splitPeriod(request.period.from, request.period.to);
  const c = POLICIES[request.policy].column;
  const columns = (month: string) =>
    `bucket, ${month} as month, week, province_code, ${commune} as commune, ${PLAIN.join(', ')}, ${c}_early as early, ${c}_on_time as on_time, ${c}_late as late`;
  const parts: string[] = [];
  if (split.months) {
    parts.push(
      `select ${columns('bucket')} from dossier_rollups where grain = 'M'${conditions()} and bucket >= ? and bucket <= ?`,
    );
    params.push(split.months[0], split.months[1]);
  }
  for (const [from, to] of split.days) {
    parts.push(
      `select ${columns('substr(bucket, 1, 7)')} from dossier_rollups where grain = 'D'${conditions()} and bucket >= ? and bucket <= ?`,
    );
    params.push(from, to);
  }
  const keyOf = (dim: Dimension): string => {
    switch (dim) {
      case 'PROVINCE':
        return 'province_code';
      case 'COMMUNE':
        return 'commune';
      case 'MONTH':
        return 'month';
      case 'WEEK':
        return 'week';
      case 'DAY':
        return 'bucket';
      default:
        throw new Error(`rollupQuery: ${dim} is not a rollup dimension (canUseRollup decides the plan).`);
    }
  };
  const keys = request.groupBy.map((dim, i) => `${keyOf(dim)} as k${i}`);
  const sums = [...PLAIN, 'early', 'on_time', 'late'].map((m) => `cast(sum(${m}) as integer) as ${m}`);
  // Grouped in the rollup key's order (province, time, commune): over the month rows alone SQLite
  // then sums along its primary key without sorting first (~25 % of the query at 10 million
  // dossiers). The answer's order is set in dossier-stats.ts, not here.
  const grouping = [...request.groupBy].sort((a, b) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
  const text =
    `select ${[...keys, ...sums].join(', ')} from (${parts.join(' union all ')}) r` +
    (keys.length > 0 ? ` group by ${grouping.map((d) => keyOf(d)).join(', ')}` : '');
  return { text, params };
}

/** The order of `dossier_rollups`' primary key (migration 0007), less its grain. */
const KEY_ORDER: readonly Dimension[] = ['PROVINCE', 'MONTH', 'WEEK', 'DAY', 'COMMUNE'];

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
