/**
 * Pause-aware adherence and progress (pure): what the clinic sees of sessions done against
 * sessions DUE, with "due" the one definition of shared/domain/scheduling/due.ts (the plan was
 * active at the session's instant: not before the code, not while paused, not after it stopped).
 * A paused or stopped day is shown as such and never counted as missed.
 *
 * The same functions serve the patient's page in the console (from the plan item and its events)
 * and the roster's read model (from the compact copy of the plan clinic-watch keeps on each row).
 */
import type { Plan } from '../plan/types.ts';
import type { PlanStatus } from '../plan/lifecycle.ts';
import {
  activeSpans,
  planSessions,
  sessionKey,
  sessionsDue,
  type PlanSession,
  type Span,
  type StatusTrail,
} from '../scheduling/due.ts';
import { addDays, localDateOf } from '../time.ts';

/** What of a plan the clinic's counts read: its days and times, and its status history. */
export type PlanShape = Pick<
  Plan,
  'startDate' | 'endDate' | 'lengthDays' | 'sessionTimes' | 'timeZone' | 'startsAt' | 'sessionsPerDay'
>;
export type PlanTrail = Omit<StatusTrail, 'plan'> & { plan: PlanShape };

/** A logged session, as the counts need it: its day and slot (a DONE text and a Done tap are one). */
export interface DoneMark {
  localDate: string;
  slot: number;
}

export interface Adherence {
  /** Sessions due in the window that were logged done. */
  done: number;
  /** Sessions due in the window so far (paused and stopped time excluded). */
  expected: number;
  /** done / expected, 0..1; null when nothing was due. */
  ratio: number | null;
}

/**
 * How a plan day reads on the chart: `active` when a session was due; otherwise why none was:
 * `paused`, `stopped` (stopped, replaced or completed), `waiting` (before the code was confirmed),
 * or `upcoming` (none of its sessions has come yet).
 */
export type DayState = 'active' | 'paused' | 'stopped' | 'waiting' | 'upcoming';

export interface ProgressDay {
  localDate: string;
  /** 1-based day of the plan. */
  day: number;
  state: DayState;
  /** Sessions due that were logged done. */
  done: number;
  /** Sessions due (come, while the plan was active). */
  expected: number;
  /** Sessions that came while the plan was paused or stopped: not due, never missed. */
  notDue: number;
  /** The day's highest pain score, or null when none was reported. */
  pain: number | null;
}

/** The plan's status at an instant, from its history (the current status for a plan without one). */
export function statusAt(trail: PlanTrail, at: number): PlanStatus {
  const history = trail.statusHistory;
  if (!history?.length) return trail.status;
  let status: PlanStatus = 'pending_verification';
  for (const mark of [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    if (Date.parse(mark.at) > at) break;
    status = mark.to;
  }
  return status;
}

/** The keys of the sessions logged done (shared/domain/scheduling/due.ts `sessionKey`). */
export function doneKeys(done: Iterable<DoneMark>, sessionsPerDay: number): Set<string> {
  const keys = new Set<string>();
  for (const d of done) if (d.slot >= 1 && d.slot <= sessionsPerDay) keys.add(sessionKey(d));
  return keys;
}

function stateOfNotDue(status: PlanStatus): DayState {
  if (status === 'paused') return 'paused';
  if (status === 'pending_verification') return 'waiting';
  return 'stopped';
}

interface Counted {
  sessions: readonly PlanSession[];
  due: Set<string>;
}

function counted(trail: PlanTrail, now: Date): Counted {
  const spans: Span[] = activeSpans(trail as StatusTrail, now);
  return {
    sessions: planSessions(trail.plan),
    due: new Set(sessionsDue(trail.plan, spans, now).map(sessionKey)),
  };
}

/**
 * The plan's days up to today (or its end), each with the sessions due and done, the sessions that
 * came while it was paused or stopped, its state and highest pain. A session logged before its
 * time counts once it is due; a session logged while nothing was due counts for nothing.
 */
export function progressDays(
  trail: PlanTrail,
  done: ReadonlySet<string>,
  pains: ReadonlyMap<string, number>,
  now: Date,
): ProgressDay[] {
  const plan = trail.plan;
  const today = localDateOf(now, plan.timeZone);
  const last = today < plan.endDate ? today : plan.endDate;
  const { sessions, due } = counted(trail, now);
  const days: ProgressDay[] = [];
  for (let date = plan.startDate, day = 1; date <= last; date = addDays(date, 1), day++) {
    let expected = 0;
    let doneCount = 0;
    let notDue = 0;
    let firstNotDue: PlanStatus | undefined;
    for (const s of sessions) {
      if (s.localDate !== date || s.at.getTime() > now.getTime()) continue;
      const key = sessionKey(s);
      if (due.has(key)) {
        expected += 1;
        if (done.has(key)) doneCount += 1;
      } else {
        notDue += 1;
        firstNotDue ??= statusAt(trail, s.at.getTime());
      }
    }
    const state: DayState = expected > 0 ? 'active' : firstNotDue ? stateOfNotDue(firstNotDue) : 'upcoming';
    days.push({
      localDate: date,
      day,
      state,
      done: doneCount,
      expected,
      notDue,
      pain: pains.get(date) ?? null,
    });
  }
  return days;
}

/** Sessions done against sessions due over the last `days` local days (today included). */
export function adherence(trail: PlanTrail, done: ReadonlySet<string>, now: Date, days = 7): Adherence {
  const from = addDays(localDateOf(now, trail.plan.timeZone), -(days - 1));
  const { due } = counted(trail, now);
  let doneCount = 0;
  let expected = 0;
  for (const key of due) {
    if (key.slice(0, 10) < from) continue;
    expected += 1;
    if (done.has(key)) doneCount += 1;
  }
  return { done: doneCount, expected, ratio: expected === 0 ? null : doneCount / expected };
}

/** The highest pain of each local day with a score. */
export function dailyMaxPain(pains: Iterable<{ localDate: string; pain: number }>): Map<string, number> {
  const byDate = new Map<string, number>();
  for (const p of pains) byDate.set(p.localDate, Math.max(byDate.get(p.localDate) ?? 0, p.pain));
  return byDate;
}
