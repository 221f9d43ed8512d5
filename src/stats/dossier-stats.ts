import type { Database } from '../db/database.js';
import { type Dimension, type PeriodMeasures, TIME_DIMENSIONS } from './dimensions.js';
import { type DossierFilterInput, type Geography, matchesNothing } from './filter.js';
import { RECEIVED_MEASURES, SETTLED_MEASURES } from './measures.js';
import { periodFigures } from './period-query.js';
import type { PolicyName } from './policies/index.js';
import { snapshotFigures } from './snapshot-query.js';

/**
 * dossierStats (DESIGN.md §3–4): the period figures (period-query.ts) and the snapshot figures at
 * asOf (snapshot-query.ts), merged by group key, with every rate as numerator / denominator.
 * The caller has already narrowed `filter.provinceCodes` to the principal's province scope.
 */
export interface DossierStatsRequest {
  filter: DossierFilterInput;
  period: { from: string; to: string };
  groupBy: readonly Dimension[];
  policy: PolicyName;
  geography: Geography;
  /** The snapshot instant (ISO UTC). */
  asOf: string;
  /** The request's "now" (ISO UTC): an asOf before it reads the status history. */
  now: string;
  /** DIRECT skips the rollups (benchmarks' naive baseline, tests comparing both plans). */
  plan?: 'AUTO' | 'DIRECT';
}

export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface DossierStatsRow {
  /** Group keys by dimension; null = none (e.g. a dossier counted at province level only). */
  keys: Partial<Record<Dimension, string | null>>;
  received: number;
  online: number;
  inPerson: number;
  postal: number;
  channelUnknown: number;
  settled: number;
  early: number;
  onTime: number;
  late: number;
  withoutDueDate: number;
  withdrawn: number;
  refused: number;
  fullOnlineDossiers: number;
  fullOnlineOnline: number;
  /** Snapshot figures at asOf; null in rows grouped by a time dimension (a snapshot has no month). */
  backlog: number | null;
  pendingAcceptance: number | null;
  overdue: number | null;
  onTimeRate: Rate;
  onlineRate: Rate;
  onlineRateExcludingPostal: Rate;
  fullOnlineRate: Rate;
  resolvedRate: Rate;
  policy: PolicyName;
}

export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

const ZERO = Object.fromEntries(
  [...RECEIVED_MEASURES, ...SETTLED_MEASURES, 'early', 'on_time', 'late'].map((m) => [m, 0]),
) as PeriodMeasures;

export async function dossierStats(
  database: Database,
  request: DossierStatsRequest,
): Promise<DossierStatsRow[]> {
  const { groupBy } = request;
  if (new Set(groupBy).size !== groupBy.length) {
    throw new Error(`dossierStats: groupBy lists a dimension twice (${groupBy.join(', ')}); list each once.`);
  }
  const withSnapshot = !groupBy.some((d) => TIME_DIMENSIONS.includes(d));
  if (matchesNothing(request.filter)) {
    return groupBy.length === 0
      ? [toRow(request, [], ZERO, withSnapshot ? { backlog: 0, pendingAcceptance: 0, overdue: 0 } : null)]
      : [];
  }
  const [period, snapshot] = await Promise.all([
    periodFigures(database, request.filter, request, request.plan === 'DIRECT'),
    withSnapshot
      ? snapshotFigures(
          database,
          request.filter,
          groupBy,
          request.geography,
          request.asOf,
          request.asOf < request.now,
        )
      : Promise.resolve([]),
  ]);
  if (!withSnapshot) {
    // Grouped by time: no snapshot figures to merge in, so no keyed merge either (an answer has
    // communes × months rows; building a string key per row is most of the work here).
    return period.rows
      .filter((r) => hasAny(r.measures))
      .sort((a, b) => compareKeys(a.keys, b.keys))
      .map((r) => toRow(request, r.keys, r.measures, null));
  }
  const merged = new Map<
    string,
    { keys: string[]; measures: PeriodMeasures; snap: (typeof snapshot)[number] | null }
  >();
  for (const r of period.rows)
    merged.set(JSON.stringify(r.keys), { keys: r.keys, measures: r.measures, snap: null });
  for (const s of snapshot) {
    const k = JSON.stringify(s.keys);
    const m = merged.get(k);
    if (m) m.snap = s;
    else merged.set(k, { keys: s.keys, measures: ZERO, snap: s });
  }
  if (groupBy.length === 0 && merged.size === 0) merged.set('[]', { keys: [], measures: ZERO, snap: null });
  const rows = [...merged.values()]
    .filter((m) => groupBy.length === 0 || hasAny(m.measures) || (m.snap !== null && hasSnapshot(m.snap)))
    .sort((a, b) => compareKeys(a.keys, b.keys))
    .map((m) =>
      toRow(
        request,
        m.keys,
        m.measures,
        withSnapshot ? (m.snap ?? { backlog: 0, pendingAcceptance: 0, overdue: 0 }) : null,
      ),
    );
  return rows;
}

function hasAny(m: PeriodMeasures): boolean {
  return m.received > 0 || m.settled > 0;
}

function hasSnapshot(s: { backlog: number; pendingAcceptance: number; overdue: number }): boolean {
  return s.backlog > 0 || s.pendingAcceptance > 0;
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function toRow(
  request: DossierStatsRequest,
  keys: string[],
  m: PeriodMeasures,
  snap: { backlog: number; pendingAcceptance: number; overdue: number } | null,
): DossierStatsRow {
  const keyed: DossierStatsRow['keys'] = {};
  request.groupBy.forEach((dim, i) => {
    keyed[dim] = keys[i] === '' || keys[i] === undefined ? null : keys[i]!;
  });
  return {
    keys: keyed,
    received: m.received,
    online: m.online,
    inPerson: m.in_person,
    postal: m.postal,
    channelUnknown: m.channel_unknown,
    settled: m.settled,
    early: m.early,
    onTime: m.on_time,
    late: m.late,
    withoutDueDate: m.without_due,
    withdrawn: m.withdrawn,
    refused: m.refused,
    fullOnlineDossiers: m.full_online,
    fullOnlineOnline: m.full_online_online,
    backlog: snap?.backlog ?? null,
    pendingAcceptance: snap?.pendingAcceptance ?? null,
    overdue: snap?.overdue ?? null,
    // DESIGN.md §3 "On-time rate = (early + on time) / settled" (withoutDueDate is inside onTime).
    onTimeRate: rate(m.early + m.on_time, m.settled),
    // "Online rate = online / (online + in person + postal); also without postal."
    onlineRate: rate(m.online, m.online + m.in_person + m.postal),
    onlineRateExcludingPostal: rate(m.online, m.online + m.in_person),
    // "Full-process online rate": among FULL_ONLINE procedures' dossiers received, the online share.
    fullOnlineRate: rate(m.full_online_online, m.full_online),
    // "Resolved rate = settled / received."
    resolvedRate: rate(m.settled, m.received),
    policy: request.policy,
  };
}
