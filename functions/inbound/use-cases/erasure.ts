/**
 * DELETE <code> after a recent DELETE: the patient's last text, then every item of the patient goes
 * (PlanRepository.erasePatient; the stream's REMOVE records make schedule-sync delete the
 * schedules). The answer is claimed first, on a marker not linked to the patient, so a repeat of
 * the message after a crash finishes the erasure without a second text; the erasure repeats
 * safely (the profile goes last); a repeat after it finds an unknown number and does nothing.
 */
import type { Language } from '../../../shared/domain/language.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import { erasureConfirmable } from '../../../shared/domain/messaging/replies.ts';
import { RecipientUnreachableError, type PatientRecord } from '../../../shared/domain/model.ts';
import { destinationAllowed } from '../../../shared/domain/scheduling/reminders.ts';
import { hashErasureCode, maskPhone, sameHash } from '../../../shared/domain/security/privacy.ts';
import { answerAllowed, answerTo } from './answer.ts';
import type { InboundContext, InboundResult, InboundSms } from './context.ts';

/**
 * Whether DELETE <code> confirms the patient's erasure: a request within the window, a try left
 * today (counted before the code is compared, so racing guesses each use one), and the code of
 * the request's answer. The code stays until the erasure removes it with the profile, so the
 * repeat of a confirmation cut short still finishes it.
 */
export async function confirmsErasure(
  ctx: InboundContext,
  patient: PatientRecord,
  phoneHash: string,
  code: string,
): Promise<boolean> {
  if (!patient.erasureCodeHash || !erasureConfirmable(patient.erasureRequestedAt, ctx.clock.now()))
    return false;
  const tried = await ctx.deps.limiter.hit(ctx.rules.erasureCodeTries, phoneHash, ctx.clock.now());
  if (!tried.allowed) {
    ctx.log.warn('erasure code tries used up for today', { phone: maskPhone(patient.phone) });
    return false;
  }
  return sameHash(hashErasureCode(phoneHash, code, ctx.deps.hashKey), patient.erasureCodeHash);
}

export async function erase(
  ctx: InboundContext,
  sms: InboundSms,
  phoneHash: string,
  country: string,
  language: Language,
): Promise<InboundResult> {
  const fields = { messageId: sms.messageId };
  let replied = false;
  if (
    destinationAllowed(country, ctx.deps.config.allowedCountries) &&
    (await ctx.deps.events.claimReply(sms.messageId, undefined, ctx.clock.now())) &&
    (await answerAllowed(ctx, phoneHash, fields))
  ) {
    try {
      await ctx.deps.notifier.send(answerTo(sms, textsFor(language).erasedText(ctx.appName)));
      replied = true;
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) {
        await ctx.deps.events.releaseReply(sms.messageId);
        throw error;
      }
      ctx.log.warn('erasure confirmation not deliverable; erasing anyway', {
        ...fields,
        reason: error.reason,
      });
    }
  }
  const { deletedItems, planIds } = await ctx.deps.repo.erasePatient(phoneHash);
  ctx.log.info('patient erased on request', { ...fields, deletedItems, plans: planIds.length });
  return { intents: ['erase-confirm'], replied };
}
