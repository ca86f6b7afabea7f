/**
 * When a reminder may go out (pure): the message a schedule puts on the queue, the key that makes
 * a repeat of it recognisable, and every reason not to send it.
 */
import type { Plan } from '../plan/plan.ts';
import { RULE } from '../plan/rules.ts';
import { localDateOf, localMinuteOfDay, minutesOf, toLocal } from '../time.ts';
import * as z from '../zod.ts';
import type { PlanStatus, StatusReason } from '../plan/lifecycle.ts';
import { sessionKey, type SessionChanges } from './due.ts';

/** The queue message, as the schedule's Input carries it (ReminderMessage in shared/ports.ts). */
export const reminderMessageSchema = z.strictObject({
  v: z.literal(1),
  planId: z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[0-9A-Za-z_.-]+$/)),
  slot: z.number().check(z.int(), z.gte(1), z.lte(RULE.sessionsPerDay)),
  scheduledTime: z.iso.datetime({ offset: true }),
  /** The one-off reminder of a snoozed session (schedule.ts `snoozeScheduleSpec`). */
  snoozed: z.optional(z.literal(true)),
});

/**
 * The claim key of a reminder: its scheduled instant to the minute, in UTC ("2026-03-08T12:00Z").
 * Every repeat of one firing (Scheduler retries, SQS redelivery, a duplicate schedule) carries the
 * same scheduled time, so it lands on the same key.
 */
export function deliveryKey(scheduledTime: Date): string {
  return `${scheduledTime.toISOString().slice(0, 16)}Z`;
}

/** The plan's one re-assessment text has a claim of its own under this key. */
export const REASSESSMENT_KEY = 'reassessment';

/**
 * Delivery records older than this are pruned from the plan item (it is read and written on every
 * reminder, and its size is what each request costs). Longer than the longest lateness allowed
 * (24 h), so a repeat that old is refused as late before anything could be sent twice.
 */
export const DELIVERY_HISTORY_HOURS = 48;

/** Keys of delivery records old enough to drop (the re-assessment record is kept for good). */
export function prunableKeys(keys: Iterable<string>, now: Date): string[] {
  const cutoff = now.getTime() - DELIVERY_HISTORY_HOURS * 3_600_000;
  return [...keys].filter((key) => {
    const at = Date.parse(key);
    return key !== REASSESSMENT_KEY && Number.isFinite(at) && at < cutoff;
  });
}

export type SkipReason =
  | 'late'
  | 'quiet-hours'
  | 'outside-plan-dates'
  | 'opted-out'
  | 'plan-pending_verification'
  | 'plan-paused'
  | 'plan-stopped'
  | 'plan-replaced'
  | 'plan-completed'
  | 'country-not-allowed'
  /** The patient skipped this session (the plan page). */
  | 'skipped-by-patient'
  /** The patient snoozed it: this is its original time (or an earlier snooze), the reminder comes later. */
  | 'snoozed';

export function isLate(scheduledTime: Date, now: Date, lateAfterMinutes: number): boolean {
  return now.getTime() - scheduledTime.getTime() > lateAfterMinutes * 60_000;
}

/**
 * Whether texts may go to a patient of `country` now (allowedCountries in the runtime config; an
 * absent list allows all). The intake refuses other numbers; this stops texts to a country the
 * operator removed later (SMS pumping seen from there), for plans made before.
 */
export function destinationAllowed(
  country: string,
  allowedCountries: readonly string[] | undefined,
): boolean {
  return !allowedCountries?.length || allowedCountries.includes(country.toUpperCase());
}

/** Why a plan that is not active gets no reminder. */
export function statusSkipReason(status: PlanStatus, reason?: StatusReason): SkipReason {
  if (reason?.kind === 'opted-out') return 'opted-out';
  return `plan-${status}` as SkipReason;
}

/**
 * Quiet hours (RULE): texts go out only from 08:00 to 21:00 on the patient's wall clock, judged at
 * the minute the text would leave (a 21:00 session delivered at 21:00:59 still goes; at 21:01 it
 * does not).
 */
export function inSendingHours(now: Date, timeZone: string): boolean {
  const minute = localMinuteOfDay(now, timeZone);
  return minute >= minutesOf(RULE.quietHoursEnd) && minute <= minutesOf(RULE.quietHoursStart);
}

/**
 * When a text about a session would leave, as far as the sender can tell: its own clock, but never
 * before the session's scheduled time. Scheduler never fires early, so a clock that reads earlier
 * than the scheduled time is behind; trusting it would drop an 08:00 reminder as "quiet hours".
 */
export function leavesAt(scheduledTime: Date, now: Date): Date {
  return now < scheduledTime ? scheduledTime : now;
}

type PlanDates = Pick<Plan, 'timeZone' | 'startDate' | 'endDate'>;

/** The reason an active plan's reminder must not go now, if any. */
export function sendWindowSkip(plan: PlanDates, scheduledTime: Date, now: Date): SkipReason | undefined {
  const day = localDateOf(scheduledTime, plan.timeZone);
  if (day < plan.startDate || day > plan.endDate) return 'outside-plan-dates';
  if (!inSendingHours(leavesAt(scheduledTime, now), plan.timeZone)) return 'quiet-hours';
  return undefined;
}

/** The reminder falls on the plan's last local day: the day the patient is asked to re-assess. */
export function isLastDay(plan: PlanDates, scheduledTime: Date): boolean {
  return localDateOf(scheduledTime, plan.timeZone) === plan.endDate;
}

/** The session a reply belongs to: the latest session time already reached today (else the first). */
export function sessionAt(
  plan: Pick<Plan, 'timeZone' | 'sessionTimes'>,
  now: Date,
): { localDate: string; slot: number } {
  const local = toLocal(now, plan.timeZone);
  const minute = local.hour * 60 + local.minute;
  let slot = 1;
  plan.sessionTimes.forEach((time, i) => {
    if (minutesOf(time) <= minute) slot = i + 1;
  });
  return { localDate: local.date, slot };
}

/**
 * Whether the patient's own change to this session stops this firing (scheduling/due.ts): a
 * skipped session sends nothing; a snoozed one sends only its one-off reminder at the new time
 * (`snoozed` firings), never its original, nor a snooze the patient has replaced or that a change
 * of times cleared.
 */
export function sessionChangeSkip(
  record: { plan: Pick<Plan, 'timeZone'>; sessionChanges?: SessionChanges | undefined },
  slot: number,
  scheduledTime: Date,
  snoozedFiring = false,
): SkipReason | undefined {
  const key = sessionKey({ localDate: localDateOf(scheduledTime, record.plan.timeZone), slot });
  const change = record.sessionChanges?.[key];
  if (change?.kind === 'skip') return 'skipped-by-patient';
  const isTheSnooze =
    change?.kind === 'snooze' &&
    change.to !== undefined &&
    deliveryKey(new Date(change.to)) === deliveryKey(scheduledTime);
  if (snoozedFiring) return isTheSnooze ? undefined : 'snoozed';
  return change?.kind === 'snooze' ? 'snoozed' : undefined;
}
