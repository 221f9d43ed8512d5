import type { StatsDialect } from '../dialect.js';

/**
 * A timeliness policy (DESIGN.md §3 "Timeliness"): an SQL expression that classifies one settled
 * dossier against its effective due time. Policies are decided in SQL (one CASE per row) so
 * aggregates never load dossiers into JavaScript.
 *
 * The expression yields an integer code: 0 = no due time (counted ON_TIME and as withoutDueDate),
 * 1 = EARLY, 2 = ON_TIME, 3 = LATE.
 */
export const NO_DUE = 0;
export const EARLY = 1;
export const ON_TIME = 2;
export const LATE = 3;

/** Column expressions a policy reads (all from `dossiers`). */
export interface TimelinessColumns {
  /** Settle instant (ISO UTC text). */
  settledAt: string;
  /** Local date of the settle instant (`dossiers.settled_date`). */
  settledDate: string;
  /** Effective due instant (ISO UTC text), null when there is none. */
  dueAt: string;
}

export interface TimelinessPolicyDefinition {
  /** The GraphQL enum value and the rollup column prefix. */
  readonly name: 'DAY' | 'EXACT' | 'WORKING_HALF_DAY';
  /** Rollup columns `<prefix>_early`, `<prefix>_on_time`, `<prefix>_late`. */
  readonly column: 'day' | 'exact' | 'whd';
  /** What the policy means, for the README and the GraphQL enum description. */
  readonly description: string;
  sql(d: StatsDialect, c: TimelinessColumns): string;
}
