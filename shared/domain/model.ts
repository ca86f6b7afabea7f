/**
 * The service's records and the errors its ports may raise: what is stored, sent and queued. Pure
 * data (no AWS, no I/O); the ports (shared/ports.ts) are the interfaces that move it.
 */
import type { Clearance, Plan } from './plan/plan.ts';
import type { Language } from './language.ts';
import type { PlanStatus, UnreachableCause } from './plan/lifecycle.ts';
import type { RedFlagId } from './plan/rules.ts';
import type { SmsDeliveryOutcome } from './messaging/sms-delivery.ts';
import type { SessionChanges, StatusMark, TimesMark } from './scheduling/due.ts';
import { namedError } from './named-error.ts';

export type { PlanStatus } from './plan/lifecycle.ts';

export type Channel = 'sms' | 'push';

export interface PushSubscription {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** The record of a clinician's check that let weak flags alone make a plan. */
export interface ClinicianCheck {
  by: Clearance;
  flags: RedFlagId[];
  /** The cleared invite it came with (by: 'clinic'). */
  inviteId?: string;
}

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
  /** The patient's language for every text and page (absent on plans stored before languages: English). */
  language?: Language;
  status: PlanStatus;
  plan: Plan;
  consent: ConsentRecord;
  assessment: {
    scores: Record<string, number>;
    redFlags: RedFlagId[];
    restPain?: number;
    chosen?: string[];
    /**
     * Weak flags alone, and a clinician has checked this back pain: who says so (the patient, or the
     * clinic through a cleared invite) and for which flags. The console shows it.
     */
    clinicianCheck?: ClinicianCheck;
  };
  verification?: VerificationState;
  createdAt: string;
  updatedAt: string;
  activatedAt?: string;
  /**
   * Every change of status with its instant, appended by the one status writer
   * (adapters/dynamodb/plan-status.ts): what scheduling/due.ts reads to leave paused and stopped
   * time out of what was due. Absent on plans stored before it existed.
   */
  statusHistory?: StatusMark[];
  /** Why the status last changed: plan-lifecycle.ts `reasonCode` (read with `parseReason`). */
  statusReason?: string;
  /**
   * The patient's skips and snoozes, by session key (scheduling/due.ts): a skipped session is not
   * sent nor due; a snoozed one comes and is due at its new time.
   */
  sessionChanges?: SessionChanges;
  /** The session times and zone before each change the patient made, oldest first (scheduling/due.ts). */
  timesHistory?: TimesMark[];
  /**
   * The patient's locale (BCP 47, from the form's browser), for times in their clock: "8:00 AM" or
   * "08:00" (scheduling/local-time.ts). Absent: the clock of the phone's country.
   */
  locale?: string;
  /**
   * Random, set when the plan is activated: the plan page's token is made from it with the hash key
   * (plan-page.ts `pageToken`); the token itself is never stored.
   */
  pageNonce?: string;
  /**
   * The keyed hash of the clinic invite the patient came with (clinic-secrets.ts), if any: the
   * clinic's alert stream enrols the patient under that invite's reference.
   */
  invite?: string;
  /**
   * The UTC minutes of the day its session times took (shared/domain/scheduling/session-slots.ts), booked with
   * the plan and released once when it ends; absent for plans made before booking existed.
   */
  bookedSlots?: number[];
}

/** The plan page that activation opens, in the same write: the nonce and the token's keyed hash. */
export interface PlanPageGrant {
  nonce: string;
  tokenHash: string;
}

export interface PatientRecord {
  phoneHash: string;
  phone: string;
  country: string;
  /** The newest plan that was activated (its status says whether it still runs). */
  currentPlanId?: string;
  optedOut: boolean;
  optedOutAt?: string;
  /** How the current plan stood when the patient opted out (lifecycle.ts stateBeforeOptOut). */
  optedOutBefore?: string;
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

/** A list's cursor that the list did not give (tampered, or from another list): the client's mistake. */
export class InvalidCursorError extends namedError('InvalidCursorError') {}

/** Thrown when a conditional change meets a state it does not expect (e.g. activating twice). */
export class StateConflictError extends namedError('StateConflictError') {}

/** The session times asked for fall in minutes whose sending capacity is taken. */
export class SlotsFullError extends namedError('SlotsFullError') {
  constructor(
    readonly full: number[],
    options?: ErrorOptions,
  ) {
    super(`session minutes ${full.join(', ')} are fully booked`, options);
  }
}

/**
 * A change of a running plan's session times or zone, as one write (PlanRepository.changeSessionTimes):
 * only while the plan still has the times and zone it was read with (`seen`).
 */
export interface SessionTimesUpdate {
  seen: { sessionTimes: readonly string[]; timeZone: string };
  plan: Pick<Plan, 'sessionTimes' | 'timeZone' | 'startsAt' | 'endsAt'>;
  /** The times and zone before, appended to `timesHistory`. */
  mark: TimesMark;
  /** The skips and snoozes kept (those still ahead are dropped: they were for the old times). */
  sessionChanges: SessionChanges;
  /** Every place the plan holds after the change. */
  bookedSlots: number[];
  /** Places given back (held before, not after) and taken (after, not before). */
  release: number[];
  book: SlotBooking;
}

/** What booking a plan's session times asks of the plan's creation (in the same write). */
export interface SlotBooking {
  slots: number[];
  /** Reminders each slot may hold. */
  capacity: number;
}

export type RateDecision = { allowed: true; count: number } | { allowed: false; retryAfterSeconds: number };

export type MessageKind = 'verification' | 'welcome' | 'reminder' | 'reply' | 'reassessment';

export type OutboundMessage =
  | {
      channel: 'sms';
      to: string;
      body: string;
      kind: MessageKind;
      /** The number to send from when it is one of ours: an answer goes from the number the patient texted. */
      from?: string;
    }
  | {
      channel: 'push';
      subscription: PushSubscription;
      title: string;
      body: string;
      kind: MessageKind;
      to?: string;
      /** Where a tap on the notification goes: the patient's plan page. */
      url?: string;
    };

export interface SendResult {
  messageId: string;
}

/** The channel refused for now (rate); try again later. */
export class NotifierThrottledError extends namedError('NotifierThrottledError') {}
/** This recipient can never be reached on this channel (opted out, invalid or gone endpoint). */
export class RecipientUnreachableError extends namedError('RecipientUnreachableError') {
  constructor(
    message: string,
    readonly reason: UnreachableCause,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What a schedule puts on the reminder queue. */
export interface ReminderMessage {
  v: 1;
  planId: string;
  /** 1-based session of the day. */
  slot: number;
  /** The instant the session was due (Scheduler's <aws.scheduler.scheduled-time>). */
  scheduledTime: string;
  /** The one-off reminder of a session the patient snoozed. */
  snoozed?: true;
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
  /** What the carrier made of a sent text (SNS's delivery status log, shared/domain/messaging/sms-delivery.ts). */
  outcome?: SmsDeliveryOutcome;
  outcomeAt?: string;
  providerResponse?: string;
  priceUsd?: number;
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

/**
 * A patient's reply that is kept: a session done, a pain score, and for the clinic a text the
 * service did not understand (`message`) or one whose words may mean a red flag (`alert`).
 */
export interface PlanEvent {
  planId: string;
  phoneHash: string;
  /** `misread`: the patient says the words read as a red flag were misread (MISTAKE). */
  type: 'done' | 'pain' | 'message' | 'alert' | 'misread';
  /**
   * The event's key (session-log.ts): when the reply arrived (deterministic for a repeat of the same
   * message), the session's due instant (the page's Done) or the local date (the page's check-in).
   */
  at: string;
  localDate: string;
  slot: number;
  pain?: number;
  /** The patient's own words (message, alert), cut to MAX_KEPT_TEXT; never logged. */
  text?: string;
  inboundMessageId: string;
  /** Epoch seconds: kept as long as the plan. */
  expiresAt: number;
}
