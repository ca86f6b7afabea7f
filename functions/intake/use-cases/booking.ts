/**
 * Session places (shared/domain/scheduling/session-slots.ts) as the use cases that book them use them:
 * the capacity of a slot for this deployment's channel, and the nearest free times to offer when a
 * booking met full minutes (the assessment, and a change of times from the plan page or a text).
 */
import {
  freeTimesFor,
  SEARCH_MINUTES,
  searchedSlots,
  slotCapacity,
  timeOfMinute,
  timeSlotter,
  WHOLE_DAY_MINUTES,
} from '../../../shared/domain/scheduling/session-slots.ts';
import { minutesOf } from '../../../shared/domain/time.ts';
import type { RuntimeConfig } from '../../../shared/config.ts';
import type { SessionSlots } from '../../../shared/ports.ts';

/** Reminders one slot may hold on this deployment's channel. */
export function capacityOf(config: Pick<RuntimeConfig, 'sms'>): number {
  return slotCapacity({ identities: config.sms.identities, partsPerSecond: config.sms.partsPerSecond });
}

export interface FreeTimesAnswer {
  /** The indexes of the requested times whose places are full. */
  fullIndexes: number[];
  /** The nearest times with room that keep the rule, if any. */
  free?: string[];
}

/**
 * The times with room nearest to `requested`, for a plan's days from `fromDate`: a time has room
 * when each slot it takes over those days has (a week whose clock changes holds two). Near the
 * wanted times first (a few reads), then the whole sending day.
 */
export async function nearestFreeTimes(
  slots: Pick<SessionSlots, 'counts'>,
  plan: { startDate: string; endDate: string; timeZone: string },
  requested: readonly string[],
  full: readonly number[],
  capacity: number,
  fromDate?: string,
): Promise<FreeTimesAnswer> {
  const slotter = timeSlotter(plan, fromDate);
  const fullSet = new Set(full);
  const fullIndexes = requested.flatMap((time, index) =>
    slotter(time).some((s) => fullSet.has(s)) ? [index] : [],
  );
  for (const [reach, minutes] of [
    ['near', SEARCH_MINUTES],
    ['day', WHOLE_DAY_MINUTES],
  ] as const) {
    const wanted = searchedSlots(requested, minutesOf, minutes).flatMap((m) => slotter(timeOfMinute(m)));
    const counts = await slots.counts(wanted);
    const room = (slot: number) => !fullSet.has(slot) && (counts.get(slot) ?? 0) < capacity;
    const hasRoomAt = (minute: number) => slotter(timeOfMinute(minute)).every(room);
    const free = freeTimesFor(requested, minutesOf, hasRoomAt, reach);
    if (free) return { fullIndexes, free };
  }
  return { fullIndexes };
}
