import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { painPause, transition } from '../../shared/domain/plan/lifecycle.ts';
import {
  pageMode,
  painCheckInBodySchema,
  pausedNotice,
  PAGE_ADVICE,
  planToday,
} from '../../shared/domain/plan/page.ts';
import {
  nextStep,
  painChange,
  painInWords,
  planProgress,
  todayInWords,
  type ProgressEvent,
} from '../../shared/domain/plan/progress.ts';
import {
  chartSummary,
  dayLabel,
  progressChartSvg,
  progressTable,
} from '../../shared/domain/plan/progress-chart.ts';
import { painCheckInEvent, sessionEvent } from '../../shared/domain/plan/session-log.ts';
import { addDays, zonedInstant } from '../../shared/domain/time.ts';

const ZONE = 'America/New_York';
const planOf = (lengthDays = 14) =>
  buildPlan(
    {
      scores: { 'hip-mobility': 0, 'cat-camel': 1, 'bird-dog': 3 },
      redFlags: [],
      timeZone: ZONE,
      sessionTimes: ['08:00', '13:00', '19:00'],
    },
    { now: zonedInstant('2030-03-05', '07:00', ZONE), lengthDays },
  ).plan!;
const plan = planOf();
const dayOf = (day: number) => addDays(plan.startDate, day - 1);
/** Noon on the plan's day `day`, New York time. */
const noonOf = (day: number) => zonedInstant(dayOf(day), '12:00', ZONE);
const done = (day: number, slot: number): ProgressEvent => ({ type: 'done', localDate: dayOf(day), slot });
const pain = (day: number, score: number): ProgressEvent => ({
  type: 'pain',
  localDate: dayOf(day),
  slot: 1,
  pain: score,
});

describe('sessions done per day', () => {
  it('counts distinct sessions a day: a DONE text and a Done tap for the same session, or two texts, count once', () => {
    const progress = planProgress(
      plan,
      [done(1, 1), done(1, 1), done(1, 2), done(2, 3), done(2, 3), done(2, 1), done(3, 2)],
      noonOf(3),
    );
    expect(progress.days.slice(0, 4).map((d) => d.sessions)).toEqual([2, 2, 1, 0]);
    expect(progress.sessionsDone).toBe(5);
    expect(progress.today).toMatchObject({ day: 3, sessions: 1, ahead: false });
    expect(progress.daysElapsed).toBe(3);
    // So far: the sessions due by noon of day 3 (3 + 3 + 1), and day 3's second, done early.
    expect(progress.sessionsSoFar).toBe(8);
    expect(progress.sessionsPlanned).toBe(42);
    expect(todayInWords(progress)).toBe('Today: 1 of 3 sessions done.');
  });

  it('never counts more than the sessions of a day, nor anything outside the plan’s days up to today', () => {
    const odd: ProgressEvent[] = [
      { type: 'done', localDate: dayOf(1), slot: 4 },
      { type: 'done', localDate: dayOf(1), slot: 0 },
      { type: 'done', localDate: addDays(plan.startDate, -1), slot: 1 },
      { type: 'done', localDate: addDays(plan.endDate, 1), slot: 1 },
      done(5, 1), // a day not reached yet
      pain(5, 9),
      { type: 'message', localDate: dayOf(1), slot: 1 },
      { type: 'pain', localDate: dayOf(1), slot: 1, pain: 11 },
    ];
    const progress = planProgress(plan, [...odd, done(1, 1), done(1, 2), done(1, 3)], noonOf(2));
    expect(progress.days[0]!.sessions).toBe(3);
    expect(progress.days[4]).toEqual({ day: 5, localDate: dayOf(5), sessions: 0, counted: 0, ahead: true });
    expect(progress.sessionsDone).toBe(3);
    expect(progress.painDays).toBe(0);
  });

  it('before the plan starts nothing has begun; after its end every day has', () => {
    const before = planProgress(plan, [], zonedInstant(addDays(plan.startDate, -1), '12:00', ZONE));
    expect(before).toMatchObject({ daysElapsed: 0, sessionsSoFar: 0, empty: true });
    expect(before.today).toBeUndefined();
    const after = planProgress(plan, [done(14, 3)], zonedInstant(addDays(plan.endDate, 3), '12:00', ZONE));
    expect(after).toMatchObject({ daysElapsed: 14, sessionsSoFar: 42, sessionsDone: 1, empty: false });
    expect(after.today).toBeUndefined();
    expect(todayInWords(after)).toBeUndefined();
  });
});

describe('the pain trend', () => {
  it("takes each day's worst score, from texts and the page alike, and compares the first day with a score to the latest", () => {
    const progress = planProgress(
      plan,
      [pain(1, 6), pain(1, 4), pain(3, 5), pain(5, 3), pain(5, 2)],
      noonOf(5),
    );
    expect(progress.days.slice(0, 5).map((d) => d.pain)).toEqual([6, undefined, 5, undefined, 3]);
    expect(progress.first).toEqual({ day: 1, localDate: dayOf(1), pain: 6 });
    expect(progress.latest).toEqual({ day: 5, localDate: dayOf(5), pain: 3 });
    expect(progress.painDays).toBe(3);
    expect(painInWords(progress)).toBe('Your back: 6 on day 1, 3 now (3 points better).');
    // Seen on a later day, "now" becomes the day of the latest score.
    expect(painInWords(planProgress(plan, [pain(1, 6), pain(5, 3)], noonOf(7)))).toBe(
      'Your back: 6 on day 1, 3 on day 5 (3 points better).',
    );
  });

  it('says one score as it is, none as nothing, and worse or the same in plain words', () => {
    expect(painInWords(planProgress(plan, [pain(3, 5)], noonOf(4)))).toBe('Your back: 5 out of 10 on day 3.');
    expect(painInWords(planProgress(plan, [pain(4, 5)], noonOf(4)))).toBe('Your back: 5 out of 10 today.');
    expect(painInWords(planProgress(plan, [done(1, 1)], noonOf(4)))).toBeUndefined();
    expect(painChange(3, 5)).toBe('2 points worse');
    expect(painChange(4, 3)).toBe('1 point better');
    expect(painChange(4, 4)).toBe('the same');
  });
});

const anyEvent = fc.oneof(
  fc.record({
    type: fc.constant('done' as const),
    localDate: fc.integer({ min: -2, max: 17 }).map((d) => addDays(plan.startDate, d)),
    slot: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    type: fc.constant('pain' as const),
    localDate: fc.integer({ min: -2, max: 17 }).map((d) => addDays(plan.startDate, d)),
    slot: fc.constant(1),
    pain: fc.integer({ min: 0, max: 10 }),
  }),
);
const anyDay = fc.integer({ min: -1, max: 16 });

describe('progress, for any log (property-based)', () => {
  it('stays within its bounds: 0–3 sessions a day, done ≤ so far ≤ planned, the first and latest scores the worst of their days', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 80 }), anyDay, (events, day) => {
        const p = planProgress(plan, events, noonOf(day));
        expect(p.days).toHaveLength(plan.lengthDays);
        for (const d of p.days) {
          expect(d.sessions).toBeGreaterThanOrEqual(0);
          expect(d.sessions).toBeLessThanOrEqual(plan.sessionsPerDay);
          if (d.ahead) expect(d).not.toHaveProperty('pain');
        }
        expect(p.sessionsDone).toBeLessThanOrEqual(p.sessionsSoFar);
        expect(p.sessionsSoFar).toBeLessThanOrEqual(p.sessionsPlanned);
        if (p.first && p.latest) {
          expect(p.latest.day).toBeGreaterThanOrEqual(p.first.day);
          for (const point of [p.first, p.latest]) {
            const scores = events.filter((e) => e.type === 'pain' && e.localDate === point.localDate);
            expect(point.pain).toBe(Math.max(...scores.map((e) => (e as ProgressEvent).pain!)));
          }
        } else {
          expect(p.painDays).toBe(0);
        }
        expect(p.empty).toBe(p.sessionsDone === 0 && p.painDays === 0);
      }),
    );
  });

  it('does not depend on the order of the log, and a repeat of any event changes nothing', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), anyDay, fc.integer(), (events, day, seed) => {
        const now = noonOf(day);
        const shuffled = [...events].sort(() => ((seed = (seed * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
        expect(planProgress(plan, shuffled, now)).toEqual(planProgress(plan, events, now));
        expect(planProgress(plan, [...events, ...events], now)).toEqual(planProgress(plan, events, now));
      }),
    );
  });

  it('a session logged never lowers the count', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), anyEvent, anyDay, (events, extra, day) => {
        const now = noonOf(day);
        expect(planProgress(plan, [...events, extra], now).sessionsDone).toBeGreaterThanOrEqual(
          planProgress(plan, events, now).sessionsDone,
        );
      }),
    );
  });
});

describe('the chart and its table', () => {
  const full: ProgressEvent[] = [];
  for (let day = 1; day <= 14; day++) {
    full.push(done(day, 1), done(day, 2), pain(day, Math.max(0, 7 - Math.floor(day / 2))));
    if (day % 2) full.push(done(day, 3));
  }

  it('is an accessible image: role="img", a <title> and a <desc> saying the gist, named by them', () => {
    const progress = planProgress(plan, full, noonOf(9));
    const svg = progressChartSvg(progress);
    expect(svg).toMatch(/^<svg class="chart" viewBox="0 0 \d+ \d+" role="img"/);
    expect(svg).toContain('aria-labelledby="progress-chart-title progress-chart-desc"');
    expect(svg).toContain('<title id="progress-chart-title">Your progress, day by day</title>');
    expect(chartSummary(progress)).toBe(
      'Back pain 7 out of 10 on day 1 and 3 on day 9 (4 points better). Sessions done: 23 of 27 so far, of 42 in the whole plan.',
    );
    expect(svg).toContain(`<desc id="progress-chart-desc">${chartSummary(progress)}</desc>`);
    // Nothing the CSP refuses: no style attribute or element, no script, no external reference.
    expect(svg).not.toMatch(/style=|<style|<script|href=/);
  });

  it('draws a point a day with a score, the line through them, and a block a session for every day (filled when done)', () => {
    const progress = planProgress(plan, full, noonOf(9));
    const svg = progressChartSvg(progress);
    expect(svg.match(/<circle /g)).toHaveLength(9);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/<polyline points="([^"]+)"/)![1]!.split(' ')).toHaveLength(9);
    // 14 days × 3 blocks, and today's column behind them.
    expect(svg.match(/<rect /g)).toHaveLength(14 * 3 + 1);
    expect(svg.match(/<rect [^>]*fill="#0b5d4b"/g)).toHaveLength(progress.sessionsDone);
    expect(svg.match(/<rect [^>]*fill="#e4e9e7"/g)).toHaveLength(5 * 3); // days 10–14 ahead
    expect(svg).toContain('>Today</text>');
  });

  it('says so when there is no score, draws a lone point without a line, and labels only the ends of a long plan', () => {
    const none = progressChartSvg(planProgress(plan, [done(1, 1)], noonOf(2)));
    expect(none).toContain('No pain scores yet');
    expect(none).not.toMatch(/<circle |<polyline /);
    const one = progressChartSvg(planProgress(plan, [pain(2, 5)], noonOf(2)));
    expect(one.match(/<circle /g)).toHaveLength(1);
    expect(one).not.toContain('<polyline');
    expect(one).toMatch(/font-weight="700" fill="#9a3412"[^>]*text-anchor="middle">5<\/text>/);

    const long = planOf(60);
    const events = Array.from({ length: 60 }, (_, i) => ({
      type: 'pain' as const,
      localDate: addDays(long.startDate, i),
      slot: 1,
      pain: 5,
    }));
    const svg = progressChartSvg(planProgress(long, events, zonedInstant(long.endDate, '20:00', ZONE)));
    expect(svg.match(/<circle /g)).toHaveLength(60);
    expect(svg.match(/fill="#9a3412"[^>]*text-anchor="middle">5<\/text>/g)).toHaveLength(2);
    expect(svg).toContain('>Day 60</text>');
  });

  it('the table has a row for each day begun (today marked), its sessions and its score', () => {
    const progress = planProgress(plan, [done(1, 1), done(1, 2), pain(1, 6), done(3, 3)], noonOf(3));
    const table = progressTable(progress);
    expect(table).toContain('<caption>Sessions done and back pain, day by day</caption>');
    expect(table.match(/<tr/g)).toHaveLength(1 + 3);
    expect(table).toContain(
      `<th scope="row">Day 1 <span class="date">${dayLabel(dayOf(1))}</span></th><td>2 of 3</td><td>6</td>`,
    );
    expect(table).toContain('<tr class="today"><th scope="row">Day 3 (today)');
    expect(table).toContain('<td>0 of 3</td><td><span class="none">no score</span></td>');
    expect(dayLabel('2030-03-05')).toBe('Tue, Mar 5');
  });
});

describe('the page around it', () => {
  it('is today’s page on the plan’s days while it runs, the plan ahead before, the summary after or once it stopped', () => {
    const at = (day: number) => planToday(plan, noonOf(day));
    expect(pageMode('active', at(1))).toBe('today');
    expect(pageMode('paused', at(14))).toBe('today');
    expect(pageMode('active', at(0))).toBe('before');
    expect(pageMode('active', at(15))).toBe('summary');
    for (const status of ['completed', 'stopped', 'replaced'] as const)
      expect(pageMode(status, at(5))).toBe('summary');
  });

  it('the summary’s next step: the check-in, a clinician first after a pain of 8+ or red-flag words, or the newer plan', () => {
    const latest = (p: number) => ({ day: 14, localDate: dayOf(14), pain: p });
    expect(nextStep('completed', { kind: 'plan-ended' }, latest(3))).toBe('reassess');
    expect(nextStep('completed', { kind: 'plan-ended' }, undefined)).toBe('reassess');
    expect(nextStep('completed', { kind: 'plan-ended' }, latest(8))).toBe('see-clinician');
    expect(nextStep('paused', { kind: 'pain-reported' }, latest(2))).toBe('see-clinician');
    expect(nextStep('paused', { kind: 'red-flag-reported' }, undefined)).toBe('see-clinician');
    expect(nextStep('replaced', { kind: 'replaced-by', planId: 'p2' }, latest(9))).toBe('newer-plan');
  });

  it('a paused plan’s notice: the advice itself after a pain of 8+ or red-flag words, else how to resume', () => {
    expect(pausedNotice('pain-reported')).toEqual({ text: PAGE_ADVICE.seekCare, tone: 'advice' });
    expect(pausedNotice('red-flag-reported')).toEqual({ text: PAGE_ADVICE.urgent, tone: 'urgent' });
    expect(pausedNotice('patient-paused').text).toContain('Reply RESUME');
    expect(PAGE_ADVICE.seekCare).not.toContain('RESUME');
  });

  it('the check-in body is { pain: 0..10 }, a whole number, and nothing else', () => {
    expect(painCheckInBodySchema.safeParse({ pain: 0 }).success).toBe(true);
    expect(painCheckInBodySchema.safeParse({ pain: 10 }).success).toBe(true);
    for (const bad of [
      { pain: 11 },
      { pain: -1 },
      { pain: 2.5 },
      { pain: '3' },
      {},
      { pain: 3, extra: 1 },
      [],
    ])
      expect(painCheckInBodySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('the check-in in the log, and the safety rule it shares with PAIN texts', () => {
  it('is one event a local day, keyed by the date (a text is keyed by its arrival instant: never the same key)', () => {
    const record = { planId: 'p1', phoneHash: 'h1' };
    const event = painCheckInEvent(record, { localDate: dayOf(2), slot: 2, pain: 4, expiresAt: 99 });
    expect(event).toEqual({
      planId: 'p1',
      phoneHash: 'h1',
      type: 'pain',
      at: dayOf(2),
      localDate: dayOf(2),
      slot: 2,
      pain: 4,
      inboundMessageId: 'plan-page',
      expiresAt: 99,
    });
    const text = sessionEvent(record, {
      type: 'pain',
      at: zonedInstant(dayOf(2), '00:00', ZONE).toISOString(),
      session: { localDate: dayOf(2), slot: 1 },
      source: 'sns-1',
      pain: 4,
      expiresAt: 99,
    });
    expect(text.at).not.toBe(event.at);
  });

  it('8 or more pauses a running plan (pain-reported); below 8, or a plan not running, or one paused for red-flag words: no change', () => {
    expect(painPause(8, { status: 'active' })).toEqual(transition({ kind: 'pain-reported' }));
    expect(painPause(10, { status: 'paused', statusReason: 'patient-paused' })).toEqual(
      transition({ kind: 'pain-reported' }),
    );
    expect(painPause(7, { status: 'active' })).toBeUndefined();
    expect(painPause(9, { status: 'completed' })).toBeUndefined();
    expect(painPause(9, { status: 'paused', statusReason: 'red-flag-reported' })).toBeUndefined();
  });
});
