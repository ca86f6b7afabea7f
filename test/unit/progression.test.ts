/** The next plan steps on from the last one by a documented rule (shared/domain/plan/progression.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, DOSE_BY_PAIN, type PlanMovement } from '../../shared/domain/plan/plan.ts';
import {
  adherenceOf,
  progressionSteps,
  DOSE_LADDER,
  HOLD_LADDER,
  progressMovement,
  PROGRESSION,
  scoreChanges,
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
const carry = (variation: string, pain: number): PlanMovement => ({
  id: 'kettlebell-walk',
  name: 'Kettlebell Walks',
  reps: 10,
  sets: 2,
  repUnit: 'lengths',
  pain,
  variation,
});

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

  it('steps the dose up one rung when pain fell and enough sessions were done, back one when it got worse', () => {
    const last = bridge(7, 1, 2);
    expect(progressMovement(bridge(7, 1, 1), last, 2, 0.8)).toMatchObject({ reps: 10, sets: 1 });
    expect(progressMovement(bridge(7, 1, 1), last, 2, 0.3)).toMatchObject({ reps: 7, sets: 1 });
    expect(progressMovement(bridge(7, 1, 2), last, 2, 1)).toMatchObject({ reps: 7, sets: 1 });
    expect(progressMovement(bridge(5, 1, 3), last, 2, 1)).toMatchObject({ reps: 5, sets: 1 });
    expect(PROGRESSION.minAdherence).toBe(0.6);
  });

  it("steps the kettlebell hold along the source's order at pain 0, back when it got worse", () => {
    expect(progressMovement(carry('by the side', 0), carry('by the side', 0), 0, 0.7).variation).toBe(
      'overhead and by the side',
    );
    expect(progressMovement(carry('overhead', 0), carry('overhead', 1), 1, 0.7).variation).toBe('bottoms up');
    expect(progressMovement(carry('x', 1), carry('overhead', 0), 0, 0.9).variation).toBe(
      'overhead and by the side',
    );
    expect(progressMovement(carry('x', 0), carry('bottoms up overhead', 0), 0, 1).variation).toBe(
      'bottoms up overhead',
    );
    expect(progressMovement(carry('x', 0), carry('by the side', 0), 0, 0.2).variation).toBe('by the side');
  });

  it('never leaves 5–10 reps and 1–2 sets, never progresses a movement that hurt more than 3, and follows the direction of the change', () => {
    const dose = fc.constantFrom(...DOSE_LADDER, ...Object.values(DOSE_BY_PAIN));
    fc.assert(
      fc.property(
        dose,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (last, before, now, adherence) => {
          const previous = bridge(last.reps, last.sets, before);
          const next = progressMovement(bridge(DOSE_LADDER[0]!.reps, 1, now), previous, before, adherence);
          if (now > 3) {
            expect(next).toEqual(bridge(DOSE_LADDER[0]!.reps, 1, now));
            return;
          }
          expect(next.reps).toBeGreaterThanOrEqual(5);
          expect(next.reps).toBeLessThanOrEqual(10);
          expect(next.sets).toBeGreaterThanOrEqual(1);
          expect(next.sets).toBeLessThanOrEqual(2);
          const volume = (d: { reps: number; sets: number }) => d.reps * d.sets;
          if (now > before) expect(volume(next)).toBeLessThanOrEqual(volume(last));
          if (now < before && adherence >= PROGRESSION.minAdherence)
            expect(volume(next)).toBeGreaterThanOrEqual(volume(last));
          if (now === before || (now < before && adherence < PROGRESSION.minAdherence))
            expect(volume(next)).toBe(volume(last));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...HOLD_LADDER),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (hold, before, now, adherence) => {
          const next = progressMovement(carry(hold, now), carry(hold, before), before, adherence);
          expect(HOLD_LADDER).toContain(next.variation);
          const moved =
            HOLD_LADDER.indexOf(next.variation as (typeof HOLD_LADDER)[number]) - HOLD_LADDER.indexOf(hold);
          expect(Math.abs(moved)).toBeLessThanOrEqual(1);
          if (now > before) expect(moved).toBeLessThanOrEqual(0);
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
    expect(byId['cat-camel']).toMatchObject({ reps: 10, sets: 2 }); // 8×2 → better → 10×2
    expect(byId['bird-dog']).toMatchObject({ reps: 7, sets: 1 }); // same → stays
    expect(byId['hip-bridges']).toMatchObject({ reps: 5, sets: 1 }); // worse → one rung back
    expect(byId['hip-mobility']).toMatchObject({ reps: 8, sets: 2 }); // new: its pain's dose
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

  it('each movement stepped up, back, kept or new, by its dose or (the kettlebell walk) its hold', () => {
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
      m('kettlebell-walk', 7, 1, 'overhead and by the side'),
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
