/**
 * A plan's life, in one place: the statuses, what moves a plan from one to another and why.
 *
 *   pending_verification ──verify──► active ◄──resume── paused
 *                                      │ ─pause / pain / red-flag words─► │
 *        active | paused ──stop (opted out, unreachable)──► stopped
 *        active | paused ──replace (a newer plan verified)─► replaced
 *        active          ──complete (its last session)────► completed
 *        paused (red-flag words) ──misread (the patient's MISTAKE)──► active
 *        stopped (opted out) ──opted-in (START)──► as it was before the opt-out
 *   clinic staff (the console): active ─clinic-paused─► paused ─clinic-resumed─► active;
 *        active | paused ──clinic-stopped──► stopped
 *
 * Only `active` sends reminders; schedule-sync keeps schedules for exactly the active plans.
 * Adapters only persist a StatusChange (conditional on `from`); no status is decided elsewhere.
 */
import { RULE } from './rules.ts';

export const PLAN_STATUSES = [
  'pending_verification',
  'active',
  'paused',
  'stopped',
  'replaced',
  'completed',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Every plan starts here: it waits for the code texted to the patient's number. */
export const INITIAL_PLAN_STATUS: PlanStatus = 'pending_verification';

/** The statuses of a plan that still runs (reminders or a pause the patient can end). */
export const RUNNING_STATUSES: readonly PlanStatus[] = ['active', 'paused'];

/** Why a channel can never reach the patient. */
export type UnreachableCause = 'opted-out' | 'invalid-endpoint' | 'disabled-endpoint';

/** What happened to the plan. */
export type LifecycleEvent =
  | { kind: 'verify' }
  | { kind: 'patient-paused' }
  | { kind: 'pain-reported' }
  | { kind: 'red-flag-reported' }
  | { kind: 'resume' }
  /** The patient says the words we read as a red flag were misread (MISTAKE): reminders resume. */
  | { kind: 'misread' }
  | { kind: 'opted-out' }
  /** The patient opted back in (START): the plan goes back to how it was before the opt-out. */
  | { kind: 'opted-in'; before?: string }
  | { kind: 'unreachable'; cause: UnreachableCause }
  | { kind: 'replaced'; byPlanId: string }
  | { kind: 'complete' }
  // Clinic staff in the console (functions/console): a clinician decides, whatever paused it.
  | { kind: 'clinic-paused' }
  | { kind: 'clinic-resumed' }
  | { kind: 'clinic-stopped' };

/** Why the status last changed, as stored on the plan (`statusReason`). */
export type StatusReason =
  | { kind: 'patient-paused' }
  | { kind: 'pain-reported' }
  | { kind: 'red-flag-reported' }
  | { kind: 'opted-out' }
  | { kind: 'unreachable'; cause: Exclude<UnreachableCause, 'opted-out'> }
  | { kind: 'replaced-by'; planId: string }
  | { kind: 'plan-ended' }
  | { kind: 'clinic-paused' }
  | { kind: 'clinic-stopped' };

/** A status change to persist: only from one of `from`; `reason` absent clears the stored one. */
export interface StatusChange {
  from: readonly PlanStatus[];
  to: PlanStatus;
  reason?: StatusReason;
}

/** The one place that says which event moves a plan from where to where, and why. */
export function transition(event: LifecycleEvent): StatusChange {
  switch (event.kind) {
    case 'verify':
      return { from: ['pending_verification'], to: 'active' };
    case 'patient-paused':
      return { from: ['active'], to: 'paused', reason: { kind: event.kind } };
    case 'pain-reported':
    case 'red-flag-reported':
      // Also from paused: the reason must say why, so RESUME can be refused after a red flag.
      return { from: RUNNING_STATUSES, to: 'paused', reason: { kind: event.kind } };
    case 'resume':
    case 'misread':
      // misread: only from a pause for red-flag words (the use case checks the reason).
      return { from: ['paused'], to: 'active' };
    case 'opted-in': {
      // Back as it was: a pause keeps its reason (a red flag still waits for a clinician).
      const [status, code] = (event.before ?? 'active').split(/:(.*)/s) as [string, string | undefined];
      const reason = status === 'paused' ? parseReason(code) : undefined;
      return reason ? { from: ['stopped'], to: 'paused', reason } : { from: ['stopped'], to: 'active' };
    }
    case 'opted-out':
      return { from: RUNNING_STATUSES, to: 'stopped', reason: { kind: 'opted-out' } };
    case 'unreachable':
      // An opted-out number is the patient's STOP, whichever way the sender learnt it.
      return {
        from: RUNNING_STATUSES,
        to: 'stopped',
        reason:
          event.cause === 'opted-out' ? { kind: 'opted-out' } : { kind: 'unreachable', cause: event.cause },
      };
    case 'replaced':
      return {
        from: RUNNING_STATUSES,
        to: 'replaced',
        reason: { kind: 'replaced-by', planId: event.byPlanId },
      };
    case 'complete':
      return { from: ['active'], to: 'completed', reason: { kind: 'plan-ended' } };
    case 'clinic-paused':
      return { from: ['active'], to: 'paused', reason: { kind: 'clinic-paused' } };
    case 'clinic-resumed':
      // Also after a red flag or a high pain score: the clinician saw the patient.
      return { from: ['paused'], to: 'active' };
    case 'clinic-stopped':
      return { from: RUNNING_STATUSES, to: 'stopped', reason: { kind: 'clinic-stopped' } };
  }
}

/**
 * A pain score of 8 or more, by text (PAIN n) or on the plan page: the rule makes no plan at that
 * pain, so a running plan is paused for it. A plan already paused for words that may mean a red
 * flag keeps that stronger reason (so RESUME stays refused): nothing to write then.
 */
export function painPause(
  pain: number,
  plan: { status: PlanStatus; statusReason?: string | undefined },
): StatusChange | undefined {
  if (pain < RULE.seekCarePain || !RUNNING_STATUSES.includes(plan.status)) return undefined;
  if (parseReason(plan.statusReason)?.kind === 'red-flag-reported') return undefined;
  return transition({ kind: 'pain-reported' });
}

/** Whether a plan in `status` may make the change (what the adapter's condition will check). */
export function allows(change: StatusChange, status: PlanStatus): boolean {
  return change.from.includes(status);
}

/** The stored form of a reason (unchanged from earlier versions, so old items still read). */
export function reasonCode(reason: StatusReason): string {
  switch (reason.kind) {
    case 'unreachable':
      return `unreachable:${reason.cause}`;
    case 'replaced-by':
      return `replaced-by:${reason.planId}`;
    default:
      return reason.kind;
  }
}

/** A stored reason read back; undefined for none or one this version does not know. */
export function parseReason(code: string | undefined): StatusReason | undefined {
  if (!code) return undefined;
  const [kind, detail] = code.split(/:(.*)/s) as [string, string | undefined];
  switch (kind) {
    case 'patient-paused':
    case 'pain-reported':
    case 'red-flag-reported':
    case 'opted-out':
    case 'plan-ended':
    case 'clinic-paused':
    case 'clinic-stopped':
      return { kind };
    case 'unreachable':
      return detail === 'invalid-endpoint' || detail === 'disabled-endpoint'
        ? { kind: 'unreachable', cause: detail }
        : undefined;
    case 'replaced-by':
      return detail ? { kind: 'replaced-by', planId: detail } : undefined;
    default:
      return undefined;
  }
}

/**
 * Why a patient may not resume a paused plan themselves (by text or on the plan page), if so: words
 * that may mean a red flag paused it (a clinician first), the clinic paused it (the clinic restarts
 * it), or its days are over.
 */
export function resumeRefusal(
  plan: { status: PlanStatus; statusReason?: string | undefined; plan: { endsAt: string } },
  now: Date,
): 'not-paused' | 'ended' | 'see-clinician' | 'clinic-paused' | undefined {
  if (plan.status !== 'paused') return 'not-paused';
  if (Date.parse(plan.plan.endsAt) <= now.getTime()) return 'ended';
  const reason = parseReason(plan.statusReason)?.kind;
  if (reason === 'red-flag-reported') return 'see-clinician';
  if (reason === 'clinic-paused') return 'clinic-paused';
  return undefined;
}

/**
 * How a plan stood when its patient opted out, kept on the patient (`optedOutBefore`) so START
 * puts it back the same way: "active", or "paused:<reason>".
 */
export function stateBeforeOptOut(plan: {
  status: PlanStatus;
  statusReason?: string | undefined;
}): string | undefined {
  if (plan.status === 'active') return 'active';
  if (plan.status === 'paused')
    return plan.statusReason ? `paused:${plan.statusReason}` : 'paused:patient-paused';
  return undefined;
}
