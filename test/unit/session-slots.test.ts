import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE } from '../../shared/domain/plan/rules.ts';
import {
  BOOKABLE_SHARE,
  earliestFreeTimes,
  freeTimesFor,
  nearestFreeTimes,
  SEARCH_MINUTES,
  searchedSlots,
  slotCapacity,
  slotAt,
  slotOf,
  slotsOf,
  slotsToRelease,
  timeOfMinute,
  weekOf,
} from '../../shared/domain/scheduling/session-slots.ts';
import { daylightSavingBooking, US_ZONES } from '../../bench/scale.ts';
import { sessionTimeIssues } from '../../shared/domain/scheduling/settings-rules.ts';
import { PACING_HEADROOM } from '../../shared/sending.ts';
import { minutesOf, zonedInstant } from '../../shared/domain/time.ts';

const UTC = (time: string) => minutesOf(time);

describe('session slots: a minute of the day holds what the channel sends in it', () => {
  it("a full minute is what the paced sender sends in it: the booking share is the pacer's headroom", () => {
    expect(BOOKABLE_SHARE).toBe(PACING_HEADROOM);
  });

  it('capacity = identities × parts/s × 60 × share ÷ parts a reminder, at least one', () => {
    expect(slotCapacity({ identities: 1, partsPerSecond: 3 })).toBe(Math.floor(3 * 60 * BOOKABLE_SHARE)); // toll-free: 171
    expect(slotCapacity({ identities: 4, partsPerSecond: 3 })).toBe(684);
    expect(slotCapacity({ identities: 1, partsPerSecond: 100 })).toBe(5700);
    expect(slotCapacity({ identities: 1, partsPerSecond: 1, partsPerReminder: 2 })).toBe(28);
    expect(slotCapacity({ identities: 1, partsPerSecond: 0.1, share: 0.1 })).toBe(1);
  });

  it("a slot is the UTC minute of the local time on the plan's first day, so zones share minutes", () => {
    expect(slotOf('2030-01-15', '08:00', 'America/New_York')).toBe(13 * 60); // EST
    expect(slotOf('2030-07-15', '08:00', 'America/New_York')).toBe(12 * 60); // EDT
    expect(slotOf('2030-01-15', '07:00', 'America/Chicago')).toBe(13 * 60); // the same minute
    expect(slotOf('2030-01-15', '08:00', 'Asia/Kathmandu')).toBe(2 * 60 + 15);
    expect(slotOf('2030-01-15', '03:00', 'Asia/Kathmandu')).toBe(1440 - 165); // the day before in UTC
  });

  it('the requested times when each has room; else the nearest free minute, the smaller move first', () => {
    const requested = ['08:00', '13:00', '19:00'];
    expect(nearestFreeTimes(requested, UTC, () => true)).toEqual(requested);
    const full = new Set([UTC('13:00'), UTC('13:01'), UTC('12:59'), UTC('13:02')]);
    expect(nearestFreeTimes(requested, UTC, (s) => !full.has(s))).toEqual(['08:00', '12:58', '19:00']); // 0, +1, −1, +2 full: −2
    // 08:00 cannot move earlier (quiet hours end at 08:00): it goes later.
    const early = new Set([UTC('08:00'), UTC('08:01')]);
    expect(nearestFreeTimes(requested, UTC, (s) => !early.has(s))).toEqual(['08:02', '13:00', '19:00']);
  });

  it('a move keeps the rule: the next session stays three hours after the one before', () => {
    // 08:00 full until 09:10: the first session moves to 09:11 and pushes 11:00 to 12:11 at least.
    const full = new Set(Array.from({ length: 71 }, (_, i) => UTC('08:00') + i));
    const times = nearestFreeTimes(['08:00', '11:00', '14:00'], UTC, (s) => !full.has(s));
    expect(times).toEqual(['09:11', '12:11', '15:11']);
  });

  it('when nothing near is free: the nearest in the whole day, then any times that tile the day', () => {
    const requested = ['08:00', '13:00', '19:00'];
    // Everything from 08:00 to 10:59 taken: nothing within two hours of 08:00, so the day is searched.
    const morning = new Set(Array.from({ length: 180 }, (_, i) => UTC('08:00') + i));
    const hasRoom = (s: number) => !morning.has(s);
    expect(freeTimesFor(requested, UTC, hasRoom, 'near')).toBeUndefined();
    expect(freeTimesFor(requested, UTC, hasRoom, 'day')).toEqual(['11:00', '14:00', '19:00']);
    // Only some minutes free, none where the nearest search goes: the tiling finds them.
    const open = new Set([UTC('09:00'), UTC('13:20'), UTC('17:40')]);
    expect(earliestFreeTimes(3, UTC, (s) => open.has(s))).toEqual(['09:00', '13:20', '17:40']);
    expect(freeTimesFor(['10:00', '15:00', '20:00'], UTC, (s) => open.has(s), 'day')).toEqual([
      '09:00',
      '13:20',
      '17:40',
    ]);
    expect(earliestFreeTimes(3, UTC, () => false)).toBeUndefined();
  });

  it('undefined when no minute within the search keeps the rule', () => {
    expect(nearestFreeTimes(['08:00', '13:00', '19:00'], UTC, () => false)).toBeUndefined();
    // 19:00 may go no earlier than 16:00 (three hours after 13:00) and no later than 21:00.
    const lateFull = new Set(Array.from({ length: 5 * 60 + 1 }, (_, i) => UTC('16:00') + i));
    expect(nearestFreeTimes(['08:00', '13:00', '19:00'], UTC, (s) => !lateFull.has(s))).toBeUndefined();
  });

  it('property: any answer keeps the rule, has room, and moves each time at most SEARCH_MINUTES', () => {
    const minute = fc.integer({ min: 0, max: 1439 });
    fc.assert(
      fc.property(
        fc.integer({ min: UTC('08:00'), max: UTC('09:00') }),
        fc.integer({ min: 180, max: 240 }),
        fc.integer({ min: 180, max: 240 }),
        fc.uniqueArray(minute, { maxLength: 600 }),
        (first, gap1, gap2, fullList) => {
          const requested = [first, first + gap1, first + gap1 + gap2].map(timeOfMinute);
          fc.pre(sessionTimeIssues(requested).length === 0);
          const full = new Set(fullList);
          const times = nearestFreeTimes(requested, UTC, (s) => !full.has(s));
          if (!times) return;
          expect(sessionTimeIssues(times)).toEqual([]);
          times.forEach((time, i) => {
            expect(full.has(UTC(time))).toBe(false);
            expect(Math.abs(minutesOf(time) - minutesOf(requested[i]!))).toBeLessThanOrEqual(SEARCH_MINUTES);
          });
          // Nothing full: nothing moves.
          if (requested.every((t) => !full.has(UTC(t)))) expect(times).toEqual(requested);
        },
      ),
    );
  });

  it('the searched minutes cover every minute an answer can take', () => {
    const searched = new Set(searchedSlots(['08:00', '13:00', '19:00'], UTC));
    expect(searched.has(UTC('08:00'))).toBe(true);
    expect(searched.has(UTC('07:59'))).toBe(false); // quiet hours
    expect(searched.has(UTC('15:00'))).toBe(true);
    expect(searched.has(UTC('21:00'))).toBe(true);
    expect(searched.has(UTC('21:01'))).toBe(false);
    expect(RULE.sessionsPerDay).toBe(3);
  });

  it('places go back when a plan that held them ends or is deleted; never while it holds them', () => {
    const held = { bookedSlots: [780, 1080, 1440 - 60] };
    expect(slotsToRelease({ status: 'active', ...held }, { status: 'completed', ...held })).toEqual(
      held.bookedSlots,
    );
    expect(slotsToRelease({ status: 'paused', ...held }, { status: 'stopped', ...held })).toEqual(
      held.bookedSlots,
    );
    expect(slotsToRelease({ status: 'active', ...held }, { status: 'replaced', ...held })).toEqual(
      held.bookedSlots,
    );
    expect(slotsToRelease({ status: 'pending_verification', ...held }, undefined)).toEqual(held.bookedSlots);
    expect(slotsToRelease({ status: 'active', ...held }, { status: 'paused', ...held })).toEqual([]);
    expect(
      slotsToRelease({ status: 'pending_verification', ...held }, { status: 'active', ...held }),
    ).toEqual([]);
    expect(slotsToRelease({ status: 'completed', ...held }, undefined)).toEqual([]); // given back before
    expect(slotsToRelease({ status: 'active' }, { status: 'completed' })).toEqual([]); // never booked
    expect(slotsToRelease(undefined, { status: 'active', ...held })).toEqual([]);
  });
});

describe('daylight saving: a plan books every week’s minutes, so every reminder lands in a place it holds', () => {
  // The zones of the reminder-day tests and the scale bench, and southern, half-hour and 45-minute ones.
  const ZONES = [
    ...US_ZONES.map((z) => z.name),
    'Europe/London',
    'Europe/Paris',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
    'Australia/Sydney',
    'America/Santiago',
    'Pacific/Auckland',
  ];

  it('every firing of every schedule falls in a slot the plan booked, for plans crossing each change', () => {
    for (const zone of ZONES) {
      const check = daylightSavingBooking(zone, 2027, 2);
      expect(check.changes.length, zone).toBe(zone === 'Asia/Kathmandu' ? 0 : 2);
      expect(check.reminders, zone).toBe(check.plans * 42);
      expect(check.outsideBooked, zone).toBe(0);
    }
  });

  it('the US zones (the bench’s) and western Europe book no extra minute; elsewhere one week holds both', () => {
    for (const zone of [...US_ZONES.map((z) => z.name), 'Europe/London', 'Europe/Paris'])
      expect(daylightSavingBooking(zone, 2027, 3).extraPlaces, zone).toBe(0);
    const sydney = daylightSavingBooking('Australia/Sydney', 2027, 3).extraPlaces;
    expect(sydney).toBeGreaterThan(0);
    expect(sydney).toBeLessThanOrEqual(3);
  });

  it('a slot is a week and a UTC minute; weeks start on Sunday at 06:00 UTC', () => {
    const sunday = new Date('2027-03-14T06:00:00Z');
    expect(weekOf(sunday)).toBe(weekOf(new Date('2027-03-14T05:59:00Z')) + 1);
    expect(slotAt(sunday) % 1440).toBe(6 * 60);
    // The 08:00 New York session moves from 13:00 to 12:00 UTC on the Sunday of the change, a new week.
    const before = slotAt(zonedInstant('2027-03-13', '08:00', 'America/New_York'));
    const after = slotAt(zonedInstant('2027-03-14', '08:00', 'America/New_York'));
    expect([before % 1440, after % 1440]).toEqual([13 * 60, 12 * 60]);
    expect(Math.floor(after / 1440)).toBe(Math.floor(before / 1440) + 1);
    expect(
      slotsOf({
        startDate: '2027-03-08',
        endDate: '2027-03-21',
        sessionTimes: ['08:00', '13:00', '19:00'],
        timeZone: 'America/New_York',
      }),
    ).toHaveLength(9);
  });
});
