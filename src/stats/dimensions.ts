import type { StatsDialect } from './dialect.js';
import type { Geography } from './filter.js';
import { communeKey, type Measure } from './measures.js';
import type { PolicyName } from './policies/index.js';

/** What aggregates group by (DESIGN.md §3 "Aggregates group by any of …"). */
export const DIMENSIONS = [
  'PROVINCE',
  'COMMUNE',
  'OFFICE',
  'PROCEDURE',
  'SECTOR',
  'CHANNEL',
  'STATUS',
  'MONTH',
  'WEEK',
  'DAY',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const TIME_DIMENSIONS: readonly Dimension[] = ['MONTH', 'WEEK', 'DAY'];
/** Dimensions the rollup table carries (the rest are answered from `dossiers`). */
export const ROLLUP_DIMENSIONS: readonly Dimension[] = ['PROVINCE', 'COMMUNE', 'MONTH', 'WEEK', 'DAY'];

/** A dimension's key over `dossiers d`; `date` is the side's bucket date column. '' = none. */
export function dossierKey(
  dim: Dimension,
  geography: Geography,
  dialect: StatsDialect,
  date: string,
): string {
  switch (dim) {
    case 'PROVINCE':
      return `coalesce(d.province_code, '')`;
    case 'COMMUNE':
      return communeKey(geography);
    case 'OFFICE':
      return `coalesce(d.receiving_office_id, '')`;
    case 'PROCEDURE':
      return `coalesce(d.procedure_id, '')`;
    case 'SECTOR':
      return `coalesce(d.sector_code, '')`;
    case 'CHANNEL':
      return `coalesce(d.channel, '')`;
    case 'STATUS':
      return 'd.status';
    case 'MONTH':
      return `substr(${date}, 1, 7)`;
    case 'WEEK':
      return dialect.weekStart(date);
    case 'DAY':
      return date;
  }
}

/** One aggregated row: keys in groupBy order, period measures for the asked policy. */
export interface PeriodRow {
  keys: string[];
  measures: PeriodMeasures;
}

/** Period counts with the chosen policy's timeliness as early / onTime / late. */
export type PeriodMeasures = Record<Exclude<Measure, `${'day' | 'exact' | 'whd'}_${string}`>, number> & {
  early: number;
  on_time: number;
  late: number;
};

export interface PeriodRequest {
  groupBy: readonly Dimension[];
  policy: PolicyName;
  geography: Geography;
  period: { from: string; to: string };
}
