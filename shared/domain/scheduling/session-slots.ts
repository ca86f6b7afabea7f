/**
 * Capacity-aware session times (pure). The SMS channel sends a fixed number of message parts a
 * second, and a reminder is one part; if every patient keeps 08:00, the 08:00 reminders queue for
 * hours. So each minute of the day has a capacity, and a plan's three session times are booked into
 * minutes that have room (intake, atomically: shared/adapters/dynamodb/session-slots.ts).
 *
 * - A **slot** is a UTC minute of the day (0–1439) within one booking WEEK: patients of every time
 *   zone whose sessions fall on the same UTC minute that week share its capacity. A plan books,
 *   for every week it runs, each UTC minute its sessions fall on that week (`slotsOf`), so a
 *   daylight-saving change during a plan moves its reminders only into minutes it booked.
 *   Decision (issue 28: book every day's minutes, or re-book at each transition): every week's,
 *   booked up front — a week's count is exact for every day of it, a 14-day plan takes 9 places (a
 *   day's would take 42, too many for one transaction with a change of times), and nothing has to
 *   run at a transition. Weeks start on Sunday at 06:00 UTC: the US and western and central Europe
 *   change their clocks early on a Sunday, before then, so their plans book no extra minute; a plan
 *   whose zone changes inside a week (Australia, New Zealand, eastern Europe, Chile…) holds both
 *   minutes of a session for that one week. Proof: test/unit/session-slots.test.ts ("daylight
 *   saving") over the reminder-day zones and the scale bench's, every firing in a booked place.
 *   A slot's number is week × 1440 + minute; plans booked before weeks existed hold week 0.
 * - **Capacity** of a slot: the reminders the channel sends in a minute, less headroom for codes,
 *   answers and a sender that starts a little late: identities × parts/s × 60 × share ÷ parts a
 *   reminder.
 * - **Nearest free times**: when a requested time's minute is full, the nearest minute with room
 *   that keeps the rule (sending hours, three hours apart), earlier or later, the smaller move first.
 */
import { RUNNING_STATUSES, type PlanStatus } from '../plan/lifecycle.ts';
import { RULE } from '../plan/rules.ts';
import { sessionTimeIssues } from './settings-rules.ts';
import { addDays, minutesOf, zonedInstant } from '../time.ts';

export const MINUTES_PER_DAY = 1440;

/** The first booking week starts on Sunday 1970-01-04 at 06:00 UTC; a week is 7 days from there. */
const WEEK_ZERO_MS = Date.UTC(1970, 0, 4, 6);
const WEEK_MS = 7 * 86_400_000;

/** The booking week of an instant (1 and up; 0 is the plans booked before weeks). */
export function weekOf(instant: Date): number {
  return Math.floor((instant.getTime() - WEEK_ZERO_MS) / WEEK_MS) + 1;
}

/** When a booking week ends (its places need not be kept after). */
export function weekEnd(week: number): Date {
  return new Date(WEEK_ZERO_MS + week * WEEK_MS);
}

/** The slot of an instant: its booking week and its UTC minute of the day. */
export function slotAt(instant: Date): number {
  return weekOf(instant) * MINUTES_PER_DAY + instant.getUTCHours() * 60 + instant.getUTCMinutes();
}

/** A slot's UTC minute of the day. */
export const minuteOfSlot = (slot: number) => slot % MINUTES_PER_DAY;
/** A slot's booking week. */
export const weekOfSlot = (slot: number) => Math.floor(slot / MINUTES_PER_DAY);

/**
 * The share of a minute's sending capacity that bookings may take: the sender's own pacing
 * headroom (shared/sending.ts PACING_HEADROOM), so a full minute is what the sender sends in a
 * minute. Codes and answers come on top; they are few (capped per hour) and the lateness budget
 * absorbs them. At 0.85 the scale bench served ×0.72 of the limit, at 0.95 ×0.83 (docs/PERFORMANCE.md).
 */
export const BOOKABLE_SHARE = 0.95;

/** How far from a requested time the first search for a free minute goes, each way. */
export const SEARCH_MINUTES = 120;

/**
 * The second search, when nothing within SEARCH_MINUTES is free: the whole sending day (the
 * nearest still first), so a patient is never refused while the day has room.
 */
export const WHOLE_DAY_MINUTES = 13 * 60;

export interface ChannelCapacity {
  /** Origination identities texting reminders (a pool of numbers: shared/domain/messaging/number-pool.ts). */
  identities: number;
  /** Message parts per second of each identity. */
  partsPerSecond: number;
  /** Parts a reminder takes: one (texts.ts holds every reminder to one GSM-7 segment). @default 1 */
  partsPerReminder?: number;
  /** @default BOOKABLE_SHARE */
  share?: number;
}

/** Reminders one UTC minute may hold: never below one. */
export function slotCapacity(c: ChannelCapacity): number {
  const perMinute =
    (c.identities * c.partsPerSecond * 60 * (c.share ?? BOOKABLE_SHARE)) / (c.partsPerReminder ?? 1);
  return Math.max(1, Math.floor(perMinute));
}

/** The UTC minute of the day a local time falls on, on `date` in `timeZone`. */
export function slotOf(date: string, time: string, timeZone: string): number {
  const instant = zonedInstant(date, time, timeZone);
  return instant.getUTCHours() * 60 + instant.getUTCMinutes();
}

interface PlanDays {
  startDate: string;
  endDate: string;
  sessionTimes: readonly string[];
  timeZone: string;
}

/** The plan's days from `fromDate` (its first by default) to its last. */
function daysOf(plan: Pick<PlanDays, 'startDate' | 'endDate'>, fromDate?: string): string[] {
  const days: string[] = [];
  for (
    let d = fromDate && fromDate > plan.startDate ? fromDate : plan.startDate;
    d <= plan.endDate;
    d = addDays(d, 1)
  )
    days.push(d);
  return days;
}

/**
 * The slots a local session time takes over the plan's days (from `fromDate`): each day's instant,
 * as its week and UTC minute — usually one a week, two in a week where the zone's clock changes
 * inside it. Distinct, in time order. The returned function is fast (each day's UTC offset is read
 * once, at local noon: session times lie between 08:00 and 21:00, and no zone changes its clock
 * between those hours), so the search for free times may ask it of every minute of the day.
 */
export function timeSlotter(
  plan: Omit<PlanDays, 'sessionTimes'>,
  fromDate?: string,
): (time: string) => number[] {
  const days = daysOf(plan, fromDate).map((day) => {
    const noon = zonedInstant(day, '12:00', plan.timeZone).getTime();
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return { midnightWall: Date.UTC(y, m - 1, d), offsetMs: Date.UTC(y, m - 1, d, 12) - noon };
  });
  return (time) => {
    const wall = minutesOf(time) * 60_000;
    return [...new Set(days.map((day) => slotAt(new Date(day.midnightWall + wall - day.offsetMs))))];
  };
}

/** The slots one session time takes (see timeSlotter). */
export function slotsForTime(
  plan: Omit<PlanDays, 'sessionTimes'>,
  time: string,
  fromDate?: string,
): number[] {
  return timeSlotter(plan, fromDate)(time);
}

/** Every slot a plan books (from `fromDate`): each session's week and UTC minute, each once. */
export function slotsOf(plan: PlanDays, fromDate?: string): number[] {
  const slotter = timeSlotter(plan, fromDate);
  return [...new Set(plan.sessionTimes.flatMap(slotter))];
}

export function timeOfMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Offsets from a requested minute in the order they are tried: 0, +1, −1, +2, −2, … */
function* nearestFirst(limit: number): Generator<number> {
  yield 0;
  for (let d = 1; d <= limit; d++) {
    yield d;
    yield -d;
  }
}

/**
 * The times to book: each requested time if its slot has room, else the nearest that has, keeping
 * the rule with the times already chosen before it (so every answer passes sessionTimeIssues).
 * Undefined when some session has no free minute within SEARCH_MINUTES that keeps the rule.
 */
export function nearestFreeTimes(
  requested: readonly string[],
  slotFor: (time: string) => number,
  hasRoom: (slot: number) => boolean,
  reach: number = SEARCH_MINUTES,
): string[] | undefined {
  const earliest = minutesOf(RULE.quietHoursEnd);
  const latest = minutesOf(RULE.quietHoursStart);
  const chosen: string[] = [];
  for (let i = 0; i < requested.length; i++) {
    const wanted = minutesOf(requested[i]!);
    // A later session must leave room for the ones after it: at most this late.
    const lastPossible = latest - (requested.length - 1 - i) * RULE.minSessionGapMinutes;
    const firstPossible = i === 0 ? earliest : minutesOf(chosen[i - 1]!) + RULE.minSessionGapMinutes;
    let found: string | undefined;
    for (const offset of nearestFirst(reach)) {
      const minute = wanted + offset;
      if (minute < firstPossible || minute > lastPossible) continue;
      const time = timeOfMinute(minute);
      if (hasRoom(slotFor(time))) {
        found = time;
        break;
      }
    }
    if (!found) return undefined;
    chosen.push(found);
  }
  return sessionTimeIssues(chosen).length === 0 ? chosen : undefined;
}

/**
 * Any times that keep the rule and have room, packed to tile the day: each session at the first
 * free minute a third of the sending day (4 h 20) after the one before, trying every first minute
 * in turn. Sessions spaced so fill the morning, midday and evening bands evenly, where times
 * spaced by the rule's bare 3 hours would leave the evening empty and the midday crowded.
 */
export function earliestFreeTimes(
  sessions: number,
  slotFor: (time: string) => number,
  hasRoom: (slot: number) => boolean,
): string[] | undefined {
  const earliest = minutesOf(RULE.quietHoursEnd);
  const latest = minutesOf(RULE.quietHoursStart);
  const free = (minute: number) => hasRoom(slotFor(timeOfMinute(minute)));
  const gap = Math.max(RULE.minSessionGapMinutes, Math.floor((latest - earliest) / sessions));
  const lastFirst = latest - (sessions - 1) * gap;
  for (let first = earliest; first <= lastFirst; first++) {
    if (!free(first)) continue;
    const chosen = [first];
    for (let i = 1; i < sessions; i++) {
      const last = latest - (sessions - 1 - i) * gap;
      let m = chosen[i - 1]! + gap;
      while (m <= last && !free(m)) m++;
      if (m > last) break;
      chosen.push(m);
    }
    if (chosen.length === sessions) return chosen.map(timeOfMinute);
  }
  return undefined;
}

/**
 * The times to book when the wanted ones are full: the nearest free within SEARCH_MINUTES, else
 * the nearest anywhere in the sending day, else any that fit (earliestFreeTimes).
 */
export function freeTimesFor(
  requested: readonly string[],
  slotFor: (time: string) => number,
  hasRoom: (slot: number) => boolean,
  reach: 'near' | 'day',
): string[] | undefined {
  if (reach === 'near') return nearestFreeTimes(requested, slotFor, hasRoom, SEARCH_MINUTES);
  return (
    nearestFreeTimes(requested, slotFor, hasRoom, WHOLE_DAY_MINUTES) ??
    earliestFreeTimes(requested.length, slotFor, hasRoom)
  );
}

/** The minutes around each requested time that nearestFreeTimes may look at (to read their counts). */
export function searchedSlots(
  requested: readonly string[],
  slotFor: (time: string) => number,
  reach: number = SEARCH_MINUTES,
): number[] {
  const slots = new Set<number>();
  const earliest = minutesOf(RULE.quietHoursEnd);
  const latest = minutesOf(RULE.quietHoursStart);
  for (const time of requested) {
    const wanted = minutesOf(time);
    for (let m = Math.max(earliest, wanted - reach); m <= Math.min(latest, wanted + reach); m++)
      slots.add(slotFor(timeOfMinute(m)));
  }
  return [...slots];
}

/** A plan holds its places while it waits for its code or runs (paused plans resume at their times). */
export const HOLDING_STATUSES: readonly PlanStatus[] = ['pending_verification', ...RUNNING_STATUSES];

type Booked = { status: PlanStatus; bookedSlots?: readonly number[] };

/**
 * The places a change of a plan item gives back: all of them when a plan that held places stops
 * holding them (completed, stopped, replaced) or is deleted (erasure, an unconfirmed plan's TTL).
 */
export function slotsToRelease(before: Booked | undefined, after: Booked | undefined): number[] {
  if (!before?.bookedSlots?.length || !HOLDING_STATUSES.includes(before.status)) return [];
  if (after && HOLDING_STATUSES.includes(after.status)) return [];
  return [...before.bookedSlots];
}
