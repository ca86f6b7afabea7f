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
  alertSummary,
  bySeverity,
  compareAlerts,
  inboxKey,
  SEVERITY_ORDER,
  severityMask,
  severityOf,
  silence,
  textsFailingAlert,
  trendStart,
  type WatchedPlan,
} from '../../shared/domain/clinic/alerts.ts';
import type { ClinicEvent } from '../../shared/domain/clinic/roster.ts';
import type { PlanStatus } from '../../shared/domain/plan/lifecycle.ts';
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

  it('pain rising: one alert per trend, the same while the rise goes on, a new one after a fall', () => {
    const history = [painOn('2027-05-03', 2), painOn('2027-05-04', 3)];
    const first = painOn('2027-05-05', 4, '09:00');
    const second = painOn('2027-05-05', 5, '18:00');
    const [a] = alertsForEvent(first, context([...history, first]), RULES);
    const [b] = alertsForEvent(second, context([...history, first, second]), RULES);
    expect(a).toMatchObject({ kind: 'pain-rising', detail: { pains: [2, 3, 4] } });
    // The day's second score gives the same id: the store keeps one alert.
    expect(b!.alertId).toBe(a!.alertId);
    // The rise goes on for two more days: still the same trend, the same alert (even acknowledged).
    const day6 = painOn('2027-05-06', 6);
    const day7 = painOn('2027-05-07', 7);
    const all = [...history, first, second, day6, day7];
    const rising = (e: ClinicEvent) =>
      alertsForEvent(e, context(all), RULES).find((x) => x.kind === 'pain-rising');
    expect(rising(day6)!.alertId).toBe(a!.alertId);
    expect(rising(day7)!.alertId).toBe(a!.alertId);
    // A fall, then a new rise: a new trend, a new alert.
    const later = [...all, painOn('2027-05-08', 3), painOn('2027-05-09', 4), painOn('2027-05-10', 6)];
    const again = alertsForEvent(later.at(-1)!, context(later), RULES).find((x) => x.kind === 'pain-rising');
    expect(again!.alertId).not.toBe(a!.alertId);
    expect(
      trendStart([
        { localDate: 'a', pain: 5 },
        { localDate: 'b', pain: 3 },
        { localDate: 'c', pain: 4 },
      ]),
    ).toBe('b');
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

describe('no sessions: counted in sessions DUE (due.ts), so a pause never raises a false alarm', () => {
  const doneAt = (date: string, time: string): ClinicEvent => ({
    type: 'done',
    at: at(date, time),
    localDate: date,
    slot: 1,
  });
  const watched = (status: PlanStatus = 'active', history?: [PlanStatus, string][]): WatchedPlan => ({
    planId: PLAN_ID,
    status,
    ...(history ? { statusHistory: history.map(([to, when]) => ({ to, at: when })) } : {}),
    updatedAt: plan.startsAt,
    plan,
  });
  const when = (iso: string) => new Date(Date.parse(iso));

  it('fires at the 6th session due after the last one done (2 days × 3), once for that silence', () => {
    const last = at('2027-05-03', '08:10');
    // Sessions after it: 05-03 13:00, 19:00, 05-04 08:00, 13:00, 19:00, 05-05 08:00.
    expect(
      inactivityAlert(watched(), 'P-0123ABCD', last, when(at('2027-05-05', '07:59')), RULES),
    ).toBeUndefined();
    const alert = inactivityAlert(watched(), 'P-0123ABCD', last, when(at('2027-05-05', '08:00')), RULES);
    expect(alert).toMatchObject({ kind: 'no-sessions', detail: { since: last, days: 2, missed: 6 } });
    const later = inactivityAlert(watched(), 'P-0123ABCD', last, when(at('2027-05-06', '20:00')), RULES);
    expect(later!.alertId).toBe(alert!.alertId);
    // A session after it: a new silence, a new id.
    const again = inactivityAlert(
      watched(),
      'P-0123ABCD',
      doneAt('2027-05-06', '13:00').at,
      when(at('2027-05-08', '13:00')),
      RULES,
    );
    expect(again!.alertId).not.toBe(alert!.alertId);
  });

  it('a pain pause stops the count and a resume takes it up where it was: no alarm an hour after resuming', () => {
    // Ann: last session 05-03 08:10, paused for pain 05-03 10:00, resumed 05-06 14:02.
    const ann = watched('active', [
      ['active', at('2027-05-03', '07:00')],
      ['paused', at('2027-05-03', '10:00')],
      ['active', at('2027-05-06', '14:02')],
    ]);
    const last = at('2027-05-03', '08:10');
    expect(inactivityAlert(ann, 'P-ANN', last, when(at('2027-05-06', '15:00')), RULES)).toBeUndefined();
    // Due sessions after the resume: 05-06 19:00, 05-07 ×3, 05-08 08:00 and 13:00 → the 6th at 05-08 13:00.
    expect(silence(ann, last, when(at('2027-05-06', '15:00')), RULES)!.dueAt).toBe(at('2027-05-08', '13:00'));
    expect(inactivityAlert(ann, 'P-ANN', last, when(at('2027-05-08', '13:00')), RULES)).toMatchObject({
      detail: { missed: 6 },
    });
  });

  it('nothing ever done: counts from the plan’s first due session; paused, stopped or ended plans are not chased', () => {
    const start = plan.startDate;
    expect(
      inactivityAlert(watched(), 'P-1', undefined, when(at(addDays(start, 1), '19:00')), RULES),
    ).toMatchObject({
      alertId: `no-sessions~${PLAN_ID}~start`,
    });
    expect(
      inactivityAlert(watched('paused'), 'P-1', undefined, when(at(addDays(start, 3))), RULES),
    ).toBeUndefined();
    expect(
      inactivityAlert(watched('stopped'), 'P-1', undefined, when(at(addDays(start, 3))), RULES),
    ).toBeUndefined();
    // A silence that would end only after the plan ended is none.
    expect(
      silence(watched(), at(plan.endDate, '19:00'), when(at(plan.endDate, '20:00')), RULES),
    ).toBeUndefined();
  });

  it('the email states the configured days', () => {
    const alert = inactivityAlert(watched(), 'P-1', undefined, when(at(addDays(plan.startDate, 5))), {
      inactiveDays: 3,
    })!;
    const email = alertEmail(alert, 'Clinic X', 'https://x.example/console/alerts');
    expect(email.body).toContain('no session in 3 days of reminders');
    expect(alertSummary('no-sessions', { days: 1 })).toBe('has done no session in 1 day of reminders');
  });
});

describe('texts not reaching the patient', () => {
  const entry = (outcome: 'delivered' | 'failed' | 'blocked' | 'opted-out') => ({ outcome, outcomeAt: 'x' });
  it('a text blocked at once; failed twice in a row; a delivery in between clears it', () => {
    expect(textsFailingAlert(PLAN_ID, 'P-1', { '2027-05-03T07:00:00Z': entry('blocked') })).toMatchObject({
      kind: 'texts-failing',
      detail: { outcome: 'blocked', failures: 1 },
    });
    expect(textsFailingAlert(PLAN_ID, 'P-1', { '2027-05-03T07:00:00Z': entry('failed') })).toBeUndefined();
    const twice = textsFailingAlert(PLAN_ID, 'P-1', {
      '2027-05-03T07:00:00Z': entry('failed'),
      '2027-05-03T12:00:00Z': entry('failed'),
    });
    expect(twice).toMatchObject({ detail: { outcome: 'failed', failures: 2 } });
    expect(twice!.alertId).toMatch(ALERT_ID_PATTERN);
    expect(
      textsFailingAlert(PLAN_ID, 'P-1', {
        '2027-05-03T07:00:00Z': entry('failed'),
        '2027-05-03T12:00:00Z': entry('delivered'),
        '2027-05-03T18:00:00Z': entry('failed'),
      }),
    ).toBeUndefined();
    expect(textsFailingAlert(PLAN_ID, 'P-1', { '2027-05-03T07:00:00Z': entry('delivered') })).toBeUndefined();
  });
});

describe('triage: the severity order', () => {
  it('red flag > pain ≥ threshold > rising pain > no sessions > texts failing > opt-out > free text', () => {
    expect(SEVERITY_ORDER).toEqual([
      'red-flag',
      'pain-high',
      'pain-rising',
      'no-sessions',
      'texts-failing',
      'opted-out',
      'message',
    ]);
    expect([...SEVERITY_ORDER].sort()).toEqual([...ALERT_KINDS].sort());
    expect(bySeverity(['message', 'red-flag', 'message', 'no-sessions'])).toEqual([
      'red-flag',
      'no-sessions',
      'message',
    ]);
  });

  it('property: one red flag outranks any set of kinds without one; the mask orders kinds lexicographically', () => {
    const kinds = fc.uniqueArray(fc.constantFrom(...ALERT_KINDS));
    fc.assert(
      fc.property(kinds, kinds, (a, b) => {
        const ma = severityMask(a);
        const mb = severityMask(b);
        // Compare the most urgent kinds first: the first difference decides, as the mask does.
        const sa = bySeverity(a).map(severityOf);
        const sb = bySeverity(b).map(severityOf);
        let expected = 0;
        for (let i = 0; i < Math.max(sa.length, sb.length) && expected === 0; i++) {
          if (sa[i] === sb[i]) continue;
          if (sa[i] === undefined) expected = -1;
          else if (sb[i] === undefined) expected = 1;
          else expected = sa[i]! < sb[i]! ? 1 : -1;
        }
        expect(Math.sign(ma - mb)).toBe(expected);
        if (a.includes('red-flag') && !b.includes('red-flag')) expect(ma).toBeGreaterThan(mb);
      }),
    );
  });

  it('the inbox: open before closed, the most urgent kind, then the newest', () => {
    const alerts = [
      { state: 'open' as const, kind: 'message' as const, lastAt: '2027-05-03T09:00Z' },
      { state: 'acknowledged' as const, kind: 'red-flag' as const, lastAt: '2027-05-03T10:00Z' },
      { state: 'open' as const, kind: 'red-flag' as const, lastAt: '2027-05-03T08:00Z' },
      { state: 'open' as const, kind: 'pain-high' as const, lastAt: '2027-05-03T11:00Z' },
      { state: 'open' as const, kind: 'pain-high' as const, lastAt: '2027-05-03T12:00Z' },
    ];
    expect([...alerts].sort(compareAlerts).map((a) => `${a.kind}@${a.lastAt.slice(11, 13)}`)).toEqual([
      'red-flag@08',
      'pain-high@12',
      'pain-high@11',
      'message@09',
      'red-flag@10',
    ]);
    // The index key orders the same way, read descending.
    const keys = alerts.filter((a) => a.state === 'open').map((a) => inboxKey(a.kind, a.lastAt));
    expect([...keys].sort().reverse()).toEqual([
      inboxKey('red-flag', '2027-05-03T08:00Z'),
      inboxKey('pain-high', '2027-05-03T12:00Z'),
      inboxKey('pain-high', '2027-05-03T11:00Z'),
      inboxKey('message', '2027-05-03T09:00Z'),
    ]);
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

  it('property: any run of causes of one kind keeps one episode, counts each new cause once, never lowers its tier, emails only on open or a higher tier', () => {
    const cause = fc.record({
      minute: fc.integer({ min: 0, max: 600 }),
      score: fc.integer({ min: 7, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(cause, { minLength: 1, maxLength: 30 }), (causes) => {
        let episode: AlertEpisode | undefined;
        let emails = 0;
        let newCauses = 0;
        const seen = new Set<string>();
        for (const c of [...causes].sort((x, y) => x.minute - y.minute)) {
          const time = `${String(8 + Math.floor(c.minute / 60)).padStart(2, '0')}:${String(c.minute % 60).padStart(2, '0')}`;
          const alert: Alert = {
            alertId: `pain-high~${PLAN_ID}~${at('2027-05-03', time)}`,
            kind: 'pain-high',
            patientId: 'P-1',
            planId: PLAN_ID,
            at: at('2027-05-03', time),
            tier: alertTier('pain-high', { pain: c.score }),
            detail: { pain: c.score },
          };
          const step = episodeStep(episode, alert);
          const before = episode?.tier;
          if (step === 'open') episode = openEpisode(alert, alert.at);
          else if (step !== 'duplicate') episode = repeated(episode!, alert);
          if (step !== 'duplicate') newCauses += 1;
          if (!seen.has(alert.at)) seen.add(alert.at);
          if (before)
            expect(['routine', 'soon', 'urgent'].indexOf(episode!.tier)).toBeGreaterThanOrEqual(
              ['routine', 'soon', 'urgent'].indexOf(before),
            );
          if (emailDue(episode!)) {
            expect(step === 'open' || step === 'escalate').toBe(true);
            emails += 1;
            episode = { ...episode!, emailedTier: episode!.tier };
          }
        }
        expect(episode!.count).toBe(newCauses);
        expect(newCauses).toBe(seen.size);
        // At most one email per tier reached.
        expect(emails).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('emails go for the kinds that call for one; free text waits in the inbox', () => {
    for (const kind of ALERT_KINDS) {
      const alert = { ...redFlag('09:00'), kind, tier: alertTier(kind, {}) };
      expect(emailDue(openEpisode(alert, alert.at))).toBe(EMAILED_KINDS.includes(kind));
    }
  });
});
