/**
 * Capacity-aware session times (pure). The SMS channel sends a fixed number of message parts a
 * second, and a reminder is one part; if every patient keeps 08:00, the 08:00 reminders queue for
 * hours. So each minute of the day has a capacity, and a plan's three session times are booked into
 * minutes that have room (intake, atomically: shared/adapters/dynamodb/session-slots.ts).
 *
 * - A **slot** is a UTC minute of the day (0–1439): patients of every time zone whose sessions fall
 *   on the same UTC minute share its capacity. A plan books the UTC minutes its local times have on
 *   its first day. Where daylight saving changes during a plan (14 days), its reminders move an hour
 *   in UTC and then sit in minutes they did not book: the capacity's headroom absorbs that (a
 *   known approximation, docs/PERFORMANCE.md).
 * - **Capacity** of a slot: the reminders the channel sends in a minute, less headroom for codes,
 *   answers and a sender that starts a little late: identities × parts/s × 60 × share ÷ parts a
 *   reminder.
 * - **Nearest free times**: when a requested time's minute is full, the nearest minute with room
 *   that keeps the rule (sending hours, three hours apart), earlier or later, the smaller move first.
 */
import { RUNNING_STATUSES, type PlanStatus } from '../plan/lifecycle.ts';
import { RULE } from '../plan/rules.ts';
import { sessionTimeIssues } from './settings-rules.ts';
import { minutesOf, zonedInstant } from '../time.ts';

export const MINUTES_PER_DAY = 1440;

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

/** The slots of a plan's session times on its first day. */
export function slotsOf(plan: {
  startDate: string;
  sessionTimes: readonly string[];
  timeZone: string;
}): number[] {
  return plan.sessionTimes.map((time) => slotOf(plan.startDate, time, plan.timeZone));
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
