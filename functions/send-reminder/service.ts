/**
 * The reminder-sending use case: one queue message in, at most one text out, and what follows from
 * it (a skip recorded, the last day's text with the plan page's link, the plan completed, an unreachable
 * patient's plan stopped). The SQS handler (handler.ts) only adapts events to it.
 */
import { randomUUID } from 'node:crypto';
import type { RuntimeConfig } from '../../shared/config.ts';
import {
  deliveryKey,
  destinationAllowed,
  inSendingHours,
  isLastDay,
  isLate,
  leavesAt,
  REASSESSMENT_KEY,
  reminderMessageSchema,
  sendWindowSkip,
  statusSkipReason,
  type SkipReason,
} from '../../shared/domain/scheduling/reminders.ts';
import { selfTestQueueMessageSchema } from '../../shared/domain/ops/self-test.ts';
import { textsFor } from '../../shared/domain/messaging/text-catalog.ts';
import { pageToken, planPageUrl } from '../../shared/domain/plan/page.ts';
import {
  parseReason,
  RUNNING_STATUSES,
  transition,
  type UnreachableCause,
} from '../../shared/domain/plan/lifecycle.ts';
import { RetryLaterError } from './errors.ts';
import { silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  type DeliveryEntry,
  type MessageKind,
  type OutboundMessage,
  type PlanRecord,
  type PlanWithDeliveries,
  type ReminderMessage,
} from '../../shared/domain/model.ts';
import {
  type Clock,
  type Log,
  type Metrics,
  type Notifier,
  type ReminderLedger,
  type SelfTestRecorder,
} from '../../shared/ports.ts';

export interface SendReminderDeps {
  ledger: ReminderLedger;
  notifier: Notifier;
  /** `allowedCountries`: texts to a patient of another country are skipped (absent: all allowed). */
  config: Pick<RuntimeConfig, 'appName' | 'lateAfterMinutes' | 'formUrl'> &
    Partial<Pick<RuntimeConfig, 'allowedCountries'>>;
  clock?: Clock;
  log?: Log;
  metrics?: Metrics;
  /** A fresh claim token per claim. @default randomUUID */
  newToken?: () => string;
  /**
   * How long a claim is held when there is no Lambda context to ask for the invocation's deadline
   * (the local stack, tests). @default 60000
   */
  defaultLeaseMs?: number;
  /**
   * Waits before each send, if the deployment wants pacing inside the function (production paces
   * texts to the SMS rate: functions/wiring/pacer.ts). @default none
   */
  pace?: (message: OutboundMessage) => Promise<void>;
  /** Where the operator's self-test messages are recorded (`npm run ops:selftest`). @default none: dropped */
  selfTests?: SelfTestRecorder;
  /**
   * The HMAC key the plan page's token is made with (plan-page.ts `pageToken`), so each reminder
   * carries the patient's link on `formUrl`'s origin. Absent (or no formUrl): no link, and the
   * text lists the movements instead.
   */
  hashKey?: string;
}

/**
 * A claim is held until the invocation's deadline plus this margin (clock skew between Lambda
 * and DynamoDB's view of "now" is the sender's own clock, so a few seconds are plenty).
 */
export const LEASE_MARGIN_MS = 10_000;

/**
 * A reminder whose scheduled time is further ahead of the sender's clock than this is not a
 * firing (a clock a few minutes behind is tolerated: see leavesAt).
 */
export const EARLY_LIMIT_MS = 15 * 60_000;

export type ReminderResult =
  | { result: 'sent'; messageId: string }
  | { result: 'skipped'; reason: SkipReason }
  | { result: 'duplicate' }
  | { result: 'failed'; reason: RecipientUnreachableError['reason'] }
  | { result: 'dropped'; reason: 'invalid-message' | 'plan-missing' | 'not-yet-due' }
  /** The operator's self-test: recorded (false: a repeat, nothing written), never sent. */
  | { result: 'self-test'; recorded: boolean };

const UNREACHABLE = new Set<string>([
  'opted-out',
  'invalid-endpoint',
  'disabled-endpoint',
] satisfies UnreachableCause[]);

function isFinal(entry: DeliveryEntry | undefined): boolean {
  return entry !== undefined && entry.state !== 'sending';
}

/**
 * The reminder sender: one queue message in, at most one text out. See docs/PATIENTS.md, "Reminders and
 * replies", for the claim, the lease and what each failure does.
 */
export function createReminderSender(deps: SendReminderDeps) {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;
  const newToken = deps.newToken ?? randomUUID;
  const { appName, lateAfterMinutes, formUrl } = deps.config;

  /** The channel can never reach the patient: the plan stops, and an opted-out patient is marked. */
  async function stopUnreachable(plan: PlanRecord, cause: UnreachableCause, at: Date): Promise<void> {
    await deps.ledger.changeStatus(plan.planId, transition({ kind: 'unreachable', cause }), at);
    if (cause === 'opted-out') await deps.ledger.markOptedOut(plan.phoneHash, at);
  }

  /** The patient's plan page, when the plan has one and this sender can make its link. */
  function planLink(plan: PlanRecord): string | undefined {
    if (!plan.pageNonce || !deps.hashKey || !formUrl) return undefined;
    return planPageUrl(formUrl, pageToken(plan.planId, plan.pageNonce, deps.hashKey));
  }

  function outbound(plan: PlanRecord, kind: MessageKind, body: string, pushBody?: string): OutboundMessage {
    if (plan.channel === 'sms') return { channel: 'sms', to: plan.phone, body, kind };
    if (plan.pushSubscription) {
      const link = planLink(plan);
      return {
        channel: 'push',
        subscription: plan.pushSubscription,
        title: appName,
        body: pushBody ?? body,
        kind,
        ...(link ? { url: new URL(link).pathname } : {}),
      };
    }
    throw new RecipientUnreachableError('the plan has no push endpoint', 'invalid-endpoint');
  }

  /** Sends under a claim we hold and records the outcome. Throws RetryLaterError when nothing went out. */
  async function sendClaimed(
    plan: PlanRecord,
    key: string,
    token: string,
    kind: MessageKind,
    body: string,
    pushBody?: string,
  ): Promise<ReminderResult> {
    const fields = { planId: plan.planId, key, kind };
    let messageId: string;
    try {
      const message = outbound(plan, kind, body, pushBody);
      await deps.pace?.(message);
      ({ messageId } = await deps.notifier.send(message));
    } catch (error) {
      const at = clock.now();
      if (error instanceof RecipientUnreachableError) {
        await deps.ledger.settle({
          planId: plan.planId,
          key,
          token,
          entry: { state: 'failed', reason: error.reason, at: at.toISOString() },
        });
        await stopUnreachable(plan, error.reason, at);
        log.warn('recipient unreachable: plan stopped, not retried', { ...fields, reason: error.reason });
        return { result: 'failed', reason: error.reason };
      }
      // Nothing went out: give the claim back so the redelivery can take it at once.
      await deps.ledger.release({ planId: plan.planId, key, token }).catch((releaseError: unknown) =>
        log.warn('could not release a claim; it lapses with its lease', {
          ...fields,
          error: String(releaseError),
        }),
      );
      const throttled = error instanceof NotifierThrottledError;
      log.warn(throttled ? 'send throttled: retry later' : 'send failed: retry later', {
        ...fields,
        error: error instanceof Error ? error.name : String(error),
      });
      throw new RetryLaterError(throttled ? 'throttled' : 'send-error', { cause: error });
    }
    // The text is out. From here on nothing may make this message come back, or it would go twice.
    try {
      const entry: DeliveryEntry = { state: 'sent', messageId, at: clock.now().toISOString() };
      const mine = await deps.ledger.settle({ planId: plan.planId, key, token, entry });
      if (!mine) log.warn('sent, but the claim had been taken over meanwhile', fields);
    } catch (error) {
      log.error('sent, but the outcome could not be recorded', { ...fields, error: String(error) });
    }
    log.info('sent', { ...fields, messageId });
    return { result: 'sent', messageId };
  }

  /**
   * The plan's last day: the re-assessment text goes once, after the first reminder that actually
   * went out that day; the last session of the day (whatever became of it) completes the plan.
   */
  async function lastDay(
    found: PlanWithDeliveries,
    message: ReminderMessage,
    scheduled: Date,
    slotState: DeliveryEntry['state'] | undefined,
    leaseMs: number,
  ): Promise<void> {
    const { plan, deliveries } = found;
    if (!isLastDay(plan.plan, scheduled) || plan.status !== 'active') return;
    const now = clock.now();
    if (
      slotState === 'sent' &&
      !isFinal(deliveries[REASSESSMENT_KEY]) &&
      inSendingHours(leavesAt(scheduled, now), plan.plan.timeZone)
    ) {
      if (!formUrl) {
        log.warn('no formUrl configured: the re-assessment text is not sent', { planId: plan.planId });
      } else {
        const token = newToken();
        const claim = await deps.ledger.claim(plan.planId, REASSESSMENT_KEY, {
          token,
          at: now,
          leaseUntil: new Date(now.getTime() + leaseMs),
        });
        if (claim.outcome === 'lease-held') throw new RetryLaterError('in-flight');
        if (claim.outcome === 'claimed') {
          // The plan page's link where there is one: its progress, and after today its summary
          // with the next step; the form's own link otherwise.
          const link = planLink(claim.plan);
          await sendClaimed(
            claim.plan,
            REASSESSMENT_KEY,
            token,
            'reassessment',
            link
              ? textsFor(claim.plan.language).planEndText(appName, link)
              : textsFor(claim.plan.language).reassessmentText(appName, formUrl),
          );
        }
      }
    }
    if (message.slot === plan.plan.sessionsPerDay && slotState !== undefined && slotState !== 'sending') {
      if (await deps.ledger.changeStatus(plan.planId, transition({ kind: 'complete' }), clock.now())) {
        log.info('plan completed', { planId: plan.planId });
      }
    }
  }

  /**
   * A reminder recorded `failed` because the recipient is unreachable stops its plan. If stopping
   * it failed (the message then came back), the repeat does it: the plan must not stay active.
   */
  async function finishMarking(plan: PlanRecord, entry: DeliveryEntry, now: Date): Promise<void> {
    const reason = entry.reason as UnreachableCause | undefined;
    if (entry.state !== 'failed' || !reason || !UNREACHABLE.has(reason)) return;
    if (!RUNNING_STATUSES.includes(plan.status)) return;
    await stopUnreachable(plan, reason, now);
    log.warn('recipient unreachable: plan stopped on a repeat', { planId: plan.planId, reason });
  }

  /** The operator's self-test message: recorded where the self-test looks, and nothing else. */
  async function selfTest(nonce: string): Promise<ReminderResult> {
    if (!deps.selfTests) {
      log.error('self-test message, but this sender records none: dropped', { nonce });
      return { result: 'dropped', reason: 'invalid-message' };
    }
    const recorded = await deps.selfTests.recordSelfTest('sender', nonce, clock.now());
    log.info('self-test message recorded; nothing sent', { nonce, recorded });
    return { result: 'self-test', recorded };
  }

  async function deliver(raw: unknown, leaseMs: number): Promise<ReminderResult> {
    // Before anything that could lead to a plan: a self-test message has none, and sends nothing.
    const marked = selfTestQueueMessageSchema.safeParse(raw);
    if (marked.success) return selfTest(marked.data.nonce);
    const parsed = reminderMessageSchema.safeParse(raw);
    if (!parsed.success) {
      log.error('not a reminder message: dropped', {
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return { result: 'dropped', reason: 'invalid-message' };
    }
    const message = parsed.data;
    const { planId, slot } = message;
    const scheduled = new Date(message.scheduledTime);
    const key = deliveryKey(scheduled);
    const now = clock.now();
    const fields = { planId, slot, key };

    const skip = async (reason: SkipReason): Promise<ReminderResult> => {
      const done = await deps.ledger.recordSkip(planId, key, {
        state: 'skipped',
        reason,
        slot,
        at: now.toISOString(),
      });
      if (!done) return { result: 'dropped', reason: 'plan-missing' };
      await lastDay(done, message, scheduled, done.deliveries[key]?.state, leaseMs);
      if (!done.recorded) return { result: 'duplicate' };
      log.info('skipped', { ...fields, reason });
      return { result: 'skipped', reason };
    };

    if (isLate(scheduled, now, lateAfterMinutes)) return skip('late');
    if (scheduled.getTime() - now.getTime() > EARLY_LIMIT_MS) {
      // Scheduler never fires early: this was not made by a schedule. Writing its record would
      // leave a key that pruning never reaches (it only drops the past).
      log.error('reminder scheduled in the future: dropped', fields);
      return { result: 'dropped', reason: 'not-yet-due' };
    }

    const token = newToken();
    const claim = await deps.ledger.claim(planId, key, {
      token,
      at: now,
      leaseUntil: new Date(now.getTime() + leaseMs),
      slot,
    });
    switch (claim.outcome) {
      case 'plan-missing':
        log.warn('no such plan: dropped', fields);
        return { result: 'dropped', reason: 'plan-missing' };
      case 'lease-held':
        // Another delivery holds it now. If that one dies, this one takes over after the lease.
        throw new RetryLaterError('in-flight');
      case 'already-done':
        await finishMarking(claim.plan, claim.entry, now);
        await lastDay(claim, message, scheduled, claim.entry.state, leaseMs);
        return { result: 'duplicate' };
      case 'not-active':
        return skip(statusSkipReason(claim.plan.status, parseReason(claim.plan.statusReason)));
    }

    const { plan } = claim;
    const windowSkip = destinationAllowed(plan.country, deps.config.allowedCountries)
      ? sendWindowSkip(plan.plan, scheduled, now)
      : 'country-not-allowed';
    if (windowSkip) {
      await deps.ledger.settle({
        planId,
        key,
        token,
        entry: { state: 'skipped', reason: windowSkip, slot, at: now.toISOString() },
      });
      log.info('skipped', { ...fields, reason: windowSkip });
      await lastDay(claim, message, scheduled, 'skipped', leaseMs);
      return { result: 'skipped', reason: windowSkip };
    }
    const session = {
      movements: plan.plan.movements,
      session: slot,
      sessionsPerDay: plan.plan.sessionsPerDay,
    };
    const link = planLink(plan);
    const texts = textsFor(plan.language);
    const body = texts.reminderText({ appName, ...session, ...(link ? { link } : {}) });
    const result = await sendClaimed(plan, key, token, 'reminder', body, texts.pushReminderText(session));
    await lastDay(claim, message, scheduled, result.result === 'sent' ? 'sent' : 'failed', leaseMs);
    return result;
  }

  return { deliver };
}
