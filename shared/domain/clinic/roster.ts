/**
 * The clinic console's domain (pure): who the staff are and what each role may do, the patient's
 * pseudonymous id, and the read model the console shows, computed from the plan item and the
 * plan's events (the patients list row, 7-day adherence, the progress per day, the timeline).
 *
 * Nothing here reads or writes: the console's use case (functions/console/service.ts) gathers the
 * items and hands them in; the same functions serve the list, the patient page and the exports.
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryEntry, PlanEvent, PlanRecord, PlanStatus } from '../model.ts';
import type { Plan } from '../plan/plan.ts';
import { parseReason, type StatusReason } from '../plan/lifecycle.ts';
import { planToday } from '../plan/page.ts';
import { sessionAt } from '../scheduling/reminders.ts';
import { addDays, localDateOf, zonedInstant } from '../time.ts';

/** Clinic staff roles, least first: each may do what the ones before it may. */
export const STAFF_ROLES = ['viewer', 'clinician', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is asking, from the access token's claims (the JWT authorizer checked the token). */
export interface Staff {
  /** The user's stable id (the token's `sub`). */
  sub: string;
  /** The sign-in name, as the audit log shows it. */
  username: string;
  role: StaffRole;
}

/** Who the audit log names for what the service itself did (an invite used at a confirmed code). */
export const SYSTEM_ACTOR = { username: 'system', sub: 'clinic-watch' } as const;

/** The highest role among the user's groups, or undefined when none is a staff role. */
export function roleOf(groups: readonly string[]): StaffRole | undefined {
  let best: StaffRole | undefined;
  for (const group of groups) {
    const index = STAFF_ROLES.indexOf(group as StaffRole);
    if (index >= 0 && (best === undefined || index > STAFF_ROLES.indexOf(best))) best = STAFF_ROLES[index];
  }
  return best;
}

/** Whether `role` may do what `needed` may. */
export function hasRole(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

/**
 * The groups claim as API Gateway hands it to the function: the HTTP API's JWT authorizer turns an
 * array claim into one string, "[admin clinician]"; the local stack passes the array itself.
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** A patient as the clinic knows them: "P-" and 8 characters, random, unrelated to the number. */
export const PATIENT_ID_PATTERN = /^P-[0-9A-HJKMNP-TV-Z]{8}$/;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 40 random bits in Crockford's base32 (no I, L, O, U: read aloud or typed without mistakes). */
export function newPatientId(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 8; i++) out = CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)]! + out;
  return `P-${out}`;
}

/** How the patient reached the service: through a clinic's invite, or the public form alone. */
export type EnrolmentSource = 'invite' | 'self';

/** The clinic's roster entry of a patient (its reference is stored encrypted: clinic-secrets.ts). */
export interface RosterEntry {
  patientId: string;
  phoneHash: string;
  source: EnrolmentSource;
  enrolledAt: string;
  /** The clinic's reference, encrypted (clinic-secrets.ts `sealReference`); absent for self-enrolled. */
  sealedReference?: string;
  inviteId?: string;
}

/** A plan event as the console reads it (the patient's own words only for message and alert). */
export type ClinicEvent = Pick<PlanEvent, 'type' | 'at' | 'localDate' | 'slot' | 'pain' | 'text'>;

/**
 * A delivery record as the console shows it: the reminder's record itself, with the SMS channel's
 * outcome once delivery-status has written it (shared/domain/messaging/sms-delivery.ts).
 */
export type ClinicDelivery = DeliveryEntry;

/** The plan as a patient's row needs it. */
export type ClinicPlan = Pick<PlanRecord, 'planId' | 'status' | 'statusReason' | 'plan' | 'channel'> &
  Partial<Pick<PlanRecord, 'activatedAt' | 'createdAt'>>;

export interface Adherence {
  /** Sessions logged done in the window (at most one per session). */
  done: number;
  /** Sessions due in the window so far. */
  expected: number;
  /** done / expected, 0..1; null when nothing was due yet. */
  ratio: number | null;
}

/** One day of the plan on the progress chart. */
export interface ProgressDay {
  localDate: string;
  /** 1-based day of the plan. */
  day: number;
  done: number;
  expected: number;
  /** The day's highest pain score, or null when none was reported. */
  pain: number | null;
}

/** The sessions of `date` due by `now` (all of them for a day gone by, none for a day ahead). */
function sessionsDue(plan: Plan, date: string, now: Date): number {
  return plan.sessionTimes.filter(
    (time) => zonedInstant(date, time, plan.timeZone).getTime() <= now.getTime(),
  ).length;
}

/** The sessions logged done on each local date: distinct slots (a text and a button press are one). */
function doneSlotsByDate(events: readonly ClinicEvent[], sessionsPerDay: number): Map<string, Set<number>> {
  const byDate = new Map<string, Set<number>>();
  for (const e of events) {
    if (e.type !== 'done' || e.slot < 1 || e.slot > sessionsPerDay) continue;
    const slots = byDate.get(e.localDate) ?? new Set<number>();
    slots.add(e.slot);
    byDate.set(e.localDate, slots);
  }
  return byDate;
}

/**
 * The plan's days up to today (or its end), each with the sessions due and done and the day's
 * highest pain. A session logged before its time (a DONE text early in the morning counts for the
 * first session) counts once that session is due, so a day never shows more done than due.
 */
export function progressDays(plan: Plan, events: readonly ClinicEvent[], now: Date): ProgressDay[] {
  const today = localDateOf(now, plan.timeZone);
  const last = today < plan.endDate ? today : plan.endDate;
  const done = doneSlotsByDate(events, plan.sessionsPerDay);
  const pain = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'pain' && e.pain !== undefined)
      pain.set(e.localDate, Math.max(pain.get(e.localDate) ?? 0, e.pain));
  }
  const days: ProgressDay[] = [];
  for (let date = plan.startDate, day = 1; date <= last; date = addDays(date, 1), day++) {
    const expected = sessionsDue(plan, date, now);
    days.push({
      localDate: date,
      day,
      done: Math.min(done.get(date)?.size ?? 0, expected),
      expected,
      pain: pain.get(date) ?? null,
    });
  }
  return days;
}

/** Sessions done against sessions due over the last `days` local days (today included). */
export function adherence(plan: Plan, events: readonly ClinicEvent[], now: Date, days = 7): Adherence {
  const from = addDays(localDateOf(now, plan.timeZone), -(days - 1));
  let done = 0;
  let expected = 0;
  for (const day of progressDays(plan, events, now)) {
    if (day.localDate < from) continue;
    done += day.done;
    expected += day.expected;
  }
  return { done, expected, ratio: expected === 0 ? null : done / expected };
}

/** The newest event of a type, if any. */
function newest(events: readonly ClinicEvent[], type: ClinicEvent['type']): ClinicEvent | undefined {
  let found: ClinicEvent | undefined;
  for (const e of events) if (e.type === type && (!found || e.at > found.at)) found = e;
  return found;
}

/** One row of the patients list. */
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
  adherence7d: Adherence | null;
  lastPain: { pain: number; at: string } | null;
  lastSessionAt: string | null;
  openAlerts: number;
}

export interface PatientSnapshot {
  entry: Pick<RosterEntry, 'patientId' | 'source' | 'enrolledAt'>;
  reference: string | null;
  plan?: ClinicPlan;
  events: readonly ClinicEvent[];
  openAlerts: number;
}

export function patientRow(snapshot: PatientSnapshot, now: Date): PatientRow {
  const { entry, plan, events } = snapshot;
  const pain = newest(events, 'pain');
  const session = newest(events, 'done');
  const today = plan ? planToday(plan.plan, now) : undefined;
  return {
    patientId: entry.patientId,
    reference: snapshot.reference,
    source: entry.source,
    enrolledAt: entry.enrolledAt,
    status: plan?.status ?? 'none',
    statusReason: parseReason(plan?.statusReason)?.kind ?? null,
    planId: plan?.planId ?? null,
    planDay: today ? { day: today.day, of: today.lengthDays } : null,
    adherence7d: plan && plan.status !== 'pending_verification' ? adherence(plan.plan, events, now) : null,
    lastPain: pain?.pain !== undefined ? { pain: pain.pain, at: pain.at } : null,
    lastSessionAt: session?.at ?? null,
    openAlerts: snapshot.openAlerts,
  };
}

/** One line of a patient's timeline, newest first. */
export type TimelineItem =
  | {
      kind: 'text';
      at: string;
      /** reminder (with its session), or the plan's end text. */
      what: 'reminder' | 'reassessment';
      slot?: number;
      state: DeliveryEntry['state'];
      reason?: string;
      /** What the SMS channel reported, when it did. */
      outcome?: ClinicDelivery['outcome'];
      outcomeAt?: string;
    }
  | { kind: 'reply'; at: string; type: ClinicEvent['type']; slot: number; pain?: number; text?: string }
  | { kind: 'action'; at: string; action: string; by: string };

/** An entry of the audit log: who did what to whom, and when. */
export interface AuditEntry {
  at: string;
  /** The staff member's sign-in name and id. */
  by: string;
  bySub: string;
  action: AuditAction;
  /** The patient it was about, by pseudonymous id; absent for actions on no patient. */
  patientId?: string;
  /** A short machine-readable detail (an invite id, an alert id, the count of rows exported). */
  detail?: string;
}

export const AUDIT_ACTIONS = [
  'invite',
  'set-reference',
  'pause',
  'resume',
  'stop',
  'resend-code',
  'erase',
  'acknowledge',
  'export-csv',
  'export-fhir',
  /** A cleared invite: a clinician checked the patient's back pain (weak flags alone do not stop the plan). */
  'clear',
  /** A confirmed code used an invite: its reference went on the patient (by the system). */
  'invite-used',
  /** A confirmed code came with an invite for a patient who has a reference: not attached. */
  'invite-refused',
  // Reads: who looked at which patients, and when.
  'view-patients',
  'view-patient',
  'view-alerts',
  'view-invites',
  'view-audit',
  /** A request the caller's role (or no staff group) did not allow: what was tried is the detail. */
  'denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What staff read (lists, a patient, exports): the audit log's "reads". */
export const AUDIT_READS: readonly AuditAction[] = [
  'view-patients',
  'view-patient',
  'view-alerts',
  'view-invites',
  'view-audit',
  'export-csv',
  'export-fhir',
];

/** How the audit log can be filtered by kind: changes (actions), reads, or refusals. */
export const AUDIT_KINDS = ['changes', 'reads', 'denied'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export function auditKindOf(action: AuditAction): AuditKind {
  if (action === 'denied') return 'denied';
  return AUDIT_READS.includes(action) ? 'reads' : 'changes';
}

/** The audit log's filters (all optional): a kind, a patient, a staff member's sign-in name. */
export interface AuditFilter {
  kind?: AuditKind;
  patientId?: string;
  by?: string;
}

export function auditMatches(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (!filter.kind || auditKindOf(entry.action) === filter.kind) &&
    (!filter.patientId || entry.patientId === filter.patientId) &&
    (!filter.by || entry.by === filter.by)
  );
}

/** The patient's timeline: texts (the plan item's recent delivery records), replies and staff actions. */
export function timeline(
  deliveries: Readonly<Record<string, ClinicDelivery>>,
  events: readonly ClinicEvent[],
  audit: readonly AuditEntry[],
  plan?: Pick<Plan, 'timeZone' | 'sessionTimes'>,
): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const [key, entry] of Object.entries(deliveries)) {
    // A claim still held is not yet a text; the final record replaces it.
    if (entry.state === 'sending') continue;
    const scheduled = Date.parse(key);
    // The record keeps its session only sometimes; the scheduled instant names it on the plan's clock.
    const slot =
      entry.slot ??
      (plan && Number.isFinite(scheduled) ? sessionAt(plan, new Date(scheduled)).slot : undefined);
    items.push({
      kind: 'text',
      at: Number.isFinite(scheduled) ? new Date(scheduled).toISOString() : entry.at,
      what: Number.isFinite(scheduled) ? 'reminder' : 'reassessment',
      ...(slot !== undefined ? { slot } : {}),
      state: entry.state,
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(entry.outcome ? { outcome: entry.outcome } : {}),
      ...(entry.outcomeAt ? { outcomeAt: entry.outcomeAt } : {}),
    });
  }
  for (const e of events) {
    items.push({
      kind: 'reply',
      at: e.at,
      type: e.type,
      slot: e.slot,
      ...(e.pain !== undefined ? { pain: e.pain } : {}),
      ...(e.text !== undefined ? { text: e.text } : {}),
    });
  }
  for (const a of audit) items.push({ kind: 'action', at: a.at, action: a.action, by: a.by });
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
