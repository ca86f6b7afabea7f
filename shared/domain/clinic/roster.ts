/**
 * The clinic console's domain (pure): who the staff are and what each role may do, the patient's
 * pseudonymous id, the progress per day of a plan (adherence.ts counts it) and the timeline; the
 * list's rows are the read model's (read-model.ts).
 *
 * Nothing here reads or writes: the console's use case (functions/console/service.ts) gathers the
 * items and hands them in; the same functions serve the list, the patient page and the exports.
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryEntry, PlanEvent, PlanRecord } from '../model.ts';
import type { Plan } from '../plan/plan.ts';
import { sessionAt } from '../scheduling/reminders.ts';
import { dailyMaxPain, doneKeys, progressDays, type PlanTrail, type ProgressDay } from './adherence.ts';

export type { Adherence, ProgressDay } from './adherence.ts';

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
  Partial<Pick<PlanRecord, 'activatedAt' | 'createdAt' | 'statusHistory' | 'updatedAt'>>;

/** The plan's done sessions and daily pains from its events (the counts of adherence.ts). */
export function countsOf(events: readonly ClinicEvent[], sessionsPerDay: number) {
  return {
    done: doneKeys(
      events.filter((e) => e.type === 'done'),
      sessionsPerDay,
    ),
    pains: dailyMaxPain(
      events.flatMap((e) =>
        e.type === 'pain' && e.pain !== undefined ? [{ localDate: e.localDate, pain: e.pain }] : [],
      ),
    ),
  };
}

/** The plan's days with their sessions due and done, from the plan item and its events. */
export function planProgress(plan: ClinicPlan, events: readonly ClinicEvent[], now: Date): ProgressDay[] {
  const { done, pains } = countsOf(events, plan.plan.sessionsPerDay);
  return progressDays(trailOf(plan), done, pains, now);
}

/** The plan as the counts read it: a plan stored before its history counts from its first day. */
export function trailOf(plan: ClinicPlan): PlanTrail {
  return {
    status: plan.status,
    ...(plan.statusHistory ? { statusHistory: plan.statusHistory } : {}),
    updatedAt: plan.updatedAt ?? plan.activatedAt ?? plan.plan.startsAt,
    plan: plan.plan,
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
  /** An unused invite withdrawn: its link opens nothing. */
  'revoke-invite',
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
