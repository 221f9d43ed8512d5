import { BACKLOG_STATUSES, communeKey, PAUSED_STATUSES, quoteList } from './measures.js';
import { marks } from './sql-text.js';

/**
 * The population of a dashboard query (DESIGN.md §4: "`filter` chooses which dossiers"), over
 * indexed columns of `dossiers`. Every list is "any of"; an absent or null list adds no condition.
 * `provinceCodes` is already narrowed to the caller's province scope (src/security/scope.ts).
 */
export interface DossierFilterInput {
  provinceCodes?: readonly string[] | null;
  /** Communes: current codes (geography CURRENT) or reported codes (AS_REPORTED). */
  communeCodes?: readonly string[] | null;
  officeIds?: readonly string[] | null;
  procedureIds?: readonly string[] | null;
  sectorCodes?: readonly string[] | null;
  /** IN_PERSON, ONLINE, POSTAL, or UNKNOWN for a dossier no source gives a channel for. */
  channels?: readonly string[] | null;
  statuses?: readonly string[] | null;
  /** Received local date range, inclusive. */
  received?: { from?: string | null; to?: string | null } | null;
  /** Settled local date range, inclusive. */
  settled?: { from?: string | null; to?: string | null } | null;
  /** Only dossiers overdue at this instant (ISO): backlog, not paused then, due before it. */
  overdueAt?: string | null;
}

export type Geography = 'CURRENT' | 'AS_REPORTED';

/** True when a list condition is asked and can never match (answer empty without SQL). */
export function matchesNothing(filter: DossierFilterInput): boolean {
  const lists = [
    filter.provinceCodes,
    filter.communeCodes,
    filter.officeIds,
    filter.procedureIds,
    filter.sectorCodes,
    filter.channels,
    filter.statuses,
  ];
  return lists.some((l) => l !== null && l !== undefined && l.length === 0);
}

/** Conditions over `dossiers d`, each starting with ` and `. */
export function dossierConditions(
  filter: DossierFilterInput,
  geography: Geography,
  params: unknown[],
): string {
  let out = '';
  const list = (expr: string, values: readonly string[] | null | undefined) => {
    if (!values) return;
    out += ` and ${expr} in ${marks(values)}`;
    params.push(...values);
  };
  list('d.province_code', filter.provinceCodes);
  list(geography === 'CURRENT' ? 'd.unit_code' : communeKey('AS_REPORTED'), filter.communeCodes);
  list('d.receiving_office_id', filter.officeIds);
  list('d.procedure_id', filter.procedureIds);
  list('d.sector_code', filter.sectorCodes);
  list('d.status', filter.statuses);
  if (filter.channels) {
    const known = filter.channels.filter((c) => c !== 'UNKNOWN');
    const parts: string[] = [];
    if (known.length > 0) {
      parts.push(`d.channel in ${marks(known)}`);
      params.push(...known);
    }
    if (filter.channels.includes('UNKNOWN')) parts.push('d.channel is null');
    out += ` and (${parts.join(' or ')})`;
  }
  range('d.received_date', filter.received);
  range('d.settled_date', filter.settled);
  if (filter.overdueAt) {
    out += ` and ${overdueCondition('d.status', '?')}`;
    params.push(filter.overdueAt, filter.overdueAt, filter.overdueAt);
  }
  return out;

  function range(column: string, r: { from?: string | null; to?: string | null } | null | undefined) {
    if (r?.from) {
      out += ` and ${column} >= ?`;
      params.push(r.from);
    }
    if (r?.to) {
      out += ` and ${column} <= ?`;
      params.push(r.to);
    }
  }
}

/**
 * Overdue at an instant (DESIGN.md §3): in the backlog, not paused at that instant — neither in a
 * paused status nor inside a recorded pause — and the effective due time before it (timestamps,
 * under every policy). No due time: never overdue. `at` is an SQL expression used three times.
 */
export function overdueCondition(status: string, at: string): string {
  const running = BACKLOG_STATUSES.filter((s) => !(PAUSED_STATUSES as readonly string[]).includes(s));
  return (
    `(${status} in (${quoteList(running)}) and d.due_at is not null and d.due_at < ${at} ` +
    `and not exists (select 1 from dossier_pauses q where q.dossier_id = d.id and q.started_at <= ${at} ` +
    `and (q.ended_at is null or q.ended_at > ${at})))`
  );
}
