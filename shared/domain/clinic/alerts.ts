/**
 * The clinic's alerts (pure): which patient events and which silences call for a person, each as
 * an alert with an id made only from what caused it, so the same cause always makes the same id
 * and a redelivered event or a repeated sweep never raises a second alert.
 *
 * Episodes: one open alert per patient and kind. A cause while one is open is a repeat: the open
 * alert counts it (count, last time), with no new email. A new kind opens its own alert; a higher
 * tier raises the open alert to it and emails again (never swallowed). Only staff (a clinician)
 * close an alert, by acknowledging or resolving it; the next cause then opens a new one. Nothing
 * the patient does closes one (a MISTAKE reply may mark a red flag as misread, beside it).
 *
 *   pain-high     a pain score at or above `painAlertAt` (default 7)
 *   pain-rising   the day's highest pain rose over the last `risingDays` days with a score, by at
 *                 least `risingBy` in all (default 3 days, +2); once per trend (its id is the day
 *                 the rise began, so a rise that goes on is the same alert, acknowledged or not)
 *   red-flag      words that may mean a red flag (the inbound function kept them as an alert event)
 *   no-sessions   no session done in `inactiveDays` (default 2) days' worth of sessions DUE
 *                 (shared/domain/scheduling/due.ts: paused and stopped time never counts), while
 *                 the plan runs; one a silence
 *   texts-failing the SMS channel reported a text blocked, or two texts in a row not delivered
 *                 (delivery-status's outcomes): the patient is not getting reminders
 *   opted-out     the patient opted out of texts (STOP, or the channel says so); one a plan
 *   message       a text the service did not understand, for the clinic to read (inbox only, no email)
 *
 * Triage: the kinds in SEVERITY_ORDER, most urgent first; the console's list and inbox sort by it.
 */
import { hasRole, type ClinicEvent, type StaffRole } from './roster.ts';
import type { PlanTrail } from './adherence.ts';
import { RULE } from '../plan/rules.ts';
import { activeSpans, planSessions, sessionsDue, type StatusTrail } from '../scheduling/due.ts';
import type { DeliveryEntry } from '../model.ts';

export const ALERT_KINDS = [
  'pain-high',
  'pain-rising',
  'red-flag',
  'no-sessions',
  'opted-out',
  'message',
  'texts-failing',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Triage, most urgent first: words that may mean a red flag (the patient was told to get care),
 * pain at or above the alert threshold, pain rising, no sessions done, texts not reaching the
 * patient (a cause of "no sessions" the clinic can fix), an opt-out, and free text last. The
 * patients list's default order and the inbox's follow it.
 */
export const SEVERITY_ORDER: readonly AlertKind[] = [
  'red-flag',
  'pain-high',
  'pain-rising',
  'no-sessions',
  'texts-failing',
  'opted-out',
  'message',
];

/** A kind's place in triage: 0 for the most urgent. */
export const severityOf = (kind: AlertKind): number => SEVERITY_ORDER.indexOf(kind);

/**
 * The open kinds of a patient as one number that orders patients by triage: each kind a bit, the
 * most urgent the highest, so any patient with a red flag comes before every patient without one,
 * then by pain, and so on down (a lexicographic order of the kinds, most urgent first).
 */
export function severityMask(kinds: Iterable<AlertKind>): number {
  let mask = 0;
  for (const kind of kinds) {
    const index = severityOf(kind);
    if (index >= 0) mask |= 1 << (SEVERITY_ORDER.length - 1 - index);
  }
  return mask;
}

/** The kinds, most urgent first, each once. */
export function bySeverity(kinds: Iterable<AlertKind>): AlertKind[] {
  return [...new Set(kinds)].filter((k) => severityOf(k) >= 0).sort((a, b) => severityOf(a) - severityOf(b));
}

/** The inbox's order: open before closed, then the most urgent kind, then the newest cause. */
export function compareAlerts(
  a: Pick<AlertEpisode, 'state' | 'kind' | 'lastAt'>,
  b: Pick<AlertEpisode, 'state' | 'kind' | 'lastAt'>,
): number {
  if ((a.state === 'open') !== (b.state === 'open')) return a.state === 'open' ? -1 : 1;
  const bySev = severityOf(a.kind) - severityOf(b.kind);
  if (bySev !== 0) return bySev;
  return a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0;
}

/** What calls for an email to the clinic: everything but free text, which waits in the inbox. */
export const EMAILED_KINDS: readonly AlertKind[] = [
  'pain-high',
  'pain-rising',
  'red-flag',
  'no-sessions',
  'opted-out',
  'texts-failing',
];

export interface AlertRules {
  /** A pain score at or above it is an alert. */
  painAlertAt: number;
  /** Days with a score that must rise (never fall) for pain-rising. */
  risingDays: number;
  /** How much the last of those days must be above the first. */
  risingBy: number;
  /** Days with no session logged, while the plan runs, before no-sessions. */
  inactiveDays: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  painAlertAt: 7,
  risingDays: 3,
  risingBy: 2,
  inactiveDays: 2,
};

export interface AlertDetail {
  pain?: number;
  /** pain-rising: the scores of the days that rose, oldest first. */
  pains?: number[];
  /** The patient's own words (red-flag, message): shown in the console, never emailed or logged. */
  text?: string;
  /** no-sessions: the last session done (absent: none since the plan began). */
  since?: string;
  /** no-sessions: the configured days of sessions due with none done. */
  days?: number;
  /** no-sessions: the sessions due since, none done. */
  missed?: number;
  /** texts-failing: what the SMS channel said of the latest text, and how many in a row failed. */
  outcome?: 'failed' | 'blocked';
  failures?: number;
}

/** How soon an alert wants a person, least first: a higher tier is never taken for a repeat. */
export const ALERT_TIERS = ['routine', 'soon', 'urgent'] as const;
export type AlertTier = (typeof ALERT_TIERS)[number];

const tierRank = (tier: AlertTier) => ALERT_TIERS.indexOf(tier);

/**
 * The tier of a cause: red-flag words are urgent (the patient was told to get care now); a pain
 * score at which the rule stops the plan and says to see a clinician (`RULE.seekCarePain`, 8) is
 * "soon"; the rest (pain at the alert threshold, rising pain, silence, opt-out, a message) routine.
 */
export function alertTier(kind: AlertKind, detail: AlertDetail): AlertTier {
  if (kind === 'red-flag') return 'urgent';
  if (kind === 'pain-high' && (detail.pain ?? 0) >= RULE.seekCarePain) return 'soon';
  return 'routine';
}

export interface Alert {
  alertId: string;
  kind: AlertKind;
  patientId: string;
  planId: string;
  /** The instant of what caused it (the event's arrival; for no-sessions the end of the silence). */
  at: string;
  tier: AlertTier;
  detail: AlertDetail;
}

/** Open until staff close it: acknowledged (seen) or resolved (dealt with). */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * An alert as it lives: the cause that opened it (`alertId`, `at`), and every repeat counted into
 * it while it stays open. `detail` and `tier` follow the latest cause, the tier never falling.
 */
export interface AlertEpisode extends Alert {
  /** When it was stored. */
  raisedAt: string;
  state: AlertState;
  /** Causes counted in it, the first included. */
  count: number;
  /** The latest cause's instant. */
  lastAt: string;
  /** The tier the clinic was last emailed at (emailed kinds): a higher one is emailed again. */
  emailedTier?: AlertTier;
  emailedAt?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /**
   * The patient said the words were misread (a MISTAKE reply to red-flag advice): shown beside the
   * alert for the clinician, never closing it.
   */
  misreadAt?: string;
}

/** The episode a first cause opens. */
export function openEpisode(alert: Alert, raisedAt: string): AlertEpisode {
  return { ...alert, raisedAt, state: 'open', count: 1, lastAt: alert.at };
}

/**
 * What a new cause does, given the open alert of its patient and kind (if any): opens one, is
 * counted in it, raises its tier, or was counted already (a redelivery, or an older cause arriving
 * late: causes of a patient's kind come in order, so nothing at or before the last is new).
 */
export function episodeStep(
  open: Pick<AlertEpisode, 'state' | 'tier' | 'lastAt' | 'alertId'> | undefined,
  alert: Alert,
): 'open' | 'repeat' | 'escalate' | 'duplicate' {
  if (!open || open.state !== 'open') return 'open';
  if (alert.alertId === open.alertId || alert.at <= open.lastAt) return 'duplicate';
  return tierRank(alert.tier) > tierRank(open.tier) ? 'escalate' : 'repeat';
}

/** The open episode with a repeat (or a higher tier) counted in. */
export function repeated(open: AlertEpisode, alert: Alert): AlertEpisode {
  return {
    ...open,
    count: open.count + 1,
    lastAt: alert.at > open.lastAt ? alert.at : open.lastAt,
    tier: tierRank(alert.tier) > tierRank(open.tier) ? alert.tier : open.tier,
    detail: alert.detail,
  };
}

/** Whether the clinic is still to be emailed about it: never yet, or at a lower tier than it has now. */
export function emailDue(episode: Pick<AlertEpisode, 'kind' | 'tier' | 'emailedTier'>): boolean {
  if (!EMAILED_KINDS.includes(episode.kind)) return false;
  return episode.emailedTier === undefined || tierRank(episode.emailedTier) < tierRank(episode.tier);
}

/** The role that may close an alert. */
export const CLOSES_ALERTS: StaffRole = 'clinician';

/**
 * Closes an open episode: only a staff member with the clinician role does (the use case checks
 * it first; this is the rule itself, so no other caller, and no patient's reply, can close one).
 */
export function closeEpisode(
  open: AlertEpisode,
  by: { username: string; role: StaffRole },
  how: Exclude<AlertState, 'open'>,
  at: Date,
): AlertEpisode {
  if (!hasRole(by.role, CLOSES_ALERTS)) throw new Error(`closing an alert needs the ${CLOSES_ALERTS} role`);
  return { ...open, state: how, acknowledgedAt: at.toISOString(), acknowledgedBy: by.username };
}

/** The id of an alert: its kind, its plan, and what within the plan caused it. */
export function alertId(kind: AlertKind, planId: string, cause: string): string {
  return `${kind}~${planId}~${cause}`;
}

/** An alert id as the console's routes take it back: three parts, nothing else. */
export const ALERT_ID_PATTERN = /^[a-z-]{5,20}~[0-9A-Za-z_.-]{1,100}~[0-9A-Za-z:.TZ_-]{1,40}$/;

/** The highest pain of each local day that has a score, oldest first. */
export function dailyPain(events: readonly ClinicEvent[]): { localDate: string; pain: number }[] {
  const byDate = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'pain' || e.pain === undefined) continue;
    byDate.set(e.localDate, Math.max(byDate.get(e.localDate) ?? 0, e.pain));
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([localDate, pain]) => ({ localDate, pain }));
}

/**
 * Whether pain is rising: over the last `risingDays` days with a score, each day's highest is at
 * least the day before's, and the last is at least `risingBy` above the first.
 */
export function painRising(days: readonly { pain: number }[], rules: AlertRules): boolean {
  if (days.length < rules.risingDays) return false;
  const window = days.slice(-rules.risingDays).map((d) => d.pain);
  for (let i = 1; i < window.length; i++) if (window[i]! < window[i - 1]!) return false;
  return window.at(-1)! - window[0]! >= rules.risingBy;
}

/** The first day of the rise the last day ends: back while each day is at least the one before. */
export function trendStart(days: readonly { localDate: string; pain: number }[]): string {
  let i = days.length - 1;
  while (i > 0 && days[i - 1]!.pain <= days[i]!.pain) i--;
  return days[i]?.localDate ?? '';
}

export interface EventContext {
  patientId: string;
  planId: string;
  /** The plan's events up to and including this one (its pain scores are what pain-rising reads). */
  history: readonly ClinicEvent[];
}

/** The alerts one new plan event raises (none for a session done). */
export function alertsForEvent(event: ClinicEvent, context: EventContext, rules: AlertRules): Alert[] {
  const { patientId, planId } = context;
  const make = (kind: AlertKind, cause: string, detail: AlertDetail): Alert => ({
    alertId: alertId(kind, planId, cause),
    kind,
    patientId,
    planId,
    at: event.at,
    tier: alertTier(kind, detail),
    detail,
  });
  switch (event.type) {
    case 'alert':
      return [make('red-flag', event.at, event.text !== undefined ? { text: event.text } : {})];
    case 'message':
      return [make('message', event.at, event.text !== undefined ? { text: event.text } : {})];
    case 'done':
      return [];
    case 'misread':
      // The patient says red-flag words were misread: it marks the red-flag alert (clinic-watch).
      return [];
    case 'pain': {
      if (event.pain === undefined) return [];
      const alerts: Alert[] = [];
      if (event.pain >= rules.painAlertAt) alerts.push(make('pain-high', event.at, { pain: event.pain }));
      // Only what was known when this score came: a late redelivery judges the same history.
      const days = dailyPain([...context.history.filter((e) => e.at <= event.at), event]);
      if (days.at(-1)?.localDate === event.localDate && painRising(days, rules)) {
        const pains = days.slice(-rules.risingDays).map((d) => d.pain);
        // Once per trend: keyed by the day the rise began, the same while it goes on.
        alerts.push(make('pain-rising', trendStart(days), { pain: event.pain, pains }));
      }
      return alerts;
    }
  }
}

/** A plan as the inactivity rule reads it: its sessions and status history, and its id. */
export type WatchedPlan = PlanTrail & { planId: string };

/**
 * The current silence of a running plan: since the last session done (or the plan's start), and
 * when `inactiveDays` days' worth of sessions DUE will have passed with none done, counting those
 * to come as if the plan keeps running. Undefined when the plan does not run (paused, stopped,
 * finished: nothing falls due) or ends first. A pause stops the count; a resume takes it up again
 * where it was, so a resume never raises a false alarm for the paused days.
 */
export function silence(
  plan: WatchedPlan,
  lastDoneAt: string | undefined,
  now: Date,
  rules: Pick<AlertRules, 'inactiveDays'>,
): { since: string | undefined; dueAt: string; missed: number } | undefined {
  if (plan.status !== 'active') return undefined;
  const needed = rules.inactiveDays * plan.plan.sessionsPerDay;
  const since = lastDoneAt ? Date.parse(lastDoneAt) : Number.NEGATIVE_INFINITY;
  const spans = activeSpans(plan as StatusTrail, now);
  const missed = sessionsDue(plan.plan, spans, now).filter((s) => s.at.getTime() > since);
  // Half-open spans: a session at this very instant is not yet due, so it is the first to come.
  const toCome = planSessions(plan.plan).filter((s) => s.at.getTime() >= now.getTime());
  const nth = [...missed, ...toCome][needed - 1];
  if (!nth) return undefined;
  return { since: lastDoneAt, dueAt: nth.at.toISOString(), missed: missed.length };
}

/** The id of a silence's no-sessions alert: the same for the whole silence, raised or not. */
export function silenceAlertId(planId: string, since: string | undefined): string {
  return alertId('no-sessions', planId, since ?? 'start');
}

/** Where an open alert sorts in the inbox (descending): the most urgent kind, then the newest cause. */
export function inboxKey(kind: AlertKind, lastAt: string): string {
  return `${SEVERITY_ORDER.length - severityOf(kind)}#${lastAt}`;
}

/**
 * No session done for `inactiveDays` days' worth of sessions due while the plan runs: one alert per
 * silence, keyed by when it began (the last session done, or the plan's start), so the hourly sweep
 * raises it once and a new silence after a session raises a new one.
 */
export function inactivityAlert(
  plan: WatchedPlan,
  patientId: string,
  lastDoneAt: string | undefined,
  now: Date,
  rules: Pick<AlertRules, 'inactiveDays'>,
): Alert | undefined {
  const quiet = silence(plan, lastDoneAt, now, rules);
  if (!quiet || Date.parse(quiet.dueAt) > now.getTime()) return undefined;
  const detail: AlertDetail = {
    days: rules.inactiveDays,
    // The sessions due with none done: those the rule counts (the last one falls due at `at`).
    missed: Math.max(quiet.missed, rules.inactiveDays * plan.plan.sessionsPerDay),
    ...(quiet.since ? { since: quiet.since } : {}),
  };
  return {
    alertId: silenceAlertId(plan.planId, quiet.since),
    kind: 'no-sessions',
    patientId,
    planId: plan.planId,
    at: quiet.dueAt,
    tier: 'routine',
    detail,
  };
}

/**
 * Texts not reaching the patient, from the SMS channel's outcomes on the plan's delivery records
 * (delivery-status writes them): the newest text blocked by a carrier or filter, or the two newest
 * with an outcome both undelivered (one failure alone is often a phone switched off). One cause per
 * text: an open alert counts the next ones. Undefined when the newest outcome is a delivery.
 */
export function textsFailingAlert(
  planId: string,
  patientId: string,
  deliveries: Readonly<Record<string, Pick<DeliveryEntry, 'outcome' | 'outcomeAt'>>>,
): Alert | undefined {
  const outcomes = Object.entries(deliveries)
    .filter(([, d]) => d.outcome && d.outcome !== 'opted-out')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const newest = outcomes.at(-1);
  if (!newest || newest[1].outcome === 'delivered') return undefined;
  let failures = 0;
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i]![1].outcome !== 'delivered'; i--) failures++;
  const outcome = newest[1].outcome as 'failed' | 'blocked';
  if (outcome !== 'blocked' && failures < 2) return undefined;
  const [key, entry] = newest;
  const cause = Number.isFinite(Date.parse(key)) ? new Date(Date.parse(key)).toISOString() : key;
  return {
    alertId: alertId('texts-failing', planId, cause.slice(0, 40)),
    kind: 'texts-failing',
    patientId,
    planId,
    at: entry.outcomeAt ?? cause,
    tier: 'routine',
    detail: { outcome, failures },
  };
}

/** The patient opted out of texts: one alert a plan. */
export function optOutAlert(planId: string, patientId: string, at: string): Alert {
  return {
    alertId: alertId('opted-out', planId, 'once'),
    kind: 'opted-out',
    patientId,
    planId,
    at,
    tier: 'routine',
    detail: {},
  };
}

/** A kind in a few words, as the list's badges and the inbox's headings show it. */
export const KIND_LABELS: Record<AlertKind, string> = {
  'red-flag': 'Red flag',
  'pain-high': 'High pain',
  'pain-rising': 'Rising pain',
  'no-sessions': 'No sessions',
  'texts-failing': 'Texts failing',
  'opted-out': 'Opted out',
  message: 'Message',
};

/** What a kind of alert says, in plain words ("reported high pain"); no-sessions names its days. */
export function alertSummary(kind: AlertKind, detail: Pick<AlertDetail, 'days'> = {}): string {
  switch (kind) {
    case 'pain-high':
      return 'reported high pain';
    case 'pain-rising':
      return 'has rising pain over recent days';
    case 'red-flag':
      return 'texted words that may mean a red flag (urgent advice was sent)';
    case 'no-sessions': {
      const days = detail.days ?? DEFAULT_ALERT_RULES.inactiveDays;
      return `has done no session in ${days} day${days === 1 ? '' : 's'} of reminders`;
    }
    case 'texts-failing':
      return 'is not getting the texts (the phone network reports them failed or blocked)';
    case 'opted-out':
      return 'opted out of the reminders';
    case 'message':
      return 'sent a message';
  }
}

/**
 * The email to the clinic: the kind, the pseudonymous patient id and the link to the inbox. Never
 * the clinic's reference, the patient's number or words, or a score: email is not a place for
 * health data, and the console is one sign-in away.
 */
export function alertEmail(
  alert: Pick<Alert, 'kind' | 'patientId'> & { detail?: Pick<AlertDetail, 'days'> },
  appName: string,
  consoleUrl: string,
) {
  const summary = alertSummary(alert.kind, alert.detail);
  return {
    subject: `${appName}: patient ${alert.patientId} ${summary}`.slice(0, 99),
    body: [
      `Patient ${alert.patientId} ${summary}.`,
      '',
      `Open the clinic console to see it and acknowledge it: ${consoleUrl}`,
      '',
      'This email holds no patient details by design: sign in to read them.',
    ].join('\n'),
  };
}
