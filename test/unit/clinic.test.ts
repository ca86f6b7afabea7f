import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adherence,
  groupsClaim,
  hasRole,
  newPatientId,
  PATIENT_ID_PATTERN,
  patientRow,
  progressDays,
  roleOf,
  timeline,
  type ClinicEvent,
} from '../../shared/domain/clinic/roster.ts';
import { buildPlan, type Plan } from '../../shared/domain/plan/plan.ts';
import { addDays, zonedInstant } from '../../shared/domain/time.ts';

const ZONE = 'America/New_York';
/** A 14-day plan starting 2027-03-01 (sessions 08:00, 13:00, 19:00 New York). */
const PLAN: Plan = buildPlan(
  {
    scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
    redFlags: [],
    timeZone: ZONE,
    sessionTimes: ['08:00', '13:00', '19:00'],
  },
  { now: zonedInstant('2027-03-01', '06:00', ZONE) },
).plan!;
const at = (date: string, time: string) => zonedInstant(date, time, ZONE);

function done(date: string, slot: number, time = ['08:05', '13:05', '19:05'][slot - 1]!): ClinicEvent {
  return { type: 'done', at: at(date, time).toISOString(), localDate: date, slot };
}
function pain(date: string, score: number, time = '12:00'): ClinicEvent {
  return { type: 'pain', at: at(date, time).toISOString(), localDate: date, slot: 1, pain: score };
}

describe('staff roles', () => {
  it('the highest staff group decides; other groups count for nothing', () => {
    expect(roleOf(['viewer', 'admin', 'clinician'])).toBe('admin');
    expect(roleOf(['clinician', 'viewer'])).toBe('clinician');
    expect(roleOf(['everyone', 'Admin'])).toBeUndefined();
    expect(roleOf([])).toBeUndefined();
  });

  it('each role may do what the roles below it may, never above', () => {
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('clinician', 'clinician')).toBe(true);
    expect(hasRole('clinician', 'admin')).toBe(false);
    expect(hasRole('viewer', 'clinician')).toBe(false);
  });

  it('reads the groups claim as API Gateway passes it ("[a b]") and as an array', () => {
    expect(groupsClaim('[admin clinician]')).toEqual(['admin', 'clinician']);
    expect(groupsClaim('[viewer]')).toEqual(['viewer']);
    expect(groupsClaim(['viewer', 'admin'])).toEqual(['viewer', 'admin']);
    expect(groupsClaim(undefined)).toEqual([]);
    expect(groupsClaim(42)).toEqual([]);
  });
});

describe('patient ids', () => {
  it('are "P-" and 8 Crockford base32 characters, and differ', () => {
    const ids = Array.from({ length: 500 }, newPatientId);
    for (const id of ids) expect(id).toMatch(PATIENT_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('progress and adherence', () => {
  it('counts a session once however it was logged, and never more done than due', () => {
    const events = [done('2027-03-01', 1), done('2027-03-01', 1, '08:30'), done('2027-03-01', 2)];
    // 14:00 on the first day: sessions 1 and 2 are due, both done.
    const days = progressDays(PLAN, events, at('2027-03-01', '14:00'));
    expect(days).toEqual([{ localDate: '2027-03-01', day: 1, done: 2, expected: 2, pain: null }]);
    // A DONE sent at 07:00 counts for session 1 only once session 1 is due.
    const early = progressDays(PLAN, [done('2027-03-02', 1, '07:00')], at('2027-03-02', '07:30'));
    expect(early.at(-1)).toMatchObject({ localDate: '2027-03-02', done: 0, expected: 0 });
  });

  it('adherence is over the last 7 local days, within the plan', () => {
    const events: ClinicEvent[] = [];
    for (let d = 0; d < 10; d++)
      events.push(done(addDays('2027-03-01', d), 1), done(addDays('2027-03-01', d), 2));
    const now = at('2027-03-10', '20:00');
    // Days 4–10 (7 days) × 3 sessions due; 2 done each day.
    expect(adherence(PLAN, events, now)).toEqual({ done: 14, expected: 21, ratio: 14 / 21 });
  });

  it('nothing due yet: the ratio is null, not 0 or 100 %', () => {
    expect(adherence(PLAN, [], at('2027-03-01', '07:00'))).toEqual({ done: 0, expected: 0, ratio: null });
  });

  it('property: 0 ≤ done ≤ expected ≤ 21 whatever was logged and whenever it is read', () => {
    const event = fc.record({
      day: fc.integer({ min: -2, max: 16 }),
      slot: fc.integer({ min: 0, max: 4 }),
      minute: fc.integer({ min: 0, max: 1439 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 * 1440 }),
        (raw, offset) => {
          const events = raw.map(({ day, slot, minute }) => {
            const date = addDays('2027-03-01', day);
            const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
            return done(date, slot, time);
          });
          const now = new Date(at('2027-03-01', '00:00').getTime() + offset * 60_000);
          const a = adherence(PLAN, events, now);
          expect(a.done).toBeGreaterThanOrEqual(0);
          expect(a.done).toBeLessThanOrEqual(a.expected);
          expect(a.expected).toBeLessThanOrEqual(21);
          for (const day of progressDays(PLAN, events, now))
            expect(day.done).toBeLessThanOrEqual(day.expected);
        },
      ),
    );
  });

  it('the day’s highest pain goes on the chart', () => {
    const days = progressDays(
      PLAN,
      [pain('2027-03-01', 3), pain('2027-03-01', 6, '18:00')],
      at('2027-03-01', '20:00'),
    );
    expect(days[0]!.pain).toBe(6);
  });
});

describe('the patients list row', () => {
  const entry = {
    patientId: 'P-0123ABCD',
    source: 'invite' as const,
    enrolledAt: '2027-03-01T10:00:00.000Z',
  };

  it('a running plan: day, adherence, last pain and the open alerts', () => {
    const plan = { planId: 'plan-1', status: 'active' as const, plan: PLAN, channel: 'sms' as const };
    const row = patientRow(
      {
        entry,
        reference: 'Jane Doe (MRN 1234)',
        plan,
        events: [done('2027-03-01', 1), pain('2027-03-02', 4), pain('2027-03-03', 5)],
        openAlerts: 2,
      },
      at('2027-03-03', '20:00'),
    );
    expect(row).toMatchObject({
      patientId: 'P-0123ABCD',
      reference: 'Jane Doe (MRN 1234)',
      status: 'active',
      statusReason: null,
      planDay: { day: 3, of: 14 },
      adherence7d: { done: 1, expected: 9 },
      lastPain: { pain: 5, at: pain('2027-03-03', 5).at },
      lastSessionAt: done('2027-03-01', 1).at,
      openAlerts: 2,
    });
  });

  it('a paused plan names why; a plan waiting for its code has no adherence yet; no plan at all', () => {
    const paused = patientRow(
      {
        entry,
        reference: null,
        plan: {
          planId: 'p',
          status: 'paused',
          statusReason: 'red-flag-reported',
          plan: PLAN,
          channel: 'sms',
        },
        events: [],
        openAlerts: 0,
      },
      at('2027-03-02', '09:00'),
    );
    expect(paused).toMatchObject({ status: 'paused', statusReason: 'red-flag-reported' });
    const pending = patientRow(
      {
        entry,
        reference: null,
        plan: { planId: 'p', status: 'pending_verification', plan: PLAN, channel: 'sms' },
        events: [],
        openAlerts: 0,
      },
      at('2027-03-02', '09:00'),
    );
    expect(pending.adherence7d).toBeNull();
    const none = patientRow({ entry, reference: null, events: [], openAlerts: 0 }, at('2027-03-02', '09:00'));
    expect(none).toMatchObject({
      status: 'none',
      planId: null,
      planDay: null,
      adherence7d: null,
      lastPain: null,
    });
  });
});

describe('the timeline', () => {
  it('texts with their channel outcome, replies and actions, newest first; held claims left out', () => {
    const items = timeline(
      {
        '2027-03-01T13:00Z': {
          state: 'sent',
          at: '2027-03-01T13:00:05.000Z',
          slot: 1,
          outcome: 'delivered',
          outcomeAt: '2027-03-01T13:00:09.000Z',
        },
        '2027-03-01T18:00Z': { state: 'sending', at: '2027-03-01T18:00:01.000Z', slot: 2 },
        '2027-03-01T23:59Z': {
          state: 'skipped',
          at: '2027-03-02T00:00:00.000Z',
          slot: 3,
          reason: 'plan-paused',
        },
      },
      [
        {
          type: 'message',
          at: '2027-03-01T15:00:00.000Z',
          localDate: '2027-03-01',
          slot: 1,
          text: 'my legs feel odd',
        },
      ],
      [
        {
          at: '2027-03-01T16:00:00.000Z',
          by: 'dr.lee',
          bySub: 's',
          action: 'pause',
          patientId: 'P-0123ABCD',
        },
      ],
    );
    expect(items.map((i) => i.kind)).toEqual(['text', 'action', 'reply', 'text']);
    expect(items[3]).toMatchObject({ kind: 'text', slot: 1, state: 'sent', outcome: 'delivered' });
    expect(items[0]).toMatchObject({ state: 'skipped', reason: 'plan-paused' });
    expect(items[2]).toMatchObject({ kind: 'reply', type: 'message', text: 'my legs feel odd' });
  });
});

describe("the patient's answer when the clinic paused the reminders", () => {
  it('is one GSM-7 segment with the longest app name and clinic contact the config allows', async () => {
    const { clinicPausedText } = await import('../../shared/domain/messaging/texts.ts');
    const { smsSegments } = await import('../../shared/domain/messaging/sms.ts');
    const text = clinicPausedText('A'.repeat(30), '+1 (415) 555-0100 or help@clinic.example'.slice(0, 40));
    expect(text).toContain('your clinic paused your reminders');
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});
