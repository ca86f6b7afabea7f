import { CATALOG, catalogIndex, findMovement } from './catalog.ts';
import { RULE, type RedFlagId } from './rules.ts';
import { addDays, localDateOf, localMinuteOfDay, minutesOf, zonedInstant } from './time.ts';

export interface PlanMovement {
  id: string;
  name: string;
  reps: number;
  sets: number;
  repUnit: 'reps' | 'reps/side' | 'lengths';
  /** The pain the patient gave it, kept so a later assessment can be compared. */
  pain: number;
  variation?: string;
}

export interface Plan {
  movements: PlanMovement[];
  sessionsPerDay: 3;
  sessionTimes: [string, string, string];
  timeZone: string;
  lengthDays: number;
  /** First and last local calendar days of the plan (inclusive), YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  /** Local midnight starting startDate and ending endDate, as ISO instants (Scheduler's start and end). */
  startsAt: string;
  endsAt: string;
  /** The day the patient is asked to assess again: the plan's last day. */
  reassessOn: string;
}

export type AdviceCode = 'seek-medical-care' | 'see-movement-specialist' | 'reduced-plan';

export interface Advice {
  code: AdviceCode;
  message: string;
}

export type PlanDecision =
  { kind: 'plan'; plan: Plan; advice?: Advice } | { kind: 'no-plan'; plan: null; advice: Advice };

export interface PlanInput {
  scores: Record<string, number>;
  redFlags: readonly RedFlagId[];
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
      'Your answers include a warning sign or a pain of 8 or more. Do not start these exercises: ' +
      'seek medical care now. If it is severe or getting worse quickly, call your local emergency number.',
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
 * Chooses the movements (decision, deterministic): least pain first; among equal pain, a category
 * not chosen yet; then the source's order. At most 5. The session lists them in the source's order.
 */
export function chooseMovements(scores: Record<string, number>): string[] {
  const candidates = CATALOG.filter((m) => {
    const s = scores[m.id];
    return s !== undefined && s <= RULE.maxQualifyingPain;
  }).map((m) => ({ id: m.id, category: m.category, pain: scores[m.id]! }));

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

/** The source's rule, with this project's decisions where it is silent (README, "The plan rule"). */
export function buildPlan(input: PlanInput, options: PlanOptions): PlanDecision {
  const lengthDays = options.lengthDays ?? RULE.defaultPlanLengthDays;
  const anySevere = Object.values(input.scores).some((s) => s >= RULE.seekCarePain);
  if (input.redFlags.length > 0 || anySevere) {
    return { kind: 'no-plan', plan: null, advice: ADVICE.seekCare };
  }

  const ids = chooseMovements(input.scores);
  if (ids.length === 0) return { kind: 'no-plan', plan: null, advice: ADVICE.noneQualify };

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
    movements,
    sessionsPerDay: RULE.sessionsPerDay,
    sessionTimes: [...input.sessionTimes] as [string, string, string],
    timeZone: input.timeZone,
    lengthDays,
    ...planDates(options.now, input.timeZone, input.sessionTimes, lengthDays),
  };
  return ids.length < RULE.minMovements
    ? { kind: 'plan', plan, advice: ADVICE.reduced(ids.length) }
    : { kind: 'plan', plan };
}
