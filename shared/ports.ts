/**
 * Ports: what the domain and handlers need from the outside world. Adapters live in
 * shared/adapters (AWS) and local/ (the local stack); tests pass their own. Handlers receive them
 * through a `deps` argument, never through module mocking.
 */
import type { RedFlagId } from './domain/rules.ts';
import type { MetricName } from './metrics.ts';
import type { Plan } from './domain/plan.ts';
import type { RateRule } from './domain/rate-limit.ts';
import type { SelfTestEdge } from './domain/self-test.ts';

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

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Business counts (shared/metrics.ts names them) for the operator's dashboard and alarms:
 * CloudWatch EMF through Powertools in Lambda, nothing locally.
 */
export interface Metrics {
  count(name: MetricName, value?: number): void;
}

export const noMetrics: Metrics = { count() {} };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type Channel = 'sms' | 'push';

export interface PushSubscription {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/**
 * pending_verification → active → (paused ⇄ active) → completed | stopped | replaced.
 * Only `active` sends reminders; schedule-sync keeps schedules for exactly the active plans.
 */
export type PlanStatus = 'pending_verification' | 'active' | 'paused' | 'stopped' | 'replaced' | 'completed';

export interface ConsentRecord {
  version: string;
  text: string;
  acceptedAt: string;
}

export interface VerificationState {
  /** HMAC of the code; the code itself is never stored. */
  codeHash: string;
  expiresAt: string;
  attempts: number;
  sends: number;
  /** When the current code was sent (a resend waits a while after it). */
  sentAt?: string;
  lockedAt?: string;
  verifiedAt?: string;
}

export interface PlanRecord {
  planId: string;
  phoneHash: string;
  /** E.164. Needed to send; never logged unmasked. */
  phone: string;
  country: string;
  channel: Channel;
  pushSubscription?: PushSubscription;
  status: PlanStatus;
  plan: Plan;
  consent: ConsentRecord;
  assessment: { scores: Record<string, number>; redFlags: RedFlagId[] };
  verification?: VerificationState;
  createdAt: string;
  updatedAt: string;
  activatedAt?: string;
  /** Why the status last changed (e.g. "opted-out", "replaced-by:<planId>"). */
  statusReason?: string;
}

export interface PatientRecord {
  phoneHash: string;
  phone: string;
  country: string;
  /** The newest plan that was activated (its status says whether it still runs). */
  currentPlanId?: string;
  optedOut: boolean;
  optedOutAt?: string;
  /** When the patient texted DELETE: DELETE <code> within a short window then erases everything. */
  erasureRequestedAt?: string;
  /** Keyed hash of the code sent in the answer to that DELETE (privacy.ts `hashErasureCode`). */
  erasureCodeHash?: string;
  consent: ConsentRecord;
  createdAt: string;
  updatedAt: string;
}

/**
 * What activation by a code requires of the plan, in the same write: the code hash the try was
 * judged against is still the plan's, the tries are within the limit, and no lock was written.
 */
export interface ActivationGuard {
  codeHash: string;
  maxAttempts: number;
}

/** Thrown when a conditional change meets a state it does not expect (e.g. activating twice). */
export class StateConflictError extends Error {
  override name = 'StateConflictError';
}

export interface PlanRepository {
  /**
   * Stores a new plan pending verification, and nothing else: the patient's profile is written only
   * when a plan is activated (its code proved the number).
   */
  createPendingPlan(record: PlanRecord, retentionDays: number): Promise<void>;
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
  ): Promise<{ replacedPlanId?: string }>;
  /** Moves a plan from one of `from` to `to`; StateConflictError if it is in none of them. */
  setPlanStatus(
    planId: string,
    from: readonly PlanStatus[],
    to: PlanStatus,
    at: Date,
    reason?: string,
  ): Promise<PlanRecord>;
  /** Deletes every item of the patient (profile, plans, events). Returns the plan ids that were deleted. */
  erasePatient(phoneHash: string): Promise<{ deletedItems: number; planIds: string[] }>;
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

export type RateDecision = { allowed: true; count: number } | { allowed: false; retryAfterSeconds: number };

/** Fixed-window counters (abuse limits). One atomic conditional increment per check. */
export interface RateLimiter {
  /**
   * Counts one request of `subject` (a keyed hash, never a phone or an address) against `rule` in the
   * window holding `now`, unless the window is full: a refused request does not count.
   */
  hit(rule: RateRule, subject: string, now: Date): Promise<RateDecision>;
}

export type MessageKind = 'verification' | 'reminder' | 'reply' | 'reassessment';

export type OutboundMessage =
  | { channel: 'sms'; to: string; body: string; kind: MessageKind }
  | {
      channel: 'push';
      subscription: PushSubscription;
      title: string;
      body: string;
      kind: MessageKind;
      to?: string;
    };

export interface SendResult {
  messageId: string;
}

/** The channel refused for now (rate); try again later. */
export class NotifierThrottledError extends Error {
  override name = 'NotifierThrottledError';
}
/** This recipient can never be reached on this channel (opted out, invalid or gone endpoint). */
export class RecipientUnreachableError extends Error {
  override name = 'RecipientUnreachableError';
  constructor(
    message: string,
    readonly reason: 'opted-out' | 'invalid-endpoint' | 'disabled-endpoint',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface Notifier {
  send(message: OutboundMessage): Promise<SendResult>;
}

/** Keeps EventBridge Scheduler (or the local scheduler) in step with active plans. */
export interface ReminderScheduler {
  /** Creates or updates the plan's daily schedules; repeating it changes nothing. */
  putPlanSchedules(planId: string, plan: Plan, now: Date): Promise<void>;
  /** Deletes them; deleting ones that do not exist is success. */
  deletePlanSchedules(planId: string): Promise<void>;
}

/** What a schedule puts on the reminder queue. */
export interface ReminderMessage {
  v: 1;
  planId: string;
  /** 1-based session of the day. */
  slot: number;
  /** The instant the session was due (Scheduler's <aws.scheduler.scheduled-time>). */
  scheduledTime: string;
}

/**
 * One reminder's record on the plan item (`deliveries` map, keyed by deliveryKey(scheduledTime) or
 * REASSESSMENT_KEY). `sending` is a claim with a lease; the others are final.
 */
export interface DeliveryEntry {
  state: 'sending' | 'sent' | 'skipped' | 'failed';
  /** When this state was written (ISO). */
  at: string;
  slot?: number;
  /** The claim's holder (sending), kept on the final record of the holder that finished it. */
  token?: string;
  /** Until when a `sending` claim is held; after it, a redelivery may take over (ISO). */
  leaseUntil?: string;
  /** The channel's message id (sent). */
  messageId?: string;
  /** Why it was skipped or failed. */
  reason?: string;
}

export type PlanWithDeliveries = { plan: PlanRecord; deliveries: Record<string, DeliveryEntry> };

/** The answer to a claim: the claim is ours and the plan comes with it, or why not. */
export type ClaimResult =
  | ({ outcome: 'claimed' } & PlanWithDeliveries)
  | { outcome: 'plan-missing' }
  | ({ outcome: 'not-active' } & PlanWithDeliveries)
  | ({ outcome: 'already-done'; entry: DeliveryEntry } & PlanWithDeliveries)
  | ({ outcome: 'lease-held'; entry: DeliveryEntry } & PlanWithDeliveries);

export interface ClaimRequest {
  token: string;
  at: Date;
  leaseUntil: Date;
  slot?: number;
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
   * Replaces the caller's claim with its final record and drops `prune` keys, in one write. False
   * when the claim is no longer the caller's (it was taken over).
   */
  settle(
    planId: string,
    key: string,
    token: string,
    entry: DeliveryEntry,
    prune?: string[],
  ): Promise<boolean>;
  /** Drops the caller's claim when nothing was sent, so the next delivery may claim at once. */
  release(planId: string, key: string, token: string): Promise<void>;
  /** The plan ends: active → completed. False if it was no longer active. */
  completePlan(planId: string, at: Date): Promise<boolean>;
  /**
   * The channel can never reach the patient: the plan stops (reason `opted-out` or
   * `unreachable:<reason>`); an opted-out patient is marked opted out.
   */
  markUnreachable(plan: PlanRecord, reason: RecipientUnreachableError['reason'], at: Date): Promise<void>;
}

/** A patient's reply that is kept: a session done, a pain score. */
export interface PlanEvent {
  planId: string;
  phoneHash: string;
  type: 'done' | 'pain';
  /** When the reply arrived (deterministic for a repeat of the same message). */
  at: string;
  localDate: string;
  slot: number;
  pain?: number;
  inboundMessageId: string;
  /** Epoch seconds: kept as long as the plan. */
  expiresAt: number;
}

/**
 * Records an operator's self-test message where `npm run ops:selftest` looks for it (a short-lived
 * item keyed by the test's nonce). True when this delivery wrote it, false when it was already there
 * (a redelivery writes nothing).
 */
export interface SelfTestRecorder {
  recordSelfTest(edge: SelfTestEdge, nonce: string, at: Date): Promise<boolean>;
}

/** What the inbound function writes besides plan statuses. */
export interface PatientEventStore {
  /** Records the event once; false if this message's event was already recorded. */
  recordPlanEvent(event: PlanEvent): Promise<boolean>;
  /**
   * Claims the right to answer one inbound message; false if it was already claimed (a repeat of
   * the same message gets no second answer). Without a phone hash the claim is not linked to the
   * patient (the answer to an erasure, whose claim must outlive the patient's data).
   */
  claimReply(inboundMessageId: string, phoneHash: string | undefined, at: Date): Promise<boolean>;
  /** Gives the claim back when the answer could not be sent, so the redelivery answers. */
  releaseReply(inboundMessageId: string): Promise<void>;
  /** STOP: the patient is opted out and the current plan (active or paused) stops. */
  optOut(phoneHash: string, planId: string | undefined, at: Date): Promise<void>;
  /** DELETE: notes the request and its code's hash on the patient, so DELETE <code> can confirm it. */
  requestErasure(phoneHash: string, at: Date, codeHash: string): Promise<void>;
}
