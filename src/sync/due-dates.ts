import type { DurationUnit } from '../../schema/canonical/vocabulary.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * A dossier's due times and pauses (DESIGN.md §3 "Effective due time"; SOURCES.md "Times and
 * durations"):
 * - the original due is the merged source due time; only when no source has one is it derived:
 *   received time + statutory duration on the working calendar (derive only after merging);
 * - supplement rounds apply in order of their request time: the round's new due time when given,
 *   else the due moves by the pause (request → received back; a round still open when the dossier
 *   settles ends at the settle time). Only supplement rounds excuse lateness;
 * - pauses: every supplement round, plus the current pause when the status is a paused one
 *   (SUPPLEMENT_REQUESTED, AWAITING_PAYMENT, STOPPED), started at the latest event or round with it.
 */
export interface SupplementRoundIn {
  requestedAt: string;
  receivedBackAt: string | null;
  previousDueAt: string | null;
  newDueAt: string | null;
}

export interface DueInput {
  receivedAt: string | null;
  /** The merged due time from the sources and which source gave it. */
  sourceDueAt: string | null;
  sourceDueFrom: string | null;
  duration: { value: number; unit: DurationUnit } | null;
  durationFrom: string | null;
  supplements: readonly SupplementRoundIn[];
  supplementsFrom: string | null;
  status: string;
  settledAt: string | null;
  /** Status changes with their times, any order (events and the like). */
  statusTimes: readonly { at: string; status: string | null; source: string }[];
}

export interface DueRevision {
  seq: number;
  due_at: string;
  previous_due_at: string | null;
  reason: 'ORIGINAL' | 'DERIVED' | 'SUPPLEMENT';
  excuses_lateness: number;
  source: string;
}

export interface Pause {
  seq: number;
  kind: 'SUPPLEMENT' | 'PAYMENT' | 'STOPPED';
  started_at: string;
  ended_at: string | null;
  source: string;
}

export interface DueResult {
  originalDueAt: string | null;
  dueAt: string | null;
  derived: boolean;
  revisions: DueRevision[];
  pauses: Pause[];
}

const PAUSED: Record<string, Pause['kind']> = {
  SUPPLEMENT_REQUESTED: 'SUPPLEMENT',
  AWAITING_PAYMENT: 'PAYMENT',
  STOPPED: 'STOPPED',
};

export function derivedDue(
  receivedAt: string,
  duration: { value: number; unit: DurationUnit },
  calendar: WorkingCalendar,
): string {
  switch (duration.unit) {
    case 'WORKING_DAYS':
      return calendar.addWorkingDays(receivedAt, duration.value);
    case 'WORKING_HOURS':
      return calendar.addWorkingHours(receivedAt, duration.value);
    case 'CALENDAR_DAYS':
      return calendar.addCalendarDays(receivedAt, duration.value);
  }
}

export function computeDue(input: DueInput, calendar: () => WorkingCalendar): DueResult {
  const revisions: DueRevision[] = [];
  let due: string | null = null;
  let derived = false;
  if (input.sourceDueAt !== null) {
    due = input.sourceDueAt;
    revisions.push(rev(0, due, null, 'ORIGINAL', 0, input.sourceDueFrom ?? 'unknown'));
  } else if (input.receivedAt !== null && input.duration !== null) {
    due = derivedDue(input.receivedAt, input.duration, calendar());
    derived = true;
    revisions.push(rev(0, due, null, 'DERIVED', 0, input.durationFrom ?? 'derived'));
  }
  const originalDueAt = due;

  const rounds = [...input.supplements].sort((a, b) => cmp(a.requestedAt, b.requestedAt));
  const supplementSource = input.supplementsFrom ?? 'unknown';
  const pauses: Omit<Pause, 'seq'>[] = [];
  for (const r of rounds) {
    const end = r.receivedBackAt ?? input.settledAt;
    pauses.push({ kind: 'SUPPLEMENT', started_at: r.requestedAt, ended_at: end, source: supplementSource });
    let next: string | null = null;
    if (r.newDueAt !== null) next = r.newDueAt;
    else if (due !== null && end !== null) {
      const elapsed = Math.max(0, Date.parse(end) - Date.parse(r.requestedAt));
      next = new Date(Date.parse(due) + elapsed).toISOString();
    }
    // A round still open (not received back, not settled) cannot move the due yet: the dossier is
    // paused, and overdue is never counted while paused (DESIGN.md §3).
    if (next !== null && next !== due) {
      revisions.push(rev(revisions.length, next, due, 'SUPPLEMENT', 1, supplementSource));
      due = next;
    }
  }

  const kind = PAUSED[input.status];
  if (kind !== undefined) {
    const open = pauses.find((p) => p.kind === kind && p.ended_at === null);
    if (open === undefined) {
      let start: { at: string; source: string } | null = null;
      for (const e of input.statusTimes) {
        if (e.status === input.status && (start === null || e.at > start.at))
          start = { at: e.at, source: e.source };
      }
      if (start === null && kind === 'SUPPLEMENT' && rounds.length > 0) {
        start = { at: rounds[rounds.length - 1]!.requestedAt, source: supplementSource };
      }
      if (start !== null) pauses.push({ kind, started_at: start.at, ended_at: null, source: start.source });
    }
  }
  pauses.sort((a, b) => cmp(a.started_at, b.started_at) || cmp(a.kind, b.kind));
  return {
    originalDueAt,
    dueAt: due,
    derived,
    revisions,
    pauses: pauses.map((p, seq) => ({ seq, ...p })),
  };
}

function rev(
  seq: number,
  due_at: string,
  previous_due_at: string | null,
  reason: DueRevision['reason'],
  excuses_lateness: number,
  source: string,
): DueRevision {
  return { seq, due_at, previous_due_at, reason, excuses_lateness, source };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
