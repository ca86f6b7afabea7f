import { CATALOG, catalogIndex, findMovement } from './catalog.ts';
import { progressMovements, type PreviousPlan } from './progression.ts';
import { flagTier, RULE, type RedFlagId } from './rules.ts';
import { addDays, localDateOf, localMinuteOfDay, minutesOf, zonedInstant } from '../time.ts';
import type { Plan, PlanMovement } from './types.ts';

export type { Plan, PlanMovement } from './types.ts';

/**
 * `seek-medical-care`: the urgent tier (care now); `see-clinician-this-week`: the other tier;
 * `see-movement-specialist` and `reduced-plan`: what the rule decides when too few movements qualify.
 */
export type AdviceCode =
  'seek-medical-care' | 'see-clinician-this-week' | 'see-movement-specialist' | 'reduced-plan';

export interface Advice {
  code: AdviceCode;
  message: string;
}

export type PlanDecision =
  { kind: 'plan'; plan: Plan; advice?: Advice } | { kind: 'no-plan'; plan: null; advice: Advice };

export interface PlanInput {
  scores: Record<string, number>;
  redFlags: readonly RedFlagId[];
  /** How much the back hurts sitting or lying still, 0–10 (absent: not asked). */
  restPain?: number;
  /** The movements the patient chose from those that qualify (validated against the rule). */
  chosen?: readonly string[];
  /** The patient's last plan: the new one steps on from it (progression.ts). */
  previous?: PreviousPlan;
  timeZone: string;
  sessionTimes: [string, string, string];
}

export interface PlanOptions {
  now: Date;
  lengthDays?: number;
}

/**
 * Dose by pain (decision): less pain never means less volume (reps × sets), and every dose is
 * inside the source's 5–10 reps and 1–2 sets.
 */
export const DOSE_BY_PAIN: Readonly<Record<0 | 1 | 2 | 3, { reps: number; sets: number }>> = {
  0: { reps: 10, sets: 2 },
  1: { reps: 8, sets: 2 },
  2: { reps: 7, sets: 1 },
  3: { reps: 5, sets: 1 },
};

export const ADVICE = {
  seekCare: {
    code: 'seek-medical-care',
    message:
      'Your answers include a warning sign that needs care now. Do not start these exercises: ' +
      'call your local emergency number or go to an emergency department today.',
  },
  seeClinician: {
    code: 'see-clinician-this-week',
    message:
      'Your answers include a sign that a clinician should check. Please see a doctor or physiotherapist ' +
      'this week. If it gets much worse, or new numbness or weakness starts, seek care at once.',
  },
  seeClinicianWithPlan: {
    code: 'see-clinician-this-week',
    message:
      'Your back hurts even at rest, so please see a doctor or physiotherapist this week. Until then, ' +
      'only do the movements below, and stop any that hurts more than 3.',
  },
  noneQualify: {
    code: 'see-movement-specialist',
    message:
      'None of the movements you tried stayed at a pain of 3 or less, so there is no safe home plan from this ' +
      'assessment. Please see a movement specialist or physiotherapist.',
  },
  reduced: (count: number): Advice => ({
    code: 'reduced-plan',
    message:
      `Only ${count} movement${count === 1 ? '' : 's'} stayed at a pain of 3 or less, so your plan is shorter than ` +
      'the usual 4 to 5. Please also see a movement specialist or physiotherapist.',
  }),
} as const satisfies Record<string, Advice | ((n: number) => Advice)>;

/**
 * Which movement is gentler on a tie (decision): the source's easiest first — spine mobility, then
 * hip work on the floor, then balance, then loaded carries. A patient who scores 0 everywhere gets
 * Cat-Camel, Hip Mobility, Hip Bridges, Bird Dog and one more, not the first five of the list.
 */
export const GENTLENESS_ORDER = [
  'cat-camel',
  'hip-mobility',
  'hip-bridges',
  'bird-dog',
  'side-plank-clam-shells',
  'in-line-lunge-halo',
  'single-leg-hip-bridges',
  'forward-reverse-beast-walk',
  'lateral-beast-walk',
  'kettlebell-walk',
] as const;

const gentleness = (id: string) => {
  const rank = (GENTLENESS_ORDER as readonly string[]).indexOf(id);
  return rank < 0 ? GENTLENESS_ORDER.length : rank;
};

/** The movements that qualify: tried, and no pain higher than 3. */
export function qualifyingMovements(scores: Record<string, number>): string[] {
  return CATALOG.filter((m) => scores[m.id] !== undefined && scores[m.id]! <= RULE.maxQualifyingPain).map(
    (m) => m.id,
  );
}

/**
 * The rule's proposal (decision, deterministic): least pain first; among equal pain, a category not
 * chosen yet, then the gentler movement (GENTLENESS_ORDER). At most 5. Listed in the source's order.
 */
export function chooseMovements(scores: Record<string, number>): string[] {
  const candidates = qualifyingMovements(scores)
    .map((id) => ({ id, category: findMovement(id)!.category, pain: scores[id]! }))
    .sort((a, b) => gentleness(a.id) - gentleness(b.id));

  const chosen: typeof candidates = [];
  const usedCategories = new Set<string>();
  while (chosen.length < RULE.maxMovements && candidates.length > 0) {
    const leastPain = Math.min(...candidates.map((c) => c.pain));
    const tier = candidates.filter((c) => c.pain === leastPain);
    const pick = tier.find((c) => !usedCategories.has(c.category)) ?? tier[0]!;
    chosen.push(pick);
    usedCategories.add(pick.category);
    candidates.splice(candidates.indexOf(pick), 1);
  }
  return chosen.map((c) => c.id).sort((a, b) => catalogIndex(a) - catalogIndex(b));
}

/**
 * Why the patient's own choice breaks the rule (empty: it keeps it): each chosen movement must
 * qualify, once; 4–5 of them when 4 or more qualify, all of them when 1–3 do.
 */
export function choiceProblems(
  scores: Record<string, number>,
  chosen: readonly string[],
): { index?: number; message: string }[] {
  const qualifying = qualifyingMovements(scores);
  const problems: { index?: number; message: string }[] = [];
  chosen.forEach((id, index) => {
    if (!qualifying.includes(id)) {
      problems.push({
        index,
        message:
          scores[id] === undefined
            ? `"${id.slice(0, 64)}" was not tried, so it cannot be in your plan`
            : `"${id}" hurt more than 3, so it cannot be in your plan`,
      });
    } else if (chosen.indexOf(id) !== index) {
      problems.push({ index, message: `"${id}" is chosen twice` });
    }
  });
  if (problems.length) return problems;
  const want =
    qualifying.length >= RULE.minMovements
      ? `${RULE.minMovements} or ${RULE.maxMovements}`
      : `all ${qualifying.length}`;
  const ok =
    qualifying.length >= RULE.minMovements
      ? chosen.length >= RULE.minMovements && chosen.length <= RULE.maxMovements
      : chosen.length === qualifying.length;
  return ok
    ? []
    : [{ message: `must be ${want} of the movements that hurt 3 or less (you chose ${chosen.length})` }];
}

export function doseFor(pain: number): { reps: number; sets: number } {
  const dose = DOSE_BY_PAIN[pain as 0 | 1 | 2 | 3];
  if (!dose) throw new RangeError(`no dose for pain ${pain}: only 0–${RULE.maxQualifyingPain} qualify`);
  return dose;
}

/**
 * Plan dates (decision): the plan starts today in the patient's zone if a session is still ahead
 * today, otherwise tomorrow, and lasts `lengthDays` calendar days.
 */
export function planDates(now: Date, timeZone: string, sessionTimes: readonly string[], lengthDays: number) {
  const today = localDateOf(now, timeZone);
  const lastSession = Math.max(...sessionTimes.map(minutesOf));
  const startDate = localMinuteOfDay(now, timeZone) < lastSession ? today : addDays(today, 1);
  const endDate = addDays(startDate, lengthDays - 1);
  return {
    startDate,
    endDate,
    startsAt: zonedInstant(startDate, '00:00', timeZone).toISOString(),
    endsAt: zonedInstant(addDays(endDate, 1), '00:00', timeZone).toISOString(),
    reassessOn: endDate,
  };
}

/** The plan at other session times (a full minute moved them): its dates follow the new times. */
export function withSessionTimes(plan: Plan, sessionTimes: readonly string[], now: Date): Plan {
  return {
    ...plan,
    sessionTimes: [...sessionTimes] as [string, string, string],
    ...planDates(now, plan.timeZone, sessionTimes, plan.lengthDays),
  };
}

/** What the first screen decides before any movement is tried: the tier of care, if any. */
export type Screening =
  | { tier: 'urgent'; advice: Advice }
  | { tier: 'soon'; advice: Advice; planAllowed: boolean }
  | { tier: 'none' };

/**
 * The warning signs and pain at rest, read before the movements (docs/PLAN-RULE.md, "Red flags"): an urgent
 * flag → care now, no plan; another flag → a clinician this week, no plan; pain at rest of 4+ → a
 * clinician this week, a plan only from movements that still qualify.
 */
export function screen(redFlags: readonly RedFlagId[], restPain?: number): Screening {
  if (redFlags.some((id) => flagTier(id) === 'urgent')) return { tier: 'urgent', advice: ADVICE.seekCare };
  if (redFlags.length > 0) return { tier: 'soon', advice: ADVICE.seeClinician, planAllowed: false };
  if ((restPain ?? 0) >= RULE.clinicianRestPain) {
    return { tier: 'soon', advice: ADVICE.seeClinicianWithPlan, planAllowed: true };
  }
  return { tier: 'none' };
}

/**
 * Whether a plan may be made from these answers, and the advice that goes with it (docs/PLAN-RULE.md, "The
 * plan rule"): no plan for an urgent flag, another flag, a score of 8 or more, or an empty plan;
 * a plan with advice when the back hurts at rest or fewer than 4 movements make it. `planSize` is
 * how many movements the plan would have (the patient's choice, or the rule's proposal).
 */
export type Verdict = { planAllowed: false; advice: Advice } | { planAllowed: true; advice?: Advice };

export function verdict(
  input: { scores: Record<string, number>; redFlags: readonly RedFlagId[]; restPain?: number },
  planSize: number,
): Verdict {
  // Two tiers of advice (docs/PLAN-RULE.md, "Red flags"): care now, or a clinician this week; no plan for either.
  const screening = screen(input.redFlags, input.restPain);
  if (screening.tier === 'urgent') return { planAllowed: false, advice: screening.advice };
  const anySevere = Object.values(input.scores).some((s) => s >= RULE.seekCarePain);
  if ((screening.tier === 'soon' && !screening.planAllowed) || anySevere) {
    return { planAllowed: false, advice: ADVICE.seeClinician };
  }
  const restPainHigh = screening.tier === 'soon';
  if (planSize === 0) {
    return { planAllowed: false, advice: restPainHigh ? ADVICE.seeClinician : ADVICE.noneQualify };
  }
  if (restPainHigh) return { planAllowed: true, advice: ADVICE.seeClinicianWithPlan };
  return planSize < RULE.minMovements
    ? { planAllowed: true, advice: ADVICE.reduced(planSize) }
    : { planAllowed: true };
}

/**
 * What the patient may choose from once the movements are rated (POST /proposals): the movements
 * that qualify, the rule's proposal, how many to pick (4–5, never more than qualify; all of them
 * when 1–3 do, as choiceProblems checks), and the verdict on a plan from the proposal, so the
 * form can stop with the advice before it asks for a phone number.
 */
export type Proposal = {
  qualifying: string[];
  proposed: string[];
  choose: { min: number; max: number };
} & Verdict;

export function proposal(scores: Record<string, number>, restPain?: number): Proposal {
  const qualifying = qualifyingMovements(scores);
  const proposed = chooseMovements(scores);
  const choose =
    qualifying.length >= RULE.minMovements
      ? { min: RULE.minMovements, max: Math.min(RULE.maxMovements, qualifying.length) }
      : { min: qualifying.length, max: qualifying.length };
  return {
    qualifying,
    proposed,
    choose,
    ...verdict({ scores, redFlags: [], ...(restPain !== undefined ? { restPain } : {}) }, proposed.length),
  };
}

/** The source's rule, with this project's decisions where it is silent (docs/PLAN-RULE.md, "The plan rule"). */
export function buildPlan(input: PlanInput, options: PlanOptions): PlanDecision {
  const lengthDays = options.lengthDays ?? RULE.defaultPlanLengthDays;
  const ids = input.chosen?.length
    ? [...input.chosen].sort((a, b) => catalogIndex(a) - catalogIndex(b))
    : chooseMovements(input.scores);
  const outcome = verdict(input, ids.length);
  if (!outcome.planAllowed) return { kind: 'no-plan', plan: null, advice: outcome.advice };

  const movements = ids.map((id): PlanMovement => {
    const movement = findMovement(id)!;
    const pain = input.scores[id]!;
    return {
      id,
      name: movement.name,
      ...doseFor(pain),
      repUnit: movement.repUnit,
      pain,
      ...(movement.startingVariation ? { variation: movement.startingVariation } : {}),
    };
  });

  const plan: Plan = {
    movements: input.previous ? progressMovements(movements, input.previous) : movements,
    sessionsPerDay: RULE.sessionsPerDay,
    sessionTimes: [...input.sessionTimes] as [string, string, string],
    timeZone: input.timeZone,
    lengthDays,
    ...planDates(options.now, input.timeZone, input.sessionTimes, lengthDays),
  };
  return outcome.advice ? { kind: 'plan', plan, advice: outcome.advice } : { kind: 'plan', plan };
}
