/** What was due (shared/domain/scheduling/due.ts): the one count progress, adherence and inactivity share. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../shared/domain/plan/lifecycle.ts';
import {
  activeSpans,
  currentSession,
  daySessions,
  dueSessions,
  nextSession,
  planSessions,
  sessionKey,
  sessionNumber,
  sessionsAhead,
  sessionsDue,
  type DueRecord,
  type StatusMark,
} from '../../shared/domain/scheduling/due.ts';
import { planProgress, todayInWords } from '../../shared/domain/plan/progress.ts';
import { zonedInstant } from '../../shared/domain/time.ts';

const ZONE = 'America/New_York';
const PLAN = {
  startDate: '2027-03-12',
  lengthDays: 3,
  sessionTimes: ['08:00', '13:00', '19:00'] as [string, string, string],
  timeZone: ZONE,
  startsAt: zonedInstant('2027-03-12', '00:00', ZONE).toISOString(),
};
const at = (date: string, time: string) => zonedInstant(date, time, ZONE);
const trail = (marks: [PlanStatus, Date][], status = marks.at(-1)![0]) => ({
  status,
  statusHistory: marks.map(([to, when]): StatusMark => ({ to, at: when.toISOString() })),
  updatedAt: marks.at(-1)![1].toISOString(),
  plan: PLAN,
});
const keys = (sessions: readonly { localDate: string; slot: number }[]) =>
  sessions.map((s) => `${s.localDate} ${s.slot}`);

describe('sessions due', () => {
  it('every session of the plan, in local time across a daylight-saving change', () => {
    const sessions = planSessions(PLAN);
    expect(sessions).toHaveLength(9);
    // 2027-03-14 is the spring change in New York: 08:00 is 13:00 UTC before, 12:00 UTC after.
    expect(sessions[0]!.at.toISOString()).toBe('2027-03-12T13:00:00.000Z');
    expect(sessions[6]!.at.toISOString()).toBe('2027-03-14T12:00:00.000Z');
  });

  it('counts from sign-up: a code confirmed at 16:34 makes only the evening session due that day', () => {
    const record = trail([['active', at('2027-03-12', '16:34')]]);
    const due = sessionsDue(PLAN, activeSpans(record, at('2027-03-13', '10:00')), at('2027-03-13', '10:00'));
    expect(keys(due)).toEqual(['2027-03-12 3', '2027-03-13 1']);
  });

  it('leaves out paused time and everything after a stop', () => {
    const record = trail([
      ['active', at('2027-03-12', '07:00')],
      ['paused', at('2027-03-12', '12:00')],
      ['active', at('2027-03-13', '09:00')],
      ['stopped', at('2027-03-13', '14:00')],
    ]);
    const now = at('2027-03-14', '23:00');
    expect(keys(sessionsDue(PLAN, activeSpans(record, now), now))).toEqual(['2027-03-12 1', '2027-03-13 2']);
  });

  it('a plan stored before the history: its first day until its last change, or until now while it runs', () => {
    const now = at('2027-03-12', '14:00');
    const running = { status: 'active' as const, updatedAt: now.toISOString(), plan: PLAN };
    expect(keys(sessionsDue(PLAN, activeSpans(running, now), now))).toEqual(['2027-03-12 1', '2027-03-12 2']);
    const pending = { ...running, status: 'pending_verification' as const };
    expect(activeSpans(pending, now)).toEqual([]);
    const stopped = {
      ...running,
      status: 'stopped' as const,
      updatedAt: at('2027-03-12', '09:00').toISOString(),
    };
    expect(keys(sessionsDue(PLAN, activeSpans(stopped, now), now))).toEqual(['2027-03-12 1']);
  });

  it('never more than the plan holds, never one ahead of now, and a pause never adds one', () => {
    const instants = fc
      .integer({ min: 0, max: 4 * 24 * 60 })
      .map((m) => new Date(Date.parse(PLAN.startsAt) + m * 60_000));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<PlanStatus>('active', 'paused', 'stopped'), instants), {
          maxLength: 8,
        }),
        instants,
        instants,
        (marks, now, pausedAt) => {
          const history = marks.map(([to, when]): StatusMark => ({ to, at: when.toISOString() }));
          const record = {
            status: 'active' as const,
            statusHistory: history,
            updatedAt: now.toISOString(),
            plan: PLAN,
          };
          const due = sessionsDue(PLAN, activeSpans(record, now), now);
          expect(due.length).toBeLessThanOrEqual(9);
          for (const s of due) expect(s.at.getTime()).toBeLessThanOrEqual(now.getTime());
          const paused = {
            ...record,
            statusHistory: [...history, { to: 'paused' as const, at: pausedAt.toISOString() }],
          };
          expect(sessionsDue(PLAN, activeSpans(paused, now), now).length).toBeLessThanOrEqual(due.length);
        },
      ),
    );
  });
});

describe('the patient’s own changes and the day’s numbering', () => {
  const FULL = { ...PLAN, lengthDays: 14, sessionsPerDay: 3 as const };
  const signedUp = (
    history: [PlanStatus, Date][],
    extra: Omit<Partial<DueRecord>, 'plan'> & { plan?: typeof FULL } = {},
  ): DueRecord & { plan: typeof FULL } => ({
    ...trail(history),
    plan: FULL,
    ...extra,
  });

  it('a 16:34 sign-up: the first reminder is "session 1 of 1", the next day "1 of 3"', () => {
    const record = signedUp([['active', at('2027-03-12', '16:34')]]);
    const now = at('2027-03-12', '16:35');
    expect(keys(daySessions(record, '2027-03-12', now))).toEqual(['2027-03-12 3']);
    expect(sessionNumber(record, { localDate: '2027-03-12', slot: 3 }, at('2027-03-12', '19:00'))).toEqual({
      number: 1,
      of: 1,
    });
    expect(sessionNumber(record, { localDate: '2027-03-13', slot: 2 }, at('2027-03-13', '13:00'))).toEqual({
      number: 2,
      of: 3,
    });
    // Done on the page at 17:00 logs the evening session, the only one of the day.
    expect(currentSession(record, '2027-03-12', now)).toMatchObject({ slot: 3 });
  });

  it('progress counts only sessions due since sign-up: day 5 at 10:00 is "x of 13", not "of 15"', () => {
    const record = signedUp([['active', at('2027-03-12', '16:34')]]);
    const now = at('2027-03-16', '10:00');
    // Day 1: 1 (19:00); days 2–4: 3 each; day 5: 08:00 only.
    expect(dueSessions(record, now)).toHaveLength(11);
    const progress = planProgress(record, [], now);
    expect(progress.sessionsSoFar).toBe(11);
    expect(progress.sessionsPlanned).toBe(11 + 2 + 9 * 3);
    expect(todayInWords(progress)).toBe('Today: 0 of 3 sessions done.');
  });

  it('after STOP the summary counts what was due, not the whole plan', () => {
    const record = signedUp([
      ['active', at('2027-03-12', '16:34')],
      ['stopped', at('2027-03-14', '09:00')],
    ]);
    const done = [
      { type: 'done' as const, localDate: '2027-03-12', slot: 3 },
      { type: 'done' as const, localDate: '2027-03-13', slot: 1 },
    ];
    const progress = planProgress({ ...record, status: 'stopped' }, done, at('2027-03-30', '12:00'));
    // 1 + 3 + 1 (08:00 on the 14th, before the stop at 09:00).
    expect(progress).toMatchObject({ sessionsDone: 2, sessionsSoFar: 5, sessionsPlanned: 5 });
  });

  it('a skipped session is not due; a snoozed one is due at its new time', () => {
    const snoozeTo = at('2027-03-13', '14:00');
    const record = signedUp([['active', at('2027-03-12', '07:00')]], {
      sessionChanges: {
        '2027-03-13#1': { kind: 'skip', at: at('2027-03-13', '07:00').toISOString() },
        '2027-03-13#2': {
          kind: 'snooze',
          at: at('2027-03-13', '12:50').toISOString(),
          to: snoozeTo.toISOString(),
        },
      },
    });
    expect(keys(dueSessions(record, at('2027-03-13', '13:30')))).toEqual([
      '2027-03-12 1',
      '2027-03-12 2',
      '2027-03-12 3',
    ]);
    const due = dueSessions(record, at('2027-03-13', '14:00'));
    expect(due.at(-1)).toMatchObject({ localDate: '2027-03-13', slot: 2, at: snoozeTo });
    expect(due.at(-1)!.snoozedFrom).toEqual(at('2027-03-13', '13:00'));
    // The day has two sessions left: the snoozed one is "1 of 2".
    expect(sessionNumber(record, { localDate: '2027-03-13', slot: 2 }, snoozeTo)).toEqual({
      number: 1,
      of: 2,
    });
  });

  it('skip and snooze apply to the current session until it is done, then to the next', () => {
    const record = signedUp([['active', at('2027-03-12', '07:00')]]);
    const now = at('2027-03-12', '13:20');
    expect(nextSession(record, '2027-03-12', now, new Set())).toMatchObject({ slot: 2 });
    expect(nextSession(record, '2027-03-12', now, new Set(['2027-03-12#2']))).toMatchObject({ slot: 3 });
    expect(
      nextSession(record, '2027-03-12', at('2027-03-12', '19:30'), new Set(['2027-03-12#3'])),
    ).toBeUndefined();
  });

  it('a change of times at T keeps the sessions before T and takes the new ones after, each slot once', () => {
    const change = at('2027-03-12', '12:00');
    const record = signedUp([['active', at('2027-03-12', '07:00')]], {
      plan: { ...FULL, sessionTimes: ['09:00', '14:00', '20:00'] },
      timesHistory: [{ sessionTimes: PLAN.sessionTimes, timeZone: ZONE, until: change.toISOString() }],
    });
    const day = planSessions(record.plan, record).filter((s) => s.localDate === '2027-03-12');
    expect(day.map((s) => s.at)).toEqual([
      at('2027-03-12', '08:00'),
      at('2027-03-12', '14:00'),
      at('2027-03-12', '20:00'),
    ]);
    // A move of the zone: Paris from then on.
    const moved = signedUp([['active', at('2027-03-12', '07:00')]], {
      plan: { ...FULL, timeZone: 'Europe/Paris' },
      timesHistory: [{ sessionTimes: PLAN.sessionTimes, timeZone: ZONE, until: change.toISOString() }],
    });
    const next = planSessions(moved.plan, moved).filter((s) => s.localDate === '2027-03-13');
    expect(next[0]!.at).toEqual(zonedInstant('2027-03-13', '08:00', 'Europe/Paris'));
    expect(sessionsAhead(moved, change).every((s) => s.at > change)).toBe(true);
    expect(keys(planSessions(record.plan, record)).length).toBe(42);
    expect(new Set(planSessions(record.plan, record).map(sessionKey)).size).toBe(42);
  });
});
