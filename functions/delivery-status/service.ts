/**
 * The delivery-status use case: one SNS SMS delivery status line in, the outcome written on the
 * delivery record of the reminder it was (the clinic view shows it), counted, and a number that
 * turns out to be opted out treated as the sender treats it. Repeats write the same; nothing is
 * ever sent from here.
 */
import { noMetrics, silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import { isSimulatorDestination, selfTestNonceSchema } from '../../shared/domain/ops/self-test.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { hashPhone } from '../../shared/domain/security/privacy.ts';
import {
  outcomeRecord,
  type SmsDeliveryOutcome,
  type SmsDeliveryStatus,
} from '../../shared/domain/messaging/sms-delivery.ts';
import { METRIC, type MetricName } from '../../shared/metrics.ts';
import type {
  Clock,
  DeliveryOutcomeStore,
  Log,
  Metrics,
  OutcomeRecorded,
  PlanRepository,
  ReminderLedger,
  SelfTestRecorder,
} from '../../shared/ports.ts';
import { namedError } from '../../shared/domain/named-error.ts';

export interface DeliveryStatusDeps {
  patients: Pick<PlanRepository, 'getPatient'>;
  deliveries: DeliveryOutcomeStore & Pick<ReminderLedger, 'changeStatus' | 'markOptedOut'>;
  /** The HMAC key of phone hashes: the status line names the number, the table only its hash. */
  hashKey: string;
  /**
   * Records the status line of a text to an AWS simulator destination (`npm run ops:selftest` sends
   * one) under the text's message id, where the self-test looks for it. @default none: such lines
   * are counted only, like any line without a patient
   */
  selfTests?: SelfTestRecorder;
  clock?: Clock;
  log?: Log;
  metrics?: Metrics;
}

const COUNTED: Record<SmsDeliveryOutcome, MetricName> = {
  delivered: METRIC.textsDelivered,
  failed: METRIC.textsUndelivered,
  blocked: METRIC.textsBlocked,
  'opted-out': METRIC.textsUndelivered,
};

/** The status line arrived before the sender settled its claim: Lambda's retry reads it again. */
export class OutcomePendingError extends namedError('OutcomePendingError') {}

export type DeliveryStatusResult = {
  outcome: SmsDeliveryOutcome;
  recorded: OutcomeRecorded | 'no-plan' | 'self-test';
};

export function createDeliveryStatusRecorder(deps: DeliveryStatusDeps) {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;
  const metrics = deps.metrics ?? noMetrics;

  return async function record(status: SmsDeliveryStatus): Promise<DeliveryStatusResult> {
    const now = clock.now();
    const outcome = outcomeRecord(status, now);
    const messageId = status.notification.messageId;
    // A simulator destination is nobody's phone: only the self-test texts it. Its line proves the
    // whole path (SNS → status log → this function → table) and touches no patient.
    const selfTestId = selfTestNonceSchema.safeParse(messageId);
    if (deps.selfTests && isSimulatorDestination(status.delivery.destination) && selfTestId.success) {
      await deps.selfTests.recordSelfTest('delivery-status', selfTestId.data, now, outcome.outcome);
      log.info('self-test text delivery status', { messageId, outcome: outcome.outcome });
      return { outcome: outcome.outcome, recorded: 'self-test' };
    }
    const patient = await deps.patients.getPatient(hashPhone(status.delivery.destination, deps.hashKey));
    const planId = patient?.currentPlanId;
    const recorded = planId
      ? await deps.deliveries.recordOutcome(planId, messageId, outcome, now)
      : 'no-plan';
    if (recorded === 'pending')
      throw new OutcomePendingError(`text ${messageId}: its claim is not settled yet`);
    // Counted once a line is final here (a 'pending' line is counted when its retry records it).
    metrics.count(COUNTED[outcome.outcome]);
    if (outcome.outcome === 'opted-out' && patient) {
      // The carrier's list says what the patient's STOP did not reach us to say: no more texts.
      await deps.deliveries.markOptedOut(patient.phoneHash, now);
      if (planId)
        await deps.deliveries.changeStatus(
          planId,
          transition({ kind: 'unreachable', cause: 'opted-out' }),
          now,
        );
    }
    // The number itself is never logged; the plan and the carrier's words are enough to act on.
    log.info('text delivery status', {
      messageId,
      planId,
      outcome: outcome.outcome,
      recorded,
      providerResponse: outcome.providerResponse,
    });
    return { outcome: outcome.outcome, recorded };
  };
}
