import type { StatsDialect } from './dialect.js';
import { POLICIES, type PolicyName } from './policies/index.js';

/**
 * What one dossier contributes to the period figures (DESIGN.md §3), as SQL over `dossiers d`
 * (and `procedures p` for the received side). Shared by the rollup refresh (rollups.ts) and the
 * direct aggregate (period-query.ts), so both count exactly the same way.
 *
 * Each dossier appears up to twice: once on the RECEIVED side, keyed by its received local date
 * (received, channel split, withdrawn, refused, full-process online), and once on the SETTLED side,
 * keyed by its settle local date (settled, timeliness per policy, withoutDueDate).
 */
export const BACKLOG_STATUSES = [
  'ACCEPTED',
  'PROCESSING',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_PAYMENT',
  'STOPPED',
] as const;
/** Statuses during which the clock is stopped (SOURCES.md vocabulary: 5, 6, 8 are "paused"). */
export const PAUSED_STATUSES = ['SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'STOPPED'] as const;
export const SETTLED_STATUSES = ['RESOLVED', 'RETURNED'] as const;

export const quoteList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** The counts a rollup row and a stats row carry, in a fixed order. */
export const RECEIVED_MEASURES = [
  'received',
  'online',
  'in_person',
  'postal',
  'channel_unknown',
  'withdrawn',
  'refused',
  'full_online',
  'full_online_online',
] as const;
export const SETTLED_MEASURES = ['settled', 'without_due'] as const;
export const POLICY_MEASURES = [
  'day_early',
  'day_on_time',
  'day_late',
  'exact_early',
  'exact_on_time',
  'exact_late',
  'whd_early',
  'whd_on_time',
  'whd_late',
] as const;
export const ALL_MEASURES = [...RECEIVED_MEASURES, ...SETTLED_MEASURES, ...POLICY_MEASURES] as const;
export type Measure = (typeof ALL_MEASURES)[number];

const flag = (condition: string) => `case when ${condition} then 1 else 0 end`;

/** Received side: one row per dossier with a received time (DESIGN.md §3 "Received"). */
export function receivedColumns(): Record<(typeof RECEIVED_MEASURES)[number], string> {
  return {
    received: '1',
    online: flag(`d.channel = 'ONLINE'`),
    in_person: flag(`d.channel = 'IN_PERSON'`),
    postal: flag(`d.channel = 'POSTAL'`),
    // A dossier no source gives a channel for (DESIGN.md §3: received = online + inPerson + postal + channelUnknown).
    channel_unknown: flag(`d.channel is null or d.channel not in ('ONLINE', 'IN_PERSON', 'POSTAL')`),
    // Withdrawn and refused are counted by received date, like received (DESIGN.md §3).
    withdrawn: flag(`d.status = 'WITHDRAWN'`),
    refused: flag(`d.status = 'REFUSED'`),
    // FULL_ONLINE = MucDo 4 / "Mức độ 4"; an unknown procedure is not (DESIGN.md §3).
    full_online: flag(`p.level = 'FULL_ONLINE'`),
    full_online_online: flag(`p.level = 'FULL_ONLINE' and d.channel = 'ONLINE'`),
  };
}

/** Condition for the received side (`d.received_date` is the bucket date). */
export const RECEIVED_WHERE = 'd.received_date is not null';
/** Condition for the settled side: RESOLVED or RETURNED with a settle time (DESIGN.md §3 "Settled"). */
export const SETTLED_WHERE = `d.status in (${quoteList(SETTLED_STATUSES)}) and d.settled_date is not null`;

/** The timeliness code of a settled dossier under one policy (policies/policy.ts codes). */
export function timelinessCode(dialect: StatsDialect, policy: PolicyName): string {
  return POLICIES[policy].sql(dialect, {
    settledAt: 'd.settled_at',
    settledDate: 'd.settled_date',
    dueAt: 'd.due_at',
  });
}

/**
 * Sums over an inner select that has `received…` columns (0 on the settled side) and `t_<column>`
 * timeliness codes (-1 on the received side). withoutDueDate is counted ON_TIME (DESIGN.md §3).
 */
export function outerSums(policies: readonly PolicyName[]): string[] {
  const sums: string[] = [];
  for (const m of [...RECEIVED_MEASURES, ...SETTLED_MEASURES])
    sums.push(`cast(sum(${m}) as integer) as ${m}`);
  for (const name of policies) {
    const c = POLICIES[name].column;
    sums.push(`cast(sum(case when t_${c} = 1 then 1 else 0 end) as integer) as ${c}_early`);
    sums.push(`cast(sum(case when t_${c} in (0, 2) then 1 else 0 end) as integer) as ${c}_on_time`);
    sums.push(`cast(sum(case when t_${c} = 3 then 1 else 0 end) as integer) as ${c}_late`);
  }
  return sums;
}

/**
 * The inner union: `keys(side)` gives the key expressions for a side ('R' uses received_date, 'S'
 * settled_date as the bucket date); `where` adds conditions per side (text, already bound).
 */
export function innerUnion(
  dialect: StatsDialect,
  policies: readonly PolicyName[],
  keys: (side: 'R' | 'S') => string[],
  where: (side: 'R' | 'S') => string,
): string {
  const rc = receivedColumns();
  const received = [
    ...keys('R'),
    ...RECEIVED_MEASURES.map((m) => `${rc[m]} as ${m}`),
    '0 as settled',
    '0 as without_due',
    ...policies.map((p) => `-1 as t_${POLICIES[p].column}`),
  ];
  const settled = [
    ...keys('S'),
    ...RECEIVED_MEASURES.map((m) => `0 as ${m}`),
    '1 as settled',
    `${flag('d.due_at is null')} as without_due`,
    ...policies.map((p) => `${timelinessCode(dialect, p)} as t_${POLICIES[p].column}`),
  ];
  return (
    `select ${received.join(', ')} from dossiers d left join procedures p on p.id = d.procedure_id ` +
    `where ${RECEIVED_WHERE}${where('R')} ` +
    `union all select ${settled.join(', ')} from dossiers d where ${SETTLED_WHERE}${where('S')}`
  );
}

/** The commune a dossier counts in, by geography (DESIGN.md §3; '' = province level only). */
export function communeKey(geography: 'CURRENT' | 'AS_REPORTED'): string {
  if (geography === 'CURRENT') return `coalesce(d.unit_code, '')`;
  // The reported commune; a dossier without a reported area took its unit from its receiving office
  // (SOURCES.md "Which unit a record belongs to"), so that unit is what was reported. A legacy
  // district or a province code reports no commune.
  return `case when d.unit_reported_code is null then coalesce(d.unit_code, '') when length(d.unit_reported_code) = 5 then d.unit_reported_code else '' end`;
}
