import type { Database } from '../db/database.js';
import { statsDialect } from './dialect.js';
import { type Dimension, dossierKey } from './dimensions.js';
import { type DossierFilterInput, dossierConditions, type Geography, overdueCondition } from './filter.js';
import { BACKLOG_STATUSES, PAUSED_STATUSES, quoteList } from './measures.js';
import { runSql } from './sql-text.js';

/**
 * The snapshot figures of dossierStats at `asOf` (DESIGN.md §3): backlog, pendingAcceptance and
 * overdue "over all the unit's dossiers, whatever the period". Read from `dossiers` by status
 * (index `dossiers_snapshot`), grouped by the non-time dimensions (a snapshot has no month).
 *
 * asOf at or after the request time: the current status is the status at asOf.
 * asOf in the past: the status at asOf is reconstructed (statusAtSql) — a dossier submitted or
 * received after asOf is not in the snapshot, one settled/refused/withdrawn by asOf is not backlog,
 * and the status history (dossier_events) says what it was in between.
 */
export interface SnapshotRow {
  keys: string[];
  backlog: number;
  pendingAcceptance: number;
  overdue: number;
}

const TERMINAL = ['RESOLVED', 'RETURNED', 'REFUSED', 'WITHDRAWN'];
const OPEN = ['SUBMITTED', ...BACKLOG_STATUSES];

/**
 * The status of `d` at the instant bound to every `?`, or null when the dossier did not
 * exist yet (neither submitted nor received by then). Reading, in order:
 * 1. settled (settle time, or none recorded) by asOf → 'SETTLED'; refused / withdrawn likewise;
 * 2. when the history records a status change after asOf, the latest non-final status recorded at or
 *    before asOf (final statuses in the history are not trusted alone: the portal invents a "9",
 *    SOURCES.md dvcqg quirks), else SUBMITTED before reception and PROCESSING after;
 * 3. otherwise the current status, except that a dossier settled or withdrawn after asOf was
 *    PROCESSING (SUBMITTED before its reception) and one refused after asOf was still SUBMITTED
 *    (refusal is the answer to a submission); a dossier received after asOf was SUBMITTED; a paused
 *    status whose recorded pause began after asOf was PROCESSING.
 */
function statusAtSql(): string {
  const notYetReceived = `(d.received_at is null or d.received_at > ?)`;
  return (
    `case when coalesce(d.submitted_at, d.received_at) is null or coalesce(d.submitted_at, d.received_at) > ? then null ` +
    `when d.status in ('RESOLVED', 'RETURNED') and (d.settled_at is null or d.settled_at <= ?) then 'SETTLED' ` +
    `when d.status = 'REFUSED' and (d.refused_at is null or d.refused_at <= ?) then 'REFUSED' ` +
    `when d.status = 'WITHDRAWN' and (d.withdrawn_at is null or d.withdrawn_at <= ?) then 'WITHDRAWN' ` +
    `when exists (select 1 from dossier_events e where e.dossier_id = d.id and e.status is not null and e.at > ?) then ` +
    `coalesce((select e.status from dossier_events e where e.dossier_id = d.id and e.at <= ? and e.status in (${quoteList(OPEN)}) ` +
    `order by e.at desc, e.seq desc limit 1), case when ${notYetReceived} then 'SUBMITTED' else 'PROCESSING' end) ` +
    `when d.status = 'REFUSED' then 'SUBMITTED' ` +
    // A paused status whose recorded pause began after asOf, with none covering asOf: still running then.
    `when d.status in (${quoteList(PAUSED_STATUSES)}) and exists (select 1 from dossier_pauses q where q.dossier_id = d.id and q.started_at > ?) ` +
    `and not exists (select 1 from dossier_pauses q where q.dossier_id = d.id and q.started_at <= ? and (q.ended_at is null or q.ended_at > ?)) then 'PROCESSING' ` +
    `when ${notYetReceived} then 'SUBMITTED' ` +
    `when d.status in (${quoteList(TERMINAL)}) then 'PROCESSING' ` +
    `else d.status end`
  );
}

export async function snapshotFigures(
  database: Database,
  filter: DossierFilterInput,
  groupBy: readonly Dimension[],
  geography: Geography,
  asOf: string,
  historic: boolean,
): Promise<SnapshotRow[]> {
  const dialect = statsDialect(database.engine);
  const params: unknown[] = [];
  const keyOf = (dim: Dimension, status: string) =>
    dim === 'STATUS' ? status : dossierKey(dim, geography, dialect, 'd.received_date');
  const backlog = quoteList(BACKLOG_STATUSES);
  let text: string;
  if (!historic) {
    const keys = groupBy.map((dim, i) => `${keyOf(dim, 'd.status')} as k${i}`);
    const sums = [
      `cast(sum(case when d.status in (${backlog}) then 1 else 0 end) as integer) as backlog`,
      `cast(sum(case when d.status = 'SUBMITTED' then 1 else 0 end) as integer) as pending`,
      `cast(sum(case when ${overdueCondition('d.status', '?')} then 1 else 0 end) as integer) as overdue`,
    ];
    params.push(asOf, asOf, asOf);
    const where = `d.status in (${backlog}, 'SUBMITTED')${dossierConditions(filter, geography, params)}`;
    text =
      `select ${[...keys, ...sums].join(', ')} from dossiers d where ${where}` +
      (keys.length > 0 ? ` group by ${groupBy.map((dim) => keyOf(dim, 'd.status')).join(', ')}` : '');
  } else {
    // Inner: every dossier of the population with its status at asOf and its keys; outer: the counts.
    const filterParams: unknown[] = [];
    const filterText = dossierConditions(filter, geography, filterParams);
    const innerKeys = groupBy
      .map((dim, i) => (dim === 'STATUS' ? '' : `, ${keyOf(dim, 'd.status')} as k${i}`))
      .join('');
    const sub =
      `select d.id, d.due_at${innerKeys}, ${statusAtSql()} as status_at from dossiers d ` +
      `where coalesce(d.submitted_at, d.received_at) <= ?${filterText}`;
    const outerKey = (dim: Dimension, i: number) => (dim === 'STATUS' ? 's.status_at' : `s.k${i}`);
    const paused = `(s.status_at in (${quoteList(PAUSED_STATUSES)}) or exists (select 1 from dossier_pauses q where q.dossier_id = s.id and q.started_at <= ? and (q.ended_at is null or q.ended_at > ?)))`;
    const sums = [
      `cast(sum(case when s.status_at in (${backlog}) then 1 else 0 end) as integer) as backlog`,
      `cast(sum(case when s.status_at = 'SUBMITTED' then 1 else 0 end) as integer) as pending`,
      `cast(sum(case when s.status_at in (${backlog}) and not ${paused} and s.due_at is not null and s.due_at < ? then 1 else 0 end) as integer) as overdue`,
    ];
    const head = `select ${[...groupBy.map((dim, i) => `${outerKey(dim, i)} as k${i}`), ...sums].join(', ')} from (${sub.slice(0, sub.length - filterText.length)}`;
    // Every placeholder before the filter's is asOf; the filter's come last.
    params.push(...new Array(head.split('?').length - 1).fill(asOf), ...filterParams);
    text =
      `${head}${filterText}) s where s.status_at is not null` +
      (groupBy.length > 0 ? ` group by ${groupBy.map(outerKey).join(', ')}` : '');
  }
  const rows = await runSql<Record<string, unknown>>(database, { text, params });
  return rows.map((r) => ({
    keys: groupBy.map((_, i) => String(r[`k${i}`] ?? '')),
    backlog: Number(r.backlog ?? 0),
    pendingAcceptance: Number(r.pending ?? 0),
    overdue: Number(r.overdue ?? 0),
  }));
}
