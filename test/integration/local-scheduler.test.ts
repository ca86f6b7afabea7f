import { describe, expect, it } from 'vitest';
import { DevClock } from '../../local/dev-clock.ts';
import { DevTime } from '../../local/dev-time.ts';
import { LocalQueue } from '../../local/queue.ts';
import { LocalReminderScheduler } from '../../local/scheduler.ts';
import { buildPlan, type Plan } from '../../shared/domain/plan/plan.ts';
import { reminderMessageSchema } from '../../shared/domain/scheduling/reminders.ts';
import {
  dailyCron,
  SCHEDULED_TIME_PLACEHOLDER,
  type ReminderScheduleSpec,
} from '../../shared/domain/scheduling/schedule.ts';
import { zonedInstant } from '../../shared/domain/time.ts';
import type { ReminderMessage } from '../../shared/domain/model.ts';

/**
 * The local scheduler with EventBridge Scheduler's semantics, driven by the dev-time loop into the
 * local queue: what fires, when, with which input, and what the sender sees of the clock.
 */
const PLAN_ID = '3f0c2a7e-1b6d-4c55-9e0a-2d7b8c9f1a42';
const SCORES = { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 };

function planAt(now: Date, timeZone: string, sessionTimes: [string, string, string], lengthDays = 14): Plan {
  return buildPlan({ scores: SCORES, redFlags: [], timeZone, sessionTimes }, { now, lengthDays }).plan!;
}

/** Scheduler → queue → a sender that notes the clock at each message it gets. */
function harness(start: Date) {
  const clock = new DevClock({ start, ticking: false });
  const delivered: { at: string; message: ReminderMessage }[] = [];
  const queue = new LocalQueue({
    clock,
    handler: async (event) => {
      for (const record of event.Records) {
        delivered.push({
          at: clock.now().toISOString(),
          message: JSON.parse(record.body) as ReminderMessage,
        });
      }
    },
  });
  const scheduler = new LocalReminderScheduler({ target: (input) => void queue.send(input) });
  const devTime = new DevTime({ clock, scheduler, queue, stream: { drain: async () => {} } });
  return {
    clock,
    scheduler,
    devTime,
    delivered,
    /** The scheduled times that reached the sender, in order. */
    times: () => delivered.map((d) => d.message.scheduledTime),
  };
}

/** A schedule like a plan's, with what the test changes. */
function spec(overrides: Partial<ReminderScheduleSpec>): ReminderScheduleSpec {
  return {
    name: 'test-schedule',
    slot: 1,
    expression: dailyCron('08:00'),
    timeZone: 'America/New_York',
    endDate: new Date('2027-12-31T00:00:00Z'),
    actionAfterCompletion: 'DELETE',
    input: JSON.stringify({ v: 1, planId: PLAN_ID, slot: 1, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
    ...overrides,
  };
}

/** Expected fire instants from local dates and wall times, in Scheduler's format (to the second, Z). */
const at = (zone: string, ...sessions: [string, string][]) =>
  sessions.map(([date, time]) => zonedInstant(date, time, zone).toISOString().replace('.000Z', 'Z'));

describe('the local scheduler (EventBridge Scheduler semantics)', () => {
  it('fires at the session wall times in New York across the spring daylight-saving change, each at its own instant', async () => {
    const start = new Date('2027-03-13T10:00:00Z'); // 05:00 EST, the day before clocks go forward
    const h = harness(start);
    await h.scheduler.putPlanSchedules(
      PLAN_ID,
      planAt(start, 'America/New_York', ['08:00', '13:00', '19:00']),
      start,
    );

    const now = await h.devTime.advanceTo(new Date('2027-03-15T10:00:00Z'));

    expect(now.toISOString()).toBe('2027-03-15T10:00:00.000Z');
    expect(h.times()).toEqual([
      '2027-03-13T13:00:00Z', // 08:00 EST (UTC-5)
      '2027-03-13T18:00:00Z',
      '2027-03-14T00:00:00Z',
      '2027-03-14T12:00:00Z', // 08:00 EDT (UTC-4): same wall time, an hour earlier in UTC
      '2027-03-14T17:00:00Z',
      '2027-03-14T23:00:00Z',
    ]);
    expect(h.times()).toEqual(
      at(
        'America/New_York',
        ['2027-03-13', '08:00'],
        ['2027-03-13', '13:00'],
        ['2027-03-13', '19:00'],
        ['2027-03-14', '08:00'],
        ['2027-03-14', '13:00'],
        ['2027-03-14', '19:00'],
      ),
    );
    // The sender saw the clock at each reminder's own instant, not at the end of the jump.
    expect(h.delivered.map((d) => d.at)).toEqual(h.times().map((t) => new Date(t).toISOString()));
    expect(h.delivered.map((d) => d.message.slot)).toEqual([1, 2, 3, 1, 2, 3]);
    for (const { message } of h.delivered) {
      expect(reminderMessageSchema.parse(message)).toEqual({ ...message, v: 1, planId: PLAN_ID });
    }
  });

  it('keeps the wall time in the autumn change too; a wall time the spring jump skips does not fire that day', async () => {
    const start = new Date('2027-11-06T10:00:00Z');
    const h = harness(start);
    await h.scheduler.putPlanSchedules(
      PLAN_ID,
      planAt(start, 'America/New_York', ['08:00', '13:00', '19:00']),
      start,
    );
    await h.devTime.advanceTo(new Date('2027-11-07T14:00:00Z'));
    expect(h.times()).toEqual([
      '2027-11-06T12:00:00Z',
      '2027-11-06T17:00:00Z',
      '2027-11-06T23:00:00Z',
      '2027-11-07T13:00:00Z',
    ]);

    const spring = harness(new Date('2027-03-13T12:00:00Z'));
    spring.scheduler.upsert(spec({ expression: dailyCron('02:30') }), spring.clock.now());
    await spring.devTime.advanceTo(new Date('2027-03-15T12:00:00Z'));
    // 02:30 does not exist on the 14th; on the 15th it is 02:30 EDT.
    expect(spring.times()).toEqual(['2027-03-15T06:30:00Z']);
  });

  it('fires at the session wall times in Kathmandu (UTC+05:45)', async () => {
    const start = new Date('2027-03-13T10:00:00Z'); // 15:45 in Kathmandu: the 20:00 session is still ahead
    const h = harness(start);
    await h.scheduler.putPlanSchedules(
      PLAN_ID,
      planAt(start, 'Asia/Kathmandu', ['09:00', '14:00', '20:00']),
      start,
    );
    await h.devTime.advanceTo(new Date('2027-03-15T10:00:00Z'));
    expect(h.times()).toEqual([
      '2027-03-13T14:15:00Z',
      '2027-03-14T03:15:00Z',
      '2027-03-14T08:15:00Z',
      '2027-03-14T14:15:00Z',
      '2027-03-15T03:15:00Z',
      '2027-03-15T08:15:00Z',
    ]);
    expect(h.times()).toEqual(
      at(
        'Asia/Kathmandu',
        ['2027-03-13', '20:00'],
        ['2027-03-14', '09:00'],
        ['2027-03-14', '14:00'],
        ['2027-03-14', '20:00'],
        ['2027-03-15', '09:00'],
        ['2027-03-15', '14:00'],
      ),
    );
  });

  it('fires nothing before StartDate nor from EndDate on, and a completed schedule deletes itself', async () => {
    const start = new Date('2027-06-01T12:00:00Z');
    const h = harness(start);
    const dated = spec({
      name: 'dated',
      slot: 2,
      expression: dailyCron('13:00'),
      startDate: zonedInstant('2027-06-05', '00:00', 'America/New_York'),
      endDate: zonedInstant('2027-06-07', '13:00', 'America/New_York'),
    });
    expect(h.scheduler.upsert(dated, start).next).toEqual(
      zonedInstant('2027-06-05', '13:00', 'America/New_York'),
    );
    await h.devTime.advanceTo(new Date('2027-06-06T20:00:00Z'));
    expect(h.times()).toEqual(at('America/New_York', ['2027-06-05', '13:00'], ['2027-06-06', '13:00']));
    // The 7th at 13:00 is the EndDate itself: nothing is left, so the schedule is gone already.
    expect(h.scheduler.get('dated')).toBeUndefined();
    await h.devTime.advanceTo(new Date('2027-06-10T00:00:00Z'));
    expect(h.times()).toHaveLength(2);
  });

  it("runs a plan's schedules from its first day to its last and then has none left", async () => {
    const start = new Date('2027-06-02T01:00:00Z'); // 21:00 EDT on the 1st: no session left, starts on the 2nd
    const h = harness(start);
    const plan = planAt(start, 'America/New_York', ['08:00', '13:00', '19:00'], 2);
    expect([plan.startDate, plan.endDate]).toEqual(['2027-06-02', '2027-06-03']);
    await h.scheduler.putPlanSchedules(PLAN_ID, plan, start);
    expect(h.scheduler.list().map((s) => s.startDate)).toEqual(Array(3).fill(new Date(plan.startsAt)));

    await h.devTime.advanceTo(new Date('2027-06-10T00:00:00Z'));
    expect(h.times()).toEqual(
      at(
        'America/New_York',
        ['2027-06-02', '08:00'],
        ['2027-06-02', '13:00'],
        ['2027-06-02', '19:00'],
        ['2027-06-03', '08:00'],
        ['2027-06-03', '13:00'],
        ['2027-06-03', '19:00'],
      ),
    );
    expect(h.scheduler.list()).toEqual([]);
    expect(h.devTime.nextDue()).toBeUndefined();
  });

  it('fires nothing after deletion (deleting twice is fine) and nothing missed when put again', async () => {
    const start = new Date('2027-03-13T10:00:00Z');
    const h = harness(start);
    const plan = planAt(start, 'America/New_York', ['08:00', '13:00', '19:00']);
    await h.scheduler.putPlanSchedules(PLAN_ID, plan, start);
    await h.devTime.advanceTo(new Date('2027-03-13T14:00:00Z'));
    expect(h.times()).toEqual(['2027-03-13T13:00:00Z']);

    await h.scheduler.deletePlanSchedules(PLAN_ID);
    await h.scheduler.deletePlanSchedules(PLAN_ID);
    expect(h.scheduler.list()).toEqual([]);
    await h.devTime.advanceTo(new Date('2027-03-14T14:00:00Z'));
    expect(h.times()).toHaveLength(1);

    // Resumed: from now on only, like a schedule created now.
    await h.scheduler.putPlanSchedules(PLAN_ID, plan, h.clock.now());
    await h.devTime.advanceTo(new Date('2027-03-14T18:00:00Z'));
    expect(h.times()).toEqual(['2027-03-13T13:00:00Z', '2027-03-14T17:00:00Z']);
  });

  it('an update moves the times from now on without firing a past instant again', async () => {
    const start = new Date('2027-03-13T10:00:00Z');
    const h = harness(start);
    const plan = planAt(start, 'America/New_York', ['08:00', '13:00', '19:00']);
    await h.scheduler.putPlanSchedules(PLAN_ID, plan, start);
    await h.devTime.advanceTo(new Date('2027-03-13T13:00:00Z'));
    await h.scheduler.putPlanSchedules(
      PLAN_ID,
      { ...plan, sessionTimes: ['08:00', '14:00', '20:00'] },
      h.clock.now(),
    );
    await h.devTime.advanceTo(new Date('2027-03-14T01:30:00Z'));
    expect(h.times()).toEqual(['2027-03-13T13:00:00Z', '2027-03-13T19:00:00Z', '2027-03-14T01:00:00Z']);
  });

  it('refuses what EventBridge Scheduler would refuse for these schedules', () => {
    const h = harness(new Date('2027-03-13T10:00:00Z'));
    const bad = spec({ expression: 'rate(1 hour)' });
    expect(() => h.scheduler.upsert(bad, h.clock.now())).toThrow(/only daily cron/);
    expect(() =>
      h.scheduler.upsert({ ...bad, expression: dailyCron('08:00'), timeZone: 'Mars/Olympus' }, h.clock.now()),
    ).toThrow(/unknown time zone/);
    expect(() =>
      h.scheduler.upsert(
        { ...bad, expression: dailyCron('08:00'), startDate: new Date('2028-01-01T00:00:00Z') },
        h.clock.now(),
      ),
    ).toThrow(/end date must be after the start date/);
    expect(h.scheduler.list()).toEqual([]);
  });
});
