/** What was due (shared/domain/scheduling/due.ts): the one count progress, adherence and inactivity share. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../shared/domain/plan/lifecycle.ts';
import {
  activeSpans,
  planSessions,
  sessionsDue,
  type StatusMark,
} from '../../shared/domain/scheduling/due.ts';
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
const keys = (sessions: { localDate: string; slot: number }[]) =>
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
