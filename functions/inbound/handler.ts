import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import { erasureConfirmable, parseInbound, type InboundCommand } from '../../shared/domain/inbound.ts';
import { hashPhone, maskPhone } from '../../shared/domain/privacy.ts';
import { inboundSelfTestMarker, type InboundSelfTestMarker } from '../../shared/domain/self-test.ts';
import { destinationAllowed, sessionAt } from '../../shared/domain/reminders.ts';
import { RULE } from '../../shared/domain/rules.ts';
import * as z from '../../shared/domain/zod.ts';
import { METRIC } from '../../shared/metrics.ts';
import {
  doneText,
  erasedText,
  erasePromptText,
  helpText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seekCareText,
} from '../../shared/domain/texts.ts';
import {
  RecipientUnreachableError,
  noMetrics,
  silentLog,
  StateConflictError,
  systemClock,
  type Clock,
  type Log,
  type Metrics,
  type Notifier,
  type PatientEventStore,
  type PlanRecord,
  type PlanRepository,
  type PlanStatus,
  type SelfTestRecorder,
} from '../../shared/ports.ts';

export interface InboundDeps {
  repo: Pick<PlanRepository, 'getPatient' | 'getPlan' | 'setPlanStatus' | 'erasePatient'>;
  events: PatientEventStore;
  notifier: Notifier;
  /** HMAC key of phone hashes (the same as intake's). */
  hashKey: string;
  /** `allowedCountries`: patients of another country get no answer (absent: all allowed). */
  config: Pick<RuntimeConfig, 'appName' | 'formUrl' | 'retentionDays'> &
    Partial<Pick<RuntimeConfig, 'allowedCountries'>>;
  clock?: Clock;
  log?: Log;
  metrics?: Metrics;
  /**
   * The number answers HELP itself (End User Messaging's mandatory keyword, on every dedicated
   * number): HELP then gets no second answer from here. Other unknown words still get the help text.
   * @default false (the local stack: nothing else answers)
   */
  helpAnsweredByChannel?: boolean;
  /** Where the operator's self-test messages are recorded (`npm run ops:selftest`). @default none: dropped */
  selfTests?: SelfTestRecorder;
}

/** One inbound text, whatever carried it. */
export interface InboundSms {
  /** The patient's number, E.164. */
  from: string;
  body: string;
  /** Identifies the text: a repeat of it carries the same id. */
  messageId: string;
  /** When it arrived (ISO): the time of what it records; the same for a repeat. */
  receivedAt: string;
}

export type InboundResult = {
  command: InboundCommand['kind'] | 'unknown-sender';
  /** Whether this delivery sent an answer (a repeat of an answered message does not). */
  replied: boolean;
};

/** The JSON AWS End User Messaging SMS publishes to the two-way SNS topic. */
const twoWayPayload = z.object({
  originationNumber: z.string().check(z.minLength(1), z.maxLength(32)),
  destinationNumber: z.optional(z.string().check(z.maxLength(32))),
  messageBody: z.string().check(z.maxLength(2000)),
  inboundMessageId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  messageKeyword: z.optional(z.string()),
  previousPublishedMessageId: z.optional(z.string()),
});

/** The text inside an SNS record, or undefined when it is not a two-way SMS payload. */
export function inboundFromSns(record: SNSEventRecord): InboundSms | undefined {
  let json: unknown;
  try {
    json = JSON.parse(record.Sns.Message);
  } catch {
    return undefined;
  }
  const parsed = twoWayPayload.safeParse(json);
  // SNS always stamps its records; one without a valid time did not come from SNS.
  if (!parsed.success || Number.isNaN(Date.parse(record.Sns.Timestamp))) return undefined;
  return {
    from: parsed.data.originationNumber,
    body: parsed.data.messageBody,
    messageId: parsed.data.inboundMessageId ?? record.Sns.MessageId,
    receivedAt: new Date(record.Sns.Timestamp).toISOString(),
  };
}

/**
 * The operator's self-test marker of an SNS record (shared/domain/self-test.ts says why no text can
 * carry it); undefined for every text.
 */
export function selfTestFromSns(record: SNSEventRecord): InboundSelfTestMarker | undefined {
  try {
    return inboundSelfTestMarker(JSON.parse(record.Sns.Message));
  } catch {
    return undefined;
  }
}

const RUNNING: readonly PlanStatus[] = ['active', 'paused'];

/**
 * Two-way SMS: what a patient's reply does and what is answered. Each effect is idempotent on its
 * own (a status move from a given status, an event under a key made from the message), and the
 * answer is claimed per message before it is sent, so a repeat of the message never answers twice.
 */
export function createInboundProcessor(deps: InboundDeps) {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;
  const { appName, formUrl, retentionDays } = deps.config;
  const allowed = (country: string) => destinationAllowed(country, deps.config.allowedCountries);

  async function move(plan: PlanRecord, from: PlanStatus[], to: PlanStatus, reason?: string): Promise<void> {
    try {
      await deps.repo.setPlanStatus(plan.planId, from, to, clock.now(), reason);
    } catch (error) {
      // Already there (a repeat), or changed meanwhile: the patient's latest word still stands.
      if (!(error instanceof StateConflictError)) throw error;
    }
  }

  /**
   * Keyed by the text's arrival instant and the event type, so a repeat of the text lands on the
   * same item (two different texts would have to arrive in the same millisecond to collide).
   */
  async function record(plan: PlanRecord | undefined, sms: InboundSms, type: 'done' | 'pain', pain?: number) {
    if (!plan || plan.status === 'pending_verification') return false;
    const at = new Date(sms.receivedAt);
    await deps.events.recordPlanEvent({
      planId: plan.planId,
      phoneHash: plan.phoneHash,
      type,
      at: sms.receivedAt,
      ...sessionAt(plan.plan, at),
      ...(pain !== undefined ? { pain } : {}),
      inboundMessageId: sms.messageId,
      expiresAt: retainedUntil(plan, retentionDays),
    });
    return true;
  }

  /** Does what the command says; returns the answer, or undefined for none. */
  async function act(
    command: InboundCommand,
    plan: PlanRecord | undefined,
    sms: InboundSms,
    phoneHash: string,
  ) {
    const running = plan && RUNNING.includes(plan.status);
    switch (command.kind) {
      case 'opt-out':
      case 'erase-confirm':
        return undefined; // handled before; AWS sends the opt-out confirmation
      case 'erase':
        await deps.events.requestErasure(phoneHash, clock.now());
        return erasePromptText(appName);
      case 'help':
        return deps.helpAnsweredByChannel ? undefined : helpText(appName);
      case 'unknown':
        return helpText(appName);
      case 'done':
        return (await record(plan, sms, 'done')) ? doneText(appName) : noActivePlanText(appName, formUrl);
      case 'pain': {
        if (!(await record(plan, sms, 'pain', command.score))) return noActivePlanText(appName, formUrl);
        if (command.score < RULE.seekCarePain) return painLoggedText(appName, command.score);
        // The rule gives no plan at 8 or more: stop prompting exercise until the patient says so.
        if (running) await move(plan, ['active'], 'paused', 'pain-reported');
        return seekCareText(appName);
      }
      case 'pause':
        if (!running) return noActivePlanText(appName, formUrl);
        await move(plan, ['active'], 'paused', 'patient-paused');
        return pausedText(appName);
      case 'resume':
        if (!running || Date.parse(plan.plan.endsAt) <= clock.now().getTime()) {
          return noActivePlanText(appName, formUrl);
        }
        await move(plan, ['paused'], 'active');
        return resumedText(appName);
    }
  }

  /**
   * DELETE YES after a recent DELETE: the patient's last text, then every item of the patient goes
   * (PlanRepository.erasePatient; the stream's REMOVE records make schedule-sync delete the
   * schedules). The answer is claimed first, on a marker not linked to the patient, so a repeat of
   * the message after a crash finishes the erasure without a second text; the erasure repeats
   * safely (the profile goes last); a repeat after it finds an unknown number and does nothing.
   */
  async function erase(sms: InboundSms, phoneHash: string, country: string): Promise<InboundResult> {
    const fields = { messageId: sms.messageId };
    let replied = false;
    if (allowed(country) && (await deps.events.claimReply(sms.messageId, undefined, clock.now()))) {
      try {
        await deps.notifier.send({ channel: 'sms', to: sms.from, body: erasedText(appName), kind: 'reply' });
        replied = true;
      } catch (error) {
        if (!(error instanceof RecipientUnreachableError)) {
          await deps.events.releaseReply(sms.messageId);
          throw error;
        }
        log.warn('erasure confirmation not deliverable; erasing anyway', { ...fields, reason: error.reason });
      }
    }
    const { deletedItems, planIds } = await deps.repo.erasePatient(phoneHash);
    log.info('patient erased on request', { ...fields, deletedItems, plans: planIds.length });
    return { command: 'erase-confirm', replied };
  }

  async function handle(sms: InboundSms): Promise<InboundResult> {
    const phoneHash = hashPhone(sms.from, deps.hashKey);
    const patient = await deps.repo.getPatient(phoneHash);
    const fields = { phone: maskPhone(sms.from), messageId: sms.messageId };
    if (!patient) {
      log.info('text from an unknown number: ignored', fields);
      return { command: 'unknown-sender', replied: false };
    }
    let command = parseInbound(sms.body);
    const plan = patient.currentPlanId ? await deps.repo.getPlan(patient.currentPlanId) : undefined;
    log.info('inbound text', { ...fields, command: command.kind, planId: plan?.planId });

    if (command.kind === 'opt-out') {
      await deps.events.optOut(phoneHash, plan?.planId, clock.now());
      // Patients who opted out: a repeat of the text (SNS redelivers) or a second STOP is not another.
      if (!patient.optedOut) (deps.metrics ?? noMetrics).count(METRIC.optOuts);
      return { command: command.kind, replied: false };
    }
    if (command.kind === 'erase-confirm') {
      if (erasureConfirmable(patient.erasureRequestedAt, clock.now()))
        return erase(sms, phoneHash, patient.country);
      // No recent DELETE: this counts as the request, and needs its own confirmation.
      command = { kind: 'erase' };
    }
    const answer = await act(command, plan, sms, phoneHash);
    if (answer && !allowed(patient.country)) {
      log.warn('no answer: the country of the patient is no longer allowed', {
        ...fields,
        country: patient.country,
      });
      return { command: command.kind, replied: false };
    }
    if (!answer || !(await deps.events.claimReply(sms.messageId, phoneHash, clock.now()))) {
      return { command: command.kind, replied: false };
    }
    try {
      await deps.notifier.send({ channel: 'sms', to: sms.from, body: answer, kind: 'reply' });
    } catch (error) {
      if (error instanceof RecipientUnreachableError) {
        log.warn('answer not deliverable', { ...fields, reason: error.reason });
        return { command: command.kind, replied: false };
      }
      // Let the redelivery answer instead.
      await deps.events.releaseReply(sms.messageId);
      throw error;
    }
    return { command: command.kind, replied: true };
  }

  return { handle };
}

/** SNS (two-way SMS topic) → inbound. Throws on a transient failure so Lambda's async retry repeats it. */
export function createInboundHandler(deps: InboundDeps) {
  const processor = createInboundProcessor(deps);
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;
  /** Recorded where the self-test looks; never read as a text, never answered. */
  async function selfTest(marker: InboundSelfTestMarker, snsMessageId: string): Promise<void> {
    if (!marker.valid || !deps.selfTests) {
      log.error('self-test message not recorded: dropped', { snsMessageId, validNonce: marker.valid });
      return;
    }
    const recorded = await deps.selfTests.recordSelfTest('inbound', marker.nonce, clock.now());
    log.info('self-test message recorded; nothing answered', { nonce: marker.nonce, recorded });
  }
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      const marker = selfTestFromSns(record);
      if (marker) {
        await selfTest(marker, record.Sns.MessageId);
        continue;
      }
      const sms = inboundFromSns(record);
      if (!sms) {
        log.warn('not a two-way SMS payload: ignored', { snsMessageId: record.Sns.MessageId });
        continue;
      }
      await processor.handle(sms);
    }
  };
}
