/**
 * What every inbound use case works with: the ports, the clock, the limits, the text being
 * handled (a Turn) and the few steps they share (moving a plan through the lifecycle, recording
 * an event on it). Each use case returns an Outcome: its part of the one answer, whether that
 * answer must go past the reply limits, and what must happen only after it was sent.
 */
import { retainedUntil } from '../../../shared/adapters/dynamodb/plan-repository.ts';
import { noMetrics, noOptOutList, silentLog, systemClock } from '../../../shared/adapters/defaults.ts';
import { limitsSchema, type RuntimeConfig } from '../../../shared/config.ts';
import type { Language } from '../../../shared/domain/language.ts';
import type { AnswerPart, AnswerParts } from '../../../shared/domain/messaging/answers.ts';
import type { Reading, RepliedTo } from '../../../shared/domain/messaging/reading/read.ts';
import type { PatientRecord, PlanEvent, PlanRecord } from '../../../shared/domain/model.ts';
import {
  parseReason,
  RUNNING_STATUSES,
  transition,
  type LifecycleEvent,
} from '../../../shared/domain/plan/lifecycle.ts';
import { logsSessions, sessionEvent } from '../../../shared/domain/plan/session-log.ts';
import { sessionAt } from '../../../shared/domain/scheduling/reminders.ts';
import { inboundRateRules } from '../../../shared/domain/security/rate-limit.ts';
import type {
  Clock,
  Log,
  Metrics,
  Notifier,
  OptOutList,
  PatientEventStore,
  PlanRepository,
  RateLimiter,
  SelfTestRecorder,
} from '../../../shared/ports.ts';

/** The longest stretch of a patient's own words kept for the clinic. */
export const MAX_KEPT_TEXT = 320;

export interface InboundDeps {
  repo: Pick<PlanRepository, 'getPatient' | 'getPlan' | 'changeStatus' | 'erasePatient' | 'setLanguage'>;
  events: PatientEventStore;
  notifier: Notifier;
  /** Counters of answers and erasure-code tries per number (the table's, like intake's). */
  limiter: RateLimiter;
  /**
   * The opt-out list the stack's numbers use (End User Messaging): an opted-out number goes on it
   * after its confirmation, and comes off on START. @default none (no channel declared)
   */
  optOutList?: OptOutList;
  /** HMAC key of phone hashes (the same as intake's). */
  hashKey: string;
  /**
   * `allowedCountries`: patients of another country get no answer (absent: all allowed); `limits`:
   * the runtime config's (absent: the defaults).
   */
  config: Pick<RuntimeConfig, 'appName' | 'formUrl' | 'retentionDays'> &
    Partial<Pick<RuntimeConfig, 'allowedCountries' | 'limits' | 'clinicContact' | 'languages'>>;
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
  /** What the text was read as ('unknown-sender' for a number that is no patient). */
  intents: string[];
  /** Whether this delivery sent an answer (a repeat of an answered message does not). */
  replied: boolean;
};

/** The text being handled, with what the service knows of its sender. */
export interface Turn {
  sms: InboundSms;
  phoneHash: string;
  patient: PatientRecord;
  plan?: PlanRecord;
  reading: Reading;
  /** The language the answer is in: the plan's, else the text's when offered, else the operator's first. */
  language: Language;
  parts: AnswerParts;
}

/** What acting on one intent gives the answer. */
export interface Outcome {
  part?: AnswerPart;
  /**
   * `always`: the answer goes past every limit (an opt-out's one confirmation). `{ key }`: urgent
   * advice, which goes past the reply limits the first time in the hour for that key, and is not
   * repeated within it.
   */
  urgent?: 'always' | { key: string };
  /** A part that waits for the 6-hour limit of "kept for your clinic" answers. */
  kept?: boolean;
  /** After the answer was sent (or could not be): the number onto the opt-out list. */
  afterAnswer?: () => Promise<void>;
}

export class InboundContext {
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: Metrics;
  readonly optOutList: OptOutList;
  readonly rules: ReturnType<typeof inboundRateRules>;

  constructor(readonly deps: InboundDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
    this.metrics = deps.metrics ?? noMetrics;
    this.optOutList = deps.optOutList ?? noOptOutList;
    this.rules = inboundRateRules(deps.config.limits ?? limitsSchema.parse({}));
  }

  get appName(): string {
    return this.deps.config.appName;
  }

  running(plan: PlanRecord | undefined): plan is PlanRecord {
    return plan !== undefined && RUNNING_STATUSES.includes(plan.status);
  }

  /** The patient's word moves the plan; a repeat, or a plan that moved meanwhile, changes nothing. */
  move(plan: PlanRecord, event: LifecycleEvent): Promise<boolean> {
    return this.deps.repo.changeStatus(plan.planId, transition(event), this.clock.now());
  }

  /**
   * Keyed by the text's arrival instant and the event type, so a repeat of the text lands on the
   * same item (two different texts would have to arrive in the same millisecond to collide). The
   * clinic reads its own words for a message, an alert and a misread (never logged).
   */
  async record(plan: PlanRecord | undefined, sms: InboundSms, type: PlanEvent['type'], pain?: number) {
    if (!plan || !logsSessions(plan)) return false;
    await this.deps.events.recordPlanEvent({
      ...sessionEvent(plan, {
        type,
        at: sms.receivedAt,
        session: sessionAt(plan.plan, new Date(sms.receivedAt)),
        source: sms.messageId,
        ...(pain !== undefined ? { pain } : {}),
        expiresAt: retainedUntil(plan, this.deps.config.retentionDays),
      }),
      ...(type === 'message' || type === 'alert' || type === 'misread'
        ? { text: sms.body.slice(0, MAX_KEPT_TEXT) }
        : {}),
    });
    return true;
  }
}

/** The plan is paused for words that may mean a red flag (RESUME waits for a clinician). */
export function pausedForRedFlag(plan: PlanRecord | undefined): boolean {
  return plan?.status === 'paused' && parseReason(plan.statusReason)?.kind === 'red-flag-reported';
}

/**
 * Which of our texts the patient answers, as far as the service can tell: after an opt-out the
 * confirmation; after red-flag words the urgent answer; a plan activated within the last two hours
 * whose first session has not come, the welcome; a running plan, a reminder; else none.
 */
export function repliedTo(patient: PatientRecord, plan: PlanRecord | undefined, now: Date): RepliedTo {
  if (patient.optedOut) return 'stopped';
  if (!plan || !RUNNING_STATUSES.includes(plan.status)) return 'none';
  if (pausedForRedFlag(plan)) return 'urgent';
  const activated = plan.activatedAt ? Date.parse(plan.activatedAt) : Number.NaN;
  if (now.getTime() - activated < 2 * 3_600_000) {
    const [then, later] = [new Date(activated), now].map((d) => sessionAt(plan.plan, d));
    if (then!.localDate === later!.localDate && then!.slot === later!.slot) return 'welcome';
  }
  return 'reminder';
}
