import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../shared/domain/catalog.ts';
import { buildPlan } from '../../shared/domain/plan.ts';
import { isGsm7, smsSegments, toGsm7 } from '../../shared/domain/sms.ts';
import {
  erasedText,
  erasePromptText,
  erasureRefusedText,
  helpText,
  reassessmentText,
  reminderText,
  REPLY_HINT,
  verificationText,
} from '../../shared/domain/texts.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

function planOf(scores: Record<string, number>) {
  const decision = buildPlan(
    { scores, redFlags: [], timeZone: 'UTC', sessionTimes: ['08:00', '13:00', '19:00'] },
    { now: NOW },
  );
  if (!decision.plan) throw new Error('expected a plan');
  return decision.plan;
}

describe('SMS encoding', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('{'.repeat(80)).units).toBe(160); // extension characters take two septets
    expect(smsSegments('é'.repeat(160)).encoding).toBe('GSM-7');
    expect(smsSegments('–'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('–'.repeat(71)).segments).toBe(2);
  });

  it('replaces typographic characters with GSM-7 ones', () => {
    expect(toGsm7('Cat–Camel “now” … it’s')).toBe('Cat-Camel "now" ... it\'s');
    expect(isGsm7(toGsm7('Cat–Camel “now” … it’s'))).toBe(true);
  });
});

describe('the reminder text', () => {
  it('says what to do this session: each movement with reps × sets, and how to reply', () => {
    const plan = planOf({ 'cat-camel': 0, 'hip-bridges': 1, 'bird-dog': 3, 'kettlebell-walk': 2 });
    const text = reminderText({
      appName: 'Rehab reminders',
      movements: plan.movements,
      session: 2,
      sessionsPerDay: 3,
    });
    expect(text).toBe(
      'Rehab reminders: session 2 of 3. Cat-Camel 10 reps x 2 sets; Hip Bridges 8 reps x 2 sets; ' +
        'Bird Dog 5 each side x 1 set; Kettlebell Walks (by the side) 7 lengths x 1 set. ' +
        REPLY_HINT,
    );
    expect(isGsm7(text)).toBe(true);
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('fits two GSM-7 segments for every plan the rule can make', () => {
    const idsArb = fc.subarray(
      CATALOG.map((m) => m.id),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(
        idsArb,
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 10 }),
        (ids, pains) => {
          const plan = planOf(Object.fromEntries(ids.map((id, i) => [id, pains[i]!])));
          const text = reminderText({
            appName: 'Rehab reminders',
            movements: plan.movements,
            session: 3,
            sessionsPerDay: 3,
          });
          expect(isGsm7(text)).toBe(true);
          expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
          for (const m of plan.movements)
            expect(text).toMatch(
              new RegExp(`(^|\\D)${m.reps}(x${m.sets}| (reps|each side|lengths) x ${m.sets} set)`),
            );
          expect(text).toMatch(/DONE/);
          expect(text).toMatch(/STOP/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the clearest wording that fits, even for the longest plan', () => {
    const plan = planOf({
      'forward-reverse-beast-walk': 0,
      'lateral-beast-walk': 0,
      'single-leg-hip-bridges': 0,
      'side-plank-clam-shells': 0,
      'kettlebell-walk': 0,
    });
    const text = reminderText({
      appName: 'Rehab reminders',
      movements: plan.movements,
      session: 1,
      sessionsPerDay: 3,
    });
    expect(smsSegments(text).segments).toBe(2);
    expect(text).toContain('Forward/Reverse Beast Walk 10x2 lengths');
    expect(text).toContain('Reps x sets');
  });
});

describe('other texts', () => {
  it('the verification text carries the six-digit code, is GSM-7 and one segment', () => {
    const text = verificationText('Rehab reminders', '042917', 10);
    expect(text).toMatch(/\b042917\b/);
    expect(text).toMatch(/10 minutes/);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('the re-assessment text carries the form link and fits two segments', () => {
    const url = 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/';
    const text = reassessmentText('Rehab reminders', url);
    expect(text).toContain(url);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('the help text names every reply and fits two segments, even with the longest app name', () => {
    for (const appName of ['Rehab reminders', 'A'.repeat(30)]) {
      const text = helpText(appName);
      for (const word of ['DONE', 'PAUSE', 'RESUME', 'PAIN', 'STOP', 'DELETE']) expect(text).toContain(word);
      expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
      expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
    }
  });

  it('the erasure texts ask for DELETE and the code within the window, and fit one segment', () => {
    for (const appName of ['Rehab reminders', 'A'.repeat(30)]) {
      expect(erasePromptText(appName, '4821')).toContain('reply DELETE 4821 within 15 minutes');
      for (const text of [
        erasePromptText(appName, '4821'),
        erasedText(appName),
        erasureRefusedText(appName),
      ]) {
        expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
  });
});
