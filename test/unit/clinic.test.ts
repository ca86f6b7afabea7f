import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countsOf,
  groupsClaim,
  hasRole,
  newPatientId,
  PATIENT_ID_PATTERN,
  roleOf,
  timeline,
  type ClinicEvent,
} from '../../shared/domain/clinic/roster.ts';
import { adherence, progressDays, type PlanTrail } from '../../shared/domain/clinic/adherence.ts';
import { severityMask, type AlertKind } from '../../shared/domain/clinic/alerts.ts';
import { patientRow, rankKey, rowState } from '../../shared/domain/clinic/read-model.ts';
import type { PlanStatus } from '../../shared/domain/plan/lifecycle.ts';
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

/** The plan as the counts read it: active from its first day, or with the history given. */
const trail = (status: PlanStatus = 'active', history?: [PlanStatus, Date][]): PlanTrail => ({
  status,
  ...(history ? { statusHistory: history.map(([to, when]) => ({ to, at: when.toISOString() })) } : {}),
  updatedAt: PLAN.startsAt,
  plan: PLAN,
});
const progress = (events: ClinicEvent[], now: Date, t = trail()) => {
  const { done, pains } = countsOf(events, 3);
  return progressDays(t, done, pains, now);
};
const adh = (events: ClinicEvent[], now: Date, t = trail()) => adherence(t, countsOf(events, 3).done, now);

describe('progress and adherence', () => {
  it('counts a session once however it was logged, and never more done than due', () => {
    const events = [done('2027-03-01', 1), done('2027-03-01', 1, '08:30'), done('2027-03-01', 2)];
    // 14:00 on the first day: sessions 1 and 2 are due, both done.
    const days = progress(events, at('2027-03-01', '14:00'));
    expect(days).toEqual([
      { localDate: '2027-03-01', day: 1, state: 'active', done: 2, expected: 2, notDue: 0, pain: null },
    ]);
    // A DONE sent at 07:00 counts for session 1 only once session 1 is due.
    const early = progress([done('2027-03-02', 1, '07:00')], at('2027-03-02', '07:30'));
    expect(early.at(-1)).toMatchObject({ localDate: '2027-03-02', done: 0, expected: 0, state: 'upcoming' });
  });

  it('adherence is over the last 7 local days, within the plan', () => {
    const events: ClinicEvent[] = [];
    for (let d = 0; d < 10; d++)
      events.push(done(addDays('2027-03-01', d), 1), done(addDays('2027-03-01', d), 2));
    const now = at('2027-03-10', '20:00');
    // Days 4–10 (7 days) × 3 sessions due; 2 done each day.
    expect(adh(events, now)).toEqual({ done: 14, expected: 21, ratio: 14 / 21 });
  });

  it('nothing due yet: the ratio is null, not 0 or 100 %', () => {
    expect(adh([], at('2027-03-01', '07:00'))).toEqual({ done: 0, expected: 0, ratio: null });
  });

  it('paused and stopped days are shown as such and never counted as missed', () => {
    // Active from day 1, paused (pain) on day 3 at 10:00, resumed day 5 at 14:00, stopped day 7 at 09:00.
    const t = trail('stopped', [
      ['active', at('2027-03-01', '07:00')],
      ['paused', at('2027-03-03', '10:00')],
      ['active', at('2027-03-05', '14:00')],
      ['stopped', at('2027-03-07', '09:00')],
    ]);
    const days = progress([done('2027-03-01', 1), done('2027-03-04', 2)], at('2027-03-08', '20:00'), t);
    expect(days.map((d) => [d.day, d.state, d.expected, d.notDue])).toEqual([
      [1, 'active', 3, 0],
      [2, 'active', 3, 0],
      [3, 'active', 1, 2],
      [4, 'paused', 0, 3],
      [5, 'active', 1, 2],
      [6, 'active', 3, 0],
      [7, 'active', 1, 2],
      [8, 'stopped', 0, 3],
    ]);
    // A session logged while paused counts for nothing.
    expect(days[3]!.done).toBe(0);
    // The system paused Bob, nothing was due since: not 0 %, but nothing due.
    const bob = trail('paused', [
      ['active', at('2027-03-01', '07:00')],
      ['paused', at('2027-03-01', '07:30')],
    ]);
    expect(adh([], at('2027-03-06', '20:00'), bob)).toEqual({ done: 0, expected: 0, ratio: null });
  });

  it('property: 0 ≤ done ≤ expected ≤ 21, and a pause only ever takes sessions out of what is due', () => {
    const event = fc.record({
      day: fc.integer({ min: -2, max: 16 }),
      slot: fc.integer({ min: 0, max: 4 }),
      minute: fc.integer({ min: 0, max: 1439 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 * 1440 }),
        fc.array(fc.integer({ min: 1, max: 20 * 1440 }), { maxLength: 4 }),
        (raw, offset, changes) => {
          const events = raw.map(({ day, slot, minute }) => {
            const date = addDays('2027-03-01', day);
            const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
            return done(date, slot, time);
          });
          const start = at('2027-03-01', '00:00').getTime();
          const now = new Date(start + offset * 60_000);
          // Alternating pause and resume from an active start.
          const history: [PlanStatus, Date][] = [['active', new Date(start)]];
          [...changes]
            .sort((a, b) => a - b)
            .forEach((m, i) =>
              history.push([i % 2 === 0 ? 'paused' : 'active', new Date(start + m * 60_000)]),
            );
          const paused = trail(history.at(-1)![0], history);
          const a = adh(events, now, paused);
          const always = adh(events, now);
          expect(a.done).toBeGreaterThanOrEqual(0);
          expect(a.done).toBeLessThanOrEqual(a.expected);
          expect(a.expected).toBeLessThanOrEqual(always.expected);
          expect(always.expected).toBeLessThanOrEqual(21);
          for (const day of progress(events, now, paused)) {
            expect(day.done).toBeLessThanOrEqual(day.expected);
            if (day.expected === 0) expect(day.state).not.toBe('active');
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the day’s highest pain goes on the chart', () => {
    const days = progress([pain('2027-03-01', 3), pain('2027-03-01', 6, '18:00')], at('2027-03-01', '20:00'));
    expect(days[0]!.pain).toBe(6);
  });
});

describe('the patients list row (the read model)', () => {
  const entry = {
    patientId: 'P-0123ABCD',
    phoneHash: 'h',
    source: 'invite' as const,
    enrolledAt: '2027-03-01T10:00:00.000Z',
  };
  const RULES = { inactiveDays: 2 };
  const open = (kind: AlertKind, lastAt = '2027-03-02T00:00:00.000Z') => ({ kind, lastAt });

  it('a running plan: day, adherence, last pain and the open alert kinds, most urgent first', () => {
    const plan = { planId: 'plan-1', status: 'active' as const, plan: PLAN, channel: 'sms' as const };
    const now = at('2027-03-03', '20:00');
    const events = [done('2027-03-01', 1), pain('2027-03-02', 4), pain('2027-03-03', 5)];
    const state = rowState(plan, events, [open('message'), open('red-flag'), open('pain-high')], now, RULES);
    const row = patientRow({ ...entry, ...state }, 'Jane Doe (MRN 1234)', now);
    expect(row).toMatchObject({
      patientId: 'P-0123ABCD',
      reference: 'Jane Doe (MRN 1234)',
      status: 'active',
      statusReason: null,
      planDay: { day: 3, of: 14 },
      adherence7d: { done: 1, expected: 9 },
      lastPain: { pain: 5, at: pain('2027-03-03', 5).at },
      lastSessionAt: done('2027-03-01', 1).at,
      openKinds: ['red-flag', 'pain-high', 'message'],
      openAlerts: 3,
    });
    // Read a day later, the same row is a day on: nothing computed at write time goes stale.
    expect(patientRow({ ...entry, ...state }, null, at('2027-03-04', '20:00'))).toMatchObject({
      planDay: { day: 4, of: 14 },
      adherence7d: { done: 1, expected: 12 },
    });
  });

  it('a paused plan names why; a plan waiting for its code has no adherence yet; no plan at all', () => {
    const now = at('2027-03-02', '09:00');
    const paused = patientRow(
      {
        ...entry,
        ...rowState(
          { planId: 'p', status: 'paused', statusReason: 'red-flag-reported', plan: PLAN, channel: 'sms' },
          [],
          [],
          now,
          RULES,
        ),
      },
      null,
      now,
    );
    expect(paused).toMatchObject({ status: 'paused', statusReason: 'red-flag-reported' });
    const pending = patientRow(
      {
        ...entry,
        ...rowState(
          { planId: 'p', status: 'pending_verification', plan: PLAN, channel: 'sms' },
          [],
          [],
          now,
          RULES,
        ),
      },
      null,
      now,
    );
    expect(pending.adherence7d).toBeNull();
    const none = patientRow({ ...entry, ...rowState(undefined, [], [], now, RULES) }, null, now);
    expect(none).toMatchObject({
      status: 'none',
      planId: null,
      planDay: null,
      adherence7d: null,
      lastPain: null,
      openKinds: [],
    });
  });

  it('the sweep’s due time: inactiveDays of sessions due with none done; none while paused', () => {
    const plan = { planId: 'p', status: 'active' as const, plan: PLAN, channel: 'sms' as const };
    const now = at('2027-03-02', '09:00');
    // Last done 2027-03-01 08:05: the 6th session due after it is 2027-03-03 08:00.
    const state = rowState(plan, [done('2027-03-01', 1)], [], now, RULES);
    expect(state.inactiveDueAt).toBe(at('2027-03-03', '08:00').toISOString());
    expect(rowState({ ...plan, status: 'paused' }, [], [], now, RULES).inactiveDueAt).toBeUndefined();
  });

  it('rank: severity first, then the newest open alert, then the newest enrolment', () => {
    const row = (id: string, kinds: AlertKind[], lastAlertAt?: string, enrolledAt = '2027-03-01T00:00:00Z') =>
      rankKey({
        patientId: id,
        enrolledAt,
        severity: severityMask(kinds),
        ...(lastAlertAt ? { lastAlertAt } : {}),
      });
    const ranked = [
      row('P-A', ['message'], '2027-03-05T00:00:00Z'),
      row('P-B', ['red-flag'], '2027-03-01T00:00:00Z'),
      row('P-C', [], undefined, '2027-03-09T00:00:00Z'),
      row('P-D', ['pain-high', 'no-sessions'], '2027-03-02T00:00:00Z'),
      row('P-E', ['pain-high'], '2027-03-04T00:00:00Z'),
      row('P-F', ['red-flag', 'message'], '2027-03-01T00:00:00Z'),
    ].sort((a, b) => (a < b ? 1 : -1));
    expect(ranked.map((k) => k.split('#')[2])).toEqual(['P-F', 'P-B', 'P-D', 'P-E', 'P-A', 'P-C']);
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
