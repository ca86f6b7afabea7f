import { hashClient, hashCode } from '../../../shared/domain/security/privacy.ts';
import { destinationAllowed } from '../../../shared/domain/scheduling/reminders.ts';
import { issueCode, judgeResend } from '../../../shared/domain/security/verification.ts';
import { RecipientUnreachableError, StateConflictError } from '../../../shared/domain/model.ts';
import {
  BusyError,
  CodeLockedError,
  NotPendingError,
  PlanNotFoundError,
  RateLimitedError,
  ResendTooSoonError,
} from '../errors.ts';
import { INITIAL_PLAN_STATUS } from '../../../shared/domain/plan/lifecycle.ts';
import type { Client, CodeSent, IntakeContext } from './context.ts';

/** A new code for a plan still waiting for one, within the per-plan and per-number caps. */
export class Resends {
  constructor(private readonly ctx: IntakeContext) {}

  /** A new code for a plan still waiting for one, once the wait is over and within the limits. */
  async resend(planId: string, client: Client): Promise<{ planId: string; verification: CodeSent }> {
    const now = this.ctx.clock.now();
    const clientHash = hashClient(client.address, this.ctx.deps.hashKey);
    // Before anything is read: a spray of plan ids from one address is bounded too.
    await this.ctx.require(this.ctx.rules.resendsPerClient, clientHash, now);
    const record = await this.ctx.deps.repo.getPlan(planId);
    if (!record?.verification) throw new PlanNotFoundError(`plan ${planId} does not exist`);
    if (record.status !== INITIAL_PLAN_STATUS)
      throw new NotPendingError(`plan ${planId} is ${record.status}`);
    // A country the operator removed since the plan was made gets no more codes.
    if (!destinationAllowed(record.country, this.ctx.deps.config.allowedCountries)) {
      throw new RecipientUnreachableError(
        'the country of the number is no longer served',
        'invalid-endpoint',
      );
    }
    const judgement = judgeResend(record.verification, now, this.ctx.verification);
    if (judgement.kind === 'locked') throw new CodeLockedError('too many wrong codes');
    if (judgement.kind === 'too-soon') throw new ResendTooSoonError(judgement.retryAfterSeconds);
    if (judgement.kind === 'plan-cap') {
      const n = this.ctx.verification.codesPerPlan;
      throw new RateLimitedError('codes-plan', n, judgement.retryAfterSeconds);
    }
    await this.ctx.requireNotOptedOut(record.phone);
    await this.ctx.requireCodeBudget(record.phoneHash, clientHash, now);

    const code = this.ctx.newCode();
    const next = issueCode(
      hashCode(planId, code, this.ctx.deps.hashKey),
      now,
      this.ctx.verification,
      record.verification,
    );
    try {
      await this.ctx.deps.verifications.replaceCode(planId, record.verification, next, now);
    } catch (error) {
      if (error instanceof StateConflictError)
        throw new BusyError('the plan changed meanwhile', { cause: error });
      throw error;
    }
    await this.ctx.sendCode(record.phone, code, record.language);
    this.ctx.log.info('verification code sent again', { planId, sends: next.sends });
    return { planId, verification: this.ctx.codeSent(record.phone, next) };
  }
}
