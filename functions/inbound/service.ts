/**
 * The inbound-reply use case: what a patient's text does (STOP, HELP, DONE, PAIN, PAUSE, RESUME,
 * DELETE) and what is answered. The SNS handler (handler.ts) only turns records into texts.
 */
import { retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { limitsSchema, type RuntimeConfig } from '../../shared/config.ts';
import { inboundRateRules } from '../../shared/domain/security/rate-limit.ts';
import {
  erasureConfirmable,
  keywordMatchedByChannel,
  optOutConfirmedByChannel,
  parseInbound,
  type InboundCommand,
} from '../../shared/domain/messaging/replies.ts';
import {
  erasureCode,
  hashErasureCode,
  hashPhone,
  maskPhone,
  sameHash,
} from '../../shared/domain/security/privacy.ts';
import type { InboundSelfTestMarker } from '../../shared/domain/ops/self-test.ts';
import {
  painPause,
  parseReason,
  RUNNING_STATUSES,
  transition,
  type LifecycleEvent,
} from '../../shared/domain/plan/lifecycle.ts';
import { destinationAllowed, sessionAt } from '../../shared/domain/scheduling/reminders.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { logsSessions, sessionEvent } from '../../shared/domain/plan/session-log.ts';
import { METRIC } from '../../shared/metrics.ts';
import {
  clinicPausedText,
  doneText,
  erasedText,
  erasePromptText,
  erasureRefusedText,
  helpPageUrl,
  helpText,
  messageKeptText,
  seeClinicianFirstText,
  urgentCareText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seekCareText,
  stopText,
} from '../../shared/domain/messaging/texts.ts';
import { noMetrics, silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import {
  RecipientUnreachableError,
  type OutboundMessage,
  type PatientRecord,
  type PlanEvent,
  type PlanRecord,
} from '../../shared/domain/model.ts';
import {
  type Clock,
  type Log,
  type Metrics,
  type Notifier,
  type PatientEventStore,
  type PlanRepository,
  type RateLimiter,
  type SelfTestRecorder,
} from '../../shared/ports.ts';

/** The longest stretch of a patient's own words kept for the clinic. */
export const MAX_KEPT_TEXT = 320;

export interface InboundDeps {
  repo: Pick<PlanRepository, 'getPatient' | 'getPlan' | 'changeStatus' | 'erasePatient'>;
  events: PatientEventStore;
  notifier: Notifier;
  /** Counters of answers and erasure-code tries per number (the table's, like intake's). */
  limiter: RateLimiter;
  /** HMAC key of phone hashes (the same as intake's). */
  hashKey: string;
  /**
   * `allowedCountries`: patients of another country get no answer (absent: all allowed); `limits`:
   * the runtime config's (absent: the defaults).
   */
  config: Pick<RuntimeConfig, 'appName' | 'formUrl' | 'retentionDays'> &
    Partial<Pick<RuntimeConfig, 'allowedCountries' | 'limits' | 'clinicContact'>>;
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
  /** The keyword End User Messaging matched itself (it then answered, e.g. HELP), if any. */
  keyword?: string;
  /** Our number the patient texted (a pool has several): the answer goes from it. */
  to?: string;
}

export type InboundResult = {
  command: InboundCommand['kind'] | 'unknown-sender';
  /** Whether this delivery sent an answer (a repeat of an answered message does not). */
  replied: boolean;
};

/**
 * Two-way SMS: what a patient's reply does and what is answered. Each effect is idempotent on its
 * own (a status move from a given status, an event under a key made from the message), and the
 * answer is claimed per message before it is sent, so a repeat of the message never answers twice.
 */
/** An answer to a patient's text: to their number, from the number of ours they texted. */
function answerTo(sms: InboundSms, body: string): OutboundMessage {
  return { channel: 'sms', to: sms.from, ...(sms.to ? { from: sms.to } : {}), body, kind: 'reply' };
}

export function createInboundProcessor(deps: InboundDeps) {
  const log = deps.log ?? silentLog;
  const clock = deps.clock ?? systemClock;
  const { appName, formUrl, retentionDays } = deps.config;
  const allowed = (country: string) => destinationAllowed(country, deps.config.allowedCountries);
  const rules = inboundRateRules(deps.config.limits ?? limitsSchema.parse({}));

  /** The patient's word moves the plan; a repeat, or a plan that moved meanwhile, changes nothing. */
  const move = (plan: PlanRecord, event: LifecycleEvent) =>
    deps.repo.changeStatus(plan.planId, transition(event), clock.now());

  /**
   * Keyed by the text's arrival instant and the event type, so a repeat of the text lands on the
   * same item (two different texts would have to arrive in the same millisecond to collide).
   */
  async function record(
    plan: PlanRecord | undefined,
    sms: InboundSms,
    type: PlanEvent['type'],
    pain?: number,
  ): Promise<boolean> {
    if (!plan || !logsSessions(plan)) return false;
    await deps.events.recordPlanEvent({
      ...sessionEvent(plan, {
        type,
        at: sms.receivedAt,
        session: sessionAt(plan.plan, new Date(sms.receivedAt)),
        source: sms.messageId,
        ...(pain !== undefined ? { pain } : {}),
        expiresAt: retainedUntil(plan, retentionDays),
      }),
      // The clinic reads what it was told in the patient's own words (never logged).
      ...(type === 'message' || type === 'alert' ? { text: sms.body.slice(0, MAX_KEPT_TEXT) } : {}),
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
    const running = plan && RUNNING_STATUSES.includes(plan.status);
    switch (command.kind) {
      case 'opt-out':
        // Recorded before; AWS confirms the keyword it matched, a variant it did not is confirmed here.
        return optOutConfirmedByChannel(sms.body, sms.keyword) ? undefined : stopText(appName);
      case 'erase-confirm':
        return erasureRefusedText(appName); // a right code in time was handled before
      case 'erase': {
        // The code comes from the message id: a repeat of this DELETE stores and sends the same one.
        const code = erasureCode(sms.messageId, deps.hashKey);
        await deps.events.requestErasure(
          phoneHash,
          clock.now(),
          hashErasureCode(phoneHash, code, deps.hashKey),
        );
        return erasePromptText(appName, code);
      }
      case 'help':
        // The number answers its keyword when it is the whole text (or when it says it matched it);
        // "help me" or "Help." it does not match, so those are answered from here.
        return deps.helpAnsweredByChannel && keywordMatchedByChannel(['HELP'], sms.body, sms.keyword)
          ? undefined
          : helpText(appName, deps.config.clinicContact, formUrl ? helpPageUrl(formUrl) : undefined);
      case 'reaction':
        return undefined; // a tap on one of our texts: nothing to do
      case 'red-flag': {
        // Safety first: the urgent advice, reminders paused, and the clinic sees the words.
        const kept = await record(plan, sms, 'alert');
        if (running) await move(plan, { kind: 'red-flag-reported' });
        log.warn('words that may mean a red flag: urgent advice sent', { planId: plan?.planId, kept });
        return urgentCareText(appName, Boolean(running));
      }
      case 'unknown': {
        await record(plan, sms, 'message');
        // One short answer every few hours at most: the help text each time would be a flood.
        const answer = await deps.limiter.hit(rules.unknownAnswer, phoneHash, clock.now());
        return answer.allowed ? messageKeptText(appName) : undefined;
      }
      case 'done':
        return (await record(plan, sms, 'done')) ? doneText(appName) : noActivePlanText(appName, formUrl);
      case 'pain': {
        if (!(await record(plan, sms, 'pain', command.score))) return noActivePlanText(appName, formUrl);
        if (command.score < RULE.seekCarePain) return painLoggedText(appName, command.score);
        // The rule gives no plan at 8 or more: stop prompting exercise until the patient says so
        // (the plan page's check-in does the same, through the same rule).
        const pause = plan && painPause(command.score, plan);
        if (pause) await deps.repo.changeStatus(plan.planId, pause, clock.now());
        return seekCareText(appName);
      }
      case 'pause':
        if (!running) return noActivePlanText(appName, formUrl);
        await move(plan, { kind: 'patient-paused' });
        return pausedText(appName);
      case 'resume':
        if (!running || Date.parse(plan.plan.endsAt) <= clock.now().getTime()) {
          return noActivePlanText(appName, formUrl);
        }
        // Words that may mean a red flag paused it: a clinician first, then a new assessment.
        if (parseReason(plan.statusReason)?.kind === 'red-flag-reported')
          return seeClinicianFirstText(appName, formUrl);
        // Paused by the clinic in the console: the clinic restarts it.
        if (parseReason(plan.statusReason)?.kind === 'clinic-paused')
          return clinicPausedText(appName, deps.config.clinicContact);
        await move(plan, { kind: 'resume' });
        return resumedText(appName);
    }
  }

  /**
   * Whether this number may be answered once more (per hour and per day); past the limits the text
   * is still acted on and recorded, just not answered.
   */
  async function answerAllowed(phoneHash: string, fields: Record<string, unknown>): Promise<boolean> {
    for (const rule of [rules.repliesPerHour, rules.repliesPerDay]) {
      if ((await deps.limiter.hit(rule, phoneHash, clock.now())).allowed) continue;
      log.warn('reply limit reached: not answered', { ...fields, rule: rule.name });
      return false;
    }
    return true;
  }

  /**
   * Whether DELETE <code> confirms the patient's erasure: a request within the window, a try left
   * today (counted before the code is compared, so racing guesses each use one), and the code of
   * the request's answer. The code stays until the erasure removes it with the profile, so the
   * repeat of a confirmation cut short still finishes it.
   */
  async function confirmsErasure(patient: PatientRecord, phoneHash: string, code: string): Promise<boolean> {
    if (!patient.erasureCodeHash || !erasureConfirmable(patient.erasureRequestedAt, clock.now()))
      return false;
    const tried = await deps.limiter.hit(rules.erasureCodeTries, phoneHash, clock.now());
    if (!tried.allowed) {
      log.warn('erasure code tries used up for today', { phone: maskPhone(patient.phone) });
      return false;
    }
    return sameHash(hashErasureCode(phoneHash, code, deps.hashKey), patient.erasureCodeHash);
  }

  /**
   * DELETE <code> after a recent DELETE: the patient's last text, then every item of the patient goes
   * (PlanRepository.erasePatient; the stream's REMOVE records make schedule-sync delete the
   * schedules). The answer is claimed first, on a marker not linked to the patient, so a repeat of
   * the message after a crash finishes the erasure without a second text; the erasure repeats
   * safely (the profile goes last); a repeat after it finds an unknown number and does nothing.
   */
  async function erase(sms: InboundSms, phoneHash: string, country: string): Promise<InboundResult> {
    const fields = { messageId: sms.messageId };
    let replied = false;
    if (
      allowed(country) &&
      (await deps.events.claimReply(sms.messageId, undefined, clock.now())) &&
      (await answerAllowed(phoneHash, fields))
    ) {
      try {
        await deps.notifier.send(answerTo(sms, erasedText(appName)));
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
    const command = parseInbound(sms.body);
    const plan = patient.currentPlanId ? await deps.repo.getPlan(patient.currentPlanId) : undefined;
    log.info('inbound text', { ...fields, command: command.kind, planId: plan?.planId });

    if (command.kind === 'opt-out') {
      await deps.events.markOptedOut(phoneHash, clock.now());
      if (plan) await move(plan, { kind: 'opted-out' });
      // Patients who opted out: a repeat of the text (SNS redelivers) or a second STOP is not another.
      if (!patient.optedOut) (deps.metrics ?? noMetrics).count(METRIC.optOuts);
    }
    if (command.kind === 'erase-confirm') {
      // A repeat of a confirmation already accepted (its erasure was cut short): finish it, without
      // judging the code again (the window or the day's tries may have run out since).
      if (await deps.events.erasureAccepted(sms.messageId)) return erase(sms, phoneHash, patient.country);
      if (await confirmsErasure(patient, phoneHash, command.code))
        return erase(sms, phoneHash, patient.country);
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
    // Claimed first, so a repeat of this text neither answers nor counts again. Urgent advice (words
    // that may mean a red flag, a pain of 8+) always goes: the flood limit must never drop it.
    // The confirmation of an opt-out is owed too.
    const urgent =
      command.kind === 'red-flag' ||
      command.kind === 'opt-out' ||
      (command.kind === 'pain' && command.score >= RULE.seekCarePain);
    if (!urgent && !(await answerAllowed(phoneHash, fields)))
      return { command: command.kind, replied: false };
    try {
      await deps.notifier.send(answerTo(sms, answer));
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

  /** The operator's self-test: recorded where `npm run ops:selftest` looks; never read as a text. */
  async function selfTest(marker: InboundSelfTestMarker, snsMessageId: string): Promise<void> {
    if (!marker.valid || !deps.selfTests) {
      log.error('self-test message not recorded: dropped', { snsMessageId, validNonce: marker.valid });
      return;
    }
    const recorded = await deps.selfTests.recordSelfTest('inbound', marker.nonce, clock.now());
    log.info('self-test message recorded; nothing answered', { nonce: marker.nonce, recorded });
  }

  return { handle, selfTest };
}
