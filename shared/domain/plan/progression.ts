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
 * Volume steps, least to most (reps × sets: 5, 7, 10, 16, 20), every one inside the source's
 * 5–10 reps and 1–2 sets. A step up or back moves one rung.
 */
export const DOSE_LADDER: readonly { reps: number; sets: number }[] = [
  { reps: 5, sets: 1 },
  { reps: 7, sets: 1 },
  { reps: 10, sets: 1 },
  { reps: 8, sets: 2 },
  { reps: 10, sets: 2 },
];

/**
 * The kettlebell holds, easiest first, as the source names the progression: by the side → overhead
 * and by the side → overhead → bottoms up → bottoms up overhead.
 */
export const HOLD_LADDER = [
  'by the side',
  'overhead and by the side',
  'overhead',
  'bottoms up',
  'bottoms up overhead',
] as const;

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

function rung(dose: { reps: number; sets: number }): number {
  // The highest rung the dose reaches: a dose between rungs counts as the one below it.
  let index = 0;
  DOSE_LADDER.forEach((r, i) => {
    if (r.reps * r.sets <= dose.reps * dose.sets) index = i;
  });
  return index;
}

function stepDose(dose: { reps: number; sets: number }, by: -1 | 0 | 1): { reps: number; sets: number } {
  const next = Math.min(DOSE_LADDER.length - 1, Math.max(0, rung(dose) + by));
  return { ...DOSE_LADDER[next]! };
}

function stepHold(variation: string | undefined, by: -1 | 1): string | undefined {
  const at = HOLD_LADDER.indexOf((variation ?? HOLD_LADDER[0]) as (typeof HOLD_LADDER)[number]);
  const next = Math.min(HOLD_LADDER.length - 1, Math.max(0, (at < 0 ? 0 : at) + by));
  return HOLD_LADDER[next];
}

/**
 * One movement of the new plan, stepped from its last dose: a worse score steps back; a better one
 * steps up when adherence was high enough; the same stays. The kettlebell walk steps its hold
 * instead: on when it stayed at pain 0 with enough adherence, back when it got worse. A movement new
 * to the plan starts at the dose its pain gives.
 */
export function progressMovement(
  movement: PlanMovement,
  previous: PlanMovement | undefined,
  previousScore: number | undefined,
  adherence: number,
): PlanMovement {
  if (!previous || movement.pain > RULE.maxQualifyingPain) return movement;
  const change = scoreChange(previousScore, movement.pain);
  const enough = adherence >= PROGRESSION.minAdherence;
  if (findMovement(movement.id)?.variations) {
    const by = change === 'worse' ? -1 : movement.pain === 0 && enough ? 1 : 0;
    const variation =
      by === 0 ? (previous.variation ?? movement.variation) : stepHold(previous.variation, by);
    return { ...movement, reps: previous.reps, sets: previous.sets, ...(variation ? { variation } : {}) };
  }
  const by = change === 'worse' ? -1 : change === 'better' && enough ? 1 : 0;
  return { ...movement, ...stepDose(previous, by) };
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

/** Rung of a movement's dose or hold, to compare two plans. */
function level(m: PlanMovement): number {
  if (findMovement(m.id)?.variations) {
    const at = HOLD_LADDER.indexOf((m.variation ?? HOLD_LADDER[0]) as (typeof HOLD_LADDER)[number]);
    return at < 0 ? 0 : at;
  }
  return m.reps * m.sets;
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
