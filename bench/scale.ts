/**
 * The scale bench (issue 18, item 3): synthetic populations of patients, their three daily session
 * times, EventBridge Scheduler firing them and the sender draining them at the real pacing
 * arithmetic (shared/sending.ts: senderConcurrency × perInvocationRate, each reminder taking its
 * parts), through a simulated SMS channel of a given number of parts per second. It reports how
 * late reminders go out (p50/p99), how many are dropped as late (the sender's own isLate), and how
 * many patients a channel serves against the physical limit:
 *
 *   limit = parts/s × 3,600 × 13 sendable hours ÷ (3 reminders × parts a reminder) patients.
 *
 * Simulated in aggregate, one second at a time, as two FIFO fluid queues (Scheduler at its
 * invocation quota, then the paced senders), so a million patients take well under a second a run.
 * Two ways of booking session times:
 * - `defaults`: today. The form proposes 08:00/13:00/19:00 local; a share of patients keeps them,
 *   the others pick their own times (modelled as spread evenly over the sending hours).
 * - `booked`: issue 18 item 1 (capacity-aware session times): every patient's times go through
 *   the booking code intake runs (`nearestFreeTimes` over minutes of `slotCapacity`).
 * Pure arithmetic: unit-tested in test/unit/bench-helpers.test.ts.
 */
import { isLate } from '../shared/domain/scheduling/reminders.ts';
import { RULE } from '../shared/domain/plan/rules.ts';
import { minutesOf } from '../shared/domain/time.ts';
import { perInvocationRate, senderConcurrency } from '../shared/sending.ts';
import {
  freeTimesFor,
  slotAt,
  slotCapacity,
  slotsOf,
  timeOfMinute,
  weekOf,
} from '../shared/domain/scheduling/session-slots.ts';
import { fireInstants, planScheduleSpecs } from '../shared/domain/scheduling/schedule.ts';
import { addDays, zonedInstant } from '../shared/domain/time.ts';

/** Sendable hours a day (quiet hours 21:00–08:00 local). */
export const SENDABLE_HOURS = (minutesOf(RULE.quietHoursStart) - minutesOf(RULE.quietHoursEnd)) / 60;
const DAY_MINUTES = 1440;

/** The judged target of item 3. */
export const SCALE_TARGET = { ratio: 0.8, p99Minutes: 15, dropped: 0 } as const;

/** Origination identities' default rates, in message parts per second. */
export const IDENTITIES = [
  { name: 'US toll-free', partsPerSecond: 3 },
  { name: 'US 10DLC', partsPerSecond: 1 },
  { name: 'US short code', partsPerSecond: 100 },
] as const;

export interface Zone {
  name: string;
  /** Minutes to add to local time to get UTC (standard time). */
  toUtcMinutes: number;
  share: number;
}

/**
 * A US population (assumed shares of people by zone, standard time; daylight saving shifts every
 * zone alike). Eastern is the largest, as in section 6's popular minute.
 */
export const US_ZONES: readonly Zone[] = [
  { name: 'America/New_York', toUtcMinutes: 300, share: 0.47 },
  { name: 'America/Chicago', toUtcMinutes: 360, share: 0.29 },
  { name: 'America/Denver', toUtcMinutes: 420, share: 0.07 },
  { name: 'America/Los_Angeles', toUtcMinutes: 480, share: 0.17 },
];

export interface ScaleAssumptions {
  /** Patients who keep the form's default times (the rest choose their own). */
  keepDefaultTimes: number;
  lateAfterMinutes: number;
  schedulerInvocationsPerSecond: number;
}

export const SCALE_ASSUMPTIONS: ScaleAssumptions = {
  keepDefaultTimes: 0.7,
  lateAfterMinutes: 60,
  schedulerInvocationsPerSecond: 1000,
};

/** The physical limit: patients one channel of `partsPerSecond` can text three times a day. */
export function physicalLimit(partsPerSecond: number, partsPerReminder: number): number {
  return (partsPerSecond * 3600 * SENDABLE_HOURS) / (RULE.sessionsPerDay * partsPerReminder);
}

/** Reminders a second the sender sends at `partsPerSecond`: its invocations' paced shares together. */
export function senderRemindersPerSecond(partsPerSecond: number, partsPerReminder: number): number {
  return (senderConcurrency(partsPerSecond) * perInvocationRate(partsPerSecond)) / partsPerReminder;
}

const utcMinute = (localMinute: number, zone: Zone) =>
  (((localMinute + zone.toUtcMinutes) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;

/** Reminders scheduled in each UTC minute of a day, today: defaults kept by a share, the rest spread. */
export function defaultTimesLoad(
  patients: number,
  zones: readonly Zone[] = US_ZONES,
  a: ScaleAssumptions = SCALE_ASSUMPTIONS,
): Float64Array {
  const load = new Float64Array(DAY_MINUTES);
  const first = minutesOf(RULE.quietHoursEnd);
  const last = minutesOf(RULE.quietHoursStart);
  for (const zone of zones) {
    const people = patients * zone.share;
    for (const time of RULE.defaultSessionTimes) {
      load[utcMinute(minutesOf(time), zone)]! += people * a.keepDefaultTimes;
    }
    // The others' three sessions, evenly over the sending hours.
    const spread = (people * (1 - a.keepDefaultTimes) * RULE.sessionsPerDay) / (last - first);
    for (let m = first; m < last; m++) load[utcMinute(m, zone)]! += spread;
  }
  return load;
}

/**
 * Capacity-aware booking as intake does it (issue 18 item 1): every patient asks for their times
 * (the defaults, or their own) and gets `nearestFreeTimes` (shared/domain/scheduling/session-slots.ts), the
 * same function intake answers with, over minutes of `slotCapacity` reminders, in the order they
 * enrol (zones interleaved). Patients asking for the same times get the same answer until one of its
 * minutes fills, so they are booked as one cohort (exactly what booking them one by one does).
 * Patients choosing their own times (the rest) pick a first session from 08:00 to 11:00 and keep
 * 5 hours between sessions. Answers the load, or undefined when someone finds no free times.
 */
export function bookedLoad(
  patients: number,
  capacity: number,
  zones: readonly Zone[] = US_ZONES,
  a: ScaleAssumptions = SCALE_ASSUMPTIONS,
): Float64Array | undefined {
  const load = new Float64Array(DAY_MINUTES);
  const first = minutesOf(RULE.quietHoursEnd);
  const ownStarts = 181; // 08:00 … 11:00
  const cohorts: { zone: Zone; times: string[]; count: number }[] = [];
  for (const zone of zones) {
    const people = patients * zone.share;
    cohorts.push({ zone, times: [...RULE.defaultSessionTimes], count: people * a.keepDefaultTimes });
    for (let x = 0; x < ownStarts; x++) {
      const start = first + x;
      cohorts.push({
        zone,
        times: [start, start + 300, start + 600].map(timeOfMinute),
        count: (people * (1 - a.keepDefaultTimes)) / ownStarts,
      });
    }
  }
  // Enrolment interleaves zones and choices: book a slice of every cohort in turn.
  const rounds = 20;
  for (let round = 0; round < rounds; round++) {
    for (const cohort of cohorts) {
      let left = cohort.count / rounds;
      const slotFor = (time: string) => utcMinute(minutesOf(time), cohort.zone);
      while (left > 1e-9) {
        const hasRoom = (slot: number) => load[slot]! < capacity - 1e-9;
        // As intake searches: near the wanted times, then the whole day.
        const times =
          freeTimesFor(cohort.times, slotFor, hasRoom, 'near') ??
          freeTimesFor(cohort.times, slotFor, hasRoom, 'day');
        if (!times) return undefined;
        const slots = times.map(slotFor);
        const take = Math.min(left, ...slots.map((m) => capacity - load[m]!));
        for (const m of slots) load[m]! += take;
        left -= take;
      }
    }
  }
  return load;
}

export interface Lateness {
  /** Seconds late, from the scheduled minute to the text leaving the pacer. */
  p50Seconds: number;
  p99Seconds: number;
  maxSeconds: number;
  sent: number;
  /** Dropped as late by the sender (isLate, lateAfterMinutes). */
  dropped: number;
}

interface Cohort {
  /** Scheduled time, seconds from the start of day one. */
  at: number;
  count: number;
}

/**
 * One day of `load` (reminders per UTC minute), repeated for three days so that what a day leaves
 * queued weighs on the next; the last day is measured. Each second Scheduler moves up to its quota
 * from its backlog to the queue, then the senders take what their pacing allows from the queue's
 * head; a reminder at the head that is already late is dropped, as the sender does, and costs no
 * sending time. Lateness is counted at the end of the second a reminder leaves.
 */
export function simulateDay(
  load: Float64Array,
  partsPerSecond: number,
  partsPerReminder: number,
  a: ScaleAssumptions = SCALE_ASSUMPTIONS,
): Lateness {
  const days = 3;
  const measureFrom = (days - 1) * 86_400;
  const perSecond = senderRemindersPerSecond(partsPerSecond, partsPerReminder);
  const bins = new Float64Array(a.lateAfterMinutes * 60 + 2);
  const fired: Cohort[] = [];
  const queued: Cohort[] = [];
  let sent = 0;
  let dropped = 0;
  const end = days * 86_400 + a.lateAfterMinutes * 60 + 60;
  for (let t = 0; t < end; t++) {
    if (t % 60 === 0 && t < days * 86_400) {
      const count = load[(t / 60) % DAY_MINUTES]!;
      if (count > 0) fired.push({ at: t, count });
    }
    // Scheduler: its invocations a second, first come first served.
    let firedCredit = a.schedulerInvocationsPerSecond;
    while (firedCredit > 0 && fired.length > 0) {
      const head = fired[0]!;
      const n = Math.min(head.count, firedCredit);
      const tail = queued.at(-1);
      if (tail && tail.at === head.at) tail.count += n;
      else queued.push({ at: head.at, count: n });
      head.count -= n;
      firedCredit -= n;
      if (head.count <= 1e-9) fired.shift();
    }
    // The senders: a second's pacing; unused, it is gone (an idle pacer does not bank sends).
    let sendCredit = perSecond;
    while (queued.length > 0) {
      const head = queued[0]!;
      const late = t + 1 - head.at;
      if (isLate(new Date(head.at * 1000), new Date((t + 1) * 1000), a.lateAfterMinutes)) {
        if (head.at >= measureFrom) dropped += head.count;
        queued.shift();
        continue;
      }
      if (sendCredit <= 0) break;
      const n = Math.min(head.count, sendCredit);
      if (head.at >= measureFrom) {
        bins[Math.min(late, bins.length - 1)]! += n;
        sent += n;
      }
      head.count -= n;
      sendCredit -= n;
      if (head.count <= 1e-9) queued.shift();
    }
  }
  return { ...latenessQuantiles(bins, sent), sent, dropped };
}

function latenessQuantiles(bins: Float64Array, total: number) {
  const at = (q: number) => {
    let seen = 0;
    for (let s = 0; s < bins.length; s++) {
      seen += bins[s]!;
      if (seen >= q * total - 1e-9) return s;
    }
    return bins.length - 1;
  };
  let max = 0;
  bins.forEach((n, s) => {
    if (n > 1e-9) max = s;
  });
  return { p50Seconds: total > 0 ? at(0.5) : 0, p99Seconds: total > 0 ? at(0.99) : 0, maxSeconds: max };
}

export type Booking = 'defaults' | 'booked';

export interface ScaleRow {
  patients: number;
  booking: Booking;
  /** The smallest channel rate (parts/s) at which the target holds. */
  partsPerSecond: number;
  lateness: Lateness;
  /** patients ÷ physicalLimit(partsPerSecond): the share of the channel's limit served. */
  ratioToLimit: number;
  /** Identities of each kind a channel of that rate takes (several: a pool, sms.originationPool). */
  identities: { name: string; count: number; patientsPerIdentity: number }[];
}

/** The load and its lateness at one channel rate; undefined when booking cannot place everyone. */
export function runAt(
  patients: number,
  booking: Booking,
  partsPerSecond: number,
  partsPerReminder: number,
  a: ScaleAssumptions = SCALE_ASSUMPTIONS,
): Lateness | undefined {
  const load =
    booking === 'defaults'
      ? defaultTimesLoad(patients, US_ZONES, a)
      : bookedLoad(patients, slotCapacity({ identities: 1, partsPerSecond, partsPerReminder }), US_ZONES, a);
  return load && simulateDay(load, partsPerSecond, partsPerReminder, a);
}

const meetsTarget = (l: Lateness | undefined) =>
  !!l && l.p99Seconds <= SCALE_TARGET.p99Minutes * 60 && l.dropped < 0.5;

/**
 * The smallest channel rate (to 0.5 %) at which the population meets the target (p99 ≤ 15 min,
 * none dropped), and how much of that channel's physical limit the population is.
 */
export function scaleRow(
  patients: number,
  booking: Booking,
  partsPerReminder: number,
  a: ScaleAssumptions = SCALE_ASSUMPTIONS,
): ScaleRow {
  const ok = (rate: number) => meetsTarget(runAt(patients, booking, rate, partsPerReminder, a));
  // Start at the rate whose limit is the population (ratio 1), then widen until one fails, one holds.
  let lo = patients / physicalLimit(1, partsPerReminder);
  while (ok(lo)) lo /= 2;
  let hi = lo * 2;
  while (!ok(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi / lo > 1.005) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  const lateness = runAt(patients, booking, hi, partsPerReminder, a)!;
  return {
    patients,
    booking,
    partsPerSecond: hi,
    lateness,
    ratioToLimit: patients / physicalLimit(hi, partsPerReminder),
    identities: IDENTITIES.map(({ name, partsPerSecond }) => {
      const count = Math.ceil(hi / partsPerSecond - 1e-9);
      return { name, count, patientsPerIdentity: patients / count };
    }),
  };
}

export interface Scale {
  partsPerReminder: number;
  assumptions: ScaleAssumptions;
  zones: readonly Zone[];
  rows: ScaleRow[];
  /** Today, one toll-free number (3 parts/s), defaults: what a deployment sees at each population. */
  oneNumber: { patients: number; lateness: Lateness }[];
  /** Booking across the bench's zones' daylight-saving changes (every reminder in a booked place). */
  daylightSaving: DaylightSavingBooking[];
  elapsedMs: number;
}

export function measureScale(
  partsPerReminder: number,
  populations: readonly number[] = [10_000, 100_000, 1_000_000],
): Scale {
  const started = performance.now();
  const rows: ScaleRow[] = [];
  for (const patients of populations) {
    for (const booking of ['defaults', 'booked'] as const)
      rows.push(scaleRow(patients, booking, partsPerReminder));
  }
  const tollFree = IDENTITIES[0].partsPerSecond;
  return {
    partsPerReminder,
    assumptions: SCALE_ASSUMPTIONS,
    zones: US_ZONES,
    rows,
    oneNumber: populations.map((patients) => ({
      patients,
      lateness: runAt(patients, 'defaults', tollFree, partsPerReminder)!,
    })),
    daylightSaving: US_ZONES.map((z) => daylightSavingBooking(z.name)),
    elapsedMs: performance.now() - started,
  };
}

/** What booking every week's minutes does across one zone's daylight-saving changes of a year. */
export interface DaylightSavingBooking {
  zone: string;
  /** Local dates the zone's clock changed on. */
  changes: string[];
  /** Plans checked: one starting each `stepDays` in the two weeks before each change (all cross it). */
  plans: number;
  /** Their reminders (every firing of their schedules, as Scheduler fires them). */
  reminders: number;
  /** Reminders that fell in a minute the plan had not booked: must be 0. */
  outsideBooked: number;
  /** Places a plan holds beyond three a week, at most (a session holding two minutes in the week of its change). */
  extraPlaces: number;
}

/** Local dates in `year` on which the zone's clock changes (its noon offset differs from the day before). */
export function clockChanges(zone: string, year: number): string[] {
  const offset = (day: string) => zonedInstant(day, '12:00', zone).getTime() - Date.parse(`${day}T12:00:00Z`);
  const out: string[] = [];
  for (let day = `${year}-01-02`; day < `${year + 1}-01-01`; day = addDays(day, 1))
    if (offset(day) !== offset(addDays(day, -1))) out.push(day);
  return out;
}

/**
 * Books 14-day plans at the default times that cross each of the zone's clock changes in `year`
 * (shared/domain/scheduling/session-slots.ts `slotsOf`: every week's minutes) and fires their
 * schedules as Scheduler does (`fireInstants`): every reminder must land in a booked place.
 */
export function daylightSavingBooking(zone: string, year = 2027, stepDays = 1): DaylightSavingBooking {
  const changes = clockChanges(zone, year);
  let plans = 0;
  let reminders = 0;
  let outsideBooked = 0;
  let extraPlaces = 0;
  for (const change of changes) {
    for (let back = 0; back <= 13; back += stepDays) {
      const startDate = addDays(change, -back);
      const plan = {
        startDate,
        endDate: addDays(startDate, 13),
        sessionTimes: [...RULE.defaultSessionTimes] as [string, string, string],
        timeZone: zone,
        startsAt: zonedInstant(startDate, '00:00', zone).toISOString(),
        endsAt: zonedInstant(addDays(startDate, 14), '00:00', zone).toISOString(),
      };
      const booked = new Set(slotsOf(plan));
      const weeks = new Set(
        Array.from({ length: 14 }, (_, d) => weekOf(zonedInstant(addDays(startDate, d), '12:00', zone))),
      );
      extraPlaces = Math.max(extraPlaces, booked.size - RULE.sessionsPerDay * weeks.size);
      plans++;
      const specs = planScheduleSpecs('bench', plan, new Date(Date.parse(plan.startsAt) - 3_600_000)) ?? [];
      for (const spec of specs) {
        for (const at of fireInstants(spec.expression, spec.timeZone, {
          after: new Date(Date.parse(plan.startsAt) - 1),
          until: new Date(plan.endsAt),
          ...(spec.startDate ? { startDate: spec.startDate } : {}),
          endDate: spec.endDate,
        })) {
          reminders++;
          if (!booked.has(slotAt(at))) outsideBooked++;
        }
      }
    }
  }
  return { zone, changes, plans, reminders, outsideBooked, extraPlaces };
}
