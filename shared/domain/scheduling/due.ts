/**
 * Which sessions were DUE (pure): the one definition the plan page's progress, the clinic's
 * adherence and inactivity alerts, and the patient's skip and snooze all count against.
 *
 * A session is due when its local time (the plan's zone, daylight saving followed) has come, it lies
 * on one of the plan's days, and the plan was ACTIVE at that instant: not before the code was
 * confirmed (sign-up), not while paused (by the patient, for pain, for a red flag, by the clinic),
 * not after it stopped, was replaced or completed. Only `active` sends reminders, so a session that
 * was not due was never asked for and is never counted as missed.
 *
 * The plan's status history (`statusHistory`, appended by the one status writer with each change)
 * says when it was active. A plan stored before the history existed is read as active from its
 * first day until its last change if it no longer runs, or until now.
 */
import type { Plan } from '../plan/types.ts';
import type { PlanStatus } from '../plan/lifecycle.ts';
import { addDays, zonedInstant } from '../time.ts';

/** One change of status, as the status writer appends it to the plan. */
export interface StatusMark {
  to: PlanStatus;
  /** ISO instant of the change. */
  at: string;
}

/** What `activeSpans` reads of a stored plan. */
export interface StatusTrail {
  status: PlanStatus;
  statusHistory?: readonly StatusMark[];
  updatedAt: string;
  plan: Pick<Plan, 'startsAt'>;
}

/** A half-open span of time [from, to) in epoch ms. */
export interface Span {
  from: number;
  to: number;
}

/** The spans during which the plan was active, up to `now`, oldest first. */
export function activeSpans(record: StatusTrail, now: Date): Span[] {
  const end = now.getTime();
  const history = record.statusHistory;
  if (!history?.length) {
    // Stored before the history: active from its first day, until its last change if it ended.
    if (record.status === 'pending_verification') return [];
    const from = Date.parse(record.plan.startsAt);
    const to = record.status === 'active' || record.status === 'paused' ? end : Date.parse(record.updatedAt);
    return to > from ? [{ from, to: Math.min(to, end) }] : [];
  }
  const spans: Span[] = [];
  let openedAt: number | undefined;
  for (const mark of [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const at = Date.parse(mark.at);
    if (mark.to === 'active') openedAt ??= at;
    else if (openedAt !== undefined) {
      if (at > openedAt) spans.push({ from: openedAt, to: Math.min(at, end) });
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined && end > openedAt) spans.push({ from: openedAt, to: end });
  return spans.filter((s) => s.to > s.from);
}

/** A session of the plan: its local day, its 1-based slot and its instant. */
export interface PlanSession {
  localDate: string;
  slot: number;
  at: Date;
}

type SessionPlan = Pick<Plan, 'startDate' | 'lengthDays' | 'sessionTimes' | 'timeZone'>;

/**
 * The sessions of recent plan shapes (start, length, times, zone): a clinic's list reads a page of
 * rows whose plans mostly share a shape, and each session's instant costs three time-zone reads.
 * Bounded; cleared when full. The arrays are shared: callers only read them.
 */
const SESSIONS_CACHE = new Map<string, readonly PlanSession[]>();
const SESSIONS_CACHE_SIZE = 512;

/** Every session of the plan, in time order. */
export function planSessions(plan: SessionPlan): readonly PlanSession[] {
  const key = `${plan.startDate}|${plan.lengthDays}|${plan.sessionTimes.join(',')}|${plan.timeZone}`;
  const cached = SESSIONS_CACHE.get(key);
  if (cached) return cached;
  const sessions = computeSessions(plan);
  if (SESSIONS_CACHE.size >= SESSIONS_CACHE_SIZE) SESSIONS_CACHE.clear();
  SESSIONS_CACHE.set(key, sessions);
  return sessions;
}

function computeSessions(plan: SessionPlan): readonly PlanSession[] {
  const sessions: PlanSession[] = [];
  for (let day = 0; day < plan.lengthDays; day++) {
    const localDate = addDays(plan.startDate, day);
    plan.sessionTimes.forEach((time, index) =>
      sessions.push({ localDate, slot: index + 1, at: zonedInstant(localDate, time, plan.timeZone) }),
    );
  }
  return sessions;
}

/** The sessions due by `now`: come, and inside a span when the plan was active. */
export function sessionsDue(plan: SessionPlan, spans: readonly Span[], now: Date): PlanSession[] {
  const until = now.getTime();
  return planSessions(plan).filter(({ at }) => {
    const t = at.getTime();
    return t <= until && spans.some((s) => s.from <= t && t < s.to);
  });
}

/** The key of a session, to match logged events ("DONE" texts, Done taps) against due sessions. */
export function sessionKey(session: Pick<PlanSession, 'localDate' | 'slot'>): string {
  return `${session.localDate}#${session.slot}`;
}
