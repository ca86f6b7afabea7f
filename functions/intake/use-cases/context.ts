import { randomUUID } from 'node:crypto';
import { intakeRateRules, type RateRule } from '../../../shared/domain/security/rate-limit.ts';
import { hashClient, maskPhone, newVerificationCode } from '../../../shared/domain/security/privacy.ts';
import { hashPageToken, PAGE_TOKEN_PATTERN } from '../../../shared/domain/plan/page.ts';
import type { Language } from '../../../shared/domain/language.ts';
import type { LimitName } from '../../../shared/domain/plan/api-texts.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import type { VerificationRules } from '../../../shared/domain/security/verification.ts';
import type { RuntimeConfig } from '../../../shared/config.ts';
import { METRIC } from '../../../shared/metrics.ts';
import { noMetrics, silentLog, systemClock } from '../../../shared/adapters/defaults.ts';
import type { PlanRecord, VerificationState } from '../../../shared/domain/model.ts';
import type {
  ClinicDirectory,
  Clock,
  Log,
  Metrics,
  Notifier,
  OptOutList,
  PatientEventStore,
  PlanPageStore,
  PlanRepository,
  RateLimiter,
  SessionSlots,
  VerificationStore,
} from '../../../shared/ports.ts';
import { CodesPausedError, NumberOptedOutError, PlanPageNotFoundError, RateLimitedError } from '../errors.ts';

export interface IntakeServiceDeps {
  repo: PlanRepository;
  verifications: VerificationStore;
  limiter: RateLimiter;
  /** The plan pages' links (GET /p/{token}). */
  pages: PlanPageStore;
  /** How full each minute's sending capacity is, to offer the nearest free session times. */
  slots: Pick<SessionSlots, 'counts'>;
  /** Where the plan page's Done and pain check-in are logged (as the texts are), and read back. */
  events: Pick<PatientEventStore, 'recordPlanEvent' | 'replacePlanEvent' | 'sessionLog' | 'markOptedOut'>;
  /**
   * The clinic's invites: the form's "Invited by" (the invite the browser's cookie names), and a
   * cleared one lets weak flags alone make a plan. @default none: no invite is shown or honoured
   */
  invites?: Pick<ClinicDirectory, 'findInvite'>;
  /** Sends the verification texts (SNS in AWS, the outbox locally). */
  notifier: Notifier;
  /**
   * The stack's opt-out list (End User Messaging): a number on it is told to text START first,
   * instead of being sent a code that would be dropped. @default none (no channel declared)
   */
  optOutList?: Pick<OptOutList, 'describeOptedOutNumber'>;
  /** The number a patient texts START to (their number of the pool, or the one number). */
  startNumberFor?: (phone: string) => string | undefined;
  config: RuntimeConfig;
  /** HMAC key for phone, client and code hashes. */
  hashKey: string;
  clock?: Clock;
  log?: Log;
  metrics?: Metrics;
  newId?: () => string;
  newCode?: () => string;
}

/** Who is asking: the source address counts against the per-client limits (hashed, never stored). */
export interface Client {
  address: string;
  /** A clinic's invite the browser carries (its link set the cookie): the plan keeps its keyed hash. */
  invite?: string;
  /** The browser's Accept-Language: the plan's language when the form sends none. */
  acceptLanguage?: string;
}

export interface CodeSent {
  channel: 'sms';
  /** The masked phone, so the patient sees where the code went. */
  to: string;
  expiresAt: string;
}

/** Conditional writes that lose a race are read again and retried this many times. */
export const RACE_RETRIES = 3;

/**
 * What every intake use case works with: the ports, the clock, the limits, and the few steps they
 * share (counting a request against a limit, the code budget, sending a code, opening a plan by its
 * page token). Rules live in shared/domain; use cases only sequence them with the ports, and throw
 * typed errors (../errors.ts) that the handler maps to HTTP.
 */
export class IntakeContext {
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: Metrics;
  readonly newId: () => string;
  readonly newCode: () => string;
  readonly rules: ReturnType<typeof intakeRateRules>;
  readonly verification: VerificationRules;

  constructor(readonly deps: IntakeServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
    this.metrics = deps.metrics ?? noMetrics;
    this.newId = deps.newId ?? randomUUID;
    this.newCode = deps.newCode ?? newVerificationCode;
    this.rules = intakeRateRules(deps.config.limits);
    this.verification = deps.config.limits;
  }

  async pagePlan(token: string, client: Client, now: Date): Promise<PlanRecord> {
    if (!PAGE_TOKEN_PATTERN.test(token)) throw new PlanPageNotFoundError('not a token');
    await this.require(
      this.rules.planPageRequestsPerClient,
      hashClient(client.address, this.deps.hashKey),
      now,
    );
    const planId = await this.deps.pages.findPlanId(hashPageToken(token, this.deps.hashKey), now);
    const record = planId ? await this.deps.repo.getPlan(planId) : undefined;
    if (!record) throw new PlanPageNotFoundError('no plan for this token');
    return record;
  }

  /** A code to a number on the opt-out list would be dropped: the patient texts START first. */
  async requireNotOptedOut(phone: string): Promise<void> {
    if (!this.deps.optOutList || !(await this.deps.optOutList.describeOptedOutNumber(phone))) return;
    this.log.info('number on the opt-out list: told to text START first', { phone: maskPhone(phone) });
    throw new NumberOptedOutError(this.deps.startNumberFor?.(phone));
  }

  /**
   * Every code text is counted against the number (an hour, and any 24 hours), the client, and last
   * the whole service's hourly breaker (so refusals above do not use the service's budget).
   */
  async requireCodeBudget(phoneHash: string, clientHash: string, now: Date, phoneField?: 'phone') {
    await this.require(this.rules.codesPerPhone, phoneHash, now, phoneField);
    await this.require(this.rules.codesPerPhoneDay, phoneHash, now, phoneField);
    await this.require(this.rules.codesPerPhoneDayStaggered, phoneHash, now, phoneField);
    await this.require(this.rules.codesPerClient, clientHash, now);
    const service = await this.deps.limiter.hit(this.rules.serviceCodes, 'all', now);
    if (!service.allowed) {
      this.metrics.count(METRIC.codeBreakerOpen);
      this.log.warn('code breaker open: no code texts until the hour ends', {
        limit: this.rules.serviceCodes.limit,
        retryAfterSeconds: service.retryAfterSeconds,
      });
      throw new CodesPausedError(service.retryAfterSeconds);
    }
  }

  /**
   * Counts the request against `rule`, or refuses it. A per-phone refusal names the `phone` field when
   * the request has one, so the form shows it there.
   */
  async require(rule: RateRule, key: string, now: Date, phoneField?: 'phone'): Promise<void> {
    const decision = await this.deps.limiter.hit(rule, key, now);
    if (decision.allowed) return;
    this.log.warn('rate limited', { rule: rule.name, retryAfterSeconds: decision.retryAfterSeconds });
    throw new RateLimitedError(limitName(rule.name), rule.limit, decision.retryAfterSeconds, phoneField);
  }

  /** /screenings and /proposals together count against formRequestsPerClientPerHour. */
  requireFormRequest(client: Client): Promise<void> {
    return this.require(
      this.rules.formRequestsPerClient,
      hashClient(client.address, this.deps.hashKey),
      this.clock.now(),
    );
  }

  async sendCode(phone: string, code: string, language: Language | undefined): Promise<void> {
    await this.deps.notifier.send({
      channel: 'sms',
      to: phone,
      body: textsFor(language).verificationText(
        this.deps.config.appName,
        code,
        this.verification.codeValidMinutes,
      ),
      kind: 'verification',
    });
    this.metrics.count(METRIC.codesSent);
  }

  codeSent(phone: string, state: VerificationState): CodeSent {
    return { channel: 'sms', to: maskPhone(phone), expiresAt: state.expiresAt };
  }
}

/** A rule's name as the catalog words it (the 12-hour twin of the 24-hour code limit says the same). */
function limitName(rule: string): LimitName {
  return (rule === 'codes-phone-day-12h' ? 'codes-phone-day' : rule) as LimitName;
}
