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
 *
 * The patient's own changes move sessions, and the same definition follows them:
 *   - a SKIPPED session is not due (its reminder is not sent);
 *   - a SNOOZED session is due at its new time (a one-off reminder comes then, the original does not);
 *   - a change of session times or zone at T: sessions before T keep the times they had
 *     (`timesHistory`), those from T take the new ones; each slot of a day counts once.
 *
 * The API, for the plan page, the reminders and the clinic console:
 *   - `dueSessions(record, now)`: every session due by now — progress ("3 of 7 so far"), the
 *     completion summary, adherence (done ÷ due) and inactivity (due but not done for a while);
 *   - `sessionsAhead(record, now)`: what is still to come while the plan runs;
 *   - `daySessions(record, date, now)` and `sessionNumber(...)`: a day's sessions that count, so the
 *     first reminder after a 16:34 sign-up is "session 1 of 1", not "session 3 of 3";
 *   - `currentSession` (what Done logs) and `nextSession` (what skip and snooze apply to);
 *   - the primitives under them: `activeSpans`, `planSessions`, `sessionsDue`, `sessionKey`.
 * Done events are matched by `sessionKey` (local date and slot), whatever logged them.
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

/**
 * A patient's change to one session (the plan page, or later a text), stored on the plan item under
 * the session's key (`sessionKey`): `skip` — that session is not due, and its reminder is not sent;
 * `snooze` — it is due at `to` instead, where a one-off reminder comes (schedule-sync makes it).
 */
export interface SessionChange {
  kind: 'skip' | 'snooze';
  /** ISO instant the patient asked. */
  at: string;
  /** A snooze: the ISO instant the session is now due (the same local day, inside sending hours). */
  to?: string;
}

/** The patient's changes, by session key ("2027-03-13#2"). */
export type SessionChanges = Readonly<Record<string, SessionChange>>;

/**
 * Session times and zone that held before a change: for sessions due before `until`. The plan
 * keeps them (`timesHistory`, oldest first) so what was due before a change stays as it was.
 */
export interface TimesMark {
  sessionTimes: readonly string[];
  timeZone: string;
  /** ISO instant of the change. */
  until: string;
}

/** A session of the plan: its local day, its 1-based slot and its instant. */
export interface PlanSession {
  localDate: string;
  slot: number;
  /** When it is due: its time, or where the patient snoozed it. */
  at: Date;
  /** A snoozed session: the time it had. */
  snoozedFrom?: Date;
}

type SessionPlan = Pick<Plan, 'startDate' | 'lengthDays' | 'sessionTimes' | 'timeZone'>;

/** What can move a session besides the plan's own times: earlier times, skips and snoozes. */
export interface SessionAdjustments {
  timesHistory?: readonly TimesMark[] | undefined;
  sessionChanges?: SessionChanges | undefined;
}

/**
 * The sessions of recent plan shapes (start, length, times, zone) with no adjustment: a clinic's
 * list reads a page of rows whose plans mostly share a shape, and each session's instant costs
 * three time-zone reads. Bounded; cleared when full. The arrays are shared: callers only read them.
 */
const SESSIONS_CACHE = new Map<string, readonly PlanSession[]>();
const SESSIONS_CACHE_SIZE = 512;

/**
 * Every session of the plan, in time order: each day's slot at the times in force when it comes
 * (a change of times or zone at T: earlier times before T, the new ones from T, each slot of a day
 * once), skipped sessions left out, snoozed ones at their new instant.
 */
export function planSessions(plan: SessionPlan, adjust: SessionAdjustments = {}): readonly PlanSession[] {
  // A plan whose times changed, or with skips or snoozes, is a shape of its own.
  if (adjust.timesHistory?.length || (adjust.sessionChanges && Object.keys(adjust.sessionChanges).length))
    return computeSessions(plan, adjust);
  const key = `${plan.startDate}|${plan.lengthDays}|${plan.sessionTimes.join(',')}|${plan.timeZone}`;
  const cached = SESSIONS_CACHE.get(key);
  if (cached) return cached;
  const sessions = computeSessions(plan, {});
  if (SESSIONS_CACHE.size >= SESSIONS_CACHE_SIZE) SESSIONS_CACHE.clear();
  SESSIONS_CACHE.set(key, sessions);
  return sessions;
}

function computeSessions(plan: SessionPlan, adjust: SessionAdjustments): PlanSession[] {
  const settings: { times: readonly string[]; zone: string; from: number; until: number }[] = [];
  let from = -Infinity;
  for (const mark of adjust.timesHistory ?? []) {
    const until = Date.parse(mark.until);
    settings.push({ times: mark.sessionTimes, zone: mark.timeZone, from, until });
    from = until;
  }
  settings.push({ times: plan.sessionTimes, zone: plan.timeZone, from, until: Infinity });
  const sessions = new Map<string, PlanSession>();
  for (let day = 0; day < plan.lengthDays; day++) {
    const localDate = addDays(plan.startDate, day);
    for (const setting of settings) {
      setting.times.forEach((time, index) => {
        const at = zonedInstant(localDate, time, setting.zone);
        const key = sessionKey({ localDate, slot: index + 1 });
        if (at.getTime() >= setting.from && at.getTime() < setting.until && !sessions.has(key))
          sessions.set(key, { localDate, slot: index + 1, at });
      });
    }
  }
  const changes = adjust.sessionChanges ?? {};
  const out: PlanSession[] = [];
  for (const [key, session] of sessions) {
    const change = changes[key];
    if (change?.kind === 'skip') continue;
    if (change?.kind === 'snooze' && change.to) {
      out.push({ ...session, at: new Date(change.to), snoozedFrom: session.at });
    } else out.push(session);
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.slot - b.slot);
}

/** The sessions due by `now`: come, and inside a span when the plan was active. */
export function sessionsDue(
  plan: SessionPlan,
  spans: readonly Span[],
  now: Date,
  adjust: SessionAdjustments = {},
): PlanSession[] {
  const until = now.getTime();
  return planSessions(plan, adjust).filter(({ at }) => {
    const t = at.getTime();
    // A span still open ends at now: a session due this very instant is due.
    return t <= until && spans.some((s) => s.from <= t && (t < s.to || (t === until && s.to === until)));
  });
}

/** The key of a session, to match logged events ("DONE" texts, Done taps) against due sessions. */
export function sessionKey(session: Pick<PlanSession, 'localDate' | 'slot'>): string {
  return `${session.localDate}#${session.slot}`;
}

// ---------------------------------------------------------------------------------------------
// The same, read from a stored plan: what the plan page, the reminders and the console ask.

/** What the questions below read of a stored plan (PlanRecord has all of it). */
export interface DueRecord extends StatusTrail, SessionAdjustments {
  plan: SessionPlan & Pick<Plan, 'startsAt'>;
}

/** The sessions due by `now` (come while the plan was active; skips out, snoozes moved). */
export function dueSessions(record: DueRecord, now: Date): PlanSession[] {
  return sessionsDue(record.plan, activeSpans(record, now), now, record);
}

/**
 * The sessions still to come while the plan runs: after `now`, for an active plan (a paused one
 * sends nothing until resumed, but its sessions come back with it: `includePaused`).
 */
export function sessionsAhead(record: DueRecord, now: Date, includePaused = false): PlanSession[] {
  if (record.status !== 'active' && !(includePaused && record.status === 'paused')) return [];
  return planSessions(record.plan, record).filter((s) => s.at.getTime() > now.getTime());
}

/**
 * The sessions of one local day that count: due by `now`, or still ahead while the plan is active.
 * A day that began before sign-up counts only the sessions after it ("1 of 1" on a 16:34 sign-up).
 */
export function daySessions(record: DueRecord, localDate: string, now: Date): PlanSession[] {
  const onDay = (s: PlanSession) => s.localDate === localDate;
  return [...dueSessions(record, now).filter(onDay), ...sessionsAhead(record, now).filter(onDay)];
}

/** "Session 1 of 1": a session's place among its day's sessions that count, and how many there are. */
export function sessionNumber(
  record: DueRecord,
  session: Pick<PlanSession, 'localDate' | 'slot'>,
  now: Date,
): { number: number; of: number } {
  const day = daySessions(record, session.localDate, now);
  const key = sessionKey(session);
  const index = day.findIndex((s) => sessionKey(s) === key);
  // A session that does not count (sent while its change was on the way): numbered after the others.
  return index >= 0 ? { number: index + 1, of: day.length } : { number: day.length + 1, of: day.length + 1 };
}

/**
 * The session a Done (the page's button, a DONE text) logs: today's latest session that is due,
 * else today's next one (a patient may do it before the reminder). Undefined when today has none.
 */
export function currentSession(record: DueRecord, localDate: string, now: Date): PlanSession | undefined {
  const day = daySessions(record, localDate, now);
  const come = day.filter((s) => s.at.getTime() <= now.getTime());
  return come.at(-1) ?? day[0];
}

/**
 * The session a skip or snooze applies to: today's latest due session if it is not done yet, else
 * today's next one not done. Undefined when nothing is left today.
 */
export function nextSession(
  record: DueRecord,
  localDate: string,
  now: Date,
  done: ReadonlySet<string>,
): PlanSession | undefined {
  const day = daySessions(record, localDate, now);
  const latest = day.filter((s) => s.at.getTime() <= now.getTime()).at(-1);
  if (latest && !done.has(sessionKey(latest))) return latest;
  return day.find((s) => s.at.getTime() > now.getTime() && !done.has(sessionKey(s)));
}
