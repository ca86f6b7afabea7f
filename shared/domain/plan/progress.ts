/**
 * A plan's progress (pure): what the plan page shows of the patient's own log, from the plan and its
 * events (session-log.ts: DONE texts, the page's Done, PAIN texts, the page's pain check-in).
 *
 * The rules, as the "Progress on the plan page" in docs/PATIENTS.md states them:
 *   - sessions done on a day are the distinct sessions logged on that local date, at most the
 *     plan's sessions a day: a DONE text and a Done tap for the same session, or two DONE texts
 *     after the same session time, count once (each event carries the session it belongs to);
 *   - the back's pain on a day is the day's WORST score, from PAIN texts and the page's check-in
 *     alike. Worst rather than latest: it does not depend on which came first, and a bad spike is
 *     never hidden by a better number later the same day (a score of 8 or more pauses the plan in
 *     any case, plan-lifecycle.ts);
 *   - only the plan's own days up to today count (a DONE text after the plan ended is kept, not
 *     shown here);
 *   - "first" is the first day with a score, "latest" the last one so far.
 */
import type { PlanEvent } from '../model.ts';
import type { Plan } from './plan.ts';
import type { PlanStatus, StatusReason } from './lifecycle.ts';
import { RULE } from './rules.ts';
import { addDays, localDateOf } from '../time.ts';

/** What progress reads of an event (the adapter reads no more: never the patient's own words). */
export type ProgressEvent = Pick<PlanEvent, 'type' | 'localDate' | 'slot'> & { pain?: number };

export interface ProgressDay {
  /** 1-based day of the plan. */
  day: number;
  localDate: string;
  /** Distinct sessions logged that day, 0 … sessionsPerDay. */
  sessions: number;
  /** The day's worst pain score, 0–10, if one was given. */
  pain?: number;
  /** A day after today: nothing could be logged on it yet. */
  ahead: boolean;
}

export interface PainPoint {
  day: number;
  localDate: string;
  pain: number;
}

export interface Progress {
  /** Every day of the plan, day 1 first. */
  days: ProgressDay[];
  sessionsPerDay: number;
  /** Today, when today is one of the plan's days. */
  today?: ProgressDay;
  /** Days of the plan begun by now: 0 before it starts, lengthDays once it is over. */
  daysElapsed: number;
  /** Sessions logged over the plan. */
  sessionsDone: number;
  /** Sessions the days begun so far hold (daysElapsed × sessionsPerDay). */
  sessionsSoFar: number;
  /** Sessions the whole plan holds (lengthDays × sessionsPerDay). */
  sessionsPlanned: number;
  /** Days with a pain score. */
  painDays: number;
  first?: PainPoint;
  latest?: PainPoint;
  /** Nothing logged at all: no session, no score. */
  empty: boolean;
}

type PlanDays = Pick<Plan, 'startDate' | 'lengthDays' | 'sessionsPerDay' | 'timeZone'>;

export function planProgress(plan: PlanDays, events: readonly ProgressEvent[], now: Date): Progress {
  const todayDate = localDateOf(now, plan.timeZone);
  const slots = new Map<string, Set<number>>();
  const worst = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'done' && Number.isInteger(event.slot)) {
      const set = slots.get(event.localDate) ?? new Set<number>();
      if (event.slot >= 1 && event.slot <= plan.sessionsPerDay) set.add(event.slot);
      slots.set(event.localDate, set);
    } else if (event.type === 'pain' && isScore(event.pain)) {
      worst.set(event.localDate, Math.max(worst.get(event.localDate) ?? 0, event.pain));
    }
  }

  const days: ProgressDay[] = [];
  for (let day = 1; day <= plan.lengthDays; day++) {
    const localDate = addDays(plan.startDate, day - 1);
    // A day not reached yet has nothing logged (a clock off on some device cannot put it there).
    const ahead = localDate > todayDate;
    const pain = ahead ? undefined : worst.get(localDate);
    days.push({
      day,
      localDate,
      sessions: ahead ? 0 : Math.min(slots.get(localDate)?.size ?? 0, plan.sessionsPerDay),
      ...(pain !== undefined ? { pain } : {}),
      ahead,
    });
  }
  const scored = days.filter((d): d is ProgressDay & { pain: number } => d.pain !== undefined);
  const point = (d: ProgressDay & { pain: number }): PainPoint => ({
    day: d.day,
    localDate: d.localDate,
    pain: d.pain,
  });
  const daysElapsed = days.filter((d) => !d.ahead).length;
  const sessionsDone = days.reduce((sum, d) => sum + d.sessions, 0);
  const today = days.find((d) => d.localDate === todayDate);
  return {
    days,
    sessionsPerDay: plan.sessionsPerDay,
    ...(today ? { today } : {}),
    daysElapsed,
    sessionsDone,
    sessionsSoFar: daysElapsed * plan.sessionsPerDay,
    sessionsPlanned: plan.lengthDays * plan.sessionsPerDay,
    painDays: scored.length,
    ...(scored.length > 0 ? { first: point(scored[0]!), latest: point(scored.at(-1)!) } : {}),
    empty: sessionsDone === 0 && scored.length === 0,
  };
}

function isScore(pain: unknown): pain is number {
  return typeof pain === 'number' && Number.isInteger(pain) && pain >= 0 && pain <= 10;
}

/** Lower is better: the change from the first score to the latest, in plain words. */
export function painChange(first: number, latest: number): string {
  const by = Math.abs(latest - first);
  if (by === 0) return 'the same';
  const points = `${by} ${by === 1 ? 'point' : 'points'}`;
  return latest < first ? `${points} better` : `${points} worse`;
}

/**
 * Day 1 against now, as the page says it: "Your back: 6 on day 1, 3 now (3 points better)." With
 * one score: "Your back: 5 on day 3." Without any: undefined.
 */
export function painInWords(
  progress: Pick<Progress, 'first' | 'latest' | 'today' | 'painDays'>,
): string | undefined {
  const { first, latest, today } = progress;
  if (!first || !latest) return undefined;
  const on = (p: PainPoint) => (today && p.day === today.day ? 'today' : `on day ${p.day}`);
  if (progress.painDays === 1) return `Your back: ${first.pain} out of 10 ${on(first)}.`;
  const latestWhen = today && latest.day === today.day ? 'now' : `on day ${latest.day}`;
  return (
    `Your back: ${first.pain} on day ${first.day}, ${latest.pain} ${latestWhen}` +
    ` (${painChange(first.pain, latest.pain)}).`
  );
}

/** "Today: 2 of 3 sessions done." */
export function todayInWords(progress: Pick<Progress, 'today' | 'sessionsPerDay'>): string | undefined {
  if (!progress.today) return undefined;
  return `Today: ${progress.today.sessions} of ${progress.sessionsPerDay} sessions done.`;
}

/** What the patient does once the plan is over. */
export type NextStep = 'reassess' | 'see-clinician' | 'newer-plan';

/**
 * The summary's next step: a newer plan took this one's place; a clinician first when the plan was
 * paused for a pain of 8 or more or for words that may mean a red flag, or the latest score is that
 * high (the rule makes no plan then); otherwise the check-in again, for the next plan.
 */
export function nextStep(
  status: PlanStatus,
  reason: StatusReason | undefined,
  latest: PainPoint | undefined,
): NextStep {
  if (status === 'replaced') return 'newer-plan';
  if (reason?.kind === 'pain-reported' || reason?.kind === 'red-flag-reported') return 'see-clinician';
  if (latest && latest.pain >= RULE.seekCarePain) return 'see-clinician';
  return 'reassess';
}
