/** "Add to calendar" (shared/domain/plan/calendar.ts), read back by a real iCalendar parser (ical.js). */
import { describe, expect, it } from 'vitest';
import { planCalendar } from '../../shared/domain/plan/calendar.ts';
import { zonedInstant } from '../../shared/domain/time.ts';
import { icsOccurrences } from '../support/ical.ts';

const plan = (timeZone: string, startDate: string, endDate: string) => ({
  sessionTimes: ['08:00', '13:00', '19:00'] as [string, string, string],
  timeZone,
  startDate,
  endDate,
  sessionsPerDay: 3 as const,
});

describe('the plan as a calendar file', () => {
  it('three daily events at the local times, across the spring change in New York, in the patient’s zone', () => {
    const ics = planCalendar({
      appName: 'Rehab reminders',
      uidBase: 'abc',
      plan: plan('America/New_York', '2027-03-08', '2027-03-21'),
      link: 'https://rehab.example/p/AAAAAAAAAAAAAAAAAAAAAA',
      now: new Date('2027-03-07T12:00:00Z'),
    });
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics).toContain('DTSTART;TZID=America/New_York:20270308T080000');
    expect(ics).toContain('RRULE:FREQ=DAILY;COUNT=14');
    const all = icsOccurrences(ics);
    expect([...all.keys()]).toEqual([
      'Rehab reminders: back exercises, session 1 of 3',
      'Rehab reminders: back exercises, session 2 of 3',
      'Rehab reminders: back exercises, session 3 of 3',
    ]);
    const first = all.get('Rehab reminders: back exercises, session 1 of 3')!;
    expect(first).toHaveLength(14);
    // Each at 08:00 on the wall clock: 13:00 UTC before the change, 12:00 UTC after it.
    for (let d = 0; d < 14; d++) {
      const date = `2027-03-${String(8 + d).padStart(2, '0')}`;
      expect(first[d]).toBe(zonedInstant(date, '08:00', 'America/New_York').toISOString());
    }
    expect(first[0]).toBe('2027-03-08T13:00:00.000Z');
    expect(first[13]).toBe('2027-03-21T12:00:00.000Z');
  });

  it('from today on for a plan under way, and in zones with half-hour changes', () => {
    const ics = planCalendar({
      appName: 'Rehab reminders',
      uidBase: 'abc',
      plan: plan('Australia/Lord_Howe', '2027-03-30', '2027-04-12'),
      link: 'https://rehab.example/p/AAAAAAAAAAAAAAAAAAAAAA',
      now: zonedInstant('2027-04-01', '09:00', 'Australia/Lord_Howe'),
    });
    const evening = icsOccurrences(ics).get('Rehab reminders: back exercises, session 3 of 3')!;
    expect(evening).toHaveLength(12);
    for (const [d, at] of evening.entries()) {
      const date = `2027-04-${String(1 + d).padStart(2, '0')}`;
      expect(at).toBe(zonedInstant(date, '19:00', 'Australia/Lord_Howe').toISOString());
    }
  });

  it('escapes text and names the link', () => {
    const ics = planCalendar({
      appName: 'Back, and more; rehab',
      uidBase: 'x',
      plan: plan('Europe/London', '2027-10-20', '2027-11-02'),
      link: 'https://rehab.example/p/BBBBBBBBBBBBBBBBBBBBBB',
      now: new Date('2027-10-19T12:00:00Z'),
    });
    expect(ics).toContain('X-WR-CALNAME:Back\\, and more\\; rehab');
    expect(ics.replace(/\r\n /g, '')).toContain('URL:https://rehab.example/p/BBBBBBBBBBBBBBBBBBBBBB');
    const morning = icsOccurrences(ics).get('Back, and more; rehab: back exercises, session 1 of 3')!;
    expect(morning[0]).toBe('2027-10-20T07:00:00.000Z'); // BST
    expect(morning[13]).toBe('2027-11-02T08:00:00.000Z'); // GMT, after the 31st
  });
});
