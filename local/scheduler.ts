/**
 * The local scheduler: EventBridge Scheduler's semantics for the schedules schedule-sync creates,
 * behind the same ReminderScheduler port. Schedules come from the same pure derivation the AWS
 * adapter uses (planScheduleSpecs), and fire at the instants fireInstants gives: a daily cron in an
 * IANA zone (daylight saving followed), never before StartDate, only before EndDate, after its
 * creation or last update; a schedule with ActionAfterCompletion DELETE deletes itself once it has
 * nothing left to fire. A firing puts the target's input on the local queue with Scheduler's
 * <aws.scheduler.scheduled-time> replaced by the instant it was due.
 *
 * Nothing here runs by itself: the dev-time engine (local/dev-time.ts) asks for the next due
 * instant, moves the dev clock there and calls fireDue.
 */
import {
  fireInstants,
  parseAtExpression,
  parseDailyCron,
  SCHEDULED_TIME_PLACEHOLDER,
  type ReminderScheduleSpec,
} from '../shared/domain/scheduling/schedule.ts';
import { canonicalTimeZone } from '../shared/domain/time.ts';
import { silentLog } from '../shared/adapters/defaults.ts';
import type { Log } from '../shared/ports.ts';
import { SpecReminderScheduler } from '../shared/adapters/scheduler/spec-scheduler.ts';

export interface LocalSchedule extends ReminderScheduleSpec {
  groupName: string;
  /** Fires only at instants strictly after this one (its creation, update or last fire). */
  after: Date;
  /** The next instant it fires, or undefined when it has nothing left (then it is gone). */
  next: Date | undefined;
}

export interface Firing {
  name: string;
  scheduledTime: Date;
  /** The target's input with the scheduled time filled in. */
  input: string;
}

export interface LocalSchedulerOptions {
  /** Where a firing goes (the reminder queue). */
  target: (input: string, firing: Firing) => void | Promise<void>;
  log?: Log;
  /** @default "rehab-reminders-local" */
  groupName?: string;
}

/** Scheduler's rendering of <aws.scheduler.scheduled-time>: ISO 8601 in UTC, to the second. */
export function scheduledTimeText(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A daily cron fires at least once in any 48 hours; an hour more covers a daylight-saving day. */
const NEXT_FIRE_HORIZON_MS = 49 * 3_600_000;

function nextFire(schedule: ReminderScheduleSpec, after: Date): Date | undefined {
  // A one-time schedule (a snoozed session): its instant, once.
  const once = parseAtExpression(schedule.expression, schedule.timeZone);
  if (once) return once.getTime() > after.getTime() ? once : undefined;
  const from = Math.max(after.getTime(), (schedule.startDate?.getTime() ?? 0) - 1);
  if (from >= schedule.endDate.getTime()) return undefined;
  return fireInstants(schedule.expression, schedule.timeZone, {
    after,
    until: new Date(from + NEXT_FIRE_HORIZON_MS),
    ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
    endDate: schedule.endDate,
  })[0];
}

export class LocalReminderScheduler extends SpecReminderScheduler {
  private readonly schedules = new Map<string, LocalSchedule>();
  private readonly log: Log;
  readonly groupName: string;

  constructor(private readonly options: LocalSchedulerOptions) {
    super();
    this.log = options.log ?? silentLog;
    this.groupName = options.groupName ?? 'rehab-reminders-local';
  }

  /** CreateSchedule or UpdateSchedule: refuses what Scheduler would refuse for these schedules. */
  upsert(spec: ReminderScheduleSpec, now: Date): LocalSchedule {
    if (!parseAtExpression(spec.expression, spec.timeZone)) parseDailyCron(spec.expression);
    if (!canonicalTimeZone(spec.timeZone)) throw new RangeError(`unknown time zone: ${spec.timeZone}`);
    if (spec.startDate && spec.startDate.getTime() >= spec.endDate.getTime()) {
      throw new RangeError(`schedule ${spec.name}: the end date must be after the start date`);
    }
    const schedule: LocalSchedule = {
      ...spec,
      groupName: this.groupName,
      after: now,
      next: nextFire(spec, now),
    };
    this.schedules.set(spec.name, schedule);
    if (!schedule.next) this.complete(schedule);
    return schedule;
  }

  /** DeleteSchedule; false when there was none. */
  delete(name: string): boolean {
    return this.schedules.delete(name);
  }

  protected async putSchedule(spec: ReminderScheduleSpec, now: Date): Promise<void> {
    this.upsert(spec, now);
  }

  protected async deleteSchedule(name: string): Promise<void> {
    this.delete(name);
  }

  protected override planSchedulesPut(planId: string, specs: readonly ReminderScheduleSpec[]): void {
    this.log.debug('schedules put', { planId, names: specs.map((s) => s.name) });
  }

  get(name: string): LocalSchedule | undefined {
    const schedule = this.schedules.get(name);
    return schedule && { ...schedule };
  }

  list(): LocalSchedule[] {
    return [...this.schedules.values()].map((s) => ({ ...s }));
  }

  /** The earliest instant any schedule fires next. */
  nextFireAt(): Date | undefined {
    let next: Date | undefined;
    for (const s of this.schedules.values()) if (s.next && (!next || s.next < next)) next = s.next;
    return next;
  }

  /**
   * Fires every schedule due up to `until`, in time order (each one at each of its instants), and
   * deletes those left with nothing to fire. Returns the firings.
   */
  async fireDue(until: Date): Promise<Firing[]> {
    const fired: Firing[] = [];
    for (;;) {
      const due = [...this.schedules.values()]
        .filter((s) => s.next && s.next.getTime() <= until.getTime())
        .sort((a, b) => a.next!.getTime() - b.next!.getTime() || a.name.localeCompare(b.name));
      const schedule = due[0];
      if (!schedule) return fired;
      const at = schedule.next!;
      const firing: Firing = {
        name: schedule.name,
        scheduledTime: at,
        input: schedule.input.split(SCHEDULED_TIME_PLACEHOLDER).join(scheduledTimeText(at)),
      };
      schedule.after = at;
      schedule.next = nextFire(schedule, at);
      await this.options.target(firing.input, firing);
      fired.push(firing);
      if (!schedule.next) this.complete(schedule);
    }
  }

  /** ActionAfterCompletion DELETE: nothing left to fire before the end date. */
  private complete(schedule: LocalSchedule): void {
    if (schedule.actionAfterCompletion !== 'DELETE') return;
    if (this.schedules.get(schedule.name) === schedule) this.schedules.delete(schedule.name);
    this.log.info('schedule completed and deleted', { name: schedule.name });
  }
}
