import { CATALOG, catalogIndex, findMovement } from './catalog.ts';
import {
  HOLD_LADDER,
  progressMovements,
  startDose,
  type KettlebellHold,
  type PreviousPlan,
  type QualifyingPain,
} from './progression.ts';
import { API_EN, type AdviceTier, type ApiTexts } from './api-texts.ts';
import { listInWords } from '../language.ts';
import type { WeakFlagId } from './page-texts.ts';
import {
  FLAG_ADVICE,
  isWeakFlag,
  RED_FLAG_IDS,
  screenFlags,
  type FlagAdviceCode,
  type ScreenTier,
} from './red-flags.ts';
import { RULE, type RedFlagId } from './rules.ts';
import { addDays, localDateOf, localMinuteOfDay, minutesOf, zonedInstant } from '../time.ts';
import type { Plan, PlanMovement } from './types.ts';

export type { Plan, PlanMovement } from './types.ts';

/**
 * The advice codes: the four tiers of the red flags (`seek-medical-care` urgent now,
 * `seek-care-today` same day, `see-clinician-within-24h`, `see-clinician-this-week`),
 * `check-with-clinician` (weak flags alone, no clinician check yet), `clinician-checked` (a plan
 * after a clinician's check, the advice kept in view), and what the rule decides when too few
 * movements qualify (`see-movement-specialist`, `reduced-plan`).
 */
export type AdviceCode = FlagAdviceCode | 'clinician-checked' | 'see-movement-specialist' | 'reduced-plan';

export interface Advice {
  code: AdviceCode;
  message: string;
}

/**
 * Who says a clinician has checked this back pain: the patient (a tick on the form), or the clinic
 * (the invite link a clinician gave them, made "cleared" in the console).
 */
export type Clearance = 'patient' | 'clinic';

export type PlanDecision =
  { kind: 'plan'; plan: Plan; advice?: Advice } | { kind: 'no-plan'; plan: null; advice: Advice };

export interface PlanInput {
  scores: Record<string, number>;
  redFlags: readonly RedFlagId[];
  /** How much the back hurts sitting or lying still, 0–10 (absent: not asked). */
  restPain?: number;
  /** A clinician has checked this back pain: weak flags alone then allow a plan. */
  clearance?: Clearance;
  /** The kettlebell hold the patient tried and rated (absent: the first of the ladder). */
  kettlebellHold?: KettlebellHold;
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
 * A first plan's dose by pain (decision, progression.ts `START_RUNG`): 3 → 5×1, 2 → 6×1, 1 → 7×1,
 * 0 → 8×1. It grows smoothly as pain falls (at most ×1.2 the volume a point), starts low in the
 * source's 5–10 reps and 1–2 sets, and leaves the rest of the range (up to 10×2) to progression.
 */
export const DOSE_BY_PAIN: Readonly<Record<QualifyingPain, { reps: number; sets: number }>> = {
  0: startDose(0),
  1: startDose(1),
  2: startDose(2),
  3: startDose(3),
};

/** The source's own caveats (seed: "a common back pull or spasm"; "find the reason WHY you got hurt"). */
export const SOURCE_CAVEATS = [
  'This plan is for a common back pull or spasm. If your pain feels different, or you are not sure, ask a doctor or physiotherapist first.',
  'Finding out why you got hurt matters as much as healing: think about what you were doing when it started (lifting, twisting, sitting for long), and ask a movement specialist or physiotherapist to look at it, so it does not happen again.',
] as const;

/**
 * The advice in a language's words (api-texts.ts `AdviceTexts`): the same codes in every language,
 * only the messages change.
 */
export function adviceIn(texts: ApiTexts) {
  const words = texts.advice;
  const tier = (care: AdviceTier): Advice => ({ code: FLAG_ADVICE[care].code, message: words.tier[care] });
  const because = (flags: readonly RedFlagId[]) =>
    listInWords(
      texts.lang,
      RED_FLAG_IDS.filter((id) => isWeakFlag(id) && flags.includes(id)).map(
        (id) => words.weakBecause[id as WeakFlagId],
      ),
    );
  return {
    tier,
    seekCare: tier('urgent-now'),
    seekCareToday: tier('same-day'),
    seeClinicianWithin24h: tier('within-24h'),
    seeClinician: tier('this-week'),
    /** A score of 8 or more: no plan, a clinician this week (the stop screen shows it, with no way back). */
    severePain: { code: 'see-clinician-this-week', message: words.severePain },
    seeClinicianWithPlan: { code: 'see-clinician-this-week', message: words.seeClinicianWithPlan },
    checkWithClinician: (flags: readonly RedFlagId[]): Advice => ({
      code: 'check-with-clinician',
      message: words.checkWithClinician(because(flags)),
    }),
    /** Weak flags alone after a clinician's check: the plan, with the reason kept in view. */
    clinicianChecked: (flags: readonly RedFlagId[], by: Clearance): Advice => ({
      code: 'clinician-checked',
      message: words.clinicianChecked(by, because(flags)),
    }),
    noneQualify: { code: 'see-movement-specialist', message: words.noneQualify },
    /** Fewer than 4 movements in the plan: `tried` is how many the patient rated at all. */
    reduced: (count: number, tried: number = count): Advice => ({
      code: 'reduced-plan',
      message: tried <= count ? words.reducedAllTried(count) : words.reducedSomeQualified(count, tried),
    }),
  } as const satisfies Record<string, Advice | ((...args: never[]) => Advice)>;
}

/** The advice in English (what a request in no other language gets). */
export const ADVICE = adviceIn(API_EN);

/**
 * Which movement is gentler on a tie (decision): the source's easiest first — spine mobility, then
 * hip work on the floor, then balance, then loaded carries. Ties always go to the gentler movement,
 * so a patient who scores 0 everywhere gets Cat-Camel, Hip Mobility, Hip Bridges, Bird Dog and Side
 * Plank Clam Shells — never the crawls or the carry ahead of a gentler movement at the same pain.
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
 * The rule's proposal (decision, deterministic): least pain first; among equal pain, the gentler
 * movement (GENTLENESS_ORDER). At most 5. Listed in the source's order.
 */
export function chooseMovements(scores: Record<string, number>): string[] {
  return qualifyingMovements(scores)
    .sort((a, b) => scores[a]! - scores[b]! || gentleness(a) - gentleness(b))
    .slice(0, RULE.maxMovements)
    .sort((a, b) => catalogIndex(a) - catalogIndex(b));
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
  const dose = DOSE_BY_PAIN[pain as QualifyingPain];
  if (!dose) throw new RangeError(`no dose for pain ${pain}: only 0–${RULE.maxQualifyingPain} qualify`);
  return { ...dose };
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

/**
 * What the first screen decides before any movement is tried (POST /screenings):
 *  - `care`: how soon a clinician is needed (red-flags.ts `screenFlags`; pain at rest of 4+ alone:
 *    this week), `none` when nothing calls for one;
 *  - `planAllowed`: whether the form goes on to the movements;
 *  - `advice`: what to tell the patient (kept in view on every later step when a plan may follow);
 *  - `clinicianCheck`: only weak flags were ticked — the flags, and who cleared them if someone did
 *    (absent `by`: no one yet, so the form offers "a clinician has checked this back pain");
 *  - `tier`: the answer's first shape, kept for clients that read it: `urgent` for urgent now,
 *    `soon` for any other tier, `none`.
 */
export interface Screening {
  tier: 'urgent' | 'soon' | 'none';
  care: ScreenTier;
  planAllowed: boolean;
  advice?: Advice;
  clinicianCheck?: { flags: RedFlagId[]; by?: Clearance };
}

const legacyTier = (care: ScreenTier): Screening['tier'] =>
  care === 'none' ? 'none' : care === 'urgent-now' ? 'urgent' : 'soon';

/**
 * The warning signs and pain at rest, read before the movements (docs/PLAN-RULE.md, "Red flags"):
 * any sign but weak flags → its tier's advice, no plan; weak flags alone → check with a clinician,
 * and a plan once one has checked this pain (`clearance`), the advice kept in view; pain at rest of
 * 4+ → a clinician this week, a plan only from movements that still qualify.
 */
export function screen(
  redFlags: readonly RedFlagId[],
  restPain?: number,
  clearance?: Clearance,
  texts: ApiTexts = API_EN,
): Screening {
  const advice = texts === API_EN ? ADVICE : adviceIn(texts);
  const flags = screenFlags(redFlags);
  const restPainHigh = (restPain ?? 0) >= RULE.clinicianRestPain;
  if (flags.tier !== 'none' && !flags.weakOnly) {
    return {
      tier: legacyTier(flags.tier),
      care: flags.tier,
      planAllowed: false,
      advice: advice.tier(flags.tier),
    };
  }
  if (flags.weakOnly) {
    const ticked = [...new Set(redFlags)];
    if (!clearance) {
      return {
        tier: 'soon',
        care: 'this-week',
        planAllowed: false,
        advice: advice.checkWithClinician(ticked),
        clinicianCheck: { flags: ticked },
      };
    }
    const checked = advice.clinicianChecked(ticked, clearance);
    return {
      tier: 'soon',
      care: 'this-week',
      planAllowed: true,
      advice: restPainHigh ? joined(checked, advice.seeClinicianWithPlan) : checked,
      clinicianCheck: { flags: ticked, by: clearance },
    };
  }
  if (restPainHigh) {
    return { tier: 'soon', care: 'this-week', planAllowed: true, advice: advice.seeClinicianWithPlan };
  }
  return { tier: 'none', care: 'none', planAllowed: true };
}

/** Two pieces of advice in one: the first's code, both messages. */
function joined(first: Advice, second: Advice): Advice {
  return { code: first.code, message: `${first.message} ${second.message}` };
}

/**
 * Whether a plan may be made from these answers, and the advice that goes with it (docs/PLAN-RULE.md, "The
 * plan rule"): no plan for any sign the screen stops at, a score of 8 or more, or an empty plan;
 * a plan with advice when weak flags were cleared or the back hurts at rest (that advice), or else
 * when fewer than 4 movements make it. `planSize` is how many movements the plan would have (the patient's choice,
 * or the rule's proposal).
 */
export type Verdict = { planAllowed: false; advice: Advice } | { planAllowed: true; advice?: Advice };

export function verdict(
  input: {
    scores: Record<string, number>;
    redFlags: readonly RedFlagId[];
    restPain?: number;
    clearance?: Clearance;
  },
  planSize: number,
  texts: ApiTexts = API_EN,
): Verdict {
  const advice = texts === API_EN ? ADVICE : adviceIn(texts);
  const screening = screen(input.redFlags, input.restPain, input.clearance, texts);
  if (!screening.planAllowed) return { planAllowed: false, advice: screening.advice! };
  if (Object.values(input.scores).some((s) => s >= RULE.seekCarePain)) {
    return { planAllowed: false, advice: advice.severePain };
  }
  const restPainHigh = (input.restPain ?? 0) >= RULE.clinicianRestPain;
  if (planSize === 0) {
    return { planAllowed: false, advice: restPainHigh ? advice.seeClinician : advice.noneQualify };
  }
  // The first step's advice (kept in view since) comes first; else the short plan's.
  const given =
    screening.advice ??
    (planSize < RULE.minMovements ? advice.reduced(planSize, Object.keys(input.scores).length) : undefined);
  return given ? { planAllowed: true, advice: given } : { planAllowed: true };
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

export function proposal(
  scores: Record<string, number>,
  restPain?: number,
  texts: ApiTexts = API_EN,
): Proposal {
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
    ...verdict(
      { scores, redFlags: [], ...(restPain !== undefined ? { restPain } : {}) },
      proposed.length,
      texts,
    ),
  };
}

/** The source's rule, with this project's decisions where it is silent (docs/PLAN-RULE.md, "The plan rule"). */
export function buildPlan(input: PlanInput, options: PlanOptions, texts: ApiTexts = API_EN): PlanDecision {
  const lengthDays = options.lengthDays ?? RULE.defaultPlanLengthDays;
  const ids = input.chosen?.length
    ? [...input.chosen].sort((a, b) => catalogIndex(a) - catalogIndex(b))
    : chooseMovements(input.scores);
  const outcome = verdict(input, ids.length, texts);
  if (!outcome.planAllowed) return { kind: 'no-plan', plan: null, advice: outcome.advice };

  const movements = ids.map((id): PlanMovement => {
    const movement = findMovement(id)!;
    const pain = input.scores[id]!;
    // The kettlebell walk starts on the hold the patient tried and rated (the easiest if not said).
    const variation = movement.variations ? (input.kettlebellHold ?? HOLD_LADDER[0]) : undefined;
    return {
      id,
      name: movement.name,
      ...doseFor(pain),
      repUnit: movement.repUnit,
      pain,
      ...(variation ? { variation } : {}),
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
