import { describe, expect, it } from 'vitest';
import { computeDue } from '../../src/sync/due-dates.js';
import { WorkingCalendar } from '../../src/sync/working-calendar.js';

/** Local (UTC+7) wall time → UTC instant, so the cases read as the rules are written. */
const local = (s: string) => new Date(`${s}+07:00`).toISOString();

describe('working calendar (Mon–Fri 07:00–11:30, 13:30–17:00 local, minus holidays)', () => {
  const cal = new WorkingCalendar();

  it('receipt Friday 16:00 + 1 working day ends Monday 16:00', () => {
    // 2025-08-01 is a Friday: 1 h on Friday, 4.5 h Monday morning, 2.5 h Monday afternoon.
    expect(cal.addWorkingDays(local('2025-08-01T16:00:00'), 1)).toBe(local('2025-08-04T16:00:00'));
  });

  it('a receipt on Saturday starts at the next opening (Monday 07:00)', () => {
    expect(cal.addWorkingDays(local('2025-08-02T10:00:00'), 1)).toBe(local('2025-08-04T17:00:00'));
    expect(cal.addWorkingHours(local('2025-08-02T10:00:00'), 2)).toBe(local('2025-08-04T09:00:00'));
  });

  it('skips the lunch break', () => {
    expect(cal.addWorkingHours(local('2025-08-04T11:00:00'), 1)).toBe(local('2025-08-04T14:00:00'));
    // A receipt during lunch starts at 13:30.
    expect(cal.addWorkingHours(local('2025-08-04T12:15:00'), 1)).toBe(local('2025-08-04T14:30:00'));
  });

  it('a due ending exactly at 11:30 or 17:00 is that instant', () => {
    expect(cal.addWorkingHours(local('2025-08-04T07:00:00'), 4.5)).toBe(local('2025-08-04T11:30:00'));
    expect(cal.addWorkingDays(local('2025-08-04T07:00:00'), 1)).toBe(local('2025-08-04T17:00:00'));
  });

  it('a receipt at exactly 17:00 starts the next working morning', () => {
    expect(cal.addWorkingHours(local('2025-08-04T17:00:00'), 1)).toBe(local('2025-08-05T08:00:00'));
  });

  it('skips the province holidays (National Day 2025-09-01/02)', () => {
    const withHolidays = new WorkingCalendar(new Set(['2025-09-01', '2025-09-02']));
    // Received Thursday 2025-08-28 10:00 + 3 working days: Thu 10:00–17:00 (6 h), Fri 8 h, Wed 8 h, Thu 07:00+2 h.
    expect(withHolidays.addWorkingDays(local('2025-08-28T10:00:00'), 3)).toBe(local('2025-09-04T10:00:00'));
    // Without the holidays the same duration ends on Tuesday.
    expect(cal.addWorkingDays(local('2025-08-28T10:00:00'), 3)).toBe(local('2025-09-02T10:00:00'));
  });

  it('calendar days land on the next working day at the same time of day', () => {
    // 2025-08-01 (Fri) 09:00 + 1 day = Saturday → Monday 09:00.
    expect(cal.addCalendarDays(local('2025-08-01T09:00:00'), 1)).toBe(local('2025-08-04T09:00:00'));
    const withHolidays = new WorkingCalendar(new Set(['2025-09-01', '2025-09-02']));
    // 2025-08-25 10:00 + 7 days = Monday 2025-09-01 (holiday) → Wednesday 2025-09-03 10:00.
    expect(withHolidays.addCalendarDays(local('2025-08-25T10:00:00'), 7)).toBe(local('2025-09-03T10:00:00'));
  });

  it('uses local dates: a receipt at 06:30 local (23:30 UTC the day before) starts at 07:00 that local day', () => {
    expect(cal.addWorkingHours(local('2025-08-05T06:30:00'), 1)).toBe(local('2025-08-05T08:00:00'));
  });
});

describe('due times and supplement rounds', () => {
  const calendar = () => new WorkingCalendar();
  const base = {
    receivedAt: local('2025-08-04T08:00:00'),
    sourceDueAt: null,
    sourceDueFrom: null,
    duration: null,
    durationFrom: null,
    supplements: [],
    supplementsFrom: null,
    status: 'PROCESSING',
    settledAt: null,
    statusTimes: [],
  };

  it('a source due beats a derived one', () => {
    const r = computeDue(
      {
        ...base,
        sourceDueAt: local('2025-08-10T17:00:00'),
        sourceDueFrom: 'dvcqg',
        duration: { value: 1, unit: 'WORKING_DAYS' },
      },
      calendar,
    );
    expect(r).toMatchObject({ dueAt: local('2025-08-10T17:00:00'), derived: false });
    expect(r.revisions).toEqual([
      {
        seq: 0,
        due_at: local('2025-08-10T17:00:00'),
        previous_due_at: null,
        reason: 'ORIGINAL',
        excuses_lateness: 0,
        source: 'dvcqg',
      },
    ]);
  });

  it('derives from the duration when no source has a due', () => {
    const r = computeDue(
      { ...base, duration: { value: 2, unit: 'WORKING_HOURS' }, durationFrom: 'onestop' },
      calendar,
    );
    expect(r).toMatchObject({
      dueAt: local('2025-08-04T10:00:00'),
      originalDueAt: local('2025-08-04T10:00:00'),
      derived: true,
    });
    expect(r.revisions[0]).toMatchObject({ reason: 'DERIVED', excuses_lateness: 0 });
  });

  it('applies rounds in request order: a new due, then a shift by the pause; an open round ends at settlement', () => {
    const r = computeDue(
      {
        ...base,
        sourceDueAt: local('2025-08-10T17:00:00'),
        sourceDueFrom: 'onestop',
        supplementsFrom: 'onestop',
        status: 'RESOLVED',
        settledAt: local('2025-08-20T10:00:00'),
        supplements: [
          // Listed out of order on purpose.
          {
            requestedAt: local('2025-08-15T10:00:00'),
            receivedBackAt: null,
            previousDueAt: null,
            newDueAt: null,
          },
          {
            requestedAt: local('2025-08-05T10:00:00'),
            receivedBackAt: local('2025-08-06T10:00:00'),
            previousDueAt: null,
            newDueAt: local('2025-08-12T17:00:00'),
          },
        ],
      },
      calendar,
    );
    // Second round: open until the settle time, 5 days → the due moves by 5 days.
    expect(r.dueAt).toBe(local('2025-08-17T17:00:00'));
    expect(r.revisions.map((x) => [x.reason, x.due_at, x.excuses_lateness])).toEqual([
      ['ORIGINAL', local('2025-08-10T17:00:00'), 0],
      ['SUPPLEMENT', local('2025-08-12T17:00:00'), 1],
      ['SUPPLEMENT', local('2025-08-17T17:00:00'), 1],
    ]);
    expect(r.pauses.map((p) => [p.kind, p.started_at, p.ended_at])).toEqual([
      ['SUPPLEMENT', local('2025-08-05T10:00:00'), local('2025-08-06T10:00:00')],
      ['SUPPLEMENT', local('2025-08-15T10:00:00'), local('2025-08-20T10:00:00')],
    ]);
  });

  it('a paused status opens a current pause from its latest event', () => {
    const r = computeDue(
      {
        ...base,
        status: 'AWAITING_PAYMENT',
        statusTimes: [
          { at: local('2025-08-05T09:00:00'), status: 'AWAITING_PAYMENT', source: 'onestop' },
          { at: local('2025-08-04T09:00:00'), status: 'PROCESSING', source: 'onestop' },
        ],
      },
      calendar,
    );
    expect(r.pauses).toEqual([
      {
        seq: 0,
        kind: 'PAYMENT',
        started_at: local('2025-08-05T09:00:00'),
        ended_at: null,
        source: 'onestop',
      },
    ]);
  });
});
