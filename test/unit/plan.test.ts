import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, MOVEMENT_IDS } from '../../shared/domain/plan/catalog.ts';
import {
  ADVICE,
  DOSE_BY_PAIN,
  GENTLENESS_ORDER,
  buildPlan,
  choiceProblems,
  chooseMovements,
  doseFor,
  planDates,
  proposal,
} from '../../shared/domain/plan/plan.ts';
import { HOLD_LADDER } from '../../shared/domain/plan/progression.ts';
import { FLAG_ADVICE, screenFlags } from '../../shared/domain/plan/red-flags.ts';
import { RULE, type RedFlagId } from '../../shared/domain/plan/rules.ts';
import { RED_FLAG_IDS, RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';

const NOW = new Date('2026-03-02T12:00:00Z'); // a Monday, 07:00 in New York
const base = {
  redFlags: [],
  timeZone: 'America/New_York',
  sessionTimes: ['08:00', '13:00', '19:00'] as [string, string, string],
};

function scoresOf(entries: Record<string, number>) {
  return entries;
}

describe('the catalog', () => {
  it('has the ten assessment movements of the source with kebab-case ids', () => {
    expect(MOVEMENT_IDS).toEqual([
      'hip-mobility',
      'cat-camel',
      'in-line-lunge-halo',
      'forward-reverse-beast-walk',
      'lateral-beast-walk',
      'hip-bridges',
      'single-leg-hip-bridges',
      'side-plank-clam-shells',
      'bird-dog',
      'kettlebell-walk',
    ]);
    for (const m of CATALOG) {
      expect(m.howTo.length).toBeGreaterThan(20);
      expect(m.category).toBeTruthy();
    }
  });

  it('lists the five kettlebell walk variations of the source', () => {
    const kb = CATALOG.find((m) => m.id === 'kettlebell-walk')!;
    expect(kb.variations).toEqual([
      'bottoms up',
      'by the side',
      'overhead',
      'overhead and by the side',
      'bottoms up overhead',
    ]);
    expect(kb.variations).toContain(kb.startingVariation);
  });
});

describe('the dose rule', () => {
  it('keeps every dose inside 5–10 reps and 1–2 sets', () => {
    for (const pain of [0, 1, 2, 3]) {
      const { reps, sets } = doseFor(pain);
      expect(reps).toBeGreaterThanOrEqual(5);
      expect(reps).toBeLessThanOrEqual(10);
      expect(sets).toBeGreaterThanOrEqual(1);
      expect(sets).toBeLessThanOrEqual(2);
    }
  });

  it('never gives less volume for less pain', () => {
    const volume = (p: 0 | 1 | 2 | 3) => DOSE_BY_PAIN[p].reps * DOSE_BY_PAIN[p].sets;
    expect(volume(0)).toBeGreaterThanOrEqual(volume(1));
    expect(volume(1)).toBeGreaterThanOrEqual(volume(2));
    expect(volume(2)).toBeGreaterThanOrEqual(volume(3));
  });

  it('starts low and grows smoothly as pain falls: 5×1 at 3 up to 8×1 at 0, never ×1.5 for one point', () => {
    expect([3, 2, 1, 0].map((p) => doseFor(p))).toEqual([
      { reps: 5, sets: 1 },
      { reps: 6, sets: 1 },
      { reps: 7, sets: 1 },
      { reps: 8, sets: 1 },
    ]);
    const volume = (p: number) => doseFor(p).reps * doseFor(p).sets;
    for (const p of [0, 1, 2]) expect(volume(p) / volume(p + 1)).toBeLessThan(1.5);
    // The top of the source's range is for progression only.
    expect(Math.max(...[0, 1, 2, 3].map(volume))).toBeLessThanOrEqual(8);
  });

  it('refuses to dose a movement that hurts more than 3', () => {
    expect(() => doseFor(4)).toThrow(RangeError);
  });
});

describe('choosing movements', () => {
  it('takes the least painful first, the gentler movement on a tie, and lists them in source order', () => {
    const chosen = chooseMovements(
      scoresOf({
        'hip-mobility': 0,
        'cat-camel': 0,
        'hip-bridges': 0,
        'bird-dog': 0,
        'kettlebell-walk': 0,
        'lateral-beast-walk': 1,
        'single-leg-hip-bridges': 3,
      }),
    );
    expect(chosen).toEqual(['hip-mobility', 'cat-camel', 'hip-bridges', 'bird-dog', 'kettlebell-walk']);
  });

  it('ties favour the gentler set, as GENTLENESS_ORDER, the docs and the README say', () => {
    const allOnes = chooseMovements(
      scoresOf({
        'hip-mobility': 1,
        'cat-camel': 1,
        'hip-bridges': 1,
        'single-leg-hip-bridges': 1,
        'bird-dog': 1,
        'lateral-beast-walk': 1,
      }),
    );
    // Six at pain 1: the five gentlest; the crawl is left out.
    expect(allOnes).toEqual([
      'hip-mobility',
      'cat-camel',
      'hip-bridges',
      'single-leg-hip-bridges',
      'bird-dog',
    ]);
    // Everything at 0: the five gentlest movements, never the crawls or the carry.
    const zeros = Object.fromEntries(CATALOG.map((m) => [m.id, 0]));
    expect([...chooseMovements(zeros)].sort()).toEqual([...GENTLENESS_ORDER.slice(0, 5)].sort());
    // The README and docs/PLAN-RULE.md say the same.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rule = readFileSync(new URL('../../docs/PLAN-RULE.md', import.meta.url), 'utf8');
    expect(readme.replace(/\s+/g, ' ')).toContain('on a tie the gentler movement is proposed');
    expect(rule.replace(/\s+/g, ' ')).toContain('on a tie, **always the gentler movement**');
    expect(chooseMovements(zeros)).toEqual([
      'hip-mobility',
      'cat-camel',
      'hip-bridges',
      'side-plank-clam-shells',
      'bird-dog',
    ]);
  });

  it('ignores movements above 3', () => {
    expect(chooseMovements({ 'bird-dog': 4, 'cat-camel': 3 })).toEqual(['cat-camel']);
  });
});

describe('buildPlan', () => {
  it('builds a full plan of five with 3 sessions a day, the session times and dates', () => {
    const decision = buildPlan(
      {
        ...base,
        scores: {
          'hip-mobility': 0,
          'cat-camel': 1,
          'in-line-lunge-halo': 2,
          'hip-bridges': 3,
          'bird-dog': 2,
          'kettlebell-walk': 0,
          'lateral-beast-walk': 6,
        },
      },
      { now: NOW },
    );
    expect(decision.kind).toBe('plan');
    if (decision.kind !== 'plan') return;
    expect(decision.advice).toBeUndefined();
    expect(decision.plan.movements.map((m) => [m.id, m.reps, m.sets])).toEqual([
      ['hip-mobility', 8, 1],
      ['cat-camel', 7, 1],
      ['in-line-lunge-halo', 6, 1],
      ['bird-dog', 6, 1],
      ['kettlebell-walk', 8, 1],
    ]);
    expect(decision.plan.movements.find((m) => m.id === 'kettlebell-walk')?.variation).toBe('by the side');
    expect(decision.plan.sessionsPerDay).toBe(3);
    expect(decision.plan.sessionTimes).toEqual(['08:00', '13:00', '19:00']);
    expect(decision.plan).toMatchObject({
      timeZone: 'America/New_York',
      lengthDays: 14,
      startDate: '2026-03-02',
      endDate: '2026-03-15',
      reassessOn: '2026-03-15',
      startsAt: '2026-03-02T05:00:00.000Z',
      // DST starts on 2026-03-08 in New York: midnight after the 15th is 04:00Z.
      endsAt: '2026-03-16T04:00:00.000Z',
    });
  });

  it('builds a plan of four when exactly four qualify, with no advice', () => {
    const decision = buildPlan(
      {
        ...base,
        scores: { 'hip-mobility': 3, 'cat-camel': 3, 'bird-dog': 3, 'hip-bridges': 3, 'kettlebell-walk': 5 },
      },
      { now: NOW },
    );
    expect(decision.kind).toBe('plan');
    expect(decision.plan?.movements).toHaveLength(4);
    expect(decision.kind === 'plan' && decision.advice).toBeFalsy();
  });

  it('gives a reduced plan with advice when one to three qualify', () => {
    const decision = buildPlan(
      { ...base, scores: { 'hip-mobility': 2, 'cat-camel': 5, 'bird-dog': 0 } },
      { now: NOW },
    );
    expect(decision.kind).toBe('plan');
    if (decision.kind !== 'plan') return;
    expect(decision.plan.movements.map((m) => m.id)).toEqual(['hip-mobility', 'bird-dog']);
    expect(decision.advice).toEqual(ADVICE.reduced(2, 3));
    expect(decision.advice?.message).toMatch(/^Only 2 of the 3 movements you tried .* movement specialist/);
    // Only one tried: it says so, not "only 1 stayed at 3 or less".
    const one = buildPlan({ ...base, scores: { 'bird-dog': 1 } }, { now: NOW });
    expect(one.advice?.message).toMatch(/^Your plan has the one movement you tried/);
    expect(one.advice?.message).not.toMatch(/Only 1/);
  });

  it('gives no plan and specialist advice when none qualify', () => {
    const decision = buildPlan({ ...base, scores: { 'hip-mobility': 4, 'cat-camel': 7 } }, { now: NOW });
    expect(decision).toEqual({ kind: 'no-plan', plan: null, advice: ADVICE.noneQualify });
  });

  it('gives no plan and "see a clinician this week" for any score of 8 or more', () => {
    const decision = buildPlan(
      { ...base, scores: { 'hip-mobility': 0, 'cat-camel': 0, 'bird-dog': 8 } },
      { now: NOW },
    );
    expect(decision).toEqual({ kind: 'no-plan', plan: null, advice: ADVICE.severePain });
    expect(ADVICE.severePain.code).toBe('see-clinician-this-week');
  });

  it("any flag but weak ones alone stops the plan with its tier's advice; weak ones alone need a clinician's check", () => {
    for (const flag of RED_FLAGS) {
      const decision = buildPlan(
        { ...base, redFlags: [flag.id], scores: { 'hip-mobility': 0 } },
        { now: NOW },
      );
      expect(decision.plan).toBeNull();
      expect(decision.advice).toEqual(
        'weak' in flag ? ADVICE.checkWithClinician([flag.id]) : FLAG_ADVICE[flag.tier],
      );
    }
    // The most urgent tier wins when several are ticked.
    expect(
      buildPlan(
        { ...base, redFlags: ['cancer-history', 'saddle-numbness'], scores: { 'hip-mobility': 0 } },
        { now: NOW },
      ).advice,
    ).toEqual(ADVICE.seekCare);
    for (const flag of RED_FLAGS) expect(flag.source).toMatch(/NICE|AHCPR|GIRFT/);
  });

  it('weak flags alone make a plan once a clinician has checked this pain, with the advice kept in view', () => {
    const input = {
      ...base,
      redFlags: ['new-pain-age', 'steroids-osteoporosis'] as RedFlagId[],
      scores: { 'cat-camel': 1, 'bird-dog': 2, 'hip-bridges': 0, 'hip-mobility': 1 },
    };
    expect(buildPlan(input, { now: NOW }).plan).toBeNull();
    for (const by of ['patient', 'clinic'] as const) {
      const decision = buildPlan({ ...input, clearance: by }, { now: NOW });
      expect(decision.kind).toBe('plan');
      expect(decision.advice).toEqual(ADVICE.clinicianChecked(input.redFlags, by));
      expect(decision.advice?.message).toMatch(
        /because you have taken steroids for a long time or have osteoporosis and this is new back pain at your age/i,
      );
    }
    // A clearance never lets any other sign through.
    for (const flag of RED_FLAGS.filter((f) => !('weak' in f))) {
      const decision = buildPlan(
        { ...input, redFlags: ['new-pain-age', flag.id], clearance: 'patient' },
        { now: NOW },
      );
      expect(decision.plan, flag.id).toBeNull();
    }
    // Cleared, with a short plan too: the clinician's advice stays the one in view.
    const short = buildPlan(
      { ...input, scores: { 'cat-camel': 1, 'bird-dog': 5 }, clearance: 'patient' },
      { now: NOW },
    );
    expect(short.advice?.code).toBe('clinician-checked');
  });

  it('pain at rest of 4 or more: a clinician this week, with a plan only from movements that qualify', () => {
    const withPlan = buildPlan(
      { ...base, restPain: 4, scores: { 'cat-camel': 1, 'bird-dog': 2 } },
      { now: NOW },
    );
    expect(withPlan.plan?.movements.map((m) => m.id)).toEqual(['cat-camel', 'bird-dog']);
    expect(withPlan.advice).toEqual(ADVICE.seeClinicianWithPlan);
    // Sitting still hurts at 5, so every movement does: the clinician, not "no safe plan".
    const none = buildPlan({ ...base, restPain: 5, scores: { 'cat-camel': 5, 'bird-dog': 6 } }, { now: NOW });
    expect(none).toEqual({ kind: 'no-plan', plan: null, advice: ADVICE.seeClinician });
    expect(buildPlan({ ...base, restPain: 3, scores: { 'cat-camel': 5 } }, { now: NOW }).advice).toEqual(
      ADVICE.noneQualify,
    );
  });

  it('the kettlebell walk starts on the hold the patient tried and rated (the first of the ladder if not said)', () => {
    const scores = { 'kettlebell-walk': 1, 'cat-camel': 0 };
    const carry = (hold?: (typeof HOLD_LADDER)[number]) =>
      buildPlan(
        { ...base, scores, ...(hold ? { kettlebellHold: hold } : {}) },
        { now: NOW },
      ).plan!.movements.find((m) => m.id === 'kettlebell-walk')!;
    expect(carry().variation).toBe('by the side');
    for (const hold of HOLD_LADDER) expect(carry(hold)).toMatchObject({ variation: hold, reps: 7, sets: 1 });
  });

  it("the patient's choice within the qualifying movements makes the plan; the rule's bounds hold", () => {
    const scores = {
      'hip-mobility': 0,
      'cat-camel': 1,
      'hip-bridges': 2,
      'bird-dog': 3,
      'lateral-beast-walk': 1,
      'kettlebell-walk': 6,
    };
    const chosen = ['lateral-beast-walk', 'bird-dog', 'hip-bridges', 'hip-mobility'];
    expect(choiceProblems(scores, chosen)).toEqual([]);
    expect(buildPlan({ ...base, scores, chosen }, { now: NOW }).plan!.movements.map((m) => m.id)).toEqual([
      'hip-mobility',
      'lateral-beast-walk',
      'hip-bridges',
      'bird-dog',
    ]);
    expect(choiceProblems(scores, ['kettlebell-walk', 'cat-camel', 'hip-bridges', 'bird-dog'])).toEqual([
      { index: 0, message: '"kettlebell-walk" hurt more than 3, so it cannot be in your plan' },
    ]);
    expect(choiceProblems(scores, ['cat-camel', 'bird-dog', 'hip-bridges'])[0]!.message).toMatch(
      /must be 4 or 5/,
    );
    expect(choiceProblems(scores, ['cat-camel', 'cat-camel', 'hip-bridges', 'bird-dog'])[0]!.message).toMatch(
      /twice/,
    );
    // 1–3 qualify: all of them, no fewer.
    expect(choiceProblems({ 'cat-camel': 0, 'bird-dog': 2 }, ['cat-camel'])[0]!.message).toMatch(/all 2/);
  });

  it('honours a configured plan length', () => {
    const decision = buildPlan({ ...base, scores: { 'bird-dog': 0 } }, { now: NOW, lengthDays: 7 });
    expect(decision.plan).toMatchObject({ lengthDays: 7, startDate: '2026-03-02', endDate: '2026-03-08' });
  });
});

describe('plan dates', () => {
  it('starts today while a session is still ahead, tomorrow once the last session time has passed', () => {
    const times = ['08:00', '13:00', '19:00'];
    expect(planDates(new Date('2026-06-10T22:59:00Z'), 'America/New_York', times, 14).startDate).toBe(
      '2026-06-10',
    );
    expect(planDates(new Date('2026-06-10T23:00:00Z'), 'America/New_York', times, 14).startDate).toBe(
      '2026-06-11',
    );
  });

  it('uses the local calendar day in zones with odd offsets', () => {
    // 2026-06-10T20:00Z is 01:45 on the 11th in Kathmandu (+05:45).
    const dates = planDates(
      new Date('2026-06-10T20:00:00Z'),
      'Asia/Kathmandu',
      ['08:00', '13:00', '19:00'],
      3,
    );
    expect(dates).toMatchObject({
      startDate: '2026-06-11',
      endDate: '2026-06-13',
      startsAt: '2026-06-10T18:15:00.000Z',
      endsAt: '2026-06-13T18:15:00.000Z',
    });
  });
});

// ---- Property-based tests of the plan's invariants over random assessments ----

const scoreArb = fc.integer({ min: 0, max: 10 });
const scoresArb = fc
  .subarray(MOVEMENT_IDS, { minLength: 1 })
  .chain((ids) =>
    fc.tuple(...ids.map(() => scoreArb)).map((s) => Object.fromEntries(ids.map((id, i) => [id, s[i]!]))),
  );
const assessmentArb = fc.record({
  scores: scoresArb,
  redFlags: fc.subarray(RED_FLAG_IDS, { maxLength: 2 }),
  now: fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  timeZone: fc.constantFrom(
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Europe/London',
    'UTC',
  ),
});

describe('plan invariants (property-based)', () => {
  it('hold for every assessment', () => {
    fc.assert(
      fc.property(assessmentArb, ({ scores, redFlags, now, timeZone }) => {
        const input = { scores, redFlags, timeZone, sessionTimes: base.sessionTimes };
        const decision = buildPlan(input, { now });
        const qualifying = Object.entries(scores).filter(([, s]) => s <= RULE.maxQualifyingPain);
        const flags = screenFlags(redFlags);
        const severe = redFlags.length > 0 || Object.values(scores).some((s) => s >= 8);

        // The same input gives the same plan.
        expect(buildPlan(input, { now })).toEqual(decision);

        if (severe) {
          expect(decision.plan).toBeNull();
          expect(decision.advice?.code).toBe(
            flags.weakOnly
              ? 'check-with-clinician'
              : flags.tier === 'none'
                ? 'see-clinician-this-week'
                : FLAG_ADVICE[flags.tier].code,
          );
          return;
        }
        if (qualifying.length === 0) {
          expect(decision.plan).toBeNull();
          expect(decision.advice?.code).toBe('see-movement-specialist');
          return;
        }
        expect(decision.kind).toBe('plan');
        const movements = decision.plan!.movements;
        // Every chosen movement was scored ≤ 3.
        for (const m of movements) expect(scores[m.id]).toBeLessThanOrEqual(3);
        // 4–5 whenever ≥ 4 qualify; exactly the qualifying ones when 1–3 do.
        if (qualifying.length >= 4) {
          expect(movements.length).toBeGreaterThanOrEqual(4);
          expect(movements.length).toBeLessThanOrEqual(5);
        } else {
          expect(movements.map((m) => m.id).sort()).toEqual(qualifying.map(([id]) => id).sort());
          expect(decision.advice?.code).toBe('reduced-plan');
        }
        // Reps in 5–10 and sets in 1–2, always; less pain never less volume.
        for (const m of movements) {
          expect(m.reps).toBeGreaterThanOrEqual(5);
          expect(m.reps).toBeLessThanOrEqual(10);
          expect(m.sets).toBeGreaterThanOrEqual(1);
          expect(m.sets).toBeLessThanOrEqual(2);
        }
        for (const a of movements)
          for (const b of movements)
            if (scores[a.id]! < scores[b.id]!)
              expect(a.reps * a.sets).toBeGreaterThanOrEqual(b.reps * b.sets);
        // No unchosen qualifying movement hurts less than a chosen one.
        const worstChosen = Math.max(...movements.map((m) => scores[m.id]!));
        for (const [id, s] of qualifying)
          if (!movements.some((m) => m.id === id)) expect(s).toBeGreaterThanOrEqual(worstChosen);
        expect(decision.plan!.sessionsPerDay).toBe(3);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the proposal the form starts from (POST /proposals)', () => {
  it('says when no plan may follow, with the advice, before a phone number is asked', () => {
    expect(proposal({ 'cat-camel': 1, 'bird-dog': 9 })).toMatchObject({
      qualifying: ['cat-camel'],
      planAllowed: false,
      advice: ADVICE.severePain,
    });
    expect(proposal({ 'cat-camel': 5 })).toEqual({
      qualifying: [],
      proposed: [],
      choose: { min: 0, max: 0 },
      planAllowed: false,
      advice: ADVICE.noneQualify,
    });
    expect(proposal({ 'cat-camel': 5 }, 6).advice).toEqual(ADVICE.seeClinician);
    expect(proposal({ 'cat-camel': 1, 'bird-dog': 2 }, 4)).toMatchObject({
      choose: { min: 2, max: 2 },
      planAllowed: true,
      advice: ADVICE.seeClinicianWithPlan,
    });
    expect(proposal({ 'cat-camel': 1, 'bird-dog': 2 })).toMatchObject({
      choose: { min: 2, max: 2 },
      advice: ADVICE.reduced(2),
    });
    const four = proposal({ 'cat-camel': 1, 'bird-dog': 2, 'hip-bridges': 0, 'hip-mobility': 3 });
    expect(four).toEqual({
      qualifying: ['hip-mobility', 'cat-camel', 'hip-bridges', 'bird-dog'],
      proposed: ['hip-mobility', 'cat-camel', 'hip-bridges', 'bird-dog'],
      choose: { min: 4, max: 4 },
      planAllowed: true,
    });
  });

  it('agrees with the plan the same answers make, and its range is what the server accepts (property-based)', () => {
    fc.assert(
      fc.property(
        scoresArb,
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        (scores, restPain) => {
          const p = proposal(scores, restPain);
          const decision = buildPlan(
            { ...base, scores, ...(restPain !== undefined ? { restPain } : {}) },
            { now: NOW },
          );
          expect(p.planAllowed).toBe(decision.kind === 'plan');
          expect(p.advice).toEqual(decision.advice);
          if (decision.plan) expect(decision.plan.movements.map((m) => m.id)).toEqual(p.proposed);

          const { min, max } = p.choose;
          expect(p.proposed.length).toBeGreaterThanOrEqual(min);
          expect(p.proposed.length).toBeLessThanOrEqual(max);
          expect(max).toBeLessThanOrEqual(p.qualifying.length);
          if (min > 0) {
            expect(choiceProblems(scores, p.qualifying.slice(0, min))).toEqual([]);
            expect(choiceProblems(scores, p.qualifying.slice(-max))).toEqual([]);
            expect(choiceProblems(scores, p.qualifying.slice(0, min - 1))).not.toEqual([]);
          }
          if (p.qualifying.length > max) {
            expect(choiceProblems(scores, p.qualifying.slice(0, max + 1))).not.toEqual([]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
