import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_ID_PATTERN,
  ALERT_KINDS,
  alertEmail,
  alertTier,
  closeEpisode,
  EMAILED_KINDS,
  emailDue,
  episodeStep,
  openEpisode,
  repeated,
  type Alert,
  type AlertEpisode,
  alertsForEvent,
  dailyPain,
  DEFAULT_ALERT_RULES,
  inactivityAlert,
  optOutAlert,
  painRising,
  type AlertRules,
} from '../../shared/domain/clinic/alerts.ts';
import type { ClinicEvent, ClinicPlan } from '../../shared/domain/clinic/roster.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { addDays, zonedInstant } from '../../shared/domain/time.ts';

const ZONE = 'Europe/London';
const RULES = DEFAULT_ALERT_RULES;
const PLAN_ID = '0b7f4c1e-2d3a-4c5b-9e8f-a1b2c3d4e5f6';
const plan = buildPlan(
  {
    scores: { 'hip-mobility': 0, 'cat-camel': 1, 'hip-bridges': 2, 'bird-dog': 3 },
    redFlags: [],
    timeZone: ZONE,
    sessionTimes: ['08:00', '13:00', '19:00'],
  },
  { now: zonedInstant('2027-05-03', '06:00', ZONE) },
).plan!;
const active: ClinicPlan = { planId: PLAN_ID, status: 'active', plan, channel: 'sms' };
const at = (date: string, time = '12:00') => zonedInstant(date, time, ZONE).toISOString();
const painOn = (date: string, score: number, time = '12:00'): ClinicEvent => ({
  type: 'pain',
  at: at(date, time),
  localDate: date,
  slot: 1,
  pain: score,
});
const NOW = new Date('2027-05-03T12:00:00.000Z');
const context = (history: ClinicEvent[]) => ({ patientId: 'P-0123ABCD', planId: PLAN_ID, history });

describe('pain rising', () => {
  it('rises when the last three scored days never fall and gain 2 or more', () => {
    expect(painRising([{ pain: 3 }, { pain: 4 }, { pain: 5 }], RULES)).toBe(true);
    expect(painRising([{ pain: 3 }, { pain: 3 }, { pain: 5 }], RULES)).toBe(true);
    expect(painRising([{ pain: 3 }, { pain: 4 }, { pain: 4 }], RULES)).toBe(false);
    expect(painRising([{ pain: 3 }, { pain: 6 }, { pain: 5 }], RULES)).toBe(false);
    expect(painRising([{ pain: 2 }, { pain: 6 }], RULES)).toBe(false);
  });

  const scores = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 0, maxLength: 12 });
  const rules = fc.record({
    painAlertAt: fc.constant(7),
    risingDays: fc.integer({ min: 2, max: 5 }),
    risingBy: fc.integer({ min: 1, max: 4 }),
    inactiveDays: fc.constant(2),
  }) as fc.Arbitrary<AlertRules>;

  it('property: a history that never rises never raises it', () => {
    fc.assert(
      fc.property(scores, rules, (raw, r) => {
        const falling = [...raw].sort((a, b) => b - a).map((pain) => ({ pain }));
        expect(painRising(falling, r)).toBe(false);
      }),
    );
  });

  it('property: when it rises, the last day is at least risingBy above a day of the window', () => {
    fc.assert(
      fc.property(scores, rules, (raw, r) => {
        const days = raw.map((pain) => ({ pain }));
        if (!painRising(days, r)) return;
        const window = raw.slice(-r.risingDays);
        expect(window.at(-1)! - Math.min(...window)).toBeGreaterThanOrEqual(r.risingBy);
      }),
    );
  });

  it('property: the same rise a few points higher or lower is still a rise (only the change counts)', () => {
    fc.assert(
      fc.property(scores, rules, fc.integer({ min: -3, max: 3 }), (raw, r, shift) => {
        fc.pre(raw.every((p) => p + shift >= 0 && p + shift <= 10));
        const a = painRising(
          raw.map((pain) => ({ pain })),
          r,
        );
        const b = painRising(
          raw.map((pain) => ({ pain: pain + shift })),
          r,
        );
        expect(b).toBe(a);
      }),
    );
  });

  it('the day counts its highest score, whatever order the scores came in', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          [painOn('2027-05-03', 2, '09:00'), painOn('2027-05-03', 6, '20:00'), painOn('2027-05-04', 1)],
          { minLength: 3 },
        ),
        (events) => {
          expect(dailyPain(events)).toEqual([
            { localDate: '2027-05-03', pain: 6 },
            { localDate: '2027-05-04', pain: 1 },
          ]);
        },
      ),
    );
  });
});

describe('alerts from a patient event', () => {
  it('pain at or above the threshold; below it nothing', () => {
    const high = painOn('2027-05-03', 7);
    expect(alertsForEvent(high, context([high]), RULES)).toEqual([
      expect.objectContaining({
        kind: 'pain-high',
        planId: PLAN_ID,
        patientId: 'P-0123ABCD',
        at: high.at,
        detail: { pain: 7 },
      }),
    ]);
    const low = painOn('2027-05-03', 6);
    expect(alertsForEvent(low, context([low]), RULES)).toEqual([]);
  });

  it('pain rising over three days raises one alert for the day, keyed by the day', () => {
    const history = [painOn('2027-05-03', 2), painOn('2027-05-04', 3)];
    const first = painOn('2027-05-05', 4, '09:00');
    const second = painOn('2027-05-05', 5, '18:00');
    const [a] = alertsForEvent(first, context([...history, first]), RULES);
    const [b] = alertsForEvent(second, context([...history, first, second]), RULES);
    expect(a).toMatchObject({ kind: 'pain-rising', detail: { pains: [2, 3, 4] } });
    // The day's second score gives the same id: the store keeps one alert.
    expect(b!.alertId).toBe(a!.alertId);
  });

  it('a late redelivery of an old score judges only what was known then', () => {
    const old = painOn('2027-05-03', 2);
    const history = [old, painOn('2027-05-04', 3), painOn('2027-05-05', 5)];
    expect(alertsForEvent(old, context(history), RULES)).toEqual([]);
  });

  it('red-flag words and free text keep the words; DONE raises nothing', () => {
    const words: ClinicEvent = {
      type: 'alert',
      at: at('2027-05-03'),
      localDate: '2027-05-03',
      slot: 1,
      text: 'my legs went numb',
    };
    expect(alertsForEvent(words, context([]), RULES)).toEqual([
      expect.objectContaining({ kind: 'red-flag', detail: { text: 'my legs went numb' } }),
    ]);
    const message: ClinicEvent = { ...words, type: 'message', text: 'can I swim?' };
    expect(alertsForEvent(message, context([]), RULES)[0]).toMatchObject({ kind: 'message' });
    expect(alertsForEvent({ ...words, type: 'done' }, context([]), RULES)).toEqual([]);
  });

  it('property: the same event always makes the same alert ids (a redelivery raises nothing new)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 6 }), (score, day) => {
        const e = painOn(addDays('2027-05-03', day), score);
        const ids = () => alertsForEvent(e, context([e]), RULES).map((a) => a.alertId);
        expect(ids()).toEqual(ids());
        for (const id of ids()) expect(id).toMatch(ALERT_ID_PATTERN);
      }),
    );
  });
});

describe('two days without a session', () => {
  const doneAt = (date: string, time: string): ClinicEvent => ({
    type: 'done',
    at: at(date, time),
    localDate: date,
    slot: 1,
  });

  it('fires 48 hours after the last session, once for that silence', () => {
    const events = [doneAt('2027-05-03', '08:10')];
    expect(
      inactivityAlert(active, 'P-0123ABCD', events, new Date(Date.parse(at('2027-05-05', '08:09'))), RULES),
    ).toBeUndefined();
    const alert = inactivityAlert(
      active,
      'P-0123ABCD',
      events,
      new Date(Date.parse(at('2027-05-05', '08:10'))),
      RULES,
    );
    expect(alert).toMatchObject({ kind: 'no-sessions', detail: { since: at('2027-05-03', '08:10') } });
    const later = inactivityAlert(
      active,
      'P-0123ABCD',
      events,
      new Date(Date.parse(at('2027-05-06', '20:00'))),
      RULES,
    );
    expect(later!.alertId).toBe(alert!.alertId);
    // A session after it: a new silence, a new id.
    const again = inactivityAlert(
      active,
      'P-0123ABCD',
      [...events, doneAt('2027-05-06', '13:00')],
      new Date(Date.parse(at('2027-05-08', '13:00'))),
      RULES,
    );
    expect(again!.alertId).not.toBe(alert!.alertId);
  });

  it('counts from the first session when nothing was ever logged; paused or ended plans are not chased', () => {
    const start = at(plan.startDate, '08:00');
    const due = new Date(Date.parse(start) + 2 * 86_400_000);
    expect(inactivityAlert(active, 'P-1', [], due, RULES)).toMatchObject({ detail: { since: start } });
    expect(inactivityAlert({ ...active, status: 'paused' }, 'P-1', [], due, RULES)).toBeUndefined();
    expect(
      inactivityAlert(active, 'P-1', [], new Date(Date.parse(plan.endsAt) + 5 * 86_400_000), RULES),
    ).toMatchObject({ kind: 'no-sessions' });
    // A silence that would end only after the plan ended is none.
    const lastDay = doneAt(plan.endDate, '19:00');
    expect(
      inactivityAlert(active, 'P-1', [lastDay], new Date(Date.parse(plan.endsAt) + 5 * 86_400_000), RULES),
    ).toBeUndefined();
  });
});

describe('opt-out and the email', () => {
  it('one opt-out alert a plan', () => {
    expect(optOutAlert(PLAN_ID, 'P-1', 'x').alertId).toBe(optOutAlert(PLAN_ID, 'P-1', 'y').alertId);
  });

  it('the email names the kind and the pseudonymous id, never words, scores or references', () => {
    const email = alertEmail(
      { kind: 'red-flag', patientId: 'P-0123ABCD' },
      'Clinic X',
      'https://api.example/console/alerts',
    );
    expect(email.subject).toContain('P-0123ABCD');
    expect(email.body).toContain('https://api.example/console/alerts');
    expect(`${email.subject}\n${email.body}`).not.toMatch(/numb|\d\/10|pain \d/i);
  });
});

describe('alert episodes: one open alert per patient and kind', () => {
  const redFlag = (time: string): Alert => ({
    alertId: `red-flag~${PLAN_ID}~${at('2027-05-03', time)}`,
    kind: 'red-flag',
    patientId: 'P-0123ABCD',
    planId: PLAN_ID,
    at: at('2027-05-03', time),
    tier: 'urgent',
    detail: { text: 'numb' },
  });
  const open = (alert: Alert, over: Partial<AlertEpisode> = {}): AlertEpisode => ({
    ...openEpisode(alert, alert.at),
    ...over,
  });

  it('the first cause opens an episode: one alert, counted once, its email due', () => {
    const first = redFlag('09:00');
    const episode = openEpisode(first, first.at);
    expect(episode).toMatchObject({ state: 'open', count: 1, lastAt: first.at, tier: 'urgent' });
    expect(episodeStep(undefined, first)).toBe('open');
    expect(emailDue(episode)).toBe(true);
    expect(emailDue({ ...episode, emailedTier: 'urgent' })).toBe(false);
  });

  it('a repeat while it is open is counted, not raised again: no new email', () => {
    const episode = open(redFlag('09:00'), { emailedTier: 'urgent' });
    expect(episodeStep(episode, redFlag('09:05'))).toBe('repeat');
    const after = repeated(episode, redFlag('09:05'));
    expect(after).toMatchObject({ count: 2, lastAt: redFlag('09:05').at, alertId: episode.alertId });
    expect(emailDue(after)).toBe(false);
    // The same cause again (a redelivery), or an older one: counted already.
    expect(episodeStep(after, redFlag('09:05'))).toBe('duplicate');
    expect(episodeStep(after, redFlag('08:00'))).toBe('duplicate');
  });

  it('a higher tier is never swallowed: the open alert rises to it and is emailed again', () => {
    const pain = (score: number, time: string): Alert => ({
      alertId: `pain-high~${PLAN_ID}~${at('2027-05-03', time)}`,
      kind: 'pain-high',
      patientId: 'P-0123ABCD',
      planId: PLAN_ID,
      at: at('2027-05-03', time),
      tier: alertTier('pain-high', { pain: score }),
      detail: { pain: score },
    });
    expect(pain(7, '09:00').tier).toBe('routine');
    expect(pain(8, '09:00').tier).toBe('soon');
    const episode = open(pain(7, '09:00'), { emailedTier: 'routine' });
    expect(episodeStep(episode, pain(7, '10:00'))).toBe('repeat');
    expect(episodeStep(episode, pain(9, '10:00'))).toBe('escalate');
    const risen = repeated(episode, pain(9, '10:00'));
    expect(risen).toMatchObject({ tier: 'soon', count: 2, detail: { pain: 9 } });
    expect(emailDue(risen)).toBe(true);
    // A lower score later keeps the tier it reached.
    expect(repeated({ ...risen, emailedTier: 'soon' }, pain(7, '11:00'))).toMatchObject({ tier: 'soon' });
  });

  it('closed by a clinician only: the next cause opens a new episode; the patient saying MISTAKE closes nothing', () => {
    const episode = open(redFlag('09:00'), { emailedTier: 'urgent' });
    const marked: AlertEpisode = { ...episode, misreadAt: at('2027-05-03', '09:10') };
    expect(marked.state).toBe('open');
    expect(episodeStep(marked, redFlag('09:20'))).toBe('repeat');
    const closed = closeEpisode(marked, { username: 'dr.lee', role: 'clinician' }, 'acknowledged', NOW);
    expect(closed).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'dr.lee' });
    expect(() => closeEpisode(marked, { username: 'v', role: 'viewer' }, 'acknowledged', NOW)).toThrow(
      /clinician/,
    );
    expect(episodeStep(undefined, redFlag('10:00'))).toBe('open');
  });

  it('emails go for the kinds that call for one; free text waits in the inbox', () => {
    for (const kind of ALERT_KINDS) {
      const alert = { ...redFlag('09:00'), kind, tier: alertTier(kind, {}) };
      expect(emailDue(openEpisode(alert, alert.at))).toBe(EMAILED_KINDS.includes(kind));
    }
  });
});
