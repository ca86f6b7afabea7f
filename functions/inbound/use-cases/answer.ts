/**
 * The one answer to a text: its parts composed into ONE GSM-7 segment (answers.ts), claimed per
 * message before it is sent (a repeat of the text never answers twice), within the reply limits
 * per number — except an opt-out's confirmation (always owed) and the first urgent advice for a
 * sign in an hour (the flood limit must never drop it; its repeats within the hour go unanswered).
 */
import { composeAnswer, type AnswerPart } from '../../../shared/domain/messaging/answers.ts';
import { RecipientUnreachableError, type OutboundMessage } from '../../../shared/domain/model.ts';
import { destinationAllowed } from '../../../shared/domain/scheduling/reminders.ts';
import type { InboundContext, InboundSms, Outcome, Turn } from './context.ts';

/** An answer to a patient's text: to their number, from the number of ours they texted. */
export function answerTo(sms: InboundSms, body: string): OutboundMessage {
  return { channel: 'sms', to: sms.from, ...(sms.to ? { from: sms.to } : {}), body, kind: 'reply' };
}

/**
 * Whether this number may be answered once more (per hour and per day); past the limits the text
 * is still acted on and recorded, just not answered.
 */
export async function answerAllowed(ctx: InboundContext, phoneHash: string, fields: Record<string, unknown>) {
  for (const rule of [ctx.rules.repliesPerHour, ctx.rules.repliesPerDay]) {
    if ((await ctx.deps.limiter.hit(rule, phoneHash, ctx.clock.now())).allowed) continue;
    ctx.log.warn('reply limit reached: not answered', { ...fields, rule: rule.name });
    return false;
  }
  return true;
}

/** Sends the answer the outcomes make, if any may go; true when this delivery sent it. */
export async function sendAnswer(
  ctx: InboundContext,
  turn: Turn,
  outcomes: readonly Outcome[],
): Promise<boolean> {
  const { sms, phoneHash, patient } = turn;
  const fields = { messageId: sms.messageId };
  let withParts = outcomes.filter((o) => o.part);
  if (withParts.length === 0) return false;
  if (!destinationAllowed(patient.country, ctx.deps.config.allowedCountries)) {
    ctx.log.warn('no answer: the country of the patient is no longer allowed', {
      ...fields,
      country: patient.country,
    });
    return false;
  }
  // Claimed first, so a repeat of this text neither answers nor counts again.
  if (!(await ctx.deps.events.claimReply(sms.messageId, phoneHash, ctx.clock.now()))) return false;
  const now = ctx.clock.now();
  let pastLimits = withParts.some((o) => o.urgent === 'always');
  const urgent = withParts.filter((o) => typeof o.urgent === 'object');
  for (const o of urgent) {
    const key = (o.urgent as { key: string }).key;
    const first = await ctx.deps.limiter.hit(ctx.rules.urgentAnswer, `${phoneHash}:${key}`, now);
    if (first.allowed) pastLimits = true;
    else {
      ctx.log.warn('urgent advice already sent this hour: acted on, not answered again', { ...fields, key });
      withParts = withParts.filter((p) => p !== o);
    }
  }
  if (withParts.some((o) => o.kept) && withParts.length > 0) {
    const kept = await ctx.deps.limiter.hit(ctx.rules.unknownAnswer, phoneHash, now);
    if (!kept.allowed) withParts = withParts.filter((o) => !o.kept);
  }
  if (withParts.length === 0 || (!pastLimits && !(await answerAllowed(ctx, phoneHash, fields)))) return false;
  const body = composeAnswer(
    ctx.appName,
    withParts.map((o) => o.part as AnswerPart),
  );
  try {
    await ctx.deps.notifier.send(answerTo(sms, body));
    return true;
  } catch (error) {
    if (error instanceof RecipientUnreachableError) {
      ctx.log.warn('answer not deliverable', { ...fields, reason: error.reason });
      return false;
    }
    // Let the redelivery answer instead.
    await ctx.deps.events.releaseReply(sms.messageId);
    throw error;
  }
}
