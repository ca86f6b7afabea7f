/** The next plan steps on from the last one by a documented rule (shared/domain/plan/progression.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, DOSE_BY_PAIN, type PlanMovement } from '../../shared/domain/plan/plan.ts';
import { findMovement } from '../../shared/domain/plan/catalog.ts';
import {
  adherenceOf,
  ceilingDose,
  CEILING_RUNG,
  DOSE_LADDER,
  HOLD_LADDER,
  holdStepProblem,
  progressionSteps,
  progressMovement,
  PROGRESSION,
  rungOf,
  scoreChanges,
  startDose,
  START_RUNG,
} from '../../shared/domain/plan/progression.ts';

const NOW = new Date('2026-03-02T06:00:00Z');
const base = {
  redFlags: [],
  timeZone: 'Europe/London',
  sessionTimes: ['08:00', '13:00', '19:00'] as [string, string, string],
};
const bridge = (reps: number, sets: number, pain: number): PlanMovement => ({
  id: 'hip-bridges',
  name: 'Hip Bridges',
  reps,
  sets,
  repUnit: 'reps',
  pain,
});
const carry = (variation: string, pain: number, reps = 10, sets = 2): PlanMovement => ({
  id: 'kettlebell-walk',
  name: 'Kettlebell Walks',
  reps,
  sets,
  repUnit: 'lengths',
  pain,
  variation,
});
const volume = (d: { reps: number; sets: number }) => d.reps * d.sets;

describe('progression', () => {
  it('names each movement better, same, worse or new against the last assessment', () => {
    expect(
      scoreChanges(
        { 'cat-camel': 2, 'bird-dog': 1, 'hip-bridges': 3 },
        { 'cat-camel': 1, 'bird-dog': 1, 'hip-bridges': 4, 'hip-mobility': 0 },
      ),
    ).toEqual({
      'cat-camel': 'better',
      'bird-dog': 'same',
      'hip-bridges': 'worse',
      'hip-mobility': 'new',
    });
  });

  it('steps the dose up one rung when pain fell and enough sessions were done, never beyond what the pain allows', () => {
    const last = bridge(6, 1, 2);
    expect(progressMovement(bridge(6, 1, 1), last, 2, 0.8)).toMatchObject({ reps: 7, sets: 1 });
    expect(progressMovement(bridge(6, 1, 1), last, 2, 0.3)).toMatchObject({ reps: 6, sets: 1 });
    expect(progressMovement(bridge(6, 1, 2), last, 2, 1)).toMatchObject({ reps: 6, sets: 1 });
    expect(progressMovement(bridge(5, 1, 3), last, 2, 1)).toMatchObject({ reps: 5, sets: 1 });
    // The top of the source's range only through progression, and only at pain 0.
    expect(progressMovement(bridge(8, 1, 0), bridge(8, 2, 1), 1, 1)).toMatchObject({ reps: 10, sets: 2 });
    expect(progressMovement(bridge(7, 1, 1), bridge(8, 2, 2), 2, 1)).toMatchObject({ reps: 8, sets: 2 });
    expect(progressMovement(bridge(7, 1, 1), bridge(10, 2, 1), 1, 1)).toMatchObject({ reps: 8, sets: 2 });
    expect(PROGRESSION.minAdherence).toBe(0.6);
  });

  it('the cases the clinical review measured no longer add load after pain rises', () => {
    // Pain 0 → 3 with 20 % of sessions done, from 8×2: the dose a new patient at pain 3 gets.
    expect(progressMovement(bridge(5, 1, 3), bridge(8, 2, 0), 0, 0.2)).toMatchObject({ reps: 5, sets: 1 });
    // Bird Dog 1 → 2 from 8×2: no more than a first plan at pain 2.
    const birdDog = { ...bridge(6, 1, 2), id: 'bird-dog', name: 'Bird Dog' };
    expect(progressMovement(birdDog, { ...bridge(8, 2, 1), id: 'bird-dog' }, 1, 1)).toMatchObject({
      reps: 6,
      sets: 1,
    });
    // The kettlebell walk at pain 3 keeps no 10×2: at most what pain 3 allows.
    expect(
      progressMovement(carry('by the side', 3, 5, 1), carry('by the side', 3, 10, 2), 3, 1),
    ).toMatchObject({ reps: 7, sets: 1 });
  });

  it('the rule over EVERY last dose, last pain, new pain and adherence: capped, one rung, up only when earned', () => {
    const doses = [...DOSE_LADDER, { reps: 7, sets: 2 }, { reps: 9, sets: 1 }, { reps: 5, sets: 2 }];
    const adherences = [0, 0.2, 0.59, 0.6, 0.61, 0.9, 1];
    let cases = 0;
    for (const last of doses)
      for (const before of [0, 1, 2, 3])
        for (const now of Array.from({ length: 11 }, (_, i) => i))
          for (const adherence of adherences) {
            cases++;
            const fresh = bridge(5, 1, now);
            const next = progressMovement(fresh, bridge(last.reps, last.sets, before), before, adherence);
            if (now > 3) {
              expect(next).toEqual(fresh); // not in a plan at all: never progressed
              continue;
            }
            const pain = now as 0 | 1 | 2 | 3;
            const label = `${last.reps}×${last.sets} at ${before} → pain ${now}, ${adherence}`;
            expect(next.reps, label).toBeGreaterThanOrEqual(5);
            expect(next.reps, label).toBeLessThanOrEqual(10);
            expect([1, 2], label).toContain(next.sets);
            // Never above what the new pain allows, and after a rise never above a first plan at it.
            expect(rungOf(next), label).toBeLessThanOrEqual(CEILING_RUNG[pain]);
            expect(volume(next), label).toBeLessThanOrEqual(volume(ceilingDose(pain)));
            if (now > before) expect(volume(next), label).toBeLessThanOrEqual(volume(startDose(pain)));
            if (now > before) expect(volume(next), label).toBeLessThanOrEqual(volume(last));
            // At most one rung up, and up only when pain fell and enough sessions were done.
            expect(rungOf(next), label).toBeLessThanOrEqual(rungOf(last) + 1);
            if (rungOf(next) > rungOf(last)) {
              expect(now, label).toBeLessThan(before);
              expect(adherence, label).toBeGreaterThanOrEqual(PROGRESSION.minAdherence);
            }
            // Pain fell with the sessions done: a step up unless the pain's ceiling is reached.
            if (now < before && adherence >= PROGRESSION.minAdherence && rungOf(last) < CEILING_RUNG[pain])
              expect(rungOf(next), label).toBe(rungOf(last) + 1);
            // The same pain, or less without the sessions: the same dose unless above the ceiling.
            if (now === before || (now < before && adherence < PROGRESSION.minAdherence))
              expect(rungOf(next), label).toBe(Math.min(rungOf(last), CEILING_RUNG[pain]));
          }
    expect(cases).toBe(11 * 4 * 11 * 7);
    // And for any adherence at all (property).
    fc.assert(
      fc.property(
        fc.constantFrom(...doses),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (last, before, now, adherence) => {
          const next = progressMovement(
            bridge(5, 1, now),
            bridge(last.reps, last.sets, before),
            before,
            adherence,
          );
          expect(rungOf(next)).toBeLessThanOrEqual(
            Math.min(rungOf(last) + 1, CEILING_RUNG[now as 0 | 1 | 2 | 3]),
          );
          if (rungOf(next) > rungOf(last)) expect(now < before && adherence >= 0.6).toBe(true);
        },
      ),
    );
  });

  it('the ladder: every rung inside 5–10 reps and 1–2 sets, never more than ×1.4 the one below; first plans start on the lowest four', () => {
    for (const [i, rung] of DOSE_LADDER.entries()) {
      expect(rung.reps).toBeGreaterThanOrEqual(5);
      expect(rung.reps).toBeLessThanOrEqual(10);
      if (i > 0) {
        expect(volume(rung)).toBeGreaterThan(volume(DOSE_LADDER[i - 1]!));
        expect(volume(rung) / volume(DOSE_LADDER[i - 1]!)).toBeLessThanOrEqual(1.4);
      }
    }
    expect(DOSE_LADDER.at(-1)).toEqual({ reps: 10, sets: 2 });
    for (const pain of [0, 1, 2, 3] as const) {
      expect(startDose(pain)).toEqual(DOSE_BY_PAIN[pain]);
      expect(CEILING_RUNG[pain]).toBeGreaterThanOrEqual(START_RUNG[pain]);
    }
  });
});

describe('the kettlebell hold ladder', () => {
  it('is published easiest first, by load on the spine and then steadiness', () => {
    expect(HOLD_LADDER).toEqual([
      'by the side',
      'bottoms up',
      'overhead',
      'overhead and by the side',
      'bottoms up overhead',
    ]);
    // Every hold of the source, no other.
    expect([...HOLD_LADDER].sort()).toEqual([...findMovement('kettlebell-walk')!.variations!].sort());
  });

  it('a harder hold enters only once rated at a re-assessment, one rung at a time', () => {
    for (const [i, before] of HOLD_LADDER.entries())
      for (const [j, hold] of HOLD_LADDER.entries()) {
        const problem = holdStepProblem(before, hold);
        if (j <= i + 1) expect(problem, `${before} → ${hold}`).toBeUndefined();
        else expect(problem).toMatch(/at most one step harder/);
      }
  });

  it('the plan keeps the hold rated now; the same hold steps its dose, another hold starts again', () => {
    // The same hold, better with the sessions done: one rung up.
    expect(progressMovement(carry('bottoms up', 0, 8, 1), carry('bottoms up', 1, 7, 1), 1, 1)).toMatchObject({
      variation: 'bottoms up',
      reps: 8,
      sets: 1,
    });
    // A harder hold rated 2: its pain's first dose, not the old one.
    expect(
      progressMovement(carry('bottoms up', 2, 6, 1), carry('by the side', 0, 10, 2), 0, 1),
    ).toMatchObject({
      variation: 'bottoms up',
      reps: 6,
      sets: 1,
    });
    // The hold never changes by itself: no step without a rating.
    fc.assert(
      fc.property(
        fc.constantFrom(...HOLD_LADDER),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (hold, before, now, adherence) => {
          const next = progressMovement(carry(hold, now, 5, 1), carry(hold, before, 8, 2), before, adherence);
          expect(next.variation).toBe(hold);
          expect(rungOf(next)).toBeLessThanOrEqual(CEILING_RUNG[now as 0 | 1 | 2 | 3]);
        },
      ),
    );
  });

  it('a re-assessment with a last plan makes a progressed plan; movements that now qualify join it', () => {
    const first = buildPlan(
      { ...base, scores: { 'cat-camel': 1, 'bird-dog': 2, 'hip-bridges': 2, 'hip-mobility': 5 } },
      { now: NOW },
    );
    const previous = {
      movements: first.plan!.movements,
      scores: { 'cat-camel': 1, 'bird-dog': 2, 'hip-bridges': 2, 'hip-mobility': 5 },
      adherence: 0.9,
    };
    const next = buildPlan(
      { ...base, previous, scores: { 'cat-camel': 0, 'bird-dog': 2, 'hip-bridges': 3, 'hip-mobility': 1 } },
      { now: NOW },
    );
    const byId = Object.fromEntries(next.plan!.movements.map((m) => [m.id, m]));
    expect(byId['cat-camel']).toMatchObject({ reps: 8, sets: 1 }); // 7×1 → better → 8×1
    expect(byId['bird-dog']).toMatchObject({ reps: 6, sets: 1 }); // same → stays
    expect(byId['hip-bridges']).toMatchObject({ reps: 5, sets: 1 }); // worse → one rung back
    expect(byId['hip-mobility']).toMatchObject({ reps: 7, sets: 1 }); // new: its pain's dose
  });
});

describe('what the result page says of the next plan', () => {
  const m = (id: string, reps: number, sets: number, variation?: string): PlanMovement =>
    ({
      id,
      name: id,
      reps,
      sets,
      repUnit: 'reps',
      pain: 1,
      ...(variation ? { variation } : {}),
    }) as PlanMovement;

  it('each movement stepped up, back, kept or new, by its dose or (the kettlebell walk) its hold first', () => {
    const before = [
      m('bird-dog', 5, 1),
      m('cat-camel', 10, 2),
      m('hip-bridges', 7, 1),
      m('kettlebell-walk', 7, 1, 'by the side'),
    ];
    const after = [
      m('bird-dog', 7, 1),
      m('cat-camel', 8, 2),
      m('hip-bridges', 7, 1),
      m('kettlebell-walk', 6, 1, 'bottoms up'),
      m('hip-mobility', 10, 2),
    ];
    expect(progressionSteps(after, before)).toEqual({
      'bird-dog': 'up',
      'cat-camel': 'back',
      'hip-bridges': 'same',
      'kettlebell-walk': 'up',
      'hip-mobility': 'new',
    });
  });

  it('adherence is sessions done over sessions planned, never above 1', () => {
    expect(adherenceOf(42, 42)).toBe(1);
    expect(adherenceOf(21, 42)).toBe(0.5);
    expect(adherenceOf(50, 42)).toBe(1);
    expect(adherenceOf(0, 0)).toBe(0);
  });
});
