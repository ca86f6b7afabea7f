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
 *   - a session COUNTS once it is due (scheduling/due.ts: come while the plan was active, skips out,
 *     snoozes moved) or done: "so far" is the sessions that count up to now, not the days × 3 — the
 *     sessions before sign-up, while paused and after a stop were never asked for. The whole plan
 *     ("of 42") is those plus the ones still ahead while it runs; an ended plan's summary counts
 *     only what counted;
 *   - "first" is the first day with a score, "latest" the last one so far.
 */
import { PAGE_EN, type PageTexts } from './page-texts.ts';
import type { PlanEvent } from '../model.ts';
import type { Plan } from './plan.ts';
import type { PlanStatus, StatusReason } from './lifecycle.ts';
import { RULE } from './rules.ts';
import { addDays, localDateOf } from '../time.ts';
import { daySessions, dueSessions, sessionKey, sessionsAhead, type DueRecord } from '../scheduling/due.ts';

/** What progress reads of an event (the adapter reads no more: never the patient's own words). */
export type ProgressEvent = Pick<PlanEvent, 'type' | 'localDate' | 'slot'> & { pain?: number };

export interface ProgressDay {
  /** 1-based day of the plan. */
  day: number;
  localDate: string;
  /** Distinct sessions logged that day, 0 … sessionsPerDay. */
  sessions: number;
  /**
   * The day's sessions that count: due or done by now, and today also those still ahead while the
   * plan runs ("Today: 1 of 2"). 0 for a day ahead.
   */
  counted: number;
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
  /** Sessions that count so far: due or done by now (not the days × 3). */
  sessionsSoFar: number;
  /** Sessions of the whole plan: those that counted, and those still ahead while it runs. */
  sessionsPlanned: number;
  /** Days with a pain score. */
  painDays: number;
  first?: PainPoint;
  latest?: PainPoint;
  /** Nothing logged at all: no session, no score. */
  empty: boolean;
}

type PlanDays = Pick<
  Plan,
  'startDate' | 'lengthDays' | 'sessionsPerDay' | 'timeZone' | 'sessionTimes' | 'startsAt'
>;

/** A stored plan (its status trail and the patient's changes), or a bare plan read as active from its start. */
export type ProgressSource = (DueRecord & { plan: PlanDays }) | PlanDays;

/** How a bare plan is read (never written: statuses change only through the lifecycle). */
const BARE_PLAN_READ_AS: DueRecord['status'] = 'active';

function asRecord(source: ProgressSource, now: Date): DueRecord & { plan: PlanDays } {
  return 'plan' in source
    ? source
    : { status: BARE_PLAN_READ_AS, updatedAt: now.toISOString(), plan: source };
}

export function planProgress(source: ProgressSource, events: readonly ProgressEvent[], now: Date): Progress {
  const record = asRecord(source, now);
  const plan = record.plan;
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
  // The sessions that count: due by now, or done (a session done before its reminder counts too).
  const counted = new Map<string, Set<string>>();
  const count = (localDate: string, key: string) =>
    counted.set(localDate, (counted.get(localDate) ?? new Set()).add(key));
  for (const s of dueSessions(record, now)) count(s.localDate, sessionKey(s));
  for (const s of daySessions(record, todayDate, now)) count(s.localDate, sessionKey(s));

  const days: ProgressDay[] = [];
  for (let day = 1; day <= plan.lengthDays; day++) {
    const localDate = addDays(plan.startDate, day - 1);
    // A day not reached yet has nothing logged (a clock off on some device cannot put it there).
    const ahead = localDate > todayDate;
    const pain = ahead ? undefined : worst.get(localDate);
    const doneSlots = ahead ? [] : [...(slots.get(localDate) ?? [])];
    for (const slot of doneSlots) count(localDate, sessionKey({ localDate, slot }));
    days.push({
      day,
      localDate,
      sessions: Math.min(doneSlots.length, plan.sessionsPerDay),
      counted: ahead ? 0 : Math.min(counted.get(localDate)?.size ?? 0, plan.sessionsPerDay),
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
  // Still to come while the plan runs (a session done early is not to come), and so far: what
  // counted up to now, less today's sessions still ahead.
  const doneKeys = new Set(
    days.flatMap((d) =>
      [...(d.ahead ? [] : (slots.get(d.localDate) ?? []))].map((slot) =>
        sessionKey({ localDate: d.localDate, slot }),
      ),
    ),
  );
  const toCome = sessionsAhead(record, now, true).filter((s) => !doneKeys.has(sessionKey(s)));
  const aheadToday = toCome.filter(
    (s) => s.localDate === todayDate && days.some((d) => d.localDate === todayDate),
  ).length;
  const soFar = days.reduce((sum, d) => sum + d.counted, 0) - (record.status === 'active' ? aheadToday : 0);
  const ahead = toCome.length;
  return {
    days,
    sessionsPerDay: plan.sessionsPerDay,
    ...(today ? { today } : {}),
    daysElapsed,
    sessionsDone,
    sessionsSoFar: Math.max(soFar, sessionsDone),
    sessionsPlanned: Math.max(soFar, sessionsDone) + ahead,
    painDays: scored.length,
    ...(scored.length > 0 ? { first: point(scored[0]!), latest: point(scored.at(-1)!) } : {}),
    empty: sessionsDone === 0 && scored.length === 0,
  };
}

function isScore(pain: unknown): pain is number {
  return typeof pain === 'number' && Number.isInteger(pain) && pain >= 0 && pain <= 10;
}

/** Lower is better: the change from the first score to the latest (page-texts.ts, English). */
export { painChange } from './page-texts.ts';

/**
 * Day 1 against now, as the page says it: "Your back: 6 on day 1, 3 now (3 points better)." With
 * one score: "Your back: 5 on day 3." Without any: undefined. In the page's language (`t`).
 */
export function painInWords(
  progress: Pick<Progress, 'first' | 'latest' | 'today' | 'painDays'>,
  t: PageTexts = PAGE_EN,
): string | undefined {
  const { first, latest, today } = progress;
  if (!first || !latest) return undefined;
  return t.painInWords({
    first,
    latest,
    one: progress.painDays === 1,
    firstToday: !!today && first.day === today.day,
    latestToday: !!today && latest.day === today.day,
  });
}

/** "Today: 2 of 3 sessions done." — of today's sessions that count (1 on a day signed up at 16:34). */
export function todayInWords(
  progress: Pick<Progress, 'today' | 'sessionsPerDay'>,
  t: PageTexts = PAGE_EN,
): string | undefined {
  if (!progress.today) return undefined;
  const of = progress.today.counted;
  if (of === 0) return t.todayNone;
  return t.todaySessions(progress.today.sessions, of);
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
