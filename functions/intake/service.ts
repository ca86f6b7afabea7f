import { randomUUID } from 'node:crypto';
import type { Assessment } from '../../shared/domain/plan/assessment.ts';
import {
  buildPlan,
  withSessionTimes,
  proposal,
  screen,
  type Advice,
  type Plan,
  type Proposal,
  type Screening,
} from '../../shared/domain/plan/plan.ts';
import { intakeRateRules, type RateRule } from '../../shared/domain/security/rate-limit.ts';
import {
  hashClient,
  hashCode,
  hashPhone,
  maskPhone,
  newVerificationCode,
  sameHash,
} from '../../shared/domain/security/privacy.ts';
import { destinationAllowed } from '../../shared/domain/scheduling/reminders.ts';
import { retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import {
  hashPageToken,
  newPageNonce,
  PAGE_ADVICE,
  PAGE_TOKEN_PATTERN,
  pageMode,
  pageToken,
  painCheckInWords,
  PLAN_PAGE_PREFIX,
  planToday,
  type PageMode,
  type PlanToday,
} from '../../shared/domain/plan/page.ts';
import { planProgress, type Progress } from '../../shared/domain/plan/progress.ts';
import {
  adherenceOf,
  progressionSteps,
  scoreChanges,
  type PreviousPlan,
  type ProgressionStep,
  type ScoreChange,
} from '../../shared/domain/plan/progression.ts';
import { painCheckInEvent, PLAN_PAGE_SOURCE, sessionEvent } from '../../shared/domain/plan/session-log.ts';
import { hashInviteToken } from '../../shared/domain/clinic/secrets.ts';
import { verificationText, welcomeText } from '../../shared/domain/messaging/texts.ts';
import {
  issueCode,
  judgeCountedTry,
  judgeResend,
  whyNoTry,
  type TryRefusal,
  type VerificationBody,
  type VerificationRules,
} from '../../shared/domain/security/verification.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import { METRIC } from '../../shared/metrics.ts';
import { noMetrics, silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import {
  RecipientUnreachableError,
  SlotsFullError,
  StateConflictError,
  type PlanRecord,
  type PlanStatus,
  type VerificationState,
} from '../../shared/domain/model.ts';
import {
  type Clock,
  type Log,
  type Metrics,
  type Notifier,
  type PatientEventStore,
  type PlanPageStore,
  type PlanRepository,
  type RateLimiter,
  type SessionSlots,
  type VerificationStore,
} from '../../shared/ports.ts';
import {
  freeTimesFor,
  SEARCH_MINUTES,
  searchedSlots,
  WHOLE_DAY_MINUTES,
  slotCapacity,
  slotOf,
  slotsOf,
} from '../../shared/domain/scheduling/session-slots.ts';
import {
  AlreadyVerifiedError,
  BusyError,
  CodesPausedError,
  CodeExpiredError,
  CodeLockedError,
  NotPendingError,
  OutsidePlanError,
  PlanNotFoundError,
  PlanPageNotFoundError,
  RateLimitedError,
  PreviousPlanNotFoundError,
  ResendTooSoonError,
  SessionTimesFullError,
  WrongCodeError,
} from './errors.ts';
import {
  INITIAL_PLAN_STATUS,
  painPause,
  RUNNING_STATUSES,
  transition,
} from '../../shared/domain/plan/lifecycle.ts';
import { RULE, type RedFlagId } from '../../shared/domain/plan/rules.ts';

export interface IntakeServiceDeps {
  repo: PlanRepository;
  verifications: VerificationStore;
  limiter: RateLimiter;
  /** The plan pages' links (GET /p/{token}). */
  pages: PlanPageStore;
  /** How full each minute's sending capacity is, to offer the nearest free session times. */
  slots: Pick<SessionSlots, 'counts'>;
  /** Where the plan page's Done and pain check-in are logged (as the texts are), and read back. */
  events: Pick<PatientEventStore, 'recordPlanEvent' | 'replacePlanEvent' | 'sessionLog'>;
  /** Sends the verification texts (SNS in AWS, the outbox locally). */
  notifier: Notifier;
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
}

export interface CodeSent {
  channel: 'sms';
  /** The masked phone, so the patient sees where the code went. */
  to: string;
  expiresAt: string;
}

/** What the patient may choose from (shared/domain/plan/plan.ts `proposal`). */
export type { Proposal };

/**
 * The first screen's answer: the tier, its advice, and for "soon" whether a plan may still follow
 * (pain at rest alone: yes, from the movements that qualify; a warning sign: no).
 */
export type ScreeningAnswer =
  | { tier: 'none' }
  | { tier: 'urgent'; advice: Advice }
  | { tier: 'soon'; advice: Advice; planAllowed: boolean };

/** How a re-assessment's plan stands against the last one (the result page shows it). */
export interface Reassessment {
  sessionsDone: number;
  sessionsPlanned: number;
  adherence: number;
  /** Per movement rated: better, same, worse than last time, or new. */
  changes: Record<string, ScoreChange>;
  /** Per movement of the new plan: its dose or hold stepped up, back, kept, or new. */
  steps: Record<string, ProgressionStep>;
}

export type AssessmentAnswer =
  | { planId: null; plan: null; advice: Advice }
  | { planId: string; plan: Plan; advice?: Advice; verification: CodeSent; reassessment?: Reassessment };

/** GET /p/{token}/previous: what a re-assessment starts from. */
export interface PreviousAssessment {
  scores: Record<string, number>;
  timeZone: string;
  sessionTimes: readonly string[];
  channel: PlanRecord['channel'];
  movements: Plan['movements'];
  sessionsDone: number;
  sessionsPlanned: number;
}

export interface VerifiedAnswer {
  planId: string;
  status: PlanStatus;
  plan: Plan;
  /** The patient's private plan page, a path on this API (the reminders carry the full link). */
  planPage?: string;
}

/**
 * What the plan page shows: the plan, today on it, whether this session is logged already, the
 * page's mode (today, before the start, the summary once over) and the progress from the plan's log.
 */
export interface PlanPageView {
  record: PlanRecord;
  today: PlanToday;
  sessionDone: boolean;
  mode: PageMode;
  progress: Progress;
}

/** The answer to the page's "How is your back today?" (POST /p/{token}/pain). */
export interface PainCheckInAnswer {
  pain: number;
  localDate: string;
  /** False when today's check-in had this very score already: nothing changed. */
  recorded: boolean;
  /** The score this one replaced (one check-in a day: a later tap replaces it). */
  previous?: number;
  /** 8 or more: the see-a-clinician advice, and the plan's reminders are paused. */
  seekCare: boolean;
  remindersPaused: boolean;
  /** What the page says. */
  message: string;
  /** The advice to show, at 8 or more. */
  advice?: string;
}

export interface SessionDoneAnswer {
  session: number;
  sessionsPerDay: number;
  localDate: string;
  /** False when this session was logged already (a second press): nothing new was written. */
  recorded: boolean;
}

/** Conditional writes that lose a race are read again and retried this many times. */
const RACE_RETRIES = 3;

/**
 * The intake's orchestration: plan by the domain rule, abuse limits, the pending plan and its code,
 * verification and activation. Rules live in shared/domain; this class only sequences them with the
 * ports, and throws typed errors (./errors.ts) that the handler maps to HTTP.
 */
export class IntakeService {
  private readonly clock: Clock;
  private readonly log: Log;
  private readonly metrics: Metrics;
  private readonly newId: () => string;
  private readonly newCode: () => string;
  private readonly rules: ReturnType<typeof intakeRateRules>;
  private readonly verification: VerificationRules;

  constructor(private readonly deps: IntakeServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
    this.metrics = deps.metrics ?? noMetrics;
    this.newId = deps.newId ?? randomUUID;
    this.newCode = deps.newCode ?? newVerificationCode;
    this.rules = intakeRateRules(deps.config.limits);
    this.verification = deps.config.limits;
  }

  /**
   * A checked assessment → the plan. No plan (red flag, severe pain, nothing qualifies): the advice,
   * and nothing is stored or sent. Otherwise: limits, then the plan pending verification with its
   * consent, then the code by SMS (also for push patients: the code proves the phone).
   */
  /**
   * The first screen, before any movement is tried: the tier of care, if any. Nothing is stored;
   * the clinic's statistics get a count of each tier.
   */
  screen(input: { redFlags?: RedFlagId[]; restPain?: number }): ScreeningAnswer {
    const screening: Screening = screen(input.redFlags ?? [], input.restPain);
    if (screening.tier === 'urgent') this.metrics.count(METRIC.screeningsUrgent);
    if (screening.tier === 'soon') this.metrics.count(METRIC.screeningsClinician);
    return screening;
  }

  /**
   * The movements that qualify and the rule's proposal, for the patient to choose from, with the
   * verdict on a plan (no plan: the advice, before any phone number is asked). Nothing is stored.
   */
  propose(input: { scores: Record<string, number>; restPain?: number }): Proposal {
    return proposal(input.scores, input.restPain);
  }

  async assess(input: Assessment, client: Client): Promise<AssessmentAnswer> {
    const now = this.clock.now();
    const phoneHash = hashPhone(input.phone, this.deps.hashKey);
    // A re-assessment steps on from the plan it follows (shared/domain/plan/progression.ts).
    const last = input.previousPlan ? await this.lastPlan(input.previousPlan, phoneHash, now) : undefined;
    const decision = buildPlan(last ? { ...input, previous: last.previous } : input, {
      now,
      lengthDays: this.deps.config.planLengthDays,
    });
    this.metrics.count(METRIC.assessments);
    if (decision.kind === 'no-plan') return { planId: null, plan: null, advice: decision.advice };

    const clientHash = hashClient(client.address, this.deps.hashKey);
    // Client first: one address spraying many numbers stops there before counting against them.
    await this.require(this.rules.assessmentsPerClient, clientHash, now);
    await this.require(this.rules.assessmentsPerPhone, phoneHash, now, 'phone');
    await this.requireCodeBudget(phoneHash, clientHash, now, 'phone');

    const planId = this.newId();
    const code = this.newCode();
    const at = now.toISOString();
    const record: PlanRecord = {
      planId,
      phoneHash,
      phone: input.phone,
      country: input.country,
      channel: input.channel,
      ...(input.pushSubscription ? { pushSubscription: input.pushSubscription } : {}),
      status: INITIAL_PLAN_STATUS,
      plan: decision.plan,
      consent: { ...input.consent, acceptedAt: at },
      assessment: {
        scores: input.scores,
        redFlags: input.redFlags,
        ...(input.restPain !== undefined ? { restPain: input.restPain } : {}),
        ...(input.chosen ? { chosen: [...input.chosen] } : {}),
      },
      verification: issueCode(hashCode(planId, code, this.deps.hashKey), now, this.verification),
      createdAt: at,
      updatedAt: at,
      // The clinic console enrols the patient under the invite (functions/clinic-watch).
      ...(client.invite ? { invite: hashInviteToken(client.invite, this.deps.hashKey) } : {}),
    };
    const booked = await this.createWithPlaces(record, input.sessionTimesChosen);
    await this.sendCode(booked.phone, code);
    this.log.info('plan pending verification', {
      planId,
      phone: maskPhone(booked.phone),
      country: booked.country,
      channel: booked.channel,
      movements: booked.plan.movements.length,
      sessionTimes: booked.plan.sessionTimes,
    });
    return {
      planId,
      plan: booked.plan,
      ...(decision.advice ? { advice: decision.advice } : {}),
      verification: this.codeSent(booked.phone, booked.verification!),
      ...(last
        ? {
            reassessment: {
              sessionsDone: last.sessionsDone,
              sessionsPlanned: last.sessionsPlanned,
              adherence: last.previous.adherence,
              changes: scoreChanges(last.previous.scores, input.scores),
              steps: progressionSteps(booked.plan.movements, last.previous.movements),
            },
          }
        : {}),
    };
  }

  /**
   * The plan a re-assessment follows, by its page token: only a plan of the same phone number (the
   * link is the patient's, but a forwarded one must not shape someone else's plan), with how much
   * of it was done. Refused (400 naming previousPlan) before anything is written.
   */
  private async lastPlan(token: string, phoneHash: string, now: Date) {
    const planId = await this.deps.pages.findPlanId(hashPageToken(token, this.deps.hashKey), now);
    const record = planId ? await this.deps.repo.getPlan(planId) : undefined;
    if (!record || record.phoneHash !== phoneHash) throw new PreviousPlanNotFoundError();
    const progress = planProgress(record.plan, await this.deps.events.sessionLog(record.planId), now);
    const previous: PreviousPlan = {
      movements: record.plan.movements,
      scores: record.assessment.scores,
      adherence: adherenceOf(progress.sessionsDone, progress.sessionsPlanned),
    };
    return { previous, sessionsDone: progress.sessionsDone, sessionsPlanned: progress.sessionsPlanned };
  }

  /**
   * What the form pre-fills a re-assessment with, from the plan page's link: the last scores, the
   * movements and their doses, the zone and times, and how much was done. No phone number: the
   * patient types it again (and it must be the same: `lastPlan`).
   */
  async previousAssessment(token: string, client: Client): Promise<PreviousAssessment> {
    const now = this.clock.now();
    const record = await this.pagePlan(token, client, now);
    const progress = planProgress(record.plan, await this.deps.events.sessionLog(record.planId), now);
    return {
      scores: record.assessment.scores,
      timeZone: record.plan.timeZone,
      sessionTimes: record.plan.sessionTimes,
      channel: record.channel,
      movements: record.plan.movements,
      sessionsDone: progress.sessionsDone,
      sessionsPlanned: progress.sessionsPlanned,
    };
  }

  /**
   * Stores the pending plan with one place in each of its session minutes, in one write. A full
   * minute: times the patient chose are refused with the nearest free ones to offer; the form's
   * defaults move to the nearest free ones by themselves. A few tries, since others book too.
   */
  private async createWithPlaces(record: PlanRecord, timesChosen: boolean): Promise<PlanRecord> {
    const { sms, retentionDays } = this.deps.config;
    const capacity = slotCapacity({ identities: sms.identities, partsPerSecond: sms.partsPerSecond });
    let current = record;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.repo.createPendingPlan(current, retentionDays, {
          slots: slotsOf(current.plan),
          capacity,
        });
        return current;
      } catch (error) {
        if (!(error instanceof SlotsFullError)) throw error;
        const { startDate, timeZone, sessionTimes } = current.plan;
        const slotFor = (time: string) => slotOf(startDate, time, timeZone);
        const full = new Set(error.full);
        // Near the wanted times first (a few reads); only if nothing there is free, the whole day.
        let free: string[] | undefined;
        for (const [reach, minutes] of [
          ['near', SEARCH_MINUTES],
          ['day', WHOLE_DAY_MINUTES],
        ] as const) {
          const counts = await this.deps.slots.counts(searchedSlots(sessionTimes, slotFor, minutes));
          const hasRoom = (slot: number) => !full.has(slot) && (counts.get(slot) ?? 0) < capacity;
          free = freeTimesFor(sessionTimes, slotFor, hasRoom, reach);
          if (free) break;
        }
        this.log.warn('session minutes full', { planId: record.planId, full: error.full, offered: free });
        if (!free || timesChosen || attempt >= RACE_RETRIES)
          throw new SessionTimesFullError(
            sessionTimes.flatMap((time, index) => (full.has(slotFor(time)) ? [index] : [])),
            free,
            { cause: error },
          );
        current = { ...current, plan: withSessionTimes(current.plan, free, this.clock.now()) };
      }
    }
  }

  /**
   * The code sent to the phone → the plan active (replacing the phone's older plan). The try is
   * counted before the code is compared, so a burst of guesses gets at most `maxCodeAttempts`
   * codes judged; the activation is conditional on the code hash judged and on no lock. A code sent
   * once the plan is active, replaced or locked is never judged (409 / 423).
   */
  async verify(body: VerificationBody, client: Client): Promise<VerifiedAnswer> {
    const now = this.clock.now();
    await this.require(this.rules.codeChecksPerClient, hashClient(client.address, this.deps.hashKey), now);
    const codeHash = hashCode(body.planId, body.code, this.deps.hashKey);

    for (let round = 0; round <= RACE_RETRIES; round++) {
      const counted = await this.deps.verifications.countTry(
        body.planId,
        now,
        this.verification.maxCodeAttempts,
      );
      if (counted) return this.judgeTry(body.planId, counted, sameHash(codeHash, counted.codeHash), now);
      // No try left to count: say why, from the plan as it is now.
      const why = whyNoTry(await this.planWithCode(body.planId), now, this.verification);
      if (why.kind !== 'retry') throw refusalError(why.kind);
    }
    throw new BusyError(`plan ${body.planId} kept changing`);
  }

  private async judgeTry(
    planId: string,
    counted: VerificationState,
    matches: boolean,
    now: Date,
  ): Promise<VerifiedAnswer> {
    const judgement = judgeCountedTry(counted, matches, this.verification);
    if (judgement.kind === 'verified') return this.activate(planId, counted.codeHash, now);
    this.log.info('wrong verification code', { planId, left: judgement.attemptsLeft });
    if (!judgement.locksNow) throw new WrongCodeError(judgement.attemptsLeft);
    try {
      await this.deps.verifications.lock(planId, now);
    } catch (error) {
      if (!(error instanceof StateConflictError)) throw error;
      // A right code in an earlier try activated the plan first: this code is not judged against it.
      const why = whyNoTry(await this.planWithCode(planId), now, this.verification);
      if (why.kind === 'already-verified' || why.kind === 'not-pending') throw refusalError(why.kind);
    }
    throw new CodeLockedError('the last try was wrong');
  }

  /** The right code, counted: activates the plan, if the plan is still as the try found it. */
  private async activate(planId: string, codeHash: string, now: Date): Promise<VerifiedAnswer> {
    for (let round = 0; round <= RACE_RETRIES; round++) {
      const record = await this.planWithCode(planId);
      const why = whyNoTry(record, now, this.verification);
      if (why.kind === 'already-verified' || why.kind === 'not-pending') throw refusalError(why.kind);
      if (record.verification.lockedAt) throw new CodeLockedError('too many wrong codes');
      // A new code replaced this one after the try was counted: the code sent is no longer the one.
      if (!sameHash(codeHash, record.verification.codeHash)) {
        throw new WrongCodeError(
          Math.max(0, this.verification.maxCodeAttempts - record.verification.attempts),
        );
      }
      // The plan page opens with the plan: its nonce and the token's hash go in the same write.
      const nonce = newPageNonce();
      const token = pageToken(planId, nonce, this.deps.hashKey);
      try {
        const { replacedPlanId } = await this.deps.repo.activatePlan(
          planId,
          now,
          this.deps.config.retentionDays,
          { codeHash, maxAttempts: this.verification.maxCodeAttempts },
          { nonce, tokenHash: hashPageToken(token, this.deps.hashKey) },
        );
        await this.noteVerified(planId, now);
        this.metrics.count(METRIC.plansActivated);
        this.log.info('plan verified and active', { planId, replacedPlanId });
        await this.welcome(record);
        return {
          ...this.verified({ ...record, status: transition({ kind: 'verify' }).to }),
          planPage: `${PLAN_PAGE_PREFIX}${token}`,
        };
      } catch (error) {
        // The plan or the patient changed meanwhile: read again and decide afresh.
        if (!(error instanceof StateConflictError)) throw error;
      }
    }
    throw new BusyError(`plan ${planId} kept changing`);
  }

  /**
   * The first text after the code (what comes, when, how to stop), for plans reminded by text. Best
   * effort: the plan is active whatever becomes of it, so a failure is logged, not answered.
   */
  private async welcome(record: PlanRecord): Promise<void> {
    if (record.channel !== 'sms') return;
    const { sessionTimes, lengthDays } = record.plan;
    try {
      await this.deps.notifier.send({
        channel: 'sms',
        to: record.phone,
        body: welcomeText(this.deps.config.appName, sessionTimes, lengthDays),
        kind: 'welcome',
      });
    } catch (error) {
      this.log.warn('welcome text not sent', { planId: record.planId, errorName: (error as Error)?.name });
    }
  }

  private async planWithCode(planId: string): Promise<PlanRecord & { verification: VerificationState }> {
    const record = await this.deps.repo.getPlan(planId);
    if (!record?.verification) throw new PlanNotFoundError(`plan ${planId} does not exist`);
    return record as PlanRecord & { verification: VerificationState };
  }

  /**
   * The plan a page token opens, with today on it. Counted per client first (a refused request
   * reads nothing); a token of the wrong shape, unknown, revoked or expired, or whose plan is gone,
   * is the same PlanPageNotFoundError.
   */
  async planPage(token: string, client: Client): Promise<PlanPageView> {
    const now = this.clock.now();
    const record = await this.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    const log = await this.deps.events.sessionLog(record.planId);
    // This session is done when the log has it, from the page's Done or a DONE text alike.
    const sessionDone = log.some(
      (e) => e.type === 'done' && e.localDate === today.localDate && e.slot === today.session,
    );
    return {
      record,
      today,
      sessionDone,
      mode: pageMode(record.status, today),
      progress: planProgress(record.plan, log, now),
    };
  }

  /**
   * The page's one-tap "How is your back today?": logs the score as a PAIN text does, one check-in a
   * local day (a later tap that day replaces it; the same tap again changes nothing). At 8 or more
   * the plan is paused through the lifecycle, exactly as a PAIN text pauses it, and the page shows
   * the see-a-clinician advice. Nothing is logged outside the plan's days or once it has ended.
   */
  async checkInPain(token: string, pain: number, client: Client): Promise<PainCheckInAnswer> {
    const now = this.clock.now();
    const record = await this.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    this.requireWithinPlan(record, today);
    const { replaced, previousPain } = await this.deps.events.replacePlanEvent(
      painCheckInEvent(record, {
        localDate: today.localDate,
        slot: today.session,
        pain,
        expiresAt: retainedUntil(record, this.deps.config.retentionDays),
      }),
    );
    const pause = painPause(pain, record);
    const paused = pause ? await this.deps.repo.changeStatus(record.planId, pause, now) : false;
    const seekCare = pain >= RULE.seekCarePain;
    this.log.info('pain check-in on the plan page', { planId: record.planId, replaced, seekCare, paused });
    return {
      pain,
      localDate: today.localDate,
      recorded: !replaced || previousPain !== pain,
      ...(replaced && previousPain !== undefined && previousPain !== pain ? { previous: previousPain } : {}),
      seekCare,
      remindersPaused: paused || record.status === 'paused',
      message: painCheckInWords(pain, seekCare),
      ...(seekCare ? { advice: PAGE_ADVICE.seekCare } : {}),
    };
  }

  /**
   * The page's Done: logs today's current session exactly as a DONE text does (session-log.ts), keyed
   * by the session's due instant, so a second press of the same session writes nothing.
   */
  async markSessionDone(token: string, client: Client): Promise<SessionDoneAnswer> {
    const now = this.clock.now();
    const record = await this.pagePlan(token, client, now);
    const today = planToday(record.plan, now);
    this.requireWithinPlan(record, today);
    const recorded = await this.deps.events.recordPlanEvent(
      sessionEvent(record, {
        type: 'done',
        at: today.sessionDueAt,
        session: { localDate: today.localDate, slot: today.session },
        source: PLAN_PAGE_SOURCE,
        expiresAt: retainedUntil(record, this.deps.config.retentionDays),
      }),
    );
    this.log.info('session done on the plan page', { planId: record.planId, slot: today.session, recorded });
    return {
      session: today.session,
      sessionsPerDay: today.sessionsPerDay,
      localDate: today.localDate,
      recorded,
    };
  }

  /** The page logs only on the plan's days, while it runs (active or paused). */
  private requireWithinPlan(record: PlanRecord, today: PlanToday): void {
    if (!RUNNING_STATUSES.includes(record.status)) throw new OutsidePlanError('this plan has ended');
    if (!today.withinPlan) {
      throw new OutsidePlanError(today.day === 0 ? 'your plan starts on a later day' : 'your plan has ended');
    }
  }

  private async pagePlan(token: string, client: Client, now: Date): Promise<PlanRecord> {
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

  /** A new code for a plan still waiting for one, once the wait is over and within the limits. */
  async resend(planId: string, client: Client): Promise<{ planId: string; verification: CodeSent }> {
    const now = this.clock.now();
    const record = await this.deps.repo.getPlan(planId);
    if (!record?.verification) throw new PlanNotFoundError(`plan ${planId} does not exist`);
    if (record.status !== INITIAL_PLAN_STATUS)
      throw new NotPendingError(`plan ${planId} is ${record.status}`);
    // A country the operator removed since the plan was made gets no more codes.
    if (!destinationAllowed(record.country, this.deps.config.allowedCountries)) {
      throw new RecipientUnreachableError(
        'the country of the number is no longer served',
        'invalid-endpoint',
      );
    }
    const judgement = judgeResend(record.verification, now, this.verification);
    if (judgement.kind === 'locked') throw new CodeLockedError('too many wrong codes');
    if (judgement.kind === 'too-soon') throw new ResendTooSoonError(judgement.retryAfterSeconds);
    if (judgement.kind === 'plan-cap') {
      const n = this.verification.codesPerPlan;
      throw new RateLimitedError(
        `This plan has been sent ${n} codes, the most a plan may get: use the last code, or send the form again.`,
        judgement.retryAfterSeconds,
      );
    }
    await this.requireCodeBudget(record.phoneHash, hashClient(client.address, this.deps.hashKey), now);

    const code = this.newCode();
    const next = issueCode(
      hashCode(planId, code, this.deps.hashKey),
      now,
      this.verification,
      record.verification,
    );
    try {
      await this.deps.verifications.replaceCode(planId, record.verification, next, now);
    } catch (error) {
      if (error instanceof StateConflictError)
        throw new BusyError('the plan changed meanwhile', { cause: error });
      throw error;
    }
    await this.sendCode(record.phone, code);
    this.log.info('verification code sent again', { planId, sends: next.sends });
    return { planId, verification: this.codeSent(record.phone, next) };
  }

  /**
   * Every code text is counted against the number (an hour, and any 24 hours), the client, and last
   * the whole service's hourly breaker (so refusals above do not use the service's budget).
   */
  private async requireCodeBudget(phoneHash: string, clientHash: string, now: Date, phoneField?: 'phone') {
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
  private async require(rule: RateRule, key: string, now: Date, phoneField?: 'phone'): Promise<void> {
    const decision = await this.deps.limiter.hit(rule, key, now);
    if (decision.allowed) return;
    this.log.warn('rate limited', { rule: rule.name, retryAfterSeconds: decision.retryAfterSeconds });
    const { message, phone } = LIMIT_MESSAGES[rule.name]!(rule.limit);
    throw new RateLimitedError(
      message,
      decision.retryAfterSeconds,
      phone && phoneField ? [{ path: phoneField, message: `${phoneField} ${phone}` }] : [],
    );
  }

  private async sendCode(phone: string, code: string): Promise<void> {
    await this.deps.notifier.send({
      channel: 'sms',
      to: phone,
      body: verificationText(this.deps.config.appName, code, this.verification.codeValidMinutes),
      kind: 'verification',
    });
    this.metrics.count(METRIC.codesSent);
  }

  private async noteVerified(planId: string, at: Date): Promise<void> {
    try {
      await this.deps.verifications.markVerified(planId, at);
    } catch (error) {
      // The plan is active, which is what matters; the timestamp is a record only.
      this.log.warn('could not note verification time', { planId, error: (error as Error).name });
    }
  }

  private codeSent(phone: string, state: VerificationState): CodeSent {
    return { channel: 'sms', to: maskPhone(phone), expiresAt: state.expiresAt };
  }

  private verified(record: PlanRecord): VerifiedAnswer {
    return { planId: record.planId, status: record.status, plan: record.plan };
  }
}

/** A code that is not judged, and why. */
function refusalError(kind: Exclude<TryRefusal['kind'], 'retry'>): Error {
  switch (kind) {
    case 'already-verified':
      return new AlreadyVerifiedError('the plan is active already');
    case 'not-pending':
      return new NotPendingError('the plan no longer waits for a code');
    case 'locked':
      return new CodeLockedError('too many wrong codes');
    case 'expired':
      return new CodeExpiredError('the code has expired');
  }
}

const CODES_PER_24_HOURS = {
  message: 'This number has been sent the most codes it may get in 24 hours.',
  phone: 'has been sent the most codes a number may get in 24 hours',
};

/** Each limit's refusal, as a sentence, and for per-phone limits as what the phone field shows. */
const LIMIT_MESSAGES: Record<string, (limit: number) => { message: string; phone?: string }> = {
  'assessments-client-hour': (n) => ({
    message: `Too many assessments from this device: at most ${n} an hour.`,
  }),
  'assessments-phone-day': (n) => ({
    message: `This number has had ${n} assessments today, the most it may have in a day.`,
    phone: `has had ${n} assessments today, the most a number may have in a day`,
  }),
  'codes-phone-hour': (n) => ({
    message: `This number has been sent ${n} codes this hour, the most it may get in an hour.`,
    phone: `has been sent ${n} codes this hour, the most a number may get in an hour`,
  }),
  'codes-phone-day': () => CODES_PER_24_HOURS,
  'codes-phone-day-12h': () => CODES_PER_24_HOURS,
  'codes-client-hour': (n) => ({
    message: `Too many codes asked for from this device: at most ${n} an hour.`,
  }),
  'code-checks-client-hour': (n) => ({
    message: `Too many codes tried from this device: at most ${n} an hour.`,
  }),
  'plan-page-client-hour': (n) => ({
    message: `Too many plan pages opened from this device: at most ${n} an hour.`,
  }),
};
