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
 *                 least `risingBy` in all (default 3 days, +2); at most one a plan a day
 *   red-flag      words that may mean a red flag (the inbound function kept them as an alert event)
 *   no-sessions   no session logged for `inactiveDays` (default 2) while the plan runs; one a gap
 *   opted-out     the patient opted out of texts (STOP, or the channel says so); one a plan
 *   message       a text the service did not understand, for the clinic to read (inbox only, no email)
 */
import { hasRole, type ClinicEvent, type ClinicPlan, type StaffRole } from './roster.ts';
import { RULE } from '../plan/rules.ts';
import { zonedInstant } from '../time.ts';

export const ALERT_KINDS = [
  'pain-high',
  'pain-rising',
  'red-flag',
  'no-sessions',
  'opted-out',
  'message',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What calls for an email to the clinic: everything but free text, which waits in the inbox. */
export const EMAILED_KINDS: readonly AlertKind[] = [
  'pain-high',
  'pain-rising',
  'red-flag',
  'no-sessions',
  'opted-out',
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
  /** no-sessions: since when nothing was logged. */
  since?: string;
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
        alerts.push(make('pain-rising', event.localDate, { pain: event.pain, pains }));
      }
      return alerts;
    }
  }
}

/**
 * No session logged for `inactiveDays` while the plan is active: one alert per silence, keyed by
 * when it began (the last session logged, or the plan's first session), so the hourly sweep raises
 * it once and a new silence after a session raises a new one. Paused, stopped and finished plans
 * are not chased.
 */
export function inactivityAlert(
  plan: ClinicPlan,
  patientId: string,
  events: readonly ClinicEvent[],
  now: Date,
  rules: AlertRules,
): Alert | undefined {
  if (plan.status !== 'active') return undefined;
  const { startDate, sessionTimes, timeZone, endsAt } = plan.plan;
  const firstSession = zonedInstant(startDate, sessionTimes[0], timeZone).toISOString();
  let since = firstSession;
  for (const e of events) if (e.type === 'done' && e.at > since) since = e.at;
  const due = Date.parse(since) + rules.inactiveDays * 86_400_000;
  if (now.getTime() < due || due > Date.parse(endsAt)) return undefined;
  return {
    alertId: alertId('no-sessions', plan.planId, since),
    kind: 'no-sessions',
    patientId,
    planId: plan.planId,
    at: new Date(due).toISOString(),
    tier: 'routine',
    detail: { since },
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

const KIND_WORDS: Record<AlertKind, string> = {
  'pain-high': 'reported high pain',
  'pain-rising': 'has rising pain over recent days',
  'red-flag': 'texted words that may mean a red flag (urgent advice was sent)',
  'no-sessions': 'has logged no session for two days',
  'opted-out': 'opted out of the reminders',
  message: 'sent a message',
};

/** What a kind of alert says, in plain words ("reported high pain"). */
export function alertSummary(kind: AlertKind): string {
  return KIND_WORDS[kind];
}

/**
 * The email to the clinic: the kind, the pseudonymous patient id and the link to the inbox. Never
 * the clinic's reference, the patient's number or words, or a score: email is not a place for
 * health data, and the console is one sign-in away.
 */
export function alertEmail(alert: Pick<Alert, 'kind' | 'patientId'>, appName: string, consoleUrl: string) {
  return {
    subject: `${appName}: patient ${alert.patientId} ${alertSummary(alert.kind)}`.slice(0, 99),
    body: [
      `Patient ${alert.patientId} ${alertSummary(alert.kind)}.`,
      '',
      `Open the clinic console to see it and acknowledge it: ${consoleUrl}`,
      '',
      'This email holds no patient details by design: sign in to read them.',
    ].join('\n'),
  };
}
