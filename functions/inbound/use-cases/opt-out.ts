/**
 * Opting out and back in. An opt-out (any reasonable wording, FCC 47 CFR 64.1200(a)(10)) is
 * honoured at once: the patient is marked, the plan stops (schedule-sync deletes its schedules,
 * the clinic gets its opted-out alert), one confirmation goes straight away — not through the
 * paced queue, not held by quiet hours, past every limit — and only then does the number go on
 * the stack's opt-out list (texts to a listed number are dropped). START (UNSTOP, ALTA …) takes
 * the number off the list first, so its answer can reach the patient, and puts the plan back as
 * it was before the opt-out.
 */
import { optOutConfirmedByChannel } from '../../../shared/domain/messaging/replies.ts';
import { parseReason, stateBeforeOptOut } from '../../../shared/domain/plan/lifecycle.ts';
import { maskPhone } from '../../../shared/domain/security/privacy.ts';
import { METRIC } from '../../../shared/metrics.ts';
import type { InboundContext, Outcome, Turn } from './context.ts';

export async function optOut(ctx: InboundContext, turn: Turn): Promise<Outcome> {
  const { sms, plan, patient, phoneHash } = turn;
  const now = ctx.clock.now();
  await ctx.deps.events.markOptedOut(phoneHash, now, plan ? stateBeforeOptOut(plan) : undefined);
  if (ctx.running(plan)) await ctx.move(plan, { kind: 'opted-out' });
  // Patients who opted out: a repeat of the text (SNS redelivers) or a second STOP is not another.
  if (!patient.optedOut) ctx.metrics.count(METRIC.optOuts);
  const putOnList = async () => {
    await ctx.optOutList.putOptedOutNumber(sms.from);
    ctx.log.info('number on the opt-out list', { phone: maskPhone(sms.from), messageId: sms.messageId });
  };
  // End User Messaging confirms the keyword it matched itself (and lists the number); a wording it
  // did not match ("stop pls", "wrong number") is confirmed from here. One confirmation either way.
  if (optOutConfirmedByChannel(sms.body, sms.keyword)) return { afterAnswer: putOnList };
  return { part: turn.parts.optedOut(ctx.appName), urgent: 'always', afterAnswer: putOnList };
}

/**
 * START after an opt-out: off the list, the patient opted in, the plan back as it was (if it has
 * not ended). AWS removes a number at most once every 30 days: refused, the number stays listed,
 * so no answer could reach it; the refusal is logged and counted, and the form says so when the
 * patient tries it (functions/intake).
 */
export async function optIn(ctx: InboundContext, turn: Turn): Promise<Outcome | undefined> {
  const { sms, plan, patient, phoneHash } = turn;
  if (!patient.optedOut) return undefined; // not opted out: START means RESUME (the caller's)
  const outcome = await ctx.optOutList.deleteOptedOutNumber(sms.from);
  if (outcome === 'refused') {
    ctx.log.warn('opt-in refused: End User Messaging takes a number off its list once every 30 days', {
      phone: maskPhone(sms.from),
      messageId: sms.messageId,
    });
    ctx.metrics.count(METRIC.optInsRefused);
    return {};
  }
  const now = ctx.clock.now();
  await ctx.deps.events.markOptedIn(phoneHash, now);
  ctx.metrics.count(METRIC.optIns);
  const stoppedByOptOut = plan?.status === 'stopped' && parseReason(plan.statusReason)?.kind === 'opted-out';
  if (plan && stoppedByOptOut && Date.parse(plan.plan.endsAt) > now.getTime()) {
    const back = await ctx.move(plan, {
      kind: 'opted-in',
      ...(patient.optedOutBefore ? { before: patient.optedOutBefore } : {}),
    });
    const paused = patient.optedOutBefore?.startsWith('paused');
    if (back) return { part: turn.parts.optedIn(paused ? 'paused' : 'active') };
  }
  return { part: turn.parts.optedIn('none', ctx.deps.config.formUrl) };
}
