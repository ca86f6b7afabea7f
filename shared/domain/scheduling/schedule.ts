/**
 * The reminder schedules of a plan, as EventBridge Scheduler (and the local scheduler) see them:
 * one daily cron per session time in the patient's zone, between the plan's start and end.
 * Pure: the Scheduler adapter and the local stack build on it.
 */
import { RULE } from '../plan/rules.ts';
import { addDays, localDateOf, toLocal, zonedInstant } from '../time.ts';
import type { SessionChanges } from './due.ts';

/** EventBridge Scheduler: names are 1–64 characters of [0-9a-zA-Z-_.]. */
const NAME_PATTERN = /^[0-9A-Za-z_.-]{1,64}$/;

/** The deterministic name of a plan's schedule for one session (1-based slot). */
export function scheduleName(planId: string, slot: number): string {
  const name = `${PLAN_SCHEDULE_PREFIX}${planId}-${slot}`;
  if (!NAME_PATTERN.test(name)) {
    throw new RangeError(`plan id ${JSON.stringify(planId)} does not make a valid schedule name`);
  }
  return name;
}

/** The schedule name's prefix shared by every plan's schedules (the self-test's differ). */
export const PLAN_SCHEDULE_PREFIX = 'reminder-';

/** The plan a schedule name belongs to (the inverse of scheduleName), or undefined for another name. */
export function planIdOfSchedule(name: string): string | undefined {
  return /^reminder-(.+)-(\d+|snooze)$/.exec(name)?.[1];
}

/** The one-off schedule of a plan's snoozed session (one at a time: a new snooze replaces it). */
export function snoozeScheduleName(planId: string): string {
  const name = `${PLAN_SCHEDULE_PREFIX}${planId}-snooze`;
  if (!NAME_PATTERN.test(name))
    throw new RangeError(`plan id ${JSON.stringify(planId)} does not make a valid schedule name`);
  return name;
}

/** A one-time schedule's expression: `at(2027-03-13T14:30:00)`, the wall time in the schedule's zone. */
export function atExpression(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `at(${local.date}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)})`;
}

/** Reads back `at(yyyy-mm-ddThh:mm:ss)` in a zone; undefined for any other expression. */
export function parseAtExpression(expression: string, timeZone: string): Date | undefined {
  const match = /^at\((\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!match) return undefined;
  return new Date(
    zonedInstant(match[1]!, `${match[2]}:${match[3]}`, timeZone).getTime() + Number(match[4]) * 1000,
  );
}

/** The patient's latest snooze (by when it was asked), if any: its session's slot and its new instant. */
export function latestSnooze(
  changes: SessionChanges | undefined,
): { key: string; slot: number; to: string; at: string } | undefined {
  let latest: { key: string; slot: number; to: string; at: string } | undefined;
  for (const [key, change] of Object.entries(changes ?? {})) {
    if (change.kind !== 'snooze' || !change.to) continue;
    if (!latest || change.at > latest.at)
      latest = { key, slot: Number(key.split('#')[1]), to: change.to, at: change.at };
  }
  return latest;
}

/**
 * The one-off schedule of a snoozed session: once, at its new time in the plan's zone, putting the
 * session's reminder (marked `snoozed`) on the queue, then deleting itself. Undefined when that time
 * has passed (nothing left to fire).
 */
export function snoozeScheduleSpec(
  planId: string,
  plan: { timeZone: string },
  snooze: { slot: number; to: string },
  now: Date,
): ReminderScheduleSpec | undefined {
  const at = new Date(snooze.to);
  if (at.getTime() <= now.getTime()) return undefined;
  return {
    name: snoozeScheduleName(planId),
    slot: snooze.slot,
    expression: atExpression(at, plan.timeZone),
    timeZone: plan.timeZone,
    endDate: new Date(at.getTime() + 3_600_000),
    actionAfterCompletion: 'DELETE',
    input: JSON.stringify({
      v: 1,
      planId,
      slot: snooze.slot,
      scheduledTime: SCHEDULED_TIME_PLACEHOLDER,
      snoozed: true,
    }),
  };
}

/** "HH:MM" → `cron(M H * * ? *)`: every day at that wall time (the zone goes beside it). */
export function dailyCron(time: string): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a HH:MM time: ${time}`);
  return `cron(${Number(match[2])} ${Number(match[1])} * * ? *)`;
}

/**
 * Reads back the one cron shape this service makes (`cron(M H * * ? *)`). Anything else is
 * refused rather than half understood.
 */
export function parseDailyCron(expression: string): { hour: number; minute: number } {
  const match = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(expression);
  const minute = Number(match?.[1]);
  const hour = Number(match?.[2]);
  if (!match || minute > 59 || hour > 23) {
    throw new RangeError(`only daily cron(M H * * ? *) expressions are supported: ${expression}`);
  }
  return { hour, minute };
}

export interface FireWindow {
  /** Instants strictly after this one… */
  after: Date;
  /** …up to and including this one. */
  until: Date;
  /** The schedule's StartDate: no fire before it. */
  startDate?: Date;
  /** The schedule's EndDate: fires only before it. */
  endDate?: Date;
}

/**
 * When a daily cron in a time zone fires inside a window: the instants at which the zone's wall
 * clock shows the cron's time, each local day, bounded by the schedule's start and end dates. As
 * EventBridge Scheduler documents it, a wall time that a spring daylight-saving jump skips does
 * not fire that day, and one that the autumn change repeats fires once. This is what the local
 * scheduler runs, and what the tests use to prove where reminders land.
 */
export function fireInstants(expression: string, timeZone: string, window: FireWindow): Date[] {
  const { hour, minute } = parseDailyCron(expression);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const from = Math.max(window.after.getTime(), (window.startDate?.getTime() ?? -Infinity) - 1);
  const to = Math.min(window.until.getTime(), (window.endDate?.getTime() ?? Infinity) - 1);
  if (to <= from) return [];
  // Local days around the window; a day's fire may fall either side of a UTC date line.
  const firstDay = addDays(localDateOf(new Date(from), timeZone), -1);
  const lastDay = addDays(localDateOf(new Date(to), timeZone), 1);
  const fires: Date[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    const instant = zonedInstant(day, time, timeZone);
    const shown = toLocal(instant, timeZone);
    // zonedInstant moves a skipped wall time past the jump; Scheduler skips that firing instead.
    if (shown.date !== day || shown.hour !== hour || shown.minute !== minute) continue;
    if (instant.getTime() > from && instant.getTime() <= to) fires.push(instant);
  }
  return fires;
}

/** The Scheduler dates of a plan's schedules, or undefined when the plan has nothing left to fire. */
export function scheduleDates(
  plan: { startsAt: string; endsAt: string },
  now: Date,
): { startDate?: Date; endDate: Date } | undefined {
  const endDate = new Date(plan.endsAt);
  if (endDate.getTime() <= now.getTime()) return undefined;
  const startDate = new Date(plan.startsAt);
  // Scheduler refuses a StartDate more than 5 minutes in the past (a plan resumed mid-way):
  // without one, the schedule starts at once, which is the same thing.
  return startDate.getTime() > now.getTime() ? { startDate, endDate } : { endDate };
}

/** Scheduler's context attribute for the instant a firing was due; replaced in the target's input. */
export const SCHEDULED_TIME_PLACEHOLDER = '<aws.scheduler.scheduled-time>';

/**
 * One session's schedule as both adapters create it (EventBridge Scheduler and the local one): a
 * daily cron in the plan's zone between its start and end, deleted by the scheduler once it has
 * nothing left to fire, putting a ReminderMessage (with the scheduled time left as Scheduler's
 * placeholder) on the reminder queue.
 */
export interface ReminderScheduleSpec {
  name: string;
  slot: number;
  /** `cron(M H * * ? *)` */
  expression: string;
  /** IANA zone the cron is read in. */
  timeZone: string;
  /** No fire before it; absent: from now on. */
  startDate?: Date;
  /** Fires only before it. */
  endDate: Date;
  /** Scheduler's ActionAfterCompletion: the schedule deletes itself after its last fire. */
  actionAfterCompletion: 'DELETE';
  /** The target's input: a ReminderMessage as JSON, scheduledTime = SCHEDULED_TIME_PLACEHOLDER. */
  input: string;
}

/** The schedule names of a plan, one per session of the day (deletion needs them without the plan). */
export function planScheduleNames(planId: string): string[] {
  return Array.from({ length: RULE.sessionsPerDay }, (_, i) => scheduleName(planId, i + 1));
}

/**
 * The schedules a plan needs at `now`, one per session, or undefined when it has nothing left to
 * fire (its end has passed): then none may exist.
 */
export function planScheduleSpecs(
  planId: string,
  plan: { sessionTimes: readonly string[]; timeZone: string; startsAt: string; endsAt: string },
  now: Date,
): ReminderScheduleSpec[] | undefined {
  const dates = scheduleDates(plan, now);
  if (!dates) return undefined;
  return Array.from({ length: RULE.sessionsPerDay }, (_, i) => {
    const slot = i + 1;
    return {
      name: scheduleName(planId, slot),
      slot,
      expression: dailyCron(plan.sessionTimes[i]!),
      timeZone: plan.timeZone,
      ...(dates.startDate ? { startDate: dates.startDate } : {}),
      endDate: dates.endDate,
      actionAfterCompletion: 'DELETE',
      input: JSON.stringify({ v: 1, planId, slot, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
    };
  });
}

/** What schedule-sync needs of a plan item. */
export interface SyncedPlan {
  planId: string;
  status: string;
  plan: { sessionTimes: readonly string[]; timeZone: string; startsAt: string; endsAt: string };
  sessionChanges?: SessionChanges | undefined;
}

/**
 * A snooze to schedule: the active plan's latest snooze when it is new in this change (a repeat of
 * the record, or any other change, schedules nothing again).
 */
export function snoozeAction<P extends SyncedPlan>(
  before: P | undefined,
  after: P | undefined,
): { planId: string; timeZone: string; slot: number; to: string } | undefined {
  if (after?.status !== 'active') return undefined;
  const next = latestSnooze(after.sessionChanges);
  if (!next) return undefined;
  const previous = before?.status === 'active' ? latestSnooze(before.sessionChanges) : undefined;
  if (previous && previous.key === next.key && previous.to === next.to) return undefined;
  return { planId: after.planId, timeZone: after.plan.timeZone, slot: next.slot, to: next.to };
}

export type ScheduleAction<P extends SyncedPlan = SyncedPlan> =
  { kind: 'put'; plan: P } | { kind: 'delete'; planId: string } | { kind: 'none' };

function scheduleFields(p: SyncedPlan): string {
  const { sessionTimes, timeZone, startsAt, endsAt } = p.plan;
  return JSON.stringify([sessionTimes, timeZone, startsAt, endsAt]);
}

/**
 * Schedules exist exactly for active plans. From a change of a plan item (either side may be
 * missing: created, deleted), what to do: create them when a plan becomes active (or an active
 * plan's times, zone or dates change), delete them when it stops being active or goes; nothing
 * for every other change (reminder claims and outcomes, verification attempts…).
 */
export function scheduleAction<P extends SyncedPlan>(
  before: P | undefined,
  after: P | undefined,
): ScheduleAction<P> {
  const wasActive = before?.status === 'active';
  const isActive = after?.status === 'active';
  if (isActive && (!wasActive || scheduleFields(before!) !== scheduleFields(after!))) {
    return { kind: 'put', plan: after! };
  }
  if (wasActive && !isActive) return { kind: 'delete', planId: before!.planId };
  return { kind: 'none' };
}
