import {
  type PlanStatus,
  StateConflictError,
  type PlanRecord,
  type VerificationState,
} from '../../../shared/domain/model.ts';
import type { Plan } from '../../../shared/domain/plan/plan.ts';
import { hashClient, hashCode, sameHash } from '../../../shared/domain/security/privacy.ts';
import {
  hashPageToken,
  newPageNonce,
  pageToken,
  PLAN_PAGE_PREFIX,
} from '../../../shared/domain/plan/page.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import {
  judgeCountedTry,
  whyNoTry,
  type TryRefusal,
  type VerificationBody,
} from '../../../shared/domain/security/verification.ts';
import { METRIC } from '../../../shared/metrics.ts';
import {
  AlreadyVerifiedError,
  BusyError,
  CodeExpiredError,
  CodeLockedError,
  NotPendingError,
  PlanNotFoundError,
  WrongCodeError,
} from '../errors.ts';
import { transition } from '../../../shared/domain/plan/lifecycle.ts';
import { RACE_RETRIES, type Client, type IntakeContext } from './context.ts';

export interface VerifiedAnswer {
  planId: string;
  status: PlanStatus;
  plan: Plan;
  /** The patient's private plan page, a path on this API (the reminders carry the full link). */
  planPage?: string;
}

/** The code the patient types back: counted, judged, and the plan activated with its page and welcome text. */
export class Verifications {
  constructor(private readonly ctx: IntakeContext) {}

  /**
   * The code sent to the phone → the plan active (replacing the phone's older plan). The try is
   * counted before the code is compared, so a burst of guesses gets at most `maxCodeAttempts`
   * codes judged; the activation is conditional on the code hash judged and on no lock. A code sent
   * once the plan is active, replaced or locked is never judged (409 / 423).
   */
  async verify(body: VerificationBody, client: Client): Promise<VerifiedAnswer> {
    const now = this.ctx.clock.now();
    await this.ctx.require(
      this.ctx.rules.codeChecksPerClient,
      hashClient(client.address, this.ctx.deps.hashKey),
      now,
    );
    const codeHash = hashCode(body.planId, body.code, this.ctx.deps.hashKey);

    for (let round = 0; round <= RACE_RETRIES; round++) {
      const counted = await this.ctx.deps.verifications.countTry(
        body.planId,
        now,
        this.ctx.verification.maxCodeAttempts,
      );
      if (counted) return this.judgeTry(body.planId, counted, sameHash(codeHash, counted.codeHash), now);
      // No try left to count: say why, from the plan as it is now.
      const why = whyNoTry(await this.planWithCode(body.planId), now, this.ctx.verification);
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
    const judgement = judgeCountedTry(counted, matches, this.ctx.verification);
    if (judgement.kind === 'verified') return this.activate(planId, counted.codeHash, now);
    this.ctx.log.info('wrong verification code', { planId, left: judgement.attemptsLeft });
    if (!judgement.locksNow) throw new WrongCodeError(judgement.attemptsLeft);
    try {
      await this.ctx.deps.verifications.lock(planId, now);
    } catch (error) {
      if (!(error instanceof StateConflictError)) throw error;
      // A right code in an earlier try activated the plan first: this code is not judged against it.
      const why = whyNoTry(await this.planWithCode(planId), now, this.ctx.verification);
      if (why.kind === 'already-verified' || why.kind === 'not-pending') throw refusalError(why.kind);
    }
    throw new CodeLockedError('the last try was wrong');
  }

  /** The right code, counted: activates the plan, if the plan is still as the try found it. */
  private async activate(planId: string, codeHash: string, now: Date): Promise<VerifiedAnswer> {
    for (let round = 0; round <= RACE_RETRIES; round++) {
      const record = await this.planWithCode(planId);
      const why = whyNoTry(record, now, this.ctx.verification);
      if (why.kind === 'already-verified' || why.kind === 'not-pending') throw refusalError(why.kind);
      if (record.verification.lockedAt) throw new CodeLockedError('too many wrong codes');
      // A new code replaced this one after the try was counted: the code sent is no longer the one.
      if (!sameHash(codeHash, record.verification.codeHash)) {
        throw new WrongCodeError(
          Math.max(0, this.ctx.verification.maxCodeAttempts - record.verification.attempts),
        );
      }
      // The plan page opens with the plan: its nonce and the token's hash go in the same write.
      const nonce = newPageNonce();
      const token = pageToken(planId, nonce, this.ctx.deps.hashKey);
      try {
        const { replacedPlanId } = await this.ctx.deps.repo.activatePlan(
          planId,
          now,
          this.ctx.deps.config.retentionDays,
          { codeHash, maxAttempts: this.ctx.verification.maxCodeAttempts },
          { nonce, tokenHash: hashPageToken(token, this.ctx.deps.hashKey) },
        );
        await this.noteVerified(planId, now);
        this.ctx.metrics.count(METRIC.plansActivated);
        this.ctx.log.info('plan verified and active', { planId, replacedPlanId });
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
      await this.ctx.deps.notifier.send({
        channel: 'sms',
        to: record.phone,
        body: textsFor(record.language).welcomeText(this.ctx.deps.config.appName, sessionTimes, lengthDays),
        kind: 'welcome',
      });
    } catch (error) {
      this.ctx.log.warn('welcome text not sent', {
        planId: record.planId,
        errorName: (error as Error)?.name,
      });
    }
  }

  private async planWithCode(planId: string): Promise<PlanRecord & { verification: VerificationState }> {
    const record = await this.ctx.deps.repo.getPlan(planId);
    if (!record?.verification) throw new PlanNotFoundError(`plan ${planId} does not exist`);
    return record as PlanRecord & { verification: VerificationState };
  }

  private async noteVerified(planId: string, at: Date): Promise<void> {
    try {
      await this.ctx.deps.verifications.markVerified(planId, at);
    } catch (error) {
      // The plan is active, which is what matters; the timestamp is a record only.
      this.ctx.log.warn('could not note verification time', { planId, error: (error as Error).name });
    }
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
