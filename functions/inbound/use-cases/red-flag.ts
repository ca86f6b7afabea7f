/**
 * Words that may mean a red flag, and the patient saying we misread them. Safety first: the words
 * are kept for the clinic (an alert event: clinic-watch raises the red-flag alert and emails it),
 * reminders pause, and the answer names what was heard, gives the flag's tier of advice (the
 * domain's one flag table) and how to say it was misread. The first urgent answer for a sign
 * always goes, past the reply limits; a repeat of the same sign within the hour is acted on (kept,
 * plan stays paused) but not answered again.
 *
 * MISTAKE (or "I'm fine, I meant my hand" after the urgent answer): reminders resume and the
 * clinic reads "patient says misread" on the open red-flag alert (a misread event; clinic-watch
 * marks the alert, never closes it). A second red-flag text pauses again.
 */
import type { RedFlagId } from '../../../shared/domain/plan/rules.ts';
import { pausedForRedFlag, type InboundContext, type Outcome, type Turn } from './context.ts';

export async function redFlag(
  ctx: InboundContext,
  turn: Turn,
  flags: readonly RedFlagId[],
  optedOut: boolean,
): Promise<Outcome> {
  const { plan, sms } = turn;
  const kept = await ctx.record(plan, sms, 'alert');
  if (ctx.running(plan)) await ctx.move(plan, { kind: 'red-flag-reported' });
  ctx.log.warn('words that may mean a red flag: urgent advice and the clinic told', {
    planId: plan?.planId,
    flags,
    kept,
  });
  return {
    part: turn.parts.redFlag(flags, { optedOut }),
    urgent: { key: `red-flag:${[...flags].sort().join('+')}` },
  };
}

/** The patient says the red-flag words were misread. */
export async function misread(ctx: InboundContext, turn: Turn): Promise<Outcome> {
  const { plan, sms } = turn;
  await ctx.record(plan, sms, 'misread');
  if (plan && pausedForRedFlag(plan)) {
    const resumed = await ctx.move(plan, { kind: 'misread' });
    ctx.log.info('patient says red-flag words were misread: reminders resume', {
      planId: plan.planId,
      resumed,
    });
    return { part: turn.parts.misread(resumed) };
  }
  return { part: turn.parts.misread(false) };
}
