/**
 * Ports: what the domain and handlers need from the outside world. Adapters live in
 * shared/adapters (AWS) and local/ (the local stack); tests pass their own. Handlers receive them
 * through a `deps` argument, never through module mocking.
 */
import type { Language } from './domain/language.ts';
import type {
  SlotBooking,
  ActivationGuard,
  ClaimRequest,
  ClaimResult,
  DeliveryEntry,
  OutboundMessage,
  PatientRecord,
  PlanEvent,
  PlanPageGrant,
  PlanRecord,
  PlanWithDeliveries,
  RateDecision,
  SendResult,
  VerificationState,
} from './domain/model.ts';
import type { Plan } from './domain/plan/plan.ts';
import type { Alert, AlertEpisode, AlertTier } from './domain/clinic/alerts.ts';
import type { AuditEntry, ClinicDelivery, ClinicEvent, RosterEntry } from './domain/clinic/roster.ts';
import type { StatusChange } from './domain/plan/lifecycle.ts';
import type { ProgressEvent } from './domain/plan/progress.ts';
import type { RateRule } from './domain/security/rate-limit.ts';
import type { SelfTestEdge } from './domain/ops/self-test.ts';
import type { DeliveryOutcomeRecord } from './domain/messaging/sms-delivery.ts';
import type { MetricName } from './metrics.ts';

/**
 * Structured logging, shaped like Powertools' Logger so it can be passed as is. Fields never hold a
 * raw phone number: pass maskPhone(phone) or the phone hash.
 */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/**
 * Business counts (shared/metrics.ts names them) for the operator's dashboard and alarms:
 * CloudWatch EMF through Powertools in Lambda, nothing locally.
 */
export interface Metrics {
  count(name: MetricName, value?: number): void;
}

export interface Clock {
  now(): Date;
}

export interface PlanRepository {
  /**
   * Stores a new plan pending verification, and nothing else: the patient's profile is written only
   * when a plan is activated (its code proved the number).
   */
  /**
   * Stores a new plan; with `booking`, takes one place in each slot in the same write (all or none:
   * SlotsFullError names the full slots, and nothing is written).
   */
  createPendingPlan(record: PlanRecord, retentionDays: number, booking?: SlotBooking): Promise<void>;
  getPlan(planId: string): Promise<PlanRecord | undefined>;
  getPatient(phoneHash: string): Promise<PatientRecord | undefined>;
  /**
   * Makes a pending plan the patient's active one, in one transaction: the plan becomes active,
   * the patient is created or refreshed from the plan (number, country, consent) and points at it
   * (opted in again), and the plan it replaces becomes `replaced`.
   */
  activatePlan(
    planId: string,
    at: Date,
    retentionDays: number,
    guard?: ActivationGuard,
    page?: PlanPageGrant,
  ): Promise<{ replacedPlanId?: string }>;
  /**
   * Persists a status change the lifecycle decided (plan-lifecycle.ts `transition`), only from one
   * of `change.from`. False when the plan is in none of them: a repeat, or it changed meanwhile.
   */
  changeStatus(planId: string, change: StatusChange, at: Date): Promise<boolean>;
  /** Deletes every item of the patient (profile, plans, events). Returns the plan ids that were deleted. */
  erasePatient(phoneHash: string): Promise<{ deletedItems: number; planIds: string[] }>;
  /** The plan's language for its texts and pages from now on (false: the plan is gone). */
  setLanguage(planId: string, language: Language): Promise<boolean>;
}

/**
 * Changes to a pending plan's verification, each one conditional write: tries are counted atomically
 * (never two requests on one try), a code is replaced only in the state the caller read
 * (StateConflictError when the plan is no longer pending or its verification changed meanwhile).
 */
export interface VerificationStore {
  /**
   * Counts one try, before the code is compared: one conditional increment that succeeds only while
   * the plan is pending, not locked, its code not expired at `at` and its tries below `maxAttempts`.
   * Returns the state with this try counted, or undefined when no try was left to count.
   */
  countTry(planId: string, at: Date, maxAttempts: number): Promise<VerificationState | undefined>;
  /** Locks the plan's verification for good (the last try was wrong); a locked plan stays so. */
  lock(planId: string, at: Date): Promise<void>;
  /** Puts a new code (a resend) in place of the one `seen`. */
  replaceCode(planId: string, seen: VerificationState, next: VerificationState, at: Date): Promise<void>;
  /** Notes when the code was confirmed, once the plan is active. */
  markVerified(planId: string, at: Date): Promise<void>;
}

/** Fixed-window counters (abuse limits). One atomic conditional increment per check. */
export interface RateLimiter {
  /**
   * Counts one request of `subject` (a keyed hash, never a phone or an address) against `rule` in the
   * window holding `now`, unless the window is full: a refused request does not count.
   */
  hit(rule: RateRule, subject: string, now: Date): Promise<RateDecision>;
}

export interface Notifier {
  send(message: OutboundMessage): Promise<SendResult>;
}

/**
 * Whether a phone number is on the opt-out list the service's numbers use (asked before each
 * reminder: the channel drops a text to an opted-out number without an error).
 */
export interface OptOutCheck {
  isOptedOut(phoneNumber: string): Promise<boolean>;
}

/** Keeps EventBridge Scheduler (or the local scheduler) in step with active plans. */
export interface ReminderScheduler {
  /** Creates or updates the plan's daily schedules; repeating it changes nothing. */
  putPlanSchedules(planId: string, plan: Plan, now: Date): Promise<void>;
  /** Deletes them; deleting ones that do not exist is success. */
  deletePlanSchedules(planId: string): Promise<void>;
}

/** Who holds a claim: the plan, the reminder's key and the holder's token. */
export interface ClaimHolder {
  planId: string;
  key: string;
  token: string;
}

/** The holder's final record for its claim. */
export interface SettleRequest extends ClaimHolder {
  entry: DeliveryEntry;
}

/** The reminder ledger: claims and outcomes of reminders, on the plan item. */
export interface ReminderLedger {
  /**
   * One conditional write that claims `key` for the caller and reads the plan: it succeeds only if
   * the plan is active and the key has no record, or only a `sending` claim whose lease has run out.
   */
  claim(planId: string, key: string, claim: ClaimRequest): Promise<ClaimResult>;
  /**
   * Records a skip where no claim is held (a late reminder, a plan that is not active): only if the
   * key has no record yet (or a lapsed claim). Undefined when the plan does not exist.
   */
  recordSkip(
    planId: string,
    key: string,
    entry: DeliveryEntry,
  ): Promise<({ recorded: boolean } & PlanWithDeliveries) | undefined>;
  /**
   * Replaces the caller's claim with its final record, in one write (the adapter drops old records
   * there too: housekeeping of its storage, not the use case's). False
   * when the claim is no longer the caller's (it was taken over).
   */
  settle(request: SettleRequest): Promise<boolean>;
  /** Drops the caller's claim when nothing was sent, so the next delivery may claim at once. */
  release(holder: ClaimHolder): Promise<void>;
  /** Persists a status change the lifecycle decided; false when the plan was in none of its `from`. */
  changeStatus(planId: string, change: StatusChange, at: Date): Promise<boolean>;
  /** The patient's number can no longer be texted (SNS says it opted out): the patient is marked. */
  markOptedOut(phoneHash: string, at: Date): Promise<void>;
}

/** The booked places of session minutes (shared/domain/scheduling/session-slots.ts). */
export interface SessionSlots {
  /** How many places each slot has taken (absent: none). Eventually consistent: advice only. */
  counts(slots: readonly number[]): Promise<Map<number, number>>;
  /** Gives back a plan's places, once: true when this call released them, false on a repeat. */
  release(planId: string, slots: readonly number[], at: Date): Promise<boolean>;
}

/** What recording a text's delivery outcome found (DeliveryOutcomeStore). */
export type OutcomeRecorded =
  /** Written on the delivery record that carries the message id (a repeat writes the same). */
  | 'recorded'
  /**
   * A claim of the plan is still being settled (its lease runs at `now`): its message id may not be
   * written yet. Try later. A claim whose lease ran out is nobody's to settle: it does not wait.
   */
  | 'pending'
  /** No delivery record of the plan carries it: not a reminder (a code, an answer), or long pruned. */
  | 'unknown';

/** Where a sent text's delivery outcome goes: the delivery record of the reminder it was. */
export interface DeliveryOutcomeStore {
  recordOutcome(
    planId: string,
    messageId: string,
    outcome: DeliveryOutcomeRecord,
    now: Date,
  ): Promise<OutcomeRecorded>;
}

/**
 * Records an operator's self-test message where `npm run ops:selftest` looks for it (a short-lived
 * item keyed by the test's nonce). True when this delivery wrote it, false when it was already there
 * (a redelivery writes nothing).
 */
export interface SelfTestRecorder {
  /** Writes the record once (false if it is there); `outcome`: what became of the self-test's text. */
  recordSelfTest(edge: SelfTestEdge, nonce: string, at: Date, outcome?: string): Promise<boolean>;
}

/** Taking a number off the opt-out list: done, it was not on it, or End User Messaging refused. */
export type OptInOutcome = 'removed' | 'not-listed' | 'refused';

/**
 * The opt-out list the stack's numbers use (End User Messaging SMS, `sms.channel`): a text to a
 * listed number is not sent. A number goes on it after the patient's opt-out was confirmed, and
 * comes off when the patient texts START, which AWS allows once every 30 days per number.
 */
export interface OptOutList {
  /** Puts the number on the list; a number already there is no error. */
  putOptedOutNumber(phone: string): Promise<void>;
  /** Takes the number off: 'refused' when End User Messaging will not (once per 30 days a number). */
  deleteOptedOutNumber(phone: string): Promise<OptInOutcome>;
  /** Whether the number is on the list (the form's check before it texts a code). */
  describeOptedOutNumber(phone: string): Promise<boolean>;
}

/** What the inbound function writes besides plan statuses. */
export interface PatientEventStore {
  /** Records the event once; false if this message's event was already recorded. */
  recordPlanEvent(event: PlanEvent): Promise<boolean>;
  /**
   * Records the event in place of any under the same key: the plan page's pain check-in, one a day,
   * a later tap that day replacing it. Says what it replaced, if anything.
   */
  replacePlanEvent(event: PlanEvent): Promise<{ replaced: boolean; previousPain?: number }>;
  /**
   * The plan's sessions done and pain scores, oldest first (DONE and PAIN texts, the page's Done and
   * check-in), for its progress: a read of the plan's own items, never the patient's own words.
   */
  sessionLog(planId: string): Promise<ProgressEvent[]>;
  /**
   * Claims the right to answer one inbound message; false if it was already claimed (a repeat of
   * the same message gets no second answer). Without a phone hash the claim is not linked to the
   * patient (the answer to an erasure, whose claim must outlive the patient's data).
   */
  claimReply(inboundMessageId: string, phoneHash: string | undefined, at: Date): Promise<boolean>;
  /** Gives the claim back when the answer could not be sent, so the redelivery answers. */
  releaseReply(inboundMessageId: string): Promise<void>;
  /**
   * Whether this message was already accepted as an erasure's confirmation (its answer was claimed
   * unlinked from the patient): a repeat then finishes the erasure without judging the code again.
   */
  erasureAccepted(inboundMessageId: string): Promise<boolean>;
  /**
   * An opt-out: the patient is marked opted out (the use case stops the plan through the
   * lifecycle), with how the plan stood (`before`), so opting back in restores it.
   */
  markOptedOut(phoneHash: string, at: Date, before?: string): Promise<void>;
  /** START: the patient is no longer opted out. */
  markOptedIn(phoneHash: string, at: Date): Promise<void>;
  /** DELETE: notes the request and its code's hash on the patient, so DELETE <code> can confirm it. */
  requestErasure(phoneHash: string, at: Date, codeHash: string): Promise<void>;
}

/** The plan pages' links: a token's keyed hash → the plan it opens (the page item). */
export interface PlanPageStore {
  /**
   * The plan a token's hash opens, or undefined for none: never issued, revoked (the item deleted,
   * with the patient's other data on erasure) or expired at `at` (TTL may lag, so it is checked).
   */
  findPlanId(tokenHash: string, at: Date): Promise<string | undefined>;
}

// ---------------------------------------------------------------------------------------------
// The clinic console (functions/console) and its alert stream (functions/clinic-watch).

/** An invite as the table keeps it: the token only as its keyed hash, the reference sealed. */
export interface StoredInvite {
  inviteId: string;
  tokenHash: string;
  /** Makes the link again (clinic-secrets.ts `inviteToken`) for staff who need it shown again. */
  nonce: string;
  sealedReference: string;
  createdAt: string;
  createdBy: string;
  /** ISO: the link opens nothing after it. */
  validUntil: string;
  /**
   * The clinic cleared this patient (functions/console/use-cases/clearances.ts): a clinician has
   * checked their back pain, so weak flags alone (age with new pain, osteoporosis or steroids, a past
   * cancer) do not stop their plan. Who and when, as the audit log has it too.
   */
  clearance?: { by: string; at: string };
}

/** An invite as a confirmed code uses it: its reference sealed for the patient, and the audit entry. */
export interface EnrolmentInvite extends Pick<StoredInvite, 'tokenHash' | 'inviteId' | 'sealedReference'> {
  audit?: { entry: AuditEntry; key: string };
}

/** What the console reads of one patient: the profile's current plan, its records and events. */
export interface PatientRecords {
  patient?: PatientRecord;
  plan?: PlanRecord;
  /** The plan item's recent delivery records (texts), by key. */
  deliveries: Record<string, ClinicDelivery>;
  events: ClinicEvent[];
}

/** The clinic's patients: the roster, the link from a phone hash, invites, and the patients' records. */
export interface ClinicDirectory {
  /**
   * Puts a new patient on the roster, once (the link from the phone hash is written only if absent,
   * with the roster entry, in one transaction): 'exists' when the patient is there already (nothing
   * changes). With an invite (only when a code is confirmed), the invite is used up and its audit
   * entry written in the same write; 'invite-gone' when it was used meanwhile (enrolled without it).
   */
  enrol(
    entry: RosterEntry,
    expiresAt: number,
    invite?: EnrolmentInvite,
  ): Promise<'enrolled' | 'invite-gone' | 'exists'>;
  /**
   * Gives a patient on the roster an invite's reference, only if the entry has none, using the
   * invite up and writing its audit entry in the same write. Never replaces a reference: that is a
   * staff action ('has-reference', and nothing is written).
   */
  attachInvite(
    patientId: string,
    invite: EnrolmentInvite,
  ): Promise<'attached' | 'has-reference' | 'invite-gone' | 'no-patient'>;
  /** Keeps the roster entry and link as long as the patient's newest plan (TTL). */
  extend(patientId: string, phoneHash: string, expiresAt: number): Promise<void>;
  /** The patient's clinic id, from the phone hash. */
  patientIdOf(phoneHash: string): Promise<string | undefined>;
  roster(): Promise<RosterEntry[]>;
  rosterEntry(patientId: string): Promise<RosterEntry | undefined>;
  setReference(patientId: string, sealedReference: string): Promise<boolean>;
  putInvite(invite: StoredInvite): Promise<void>;
  findInvite(tokenHash: string, at: Date): Promise<StoredInvite | undefined>;
  invites(at: Date): Promise<StoredInvite[]>;
  /** The patient's profile, current plan with its delivery records, and that plan's events. */
  records(phoneHash: string): Promise<PatientRecords>;
  /** A plan's events (the alert stream reads the history of pain scores). */
  planEvents(planId: string): Promise<ClinicEvent[]>;
}

/** An alert as stored: an episode (shared/domain/clinic/alerts.ts), what raised it and what became of it. */
export type StoredAlert = AlertEpisode;

/** What a cause did to its patient's alerts of its kind (alerts.ts `episodeStep`), and which alert it was. */
export interface RaiseOutcome {
  step: 'open' | 'repeat' | 'escalate' | 'duplicate';
  alertId: string;
}

export interface ClinicAlertStore {
  /**
   * Applies a cause to its patient's open alert of its kind: opens one (with the pointer that finds
   * it), counts a repeat or a higher tier into it, or nothing for a cause counted already. Each by
   * a conditional write, so racing or redelivered causes are counted once.
   */
  raise(alert: Alert, phoneHash: string, raisedAt: Date, expiresAt: number): Promise<RaiseOutcome>;
  get(alertId: string): Promise<StoredAlert | undefined>;
  /** Notes the email sent about the alert at its tier. */
  markEmailed(alertId: string, tier: AlertTier, at: Date): Promise<void>;
  list(): Promise<StoredAlert[]>;
  /** Acknowledges an open alert (a clinician: the use case checks); false when it is not open (or gone). */
  acknowledge(alertId: string, by: string, at: Date): Promise<boolean>;
  /**
   * The patient says the red-flag words were misread: marks the plan's newest red-flag alert
   * raised up to `at` (its state unchanged; never closed or deleted). The alert id marked, if any.
   */
  markMisread(phoneHash: string, planId: string, at: string): Promise<string | undefined>;
}

export interface AuditLog {
  /** Writes the entry; with `key`, once (a repeat of what wrote it writes nothing). */
  record(entry: AuditEntry, options?: { key?: string }): Promise<void>;
  /** The entries of a month ("2026-11"), newest first. */
  month(month: string): Promise<AuditEntry[]>;
}

/** Emails the clinic (an SNS topic with the operator's address). */
export interface ClinicMailer {
  send(subject: string, body: string): Promise<void>;
}
