/**
 * The pieces every language's texts are built from (texts.ts, texts-es.ts): the same logic, each
 * language's own words. The dose of a movement, the reminder that lists the movements when there is
 * no plan page link, and session times as a TIMES reply writes them.
 */
import type { PlanMovement } from '../plan/plan.ts';
import { firstFitting } from './sms.ts';
import { formatTimes, type Clock } from '../scheduling/local-time.ts';

/**
 * The most segments any text of the service takes: a reminder without a link (no base URL). With
 * the plan page's link a reminder is one segment, and so are codes and replies (texts.test.ts).
 * The sender's pacing and batch size are sized for this (shared/sending.ts).
 */
export const MAX_SEGMENTS = 2;

/** A language's words for a dose: " each side", " lengths", " reps" (each with its space), "set". */
export interface DoseWords {
  perSide: string;
  lengths: string;
  reps: string;
  set: string;
}

/** "10 reps x 2 sets" (verbose) or "10x2" ("10x2 each side"). */
export function doseText(m: PlanMovement, verbose: boolean, words: DoseWords): string {
  const unit = m.repUnit === 'reps/side' ? words.perSide : m.repUnit === 'lengths' ? words.lengths : '';
  return verbose
    ? `${m.reps}${unit || words.reps} x ${m.sets} ${words.set}${m.sets === 1 ? '' : 's'}`
    : `${m.reps}x${m.sets}${unit}`;
}

export interface ReminderTextInput {
  appName: string;
  movements: readonly PlanMovement[];
  /** 1-based session of the day. */
  session: number;
  sessionsPerDay: number;
  /**
   * The patient's plan page (plan-page.ts `planPageUrl`). With it the text is ONE GSM-7 segment
   * and the detail (pictures, dose, how-to, Done) lives on the page; without it (no base URL
   * configured) the text lists each movement with its dose, in up to MAX_SEGMENTS.
   */
  link?: string;
}

/** A language's words for the reminder ("session 1 of 3", "Pictures and Done button", …). */
export interface ReminderWords {
  sessionOf(session: number, sessionsPerDay: number): string;
  /** Before sessionOf in the fullest wording: "time for". */
  timeFor: string;
  movementCount(n: number): string;
  /** Before the link in the fullest wording: "Pictures and Done button". */
  picturesAndDone: string;
  /** Before the link in the shorter wording: "Your plan". */
  yourPlan: string;
  /** A movement's name (short or in full, with its variation), before its dose. */
  label(m: PlanMovement, short: boolean): string;
  dose: DoseWords;
  /** Before the terse doses: "Reps x sets: ". */
  doseHeading: string;
  replyHint: string;
  shortReplyHint: string;
}

/**
 * The reminder text in a language's words. With the plan page's link: one segment, the clearest wording that fits
 * (every plan the rule makes, the longest app name and the longest API URL fit the second one:
 * test/unit/texts.test.ts). Without it: each movement with its dose, from the most verbose wording
 * to the tersest, the first that fits MAX_SEGMENTS.
 */
export const reminderTextIn =
  (words: ReminderWords) =>
  (input: ReminderTextInput): string => {
    const { appName, session, sessionsPerDay, movements, link } = input;
    const sessionOf = words.sessionOf(session, sessionsPerDay);
    const head = `${appName}: ${sessionOf}`;
    if (link) {
      const count = words.movementCount(movements.length);
      return firstFitting(
        [
          `${appName}: ${words.timeFor} ${sessionOf} (${count}). ${words.picturesAndDone}: ${link}`,
          `${head} (${count}). ${words.yourPlan}: ${link}`,
          `${head}. ${link}`,
        ],
        1,
      );
    }
    const candidates: string[] = [];
    for (const [verbose, short, hint] of [
      [true, false, words.replyHint],
      [false, false, words.replyHint],
      [false, true, words.replyHint],
      [false, true, words.shortReplyHint],
    ] as const) {
      const list = movements
        .map((m) => `${words.label(m, short)} ${doseText(m, verbose, words.dose)}`)
        .join('; ');
      candidates.push(`${head}. ${verbose ? '' : words.doseHeading}${list}. ${hint}`);
    }
    return firstFitting(candidates, MAX_SEGMENTS);
  };

/** "8am 1pm 7pm": times as a TIMES (HORAS) reply writes them, in the patient's clock. */
export function timesAsReply(times: readonly string[], clock: Clock): string {
  return formatTimes(times, clock, 'short').split(', ').join(' ');
}
