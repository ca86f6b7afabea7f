import { describe, expect, it } from 'vitest';
import { planDates } from '../../shared/domain/plan/plan.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import {
  dailyCron,
  fireInstants,
  parseDailyCron,
  planIdOfSchedule,
  planScheduleNames,
  planScheduleSpecs,
  SCHEDULED_TIME_PLACEHOLDER,
  scheduleAction,
  scheduleDates,
  scheduleName,
  type SyncedPlan,
} from '../../shared/domain/scheduling/schedule.ts';
import { minutesOf, toLocal } from '../../shared/domain/time.ts';

const PLAN_ID = '0b6f1c1e-6a43-4c4e-9a51-6d1f0d2b7c11';

describe('schedule names and expressions', () => {
  it('names a plan session deterministically, within 64 characters of the allowed set', () => {
    expect(scheduleName(PLAN_ID, 1)).toBe(`reminder-${PLAN_ID}-1`);
    expect(scheduleName(PLAN_ID, 3)).toMatch(/^[0-9A-Za-z_.-]{1,64}$/);
    expect(() => scheduleName('a/b', 1)).toThrow(RangeError);
    expect(() => scheduleName('x'.repeat(60), 1)).toThrow(RangeError);
  });

  it('reads the plan back from its schedule names, and no plan from the self-test’s', () => {
    for (const name of planScheduleNames(PLAN_ID)) expect(planIdOfSchedule(name)).toBe(PLAN_ID);
    expect(planIdOfSchedule('selftest-6c1e5a70-0d5b-4f0e-9a57-3c2b1f8e9d10')).toBeUndefined();
    expect(planIdOfSchedule('reminder-')).toBeUndefined();
  });

  it('makes a daily cron per session time and reads it back', () => {
    expect(dailyCron('08:00')).toBe('cron(0 8 * * ? *)');
    expect(dailyCron('13:05')).toBe('cron(5 13 * * ? *)');
    expect(dailyCron('21:00')).toBe('cron(0 21 * * ? *)');
    expect(parseDailyCron('cron(5 13 * * ? *)')).toEqual({ hour: 13, minute: 5 });
    expect(() => dailyCron('8:00')).toThrow(RangeError);
    expect(() => parseDailyCron('cron(0 8 ? * MON *)')).toThrow(RangeError);
    expect(() => parseDailyCron('rate(1 hour)')).toThrow(RangeError);
    expect(() => parseDailyCron('cron(0 24 * * ? *)')).toThrow(RangeError);
  });
});

describe('fire instants of a daily cron in a time zone', () => {
  it('fires at the same wall time on both sides of a daylight-saving change (New York)', () => {
    const fires = fireInstants('cron(0 8 * * ? *)', 'America/New_York', {
      after: new Date('2026-03-06T00:00:00Z'),
      until: new Date('2026-03-10T00:00:00Z'),
    });
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2026-03-06T13:00:00.000Z', // EST, UTC-5
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z', // EDT from 2026-03-08 02:00
      '2026-03-09T12:00:00.000Z',
    ]);
  });

  it('honours the start and end dates: from the start, strictly before the end', () => {
    const fires = fireInstants('cron(0 8 * * ? *)', 'Asia/Kathmandu', {
      after: new Date('2026-06-01T00:00:00Z'),
      until: new Date('2026-06-30T00:00:00Z'),
      startDate: new Date('2026-06-03T02:15:00Z'),
      endDate: new Date('2026-06-05T02:15:00Z'),
    });
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2026-06-03T02:15:00.000Z',
      '2026-06-04T02:15:00.000Z',
    ]);
  });

  it('takes instants strictly after `after` and up to `until` (a clock moving forward fires each once)', () => {
    const at = new Date('2026-06-01T02:15:00Z');
    const window = (after: Date, until: Date) =>
      fireInstants('cron(0 8 * * ? *)', 'Asia/Kathmandu', { after, until });
    expect(window(new Date(at.getTime() - 1), at)).toEqual([at]);
    expect(window(at, new Date(at.getTime() + 3_600_000))).toEqual([]);
  });

  // The reminders of the default and the extreme allowed session times, over a whole year with
  // every daylight-saving change of these zones (New York ±1 h, Lord Howe ±30 min, Kathmandu +5:45
  // and none), land on the session's wall time, hence inside 08:00–21:00, every single day.
  const zones = ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'] as const;
  const sessionSets = [RULE.defaultSessionTimes, ['08:00', '14:30', '21:00']] as const;
  for (const timeZone of zones) {
    for (const times of sessionSets) {
      it(`never falls in quiet hours in ${timeZone} for ${times.join(', ')}, across a year of DST changes`, () => {
        const after = new Date('2026-01-01T00:00:00Z');
        const until = new Date('2027-01-01T00:00:00Z');
        const offsets = new Set<number>();
        for (const time of times) {
          const fires = fireInstants(dailyCron(time), timeZone, { after, until });
          expect(fires.length).toBeGreaterThanOrEqual(364);
          expect(fires.length).toBeLessThanOrEqual(366);
          const days = new Set<string>();
          for (const fire of fires) {
            const local = toLocal(fire, timeZone);
            const minute = local.hour * 60 + local.minute;
            expect(minute).toBe(minutesOf(time));
            expect(minute).toBeGreaterThanOrEqual(minutesOf(RULE.quietHoursEnd));
            expect(minute).toBeLessThanOrEqual(minutesOf(RULE.quietHoursStart));
            days.add(local.date);
            // Offset of the zone at the fire, in minutes: shows the DST changes were crossed.
            const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
            offsets.add((Date.UTC(y, m - 1, d, local.hour, local.minute) - fire.getTime()) / 60000);
          }
          expect(days.size).toBe(fires.length); // once a day, never twice
        }
        const expected = {
          'America/New_York': [-300, -240],
          'Australia/Lord_Howe': [630, 660],
          'Asia/Kathmandu': [345],
        }[timeZone];
        expect([...offsets].sort((a, b) => a - b)).toEqual(expected);
      });
    }
  }

  it('a fixed UTC cron would drift an hour with DST: the zone matters (control)', () => {
    // 13:00 UTC is 08:00 in New York in winter but 09:00 in summer; Lord Howe 21:00 +11 is 20:30 +10:30.
    const summer = toLocal(new Date('2026-07-01T13:00:00Z'), 'America/New_York');
    expect(summer.hour).toBe(9);
    const lordHoweWinter = fireInstants('cron(0 21 * * ? *)', 'Australia/Lord_Howe', {
      after: new Date('2026-06-01T00:00:00Z'),
      until: new Date('2026-06-02T00:00:00Z'),
    });
    expect(lordHoweWinter.map((d) => d.toISOString())).toEqual(['2026-06-01T10:30:00.000Z']);
  });
});

describe('fire instants where a daylight-saving change meets the wall time', () => {
  it('skips a firing whose wall time the spring jump skips, and fires a repeated autumn time once', () => {
    const spring = fireInstants('cron(30 2 * * ? *)', 'America/New_York', {
      after: new Date('2027-03-13T00:00:00Z'),
      until: new Date('2027-03-16T00:00:00Z'),
    });
    // 02:30 does not exist on the 14th: no firing that day (EventBridge Scheduler's documented behaviour).
    expect(spring.map((d) => d.toISOString())).toEqual([
      '2027-03-13T07:30:00.000Z',
      '2027-03-15T06:30:00.000Z',
    ]);
    const autumn = fireInstants('cron(30 1 * * ? *)', 'America/New_York', {
      after: new Date('2027-11-06T12:00:00Z'),
      until: new Date('2027-11-07T12:00:00Z'),
    });
    expect(autumn.map((d) => d.toISOString())).toEqual(['2027-11-07T05:30:00.000Z']);
  });
});

describe('schedule dates', () => {
  const dates = planDates(
    new Date('2026-03-05T15:00:00Z'),
    'America/New_York',
    ['08:00', '13:00', '19:00'],
    14,
  );

  it('passes the plan start when it is ahead, and the end as EndDate', () => {
    expect(scheduleDates(dates, new Date('2026-03-05T04:00:00Z'))).toEqual({
      startDate: new Date(dates.startsAt),
      endDate: new Date(dates.endsAt),
    });
  });

  it('leaves StartDate out once the start is past (Scheduler refuses one more than 5 minutes old)', () => {
    expect(scheduleDates(dates, new Date('2026-03-10T12:00:00Z'))).toEqual({
      endDate: new Date(dates.endsAt),
    });
  });

  it('has nothing to schedule once the plan has ended', () => {
    expect(scheduleDates(dates, new Date(dates.endsAt))).toBeUndefined();
  });
});

describe('the schedule specs both schedulers create', () => {
  const plan = {
    sessionTimes: ['08:00', '13:30', '19:00'],
    timeZone: 'America/New_York',
    ...planDates(new Date('2026-03-05T15:00:00Z'), 'America/New_York', ['08:00', '13:30', '19:00'], 14),
  };

  it('makes one daily cron per session in the zone, between the plan dates, deleted after completion', () => {
    const specs = planScheduleSpecs(PLAN_ID, plan, new Date('2026-03-05T04:00:00Z'));
    expect(specs).toEqual(
      [
        [1, 'cron(0 8 * * ? *)'],
        [2, 'cron(30 13 * * ? *)'],
        [3, 'cron(0 19 * * ? *)'],
      ].map(([slot, expression]) => ({
        name: `reminder-${PLAN_ID}-${slot}`,
        slot,
        expression,
        timeZone: 'America/New_York',
        startDate: new Date(plan.startsAt),
        endDate: new Date(plan.endsAt),
        actionAfterCompletion: 'DELETE',
        input: JSON.stringify({ v: 1, planId: PLAN_ID, slot, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
      })),
    );
    expect(SCHEDULED_TIME_PLACEHOLDER).toBe('<aws.scheduler.scheduled-time>');
    expect(planScheduleNames(PLAN_ID)).toEqual(specs!.map((s) => s.name));
  });

  it('has none for a plan whose end has passed, and no StartDate once the start is past', () => {
    expect(planScheduleSpecs(PLAN_ID, plan, new Date(plan.endsAt))).toBeUndefined();
    const resumed = planScheduleSpecs(PLAN_ID, plan, new Date('2026-03-10T12:00:00Z'));
    expect(resumed?.map((s) => s.startDate)).toEqual([undefined, undefined, undefined]);
  });
});

describe('which plan changes touch the schedules', () => {
  const base: SyncedPlan = {
    planId: PLAN_ID,
    status: 'active',
    plan: {
      sessionTimes: ['08:00', '13:00', '19:00'],
      timeZone: 'UTC',
      startsAt: '2026-03-05T00:00:00.000Z',
      endsAt: '2026-03-19T00:00:00.000Z',
    },
  };
  const withStatus = (status: string): SyncedPlan => ({ ...base, status });

  it('puts them when a plan becomes active, or an active plan changes its times, zone or dates', () => {
    expect(scheduleAction(withStatus('pending_verification'), base)).toEqual({ kind: 'put', plan: base });
    expect(scheduleAction(withStatus('paused'), base)).toEqual({ kind: 'put', plan: base });
    expect(scheduleAction(undefined, base)).toEqual({ kind: 'put', plan: base });
    const moved = { ...base, plan: { ...base.plan, sessionTimes: ['09:00', '13:00', '19:00'] } };
    expect(scheduleAction(base, moved)).toEqual({ kind: 'put', plan: moved });
    const zone = { ...base, plan: { ...base.plan, timeZone: 'Europe/Paris' } };
    expect(scheduleAction(base, zone).kind).toBe('put');
  });

  it('deletes them when an active plan stops being active, or goes', () => {
    for (const status of ['paused', 'stopped', 'replaced', 'completed']) {
      expect(scheduleAction(base, withStatus(status))).toEqual({ kind: 'delete', planId: PLAN_ID });
    }
    expect(scheduleAction(base, undefined)).toEqual({ kind: 'delete', planId: PLAN_ID });
  });

  it('ignores everything else: claims on an active plan, changes of plans that are not active', () => {
    expect(scheduleAction(base, { ...base })).toEqual({ kind: 'none' });
    expect(scheduleAction(withStatus('pending_verification'), withStatus('pending_verification'))).toEqual({
      kind: 'none',
    });
    expect(scheduleAction(withStatus('paused'), withStatus('stopped'))).toEqual({ kind: 'none' });
    expect(scheduleAction(withStatus('pending_verification'), undefined)).toEqual({ kind: 'none' });
    expect(scheduleAction(undefined, undefined)).toEqual({ kind: 'none' });
  });
});
