/**
 * New session times by text ("TIMES 8am 1pm 7pm", "change my times to 9 2 and 8"): read by the pure
 * parser (shared/domain/scheduling/times-text.ts), changed by the very use case the plan page calls
 * (functions/intake/use-cases/session-times.ts `changeSessionTimes`: the rule, the places booked in
 * one conditional transaction, the schedules following from the stream), and answered with ONE
 * GSM-7 segment: the new times in the patient's clock and zone, or what is wrong with the text and
 * the allowed window (nothing changed).
 *
 * The reply reader (shared/domain/messaging/reading) does not act on TIMES: the service asks this
 * module first, and only when the text carries no opt-out, no red-flag words and no erasure code
 * (safety before convenience: such a text goes to the reader as any other). The reader counts a
 * per se opt-out word anywhere in a TIMES text ("TIMES 8 1 7 STOP") as an opt-out, so it wins.
 *
 * Idempotent on redelivery: the change is conditional on the times it read (a repeat finds the
 * plan changed already and answers "unchanged" with the same confirmation), and the answer is
 * claimed per message (answer.ts), so a repeat never answers twice.
 */
import { smsPacingSchema } from '../../../shared/config.ts';
import type { AnswerPart } from '../../../shared/domain/messaging/answers.ts';
import type { IntentKind } from '../../../shared/domain/messaging/reading/read.ts';
import { textsFor } from '../../../shared/domain/messaging/text-catalog.ts';
import type { TimesProblem } from '../../../shared/domain/messaging/texts.ts';
import { RULE } from '../../../shared/domain/plan/rules.ts';
import { clockOf } from '../../../shared/domain/scheduling/local-time.ts';
import { sessionTimeIssues } from '../../../shared/domain/scheduling/settings-rules.ts';
import { parseTimesText, type TimesReading } from '../../../shared/domain/scheduling/times-text.ts';
import type { PlanRecord } from '../../../shared/domain/model.ts';
import type { SessionSlots } from '../../../shared/ports.ts';
import { changeSessionTimes } from '../../intake/use-cases/session-times.ts';
import type { InboundContext, Outcome, Turn } from './context.ts';

/** What a text must not carry to be taken as a TIMES text: these go through the reader. */
const FIRST: readonly IntentKind[] = ['opt-out', 'red-flag', 'erase-confirm'];

/** The TIMES request of a text, or undefined (not one, or one that safety reads first). */
export function timesRequest(body: string, intents: readonly IntentKind[]): TimesReading | undefined {
  const reading = parseTimesText(body);
  if (!reading || intents.some((kind) => FIRST.includes(kind))) return undefined;
  return reading;
}

/**
 * Without the session places' port (an older wiring), no minute is offered as free: the patient
 * is told the times are full rather than offered one that may be.
 */
const NO_OFFERS: Pick<SessionSlots, 'counts'> = {
  counts: async (slots) => new Map(slots.map((s) => [s, Number.MAX_SAFE_INTEGER])),
};

/** A texts.ts text as the answer's one part. */
function part(appName: string, text: string): AnswerPart {
  return { wordings: [text.slice(appName.length).replace(/^:?\s*/, '')], whole: text };
}

/** What is wrong with the times (each language's texts say it in words). */
function problemOf(reading: TimesReading, plan: PlanRecord): TimesProblem | undefined {
  const clock = clockOf(plan.locale, plan.country);
  if (reading.kind === 'unreadable') return { kind: 'unreadable', word: reading.word };
  const { times } = reading;
  if (times.length === 0) return undefined;
  if (times.length !== RULE.sessionsPerDay) return { kind: 'count', count: times.length };
  const issue = sessionTimeIssues(times, clock)[0];
  if (!issue) return undefined;
  return issue.message.startsWith('must be between')
    ? { kind: 'outside', time: times[issue.index]! }
    : { kind: 'too-soon', time: times[issue.index]!, after: times[issue.index - 1]! };
}

/** Acts on a TIMES text; its one answer part. Nothing changes unless the times keep the rule. */
export async function changeTimesByText(
  ctx: InboundContext,
  turn: Turn,
  reading: TimesReading,
): Promise<Outcome> {
  const { plan } = turn;
  const app = ctx.appName;
  const { formUrl } = ctx.deps.config;
  if (!ctx.running(plan)) return { part: turn.parts.noPlan(app, formUrl) };
  const refused = () => {
    const text = textsFor(plan.language).timesRefusedText(
      app,
      clockOf(plan.locale, plan.country),
      problemOf(reading, plan),
    );
    return { part: part(app, text) };
  };
  if (reading.kind === 'unreadable' || reading.times.length !== RULE.sessionsPerDay) {
    ctx.log.info('TIMES text not taken', { planId: plan.planId, reason: reading.kind });
    return refused();
  }
  const answer = await changeSessionTimes(
    {
      repo: ctx.deps.repo,
      slots: ctx.deps.slots ?? NO_OFFERS,
      notifier: ctx.deps.notifier,
      config: { appName: app, sms: ctx.deps.config.sms ?? smsPacingSchema.parse({}) },
      clock: ctx.clock,
      log: ctx.log,
    },
    plan,
    { sessionTimes: reading.times, source: 'text' },
  );
  ctx.log.info('TIMES text', { planId: plan.planId, outcome: answer.outcome });
  switch (answer.outcome) {
    case 'changed':
    case 'unchanged':
    case 'full':
      return { part: part(app, answer.text) };
    case 'refused':
      return refused();
    case 'not-running':
      return { part: turn.parts.noPlan(app, formUrl) };
  }
}
