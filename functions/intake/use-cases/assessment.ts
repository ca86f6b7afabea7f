import {
  type Advice,
  type Plan,
  buildPlan,
  withSessionTimes,
  proposal,
  type Proposal,
} from '../../../shared/domain/plan/plan.ts';
import {
  type ProgressionStep,
  type ScoreChange,
  adherenceOf,
  holdStepProblem,
  progressionSteps,
  scoreChanges,
  type PreviousPlan,
} from '../../../shared/domain/plan/progression.ts';
import { Screenings } from './screening.ts';
import { preferredLanguage, type Language } from '../../../shared/domain/language.ts';
import { apiTextsFor } from '../../../shared/domain/plan/api-catalog.ts';
import { type CodeSent, RACE_RETRIES, type Client, type IntakeContext } from './context.ts';
import type { Assessment } from '../../../shared/domain/plan/assessment.ts';
import { hashClient, hashCode, hashPhone, maskPhone } from '../../../shared/domain/security/privacy.ts';
import { hashPageToken } from '../../../shared/domain/plan/page.ts';
import { planProgress } from '../../../shared/domain/plan/progress.ts';
import { hashInviteToken } from '../../../shared/domain/clinic/secrets.ts';
import { issueCode } from '../../../shared/domain/security/verification.ts';
import { METRIC } from '../../../shared/metrics.ts';
import { SlotsFullError, type PlanRecord } from '../../../shared/domain/model.ts';
import { slotsOf } from '../../../shared/domain/scheduling/session-slots.ts';
import { capacityOf, nearestFreeTimes } from './booking.ts';
import { HoldTooHardError, PreviousPlanNotFoundError, SessionTimesFullError } from '../errors.ts';
import { INITIAL_PLAN_STATUS } from '../../../shared/domain/plan/lifecycle.ts';

/** What the patient may choose from (shared/domain/plan/plan.ts `proposal`). */
export type { Proposal };

export type { ScreeningAnswer } from './screening.ts';

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

/** Screening, the proposal and the assessment that makes a pending plan (and the re-assessment that follows one). */
export class Assessments {
  private readonly screenings: Screenings;

  constructor(private readonly ctx: IntakeContext) {
    this.screenings = new Screenings(ctx);
  }

  /**
   * The movements that qualify and the rule's proposal, for the patient to choose from, with the
   * verdict on a plan (no plan: the advice, before any phone number is asked). Nothing is stored.
   */
  async propose(
    input: { scores: Record<string, number>; restPain?: number },
    client: Client,
    /** The language of the advice (the request's: routes.ts). @default English */
    language?: Language,
  ): Promise<Proposal> {
    await this.ctx.requireFormRequest(client);
    return proposal(input.scores, input.restPain, apiTextsFor(language));
  }

  /**
   * A checked assessment → the plan. No plan (red flag, severe pain, nothing qualifies): the advice,
   * and nothing is stored or sent. Otherwise: limits, then the plan pending verification with its
   * consent, then the code by SMS (also for push patients: the code proves the phone).
   */

  async assess(input: Assessment, client: Client): Promise<AssessmentAnswer> {
    const now = this.ctx.clock.now();
    const phoneHash = hashPhone(input.phone, this.ctx.deps.hashKey);
    // A re-assessment steps on from the plan it follows (shared/domain/plan/progression.ts).
    const last = input.previousPlan ? await this.lastPlan(input.previousPlan, phoneHash, now) : undefined;
    if (last) this.checkHold(input, last.previous);
    // Weak flags alone: a plan only once a clinician has checked this pain (the clinic or the patient says so).
    const clearance = await this.screenings.clearanceFor(input.redFlags, input.clinicianChecked, client);
    // The plan's language: the one chosen on the form, else the browser's among those offered.
    const language =
      input.language ?? preferredLanguage(client.acceptLanguage, this.ctx.deps.config.languages);
    const decision = buildPlan(
      {
        ...input,
        ...(clearance ? { clearance: clearance.by } : {}),
        ...(last ? { previous: last.previous } : {}),
      },
      { now, lengthDays: this.ctx.deps.config.planLengthDays },
      apiTextsFor(language),
    );
    this.ctx.metrics.count(METRIC.assessments);
    if (decision.kind === 'no-plan') return { planId: null, plan: null, advice: decision.advice };

    const clientHash = hashClient(client.address, this.ctx.deps.hashKey);
    // Client first: one address spraying many numbers stops there before counting against them.
    await this.ctx.require(this.ctx.rules.assessmentsPerClient, clientHash, now);
    await this.ctx.require(this.ctx.rules.assessmentsPerPhone, phoneHash, now, 'phone');
    // Before the code budget: a number that opted out is told to text START, and costs no code.
    await this.ctx.requireNotOptedOut(input.phone);
    await this.ctx.requireCodeBudget(phoneHash, clientHash, now, 'phone');

    const planId = this.ctx.newId();
    const code = this.ctx.newCode();
    const at = now.toISOString();
    const record: PlanRecord = {
      planId,
      phoneHash,
      phone: input.phone,
      country: input.country,
      ...(input.locale ? { locale: input.locale } : {}),
      channel: input.channel,
      ...(input.pushSubscription ? { pushSubscription: input.pushSubscription } : {}),
      language,
      status: INITIAL_PLAN_STATUS,
      plan: decision.plan,
      consent: { ...input.consent, acceptedAt: at },
      assessment: {
        scores: input.scores,
        redFlags: input.redFlags,
        ...(input.restPain !== undefined ? { restPain: input.restPain } : {}),
        ...(input.chosen ? { chosen: [...input.chosen] } : {}),
        ...(clearance
          ? {
              clinicianCheck: {
                by: clearance.by,
                flags: [...input.redFlags],
                ...(clearance.inviteId ? { inviteId: clearance.inviteId } : {}),
              },
            }
          : {}),
      },
      verification: issueCode(hashCode(planId, code, this.ctx.deps.hashKey), now, this.ctx.verification),
      createdAt: at,
      updatedAt: at,
      // The clinic console enrols the patient under the invite (functions/clinic-watch).
      ...(client.invite ? { invite: hashInviteToken(client.invite, this.ctx.deps.hashKey) } : {}),
    };
    const booked = await this.createWithPlaces(record, input.sessionTimesChosen);
    await this.ctx.sendCode(booked.phone, code, booked.language);
    this.ctx.log.info('plan pending verification', {
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
      verification: this.ctx.codeSent(booked.phone, booked.verification!),
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
   * A re-assessment's kettlebell hold: at most one rung harder than the last plan's (a harder hold
   * enters only once it was tried and rated). Refused (400 naming kettlebellHold) before anything is written.
   */
  private checkHold(input: Assessment, previous: PreviousPlan): void {
    const score = input.scores['kettlebell-walk'];
    const before = previous.movements.find((m) => m.id === 'kettlebell-walk');
    if (!before || score === undefined || score > 3 || !input.kettlebellHold) return;
    const problem = holdStepProblem(before.variation, input.kettlebellHold);
    if (problem) throw new HoldTooHardError(problem);
  }

  /**
   * The plan a re-assessment follows, by its page token: only a plan of the same phone number (the
   * link is the patient's, but a forwarded one must not shape someone else's plan), with how much
   * of it was done. Refused (400 naming previousPlan) before anything is written.
   */
  private async lastPlan(token: string, phoneHash: string, now: Date) {
    const planId = await this.ctx.deps.pages.findPlanId(hashPageToken(token, this.ctx.deps.hashKey), now);
    const record = planId ? await this.ctx.deps.repo.getPlan(planId) : undefined;
    if (!record || record.phoneHash !== phoneHash) throw new PreviousPlanNotFoundError();
    const progress = planProgress(record.plan, await this.ctx.deps.events.sessionLog(record.planId), now);
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
    const now = this.ctx.clock.now();
    const record = await this.ctx.pagePlan(token, client, now);
    const progress = planProgress(record.plan, await this.ctx.deps.events.sessionLog(record.planId), now);
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
    const capacity = capacityOf(this.ctx.deps.config);
    let current = record;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ctx.deps.repo.createPendingPlan(current, this.ctx.deps.config.retentionDays, {
          slots: slotsOf(current.plan),
          capacity,
        });
        return current;
      } catch (error) {
        if (!(error instanceof SlotsFullError)) throw error;
        const { sessionTimes } = current.plan;
        const { free, fullIndexes } = await nearestFreeTimes(
          this.ctx.deps.slots,
          current.plan,
          sessionTimes,
          error.full,
          capacity,
        );
        this.ctx.log.warn('session minutes full', { planId: record.planId, full: error.full, offered: free });
        if (!free || timesChosen || attempt >= RACE_RETRIES)
          throw new SessionTimesFullError(fullIndexes, free, { cause: error });
        current = { ...current, plan: withSessionTimes(current.plan, free, this.ctx.clock.now()) };
      }
    }
  }
}
