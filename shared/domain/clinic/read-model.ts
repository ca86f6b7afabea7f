/**
 * The roster's read model (pure): one row per patient, kept current by clinic-watch from the
 * table's stream, so the console's list is a page of a Query and never reads patient by patient.
 *
 * A row is the roster entry with a compact copy of what the list shows and what can be computed
 * at read time without another request: the current plan's days, times and status history (so
 * pause-aware adherence and the plan day are computed at the moment the list is read, never
 * stale), the sessions logged done, the last pain and session, and the open alert kinds with
 * their triage order. It is recomputed whole from the source items on every change (never
 * patched), so any refresh repairs whatever an earlier one missed.
 */
import type { PlanStatus } from '../plan/lifecycle.ts';
import { parseReason, type StatusReason } from '../plan/lifecycle.ts';
import { addDays, localDateOf } from '../time.ts';
import type { StatusMark } from '../scheduling/due.ts';
import { adherence, doneKeys, type Adherence, type PlanShape, type PlanTrail } from './adherence.ts';
import { bySeverity, severityMask, silence, type AlertKind, type AlertRules } from './alerts.ts';
import type { ClinicEvent, ClinicPlan, EnrolmentSource, RosterEntry } from './roster.ts';

/** The plan as a row keeps it: what the counts and the plan day need, nothing of the person. */
export type RowPlan = PlanShape & { endsAt: string };

/** What a refresh writes on the roster entry (the entry's own fields stay as they are). */
export interface RowState {
  planId?: string;
  status?: PlanStatus;
  statusReason?: string;
  statusHistory?: StatusMark[];
  /** The plan item's updatedAt: a plan stored before its history counts until it (due.ts). */
  planUpdatedAt?: string;
  plan?: RowPlan;
  /** The sessions of the current plan logged done, as session keys ("2027-03-01#2"). */
  done?: string[];
  lastPain?: { pain: number; at: string };
  lastSessionAt?: string;
  /** Open alert kinds, most urgent first. */
  openKinds: AlertKind[];
  /** The newest cause among the open alerts. */
  lastAlertAt?: string;
  /** Triage (alerts.ts severityMask): the list's first order. */
  severity: number;
  /** When the current silence's no-sessions alert falls due (the hourly sweep's index). */
  inactiveDueAt?: string;
}

export type RosterRow = RosterEntry & Partial<RowState>;

/** An open alert as a refresh reads it (the patient's pointer and its episode). */
export interface OpenAlertMark {
  kind: AlertKind;
  lastAt: string;
}

/** The row state from the sources: the patient's current plan, its events, the open alerts. */
export function rowState(
  plan: (ClinicPlan & { statusHistory?: StatusMark[]; updatedAt?: string }) | undefined,
  events: readonly ClinicEvent[],
  open: readonly OpenAlertMark[],
  now: Date,
  rules: Pick<AlertRules, 'inactiveDays'>,
): RowState {
  const openKinds = bySeverity(open.map((a) => a.kind));
  const lastAlertAt = open.reduce<string | undefined>(
    (m, a) => (!m || a.lastAt > m ? a.lastAt : m),
    undefined,
  );
  const base: RowState = {
    openKinds,
    severity: severityMask(openKinds),
    ...(lastAlertAt ? { lastAlertAt } : {}),
  };
  if (!plan) return base;
  let lastPain: RowState['lastPain'];
  let lastSessionAt: string | undefined;
  for (const e of events) {
    if (e.type === 'pain' && e.pain !== undefined && (!lastPain || e.at > lastPain.at))
      lastPain = { pain: e.pain, at: e.at };
    if (e.type === 'done' && (!lastSessionAt || e.at > lastSessionAt)) lastSessionAt = e.at;
  }
  const p = plan.plan;
  const rowPlan: RowPlan = {
    startDate: p.startDate,
    endDate: p.endDate,
    lengthDays: p.lengthDays,
    sessionTimes: p.sessionTimes,
    timeZone: p.timeZone,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    sessionsPerDay: p.sessionsPerDay,
  };
  const updatedAt = plan.updatedAt ?? plan.activatedAt ?? p.startsAt;
  const quiet = silence(
    {
      planId: plan.planId,
      status: plan.status,
      ...(plan.statusHistory ? { statusHistory: plan.statusHistory } : {}),
      updatedAt,
      plan: rowPlan,
    },
    lastSessionAt,
    now,
    rules,
  );
  return {
    ...base,
    planId: plan.planId,
    status: plan.status,
    ...(plan.statusReason ? { statusReason: plan.statusReason } : {}),
    ...(plan.statusHistory ? { statusHistory: plan.statusHistory } : {}),
    planUpdatedAt: updatedAt,
    plan: rowPlan,
    done: [
      ...doneKeys(
        events.filter((e) => e.type === 'done'),
        p.sessionsPerDay,
      ),
    ].sort(),
    ...(lastPain ? { lastPain } : {}),
    ...(lastSessionAt ? { lastSessionAt } : {}),
    ...(quiet ? { inactiveDueAt: quiet.dueAt } : {}),
  };
}

/** The plan of a row as the counts read it. */
export function rowTrail(row: RosterRow): (PlanTrail & { planId: string }) | undefined {
  if (!row.plan || !row.status || !row.planId) return undefined;
  return {
    planId: row.planId,
    status: row.status,
    ...(row.statusHistory ? { statusHistory: row.statusHistory } : {}),
    updatedAt: row.planUpdatedAt ?? row.plan.startsAt,
    plan: row.plan,
  };
}

/**
 * The list's order within the index: severity first (descending), then the newest open alert,
 * or, with none, the newest enrolment; the patient id makes it total. Read descending.
 */
export function rankKey(row: Pick<RosterRow, 'patientId' | 'enrolledAt'> & Partial<RowState>): string {
  const severity = String(row.severity ?? 0).padStart(3, '0');
  return `${severity}#${(row.severity ? row.lastAlertAt : undefined) ?? row.enrolledAt}#${row.patientId}`;
}

/** One row of the patients list, as the console shows it (the reference opened). */
export interface PatientRow {
  patientId: string;
  /** The clinic's reference, decrypted; null for a self-enrolled patient with none set. */
  reference: string | null;
  source: EnrolmentSource;
  enrolledAt: string;
  /** The current plan's status; `none` when the patient has no plan (any more). */
  status: PlanStatus | 'none';
  /** Why the status last changed (plan-lifecycle.ts), when it says. */
  statusReason: StatusReason['kind'] | null;
  planId: string | null;
  /** Day x of lengthDays; 0 before the plan starts, lengthDays + 1 after it ends; null without a plan. */
  planDay: { day: number; of: number } | null;
  /** Sessions done against sessions due (paused and stopped time excluded), the last 7 days. */
  adherence7d: Adherence | null;
  lastPain: { pain: number; at: string } | null;
  lastSessionAt: string | null;
  /** Open alert kinds, most urgent first (alerts.ts SEVERITY_ORDER). */
  openKinds: AlertKind[];
  openAlerts: number;
  /** Triage: higher is more urgent (alerts.ts severityMask). */
  severity: number;
}

/** Day x of the plan today: 0 before it starts, lengthDays + 1 after it ends (as the plan page counts). */
export function planDay(plan: Pick<RowPlan, 'startDate' | 'lengthDays' | 'timeZone'>, now: Date): number {
  const today = localDateOf(now, plan.timeZone);
  if (today < plan.startDate) return 0;
  let day = 1;
  while (day <= plan.lengthDays && addDays(plan.startDate, day - 1) < today) day++;
  return day;
}

/** A row as the list shows it, computed at `now` (adherence and plan day are never stale). */
export function patientRow(row: RosterRow, reference: string | null, now: Date): PatientRow {
  const trail = rowTrail(row);
  const day = row.plan ? planDay(row.plan, now) : undefined;
  const openKinds = bySeverity(row.openKinds ?? []);
  return {
    patientId: row.patientId,
    reference,
    source: row.source,
    enrolledAt: row.enrolledAt,
    status: row.status ?? 'none',
    statusReason: parseReason(row.statusReason)?.kind ?? null,
    planId: row.planId ?? null,
    planDay: day !== undefined ? { day, of: row.plan!.lengthDays } : null,
    adherence7d:
      trail && row.status !== 'pending_verification' ? adherence(trail, new Set(row.done ?? []), now) : null,
    lastPain: row.lastPain ?? null,
    lastSessionAt: row.lastSessionAt ?? null,
    openKinds,
    openAlerts: openKinds.length,
    severity: severityMask(openKinds),
  };
}
