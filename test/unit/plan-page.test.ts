import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import {
  doseInWords,
  hashPageToken,
  PAGE_TOKEN_PATTERN,
  pageToken,
  planPageUrl,
  planToday,
} from '../../shared/domain/plan/page.ts';
import { zonedInstant } from '../../shared/domain/time.ts';

const ZONE = 'America/New_York';
const plan = buildPlan(
  {
    scores: { 'hip-mobility': 0, 'cat-camel': 1, 'bird-dog': 3 },
    redFlags: [],
    timeZone: ZONE,
    sessionTimes: ['08:00', '13:00', '19:00'],
  },
  { now: zonedInstant('2030-03-05', '07:00', ZONE) },
).plan!;

describe('the plan page token', () => {
  it('is 22 base64url characters (128 bits), the same for the same plan and nonce, another for another nonce', () => {
    const token = pageToken('plan-1', 'nonce-1', 'key');
    expect(token).toMatch(PAGE_TOKEN_PATTERN);
    expect(pageToken('plan-1', 'nonce-1', 'key')).toBe(token);
    expect(pageToken('plan-1', 'nonce-2', 'key')).not.toBe(token);
    expect(pageToken('plan-1', 'nonce-1', 'other key')).not.toBe(token);
    // What is stored is another keyed hash, not the token.
    expect(hashPageToken(token, 'key')).not.toContain(token);
    expect(planPageUrl('https://api.example/prod-ignored/path', token)).toBe(
      `https://api.example/p/${token}`,
    );
  });
});

describe('today on the plan', () => {
  it('says the day of the plan and the session reached, and the instant that keys its Done', () => {
    expect(plan.startDate).toBe('2030-03-05');
    const at = (date: string, time: string) => planToday(plan, zonedInstant(date, time, ZONE));
    expect(at('2030-03-05', '07:30')).toMatchObject({ day: 1, session: 1, withinPlan: true, lengthDays: 14 });
    expect(at('2030-03-05', '13:10')).toMatchObject({
      day: 1,
      session: 2,
      sessionDueAt: zonedInstant('2030-03-05', '13:00', ZONE).toISOString(),
    });
    expect(at('2030-03-18', '20:00')).toMatchObject({ day: 14, session: 3, withinPlan: true });
    expect(at('2030-03-19', '09:00')).toMatchObject({ day: 15, withinPlan: false });
    expect(at('2030-03-04', '09:00')).toMatchObject({ day: 0, withinPlan: false });
  });

  it('says the dose in words', () => {
    expect(doseInWords({ reps: 10, sets: 2, repUnit: 'reps/side' })).toBe('10 reps on each side, 2 sets');
    expect(doseInWords({ reps: 7, sets: 1, repUnit: 'lengths' })).toBe('7 lengths, 1 set');
    expect(doseInWords({ reps: 8, sets: 2, repUnit: 'reps' })).toBe('8 reps, 2 sets');
  });
});
