import type { Engine } from '../db/database.js';

/**
 * The few SQL expressions SQLite and PostgreSQL spell differently, as text fragments over trusted
 * column expressions (never user input). Everything else in src/stats is portable SQL.
 *
 * Instants are stored as ISO-8601 UTC text with milliseconds (schema/migrations/column-types.ts);
 * KPI periods and timeliness use Vietnam local time, UTC+7 with no daylight saving (DESIGN.md §2–3).
 */
export interface StatsDialect {
  readonly engine: Engine;
  /** Local (UTC+7) calendar date `yyyy-MM-dd` of an ISO instant column. */
  localDate(instant: string): string;
  /** Local (UTC+7) time of day `HH:MM:SS.mmm` of an ISO instant column (sorts as text). */
  localTime(instant: string): string;
  /** The Monday (`yyyy-MM-dd`) of the ISO week of a local date column. */
  weekStart(date: string): string;
}

const sqlite: StatsDialect = {
  engine: 'sqlite',
  // SQLite reads `…T01:22:11.000Z` (the Z is a time-zone suffix) and shifts by the modifier.
  localDate: (i) => `date(${i}, '+7 hours')`,
  localTime: (i) => `strftime('%H:%M:%f', ${i}, '+7 hours')`,
  // 'weekday 0' moves forward to the next Sunday (or stays on a Sunday); six days back is Monday.
  weekStart: (d) => `date(${d}, 'weekday 0', '-6 days')`,
};

const local = (i: string) => `((cast(${i} as timestamptz) at time zone 'UTC') + interval '7 hours')`;

const postgres: StatsDialect = {
  engine: 'postgres',
  localDate: (i) => `to_char(${local(i)}, 'YYYY-MM-DD')`,
  localTime: (i) => `to_char(${local(i)}, 'HH24:MI:SS.MS')`,
  weekStart: (d) => `to_char(date_trunc('week', cast(${d} as date)), 'YYYY-MM-DD')`,
};

export function statsDialect(engine: Engine): StatsDialect {
  return engine === 'sqlite' ? sqlite : postgres;
}
