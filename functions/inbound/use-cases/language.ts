/**
 * ESPAÑOL / ENGLISH by text: the plan's language for every text and page from now on, answered in
 * the new language; a language the operator does not offer is answered in the current one, and
 * nothing changes. A repeat sets the same language again and is not answered twice (answer.ts).
 */
import type { Language } from '../../../shared/domain/language.ts';
import { partsFor } from '../../../shared/domain/messaging/answers.ts';
import type { InboundContext, Outcome, Turn } from './context.ts';

export async function switchLanguage(
  ctx: InboundContext,
  turn: Turn,
  asked: Language,
  offered: readonly Language[],
): Promise<Outcome & { turn: Turn }> {
  if (!offered.includes(asked)) return { part: turn.parts.languageNotOffered(), turn };
  // With no plan, the answer is still in the asked language; the next form takes it from the browser.
  if (turn.plan && turn.plan.language !== asked) await ctx.deps.repo.setLanguage(turn.plan.planId, asked);
  ctx.log.info('language changed', {
    messageId: turn.sms.messageId,
    planId: turn.plan?.planId,
    language: asked,
  });
  const parts = partsFor(asked);
  return { part: parts.languageChanged(), turn: { ...turn, language: asked, parts } };
}
