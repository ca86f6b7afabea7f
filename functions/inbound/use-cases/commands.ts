/**
 * The everyday intents: a session done, a pain score (both in one line when a text gives both),
 * pause and resume, help, who is texting, erasure's request, a message for the clinic, and the
 * short question back when the reading is unsure.
 */
import type { Question } from '../../../shared/domain/messaging/reading/read.ts';
import { keywordMatchedByChannel } from '../../../shared/domain/messaging/replies.ts';
import { painPause, parseReason } from '../../../shared/domain/plan/lifecycle.ts';
import { RULE } from '../../../shared/domain/plan/rules.ts';
import { erasureCode, hashErasureCode } from '../../../shared/domain/security/privacy.ts';
import { METRIC } from '../../../shared/metrics.ts';
import type { InboundContext, Outcome, Turn } from './context.ts';

/** A session done and/or a pain score: recorded; 8 or more pauses the plan and advises care. */
export async function doneAndPain(
  ctx: InboundContext,
  turn: Turn,
  done: boolean,
  pain: number | undefined,
): Promise<Outcome[]> {
  const { plan, sms } = turn;
  const app = ctx.appName;
  const doneKept = done && (await ctx.record(plan, sms, 'done'));
  const painKept = pain !== undefined && (await ctx.record(plan, sms, 'pain', pain));
  if (!doneKept && !painKept) return [{ part: turn.parts.noPlan(app, ctx.deps.config.formUrl) }];
  if (pain !== undefined && pain >= RULE.seekCarePain) {
    // The rule gives no plan at 8 or more: stop prompting exercise until the patient says so
    // (the plan page's check-in does the same, through the same rule).
    const pause = plan && painPause(pain, plan);
    if (pause) await ctx.deps.repo.changeStatus(plan.planId, pause, ctx.clock.now());
    const seek: Outcome = { part: turn.parts.seekCare(app), urgent: { key: 'pain-high' } };
    return doneKept ? [seek, { part: turn.parts.done(app) }] : [seek];
  }
  if (doneKept && painKept) return [{ part: turn.parts.donePain(pain!) }];
  return [{ part: doneKept ? turn.parts.done(app) : turn.parts.pain(app, pain!) }];
}

export async function pause(ctx: InboundContext, turn: Turn): Promise<Outcome> {
  const { plan } = turn;
  if (!ctx.running(plan)) return { part: turn.parts.noPlan(ctx.appName, ctx.deps.config.formUrl) };
  await ctx.move(plan, { kind: 'patient-paused' });
  return { part: turn.parts.paused(ctx.appName) };
}

export async function resume(ctx: InboundContext, turn: Turn): Promise<Outcome> {
  const { plan } = turn;
  const app = ctx.appName;
  if (!ctx.running(plan) || Date.parse(plan.plan.endsAt) <= ctx.clock.now().getTime())
    return { part: turn.parts.noPlan(app, ctx.deps.config.formUrl) };
  const reason = parseReason(plan.statusReason)?.kind;
  // Words that may mean a red flag paused it: a clinician first (or MISTAKE, if we misread).
  if (reason === 'red-flag-reported')
    return { part: turn.parts.seeClinicianFirst(app, ctx.deps.config.formUrl) };
  // Paused by the clinic in the console: the clinic restarts it.
  if (reason === 'clinic-paused')
    return { part: turn.parts.clinicPaused(app, ctx.deps.config.clinicContact) };
  await ctx.move(plan, { kind: 'resume' });
  return { part: turn.parts.resumed(app) };
}

/** HELP: the number answers its own keyword when it is the whole text; anything else from here. */
export function help(ctx: InboundContext, turn: Turn): Outcome {
  if (ctx.deps.helpAnsweredByChannel && keywordMatchedByChannel(['HELP'], turn.sms.body, turn.sms.keyword))
    return {};
  return { part: turn.parts.help(ctx.appName, ctx.deps.config.clinicContact, ctx.deps.config.formUrl) };
}

export function who(ctx: InboundContext, turn: Turn): Outcome {
  return { part: turn.parts.who(ctx.appName, ctx.deps.config.clinicContact) };
}

/** DELETE: the code comes from the message id, so a repeat of this DELETE stores and sends the same. */
export async function eraseRequest(ctx: InboundContext, turn: Turn): Promise<Outcome> {
  const code = erasureCode(turn.sms.messageId, ctx.deps.hashKey);
  await ctx.deps.events.requestErasure(
    turn.phoneHash,
    ctx.clock.now(),
    hashErasureCode(turn.phoneHash, code, ctx.deps.hashKey),
  );
  return { part: turn.parts.erasePrompt(ctx.appName, code) };
}

/** Words for the clinic: kept, and answered "kept for your clinic" every few hours at most. */
export async function message(ctx: InboundContext, turn: Turn, answer: boolean): Promise<Outcome> {
  await ctx.record(turn.plan, turn.sms, 'message');
  return answer ? { part: turn.parts.kept(ctx.appName), kept: true } : {};
}

/** Unsure: the words are kept for the clinic, and one short question goes back (reply limits apply). */
export async function unclear(ctx: InboundContext, turn: Turn, ask: Question): Promise<Outcome> {
  await ctx.record(turn.plan, turn.sms, 'message');
  ctx.metrics.count(METRIC.questionsBack);
  return { part: turn.parts.question(ask) };
}
