/**
 * Re-assessment that knows the past (pure): how a new plan steps on from the last one. The source's
 * arc is assess → train → re-assess; this is the documented rule for the step (docs/PLAN-RULE.md, "The next
 * plan"). It never leaves 5–10 reps and 1–2 sets, and never touches a movement that hurt more than 3
 * (such a movement is not in a plan at all).
 */
import { findMovement } from './catalog.ts';
import type { PlanMovement } from './types.ts';
import { RULE } from './rules.ts';

/** A movement's pain now against the last assessment. */
export type ScoreChange = 'better' | 'same' | 'worse' | 'new';

/**
 * Volume steps, least to most (reps × sets: 5, 6, 7, 8, 10, 12, 16, 20), every one inside the
 * source's 5–10 reps and 1–2 sets, and never more than ×1.4 the rung below. The first plan starts
 * on the four lowest (`START_RUNG`); the rest are reached only by progression, one rung a plan.
 */
export const DOSE_LADDER: readonly { reps: number; sets: number }[] = [
  { reps: 5, sets: 1 },
  { reps: 6, sets: 1 },
  { reps: 7, sets: 1 },
  { reps: 8, sets: 1 },
  { reps: 10, sets: 1 },
  { reps: 6, sets: 2 },
  { reps: 8, sets: 2 },
  { reps: 10, sets: 2 },
];

/** Pain 0–3 (the movements that qualify). */
export type QualifyingPain = 0 | 1 | 2 | 3;

/**
 * Where a first plan starts, by the movement's pain (decision): 3 → 5×1, 2 → 6×1, 1 → 7×1, 0 → 8×1.
 * Each point of pain less adds one rung (at most ×1.2 the volume); the source's top of 10×2 is never a
 * starting dose. A movement that got worse starts no higher than this again.
 */
export const START_RUNG: Readonly<Record<QualifyingPain, number>> = { 0: 3, 1: 2, 2: 1, 3: 0 };

/**
 * The most a pain allows, however long the patient has trained (decision): a second set only at
 * pain 1 or less; at the source's limit of 3, at most 7×1. Progression never goes above it.
 */
export const CEILING_RUNG: Readonly<Record<QualifyingPain, number>> = { 0: 7, 1: 6, 2: 4, 3: 2 };

/** The first plan's dose for a movement's pain. */
export function startDose(pain: QualifyingPain): { reps: number; sets: number } {
  return { ...DOSE_LADDER[START_RUNG[pain]]! };
}

/** The most the rule gives at this pain (progression's cap). */
export function ceilingDose(pain: QualifyingPain): { reps: number; sets: number } {
  return { ...DOSE_LADDER[CEILING_RUNG[pain]]! };
}

/**
 * The kettlebell holds in this project's order (the source lists them without one), lightest first
 * by the load on the spine and then by how hard the bell is to keep steady (docs/PLAN-RULE.md,
 * "Kettlebell holds"): by the side (one bell low and close to the body) → bottoms up (one bell at
 * chest height, upside down: the grip and shoulder steady it, still a short lever) → overhead (one
 * bell on a straight arm: a long lever the trunk must hold upright) → overhead and by the side (two
 * bells: the most load) → bottoms up overhead (the least steady bell at the end of the longest lever).
 */
export const HOLD_LADDER = [
  'by the side',
  'bottoms up',
  'overhead',
  'overhead and by the side',
  'bottoms up overhead',
] as const;
export type KettlebellHold = (typeof HOLD_LADDER)[number];

export const PROGRESSION = {
  /** A step up needs at least this share of the plan's sessions done (DONE replies and Done taps). */
  minAdherence: 0.6,
} as const;

export interface PreviousPlan {
  movements: readonly PlanMovement[];
  /** The scores of the assessment that made it. */
  scores: Readonly<Record<string, number>>;
  /** Sessions done ÷ sessions planned, 0–1. */
  adherence: number;
}

export function scoreChange(before: number | undefined, now: number): ScoreChange {
  if (before === undefined) return 'new';
  return now < before ? 'better' : now > before ? 'worse' : 'same';
}

/** Per movement rated now: better, same, worse than last time, or new. */
export function scoreChanges(
  before: Readonly<Record<string, number>>,
  now: Readonly<Record<string, number>>,
): Record<string, ScoreChange> {
  return Object.fromEntries(Object.entries(now).map(([id, score]) => [id, scoreChange(before[id], score)]));
}

/** The highest rung the dose reaches: a dose between rungs counts as the one below it. */
export function rungOf(dose: { reps: number; sets: number }): number {
  let index = 0;
  DOSE_LADDER.forEach((r, i) => {
    if (r.reps * r.sets <= dose.reps * dose.sets) index = i;
  });
  return index;
}

/** A hold's place on the ladder (an unknown or absent one: the first). */
export function holdRung(variation: string | undefined): number {
  const at = HOLD_LADDER.indexOf(variation as KettlebellHold);
  return at < 0 ? 0 : at;
}

/**
 * Why a re-assessment's kettlebell hold is refused, if it is: a harder hold enters one rung at a
 * time, after it has been tried and rated (the plan takes the hold the patient rated).
 */
export function holdStepProblem(previousHold: string | undefined, hold: string): string | undefined {
  const next = HOLD_LADDER[holdRung(previousHold) + 1];
  return holdRung(hold) > holdRung(previousHold) + 1
    ? `can be at most one step harder than your last plan's hold ("${HOLD_LADDER[holdRung(previousHold)]}"): try "${next}" next`
    : undefined;
}

/**
 * The next dose (docs/PLAN-RULE.md, "The next plan"), from the last plan's dose, the change in pain
 * and the share of sessions done:
 *  - worse: one rung down, and never above where a first plan starts at the new pain;
 *  - better with enough sessions done: one rung up, never above what the new pain allows;
 *  - otherwise: the same, never above what the new pain allows.
 * So it never goes up more than one rung, never up unless pain fell and the sessions were done,
 * and never above the ceiling of the new pain.
 */
export function nextDose(
  previous: { reps: number; sets: number },
  change: ScoreChange,
  pain: QualifyingPain,
  adherence: number,
): { reps: number; sets: number } {
  const was = rungOf(previous);
  const next =
    change === 'worse'
      ? Math.min(was - 1, START_RUNG[pain])
      : change === 'better' && adherence >= PROGRESSION.minAdherence
        ? Math.min(was + 1, CEILING_RUNG[pain])
        : Math.min(was, CEILING_RUNG[pain]);
  return { ...DOSE_LADDER[Math.max(0, next)]! };
}

/**
 * One movement of the new plan, stepped from its last dose (`nextDose`). The kettlebell walk keeps
 * the hold the patient rated now (a harder one only once rated, `holdStepProblem`): on the same hold
 * its dose steps as any movement's; on another hold it starts again at its pain's first dose. A
 * movement new to the plan starts at the dose its pain gives.
 */
export function progressMovement(
  movement: PlanMovement,
  previous: PlanMovement | undefined,
  previousScore: number | undefined,
  adherence: number,
): PlanMovement {
  if (!previous || movement.pain > RULE.maxQualifyingPain) return movement;
  const pain = movement.pain as QualifyingPain;
  if (
    findMovement(movement.id)?.variations &&
    holdRung(movement.variation) !== holdRung(previous.variation)
  ) {
    return { ...movement, ...startDose(pain) };
  }
  return { ...movement, ...nextDose(previous, scoreChange(previousScore, pain), pain, adherence) };
}

/** The new plan's movements, each stepped from the last plan where it was in it. */
export function progressMovements(
  movements: readonly PlanMovement[],
  previous: PreviousPlan,
): PlanMovement[] {
  return movements.map((m) =>
    progressMovement(
      m,
      previous.movements.find((p) => p.id === m.id),
      previous.scores[m.id],
      previous.adherence,
    ),
  );
}

/** How a movement of the new plan stands against the last plan: stepped up, back, kept, or new. */
export type ProgressionStep = 'up' | 'back' | 'same' | 'new';

/** Where a movement stands, to compare two plans: its hold first (the kettlebell walk), then its volume. */
function level(m: PlanMovement): number {
  const hold = findMovement(m.id)?.variations ? holdRung(m.variation) : 0;
  return hold * 1000 + m.reps * m.sets;
}

/** Each new movement's step from where it stood in the last plan (what the result page shows). */
export function progressionSteps(
  movements: readonly PlanMovement[],
  previous: readonly PlanMovement[],
): Record<string, ProgressionStep> {
  return Object.fromEntries(
    movements.map((m) => {
      const before = previous.find((p) => p.id === m.id);
      if (!before) return [m.id, 'new'];
      const [was, now] = [level(before), level(m)];
      return [m.id, now > was ? 'up' : now < was ? 'back' : 'same'];
    }),
  );
}

/** Sessions done ÷ sessions the plan had, 0–1 (the share a step up needs: PROGRESSION.minAdherence). */
export function adherenceOf(sessionsDone: number, sessionsPlanned: number): number {
  return sessionsPlanned > 0 ? Math.min(1, sessionsDone / sessionsPlanned) : 0;
}
