/**
 * The one answer to a patient's text (pure): every intent the text carried adds a part ("session
 * and pain 2/10 logged", "you wrote about numbness down below …"), most important first, and the
 * answer is ONE GSM-7 segment with the app's name in front. Parts are shortened (each has
 * wordings from the clearest to the shortest) and, as a last resort, the least important are
 * dropped; an opt-out's confirmation and red-flag advice always fit (test/unit/answers.test.ts,
 * with the longest app name the config allows).
 */
import { screenFlags, type FlagTier, type RedFlagId } from '../plan/rules.ts';
import type { Question } from './reading/read.ts';
import { HEARD } from './reading/symptoms.ts';
import { smsSegments, toGsm7 } from './sms.ts';
import {
  clinicPausedText,
  doneText,
  erasePromptText,
  erasureRefusedText,
  helpPageUrl,
  helpText,
  messageKeptText,
  noActivePlanText,
  painLoggedText,
  pausedText,
  resumedText,
  seeClinicianFirstText,
  seekCareText,
  stopText,
} from './texts.ts';

/** One intent's share of the answer: wordings from the clearest to the shortest, lower-case start. */
export interface AnswerPart {
  wordings: readonly string[];
  /** The part as a text of its own (the texts.ts text it always was), used when it is alone. */
  whole?: string;
}

const fits = (text: string) => smsSegments(text).encoding === 'GSM-7' && smsSegments(text).segments === 1;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The answer: the app's name, then the parts in the order given (most important first). Each part
 * takes its clearest wording that still fits once every earlier part has; a part that cannot fit
 * even at its shortest is left out, with every part after it.
 */
export function composeAnswer(appName: string, parts: readonly AnswerPart[]): string {
  if (parts.length === 1 && parts[0]!.whole && fits(parts[0]!.whole)) return parts[0]!.whole;
  const text = (chosen: readonly string[]) =>
    toGsm7(`${appName}: ${chosen.map((w, i) => (i === 0 ? w : capital(w))).join(' ')}`);
  let kept = parts.map((p) => p.wordings.at(-1)!);
  while (kept.length > 1 && !fits(text(kept))) kept = kept.slice(0, -1);
  const chosen = [...kept];
  kept.forEach((_, i) => {
    for (const wording of parts[i]!.wordings) {
      const trial = chosen.map((w, j) => (j === i ? wording : w));
      if (fits(text(trial))) {
        chosen[i] = wording;
        break;
      }
    }
  });
  return text(chosen);
}

/** An existing one-part text as a part: its body after "<app>: ", then shorter wordings. */
function from(appName: string, text: string, ...shorter: string[]): AnswerPart {
  return { wordings: [text.slice(appName.length).replace(/^:?\s*/, ''), ...shorter], whole: text };
}

/**
 * The advice a reply gives for red-flag words: the tier of the flags heard, read from the domain's
 * one flag table as the form reads it (red-flags.ts `screenFlags`: the most urgent flag's tier,
 * raised by combinations). The one place the reply answer reads the table.
 */
export function replyAdviceFor(flags: readonly RedFlagId[]): FlagTier {
  const { tier } = screenFlags(flags);
  return tier === 'none' ? 'this-week' : tier;
}

/** What each tier tells the patient to do, longest first (each fits one segment with the rest). */
const ADVICE: Record<FlagTier, readonly string[]> = {
  'urgent-now': [
    'This may need urgent care: call your emergency number or go to an emergency department now.',
    'This may need urgent care: call your emergency number now.',
    'This may need urgent care now.',
  ],
  'same-day': [
    'Please see a doctor today, before you exercise again. If it gets much worse, call your emergency number.',
    'Please see a doctor today, before you exercise again.',
    'Please see a doctor today.',
  ],
  'within-24h': [
    'Please speak to a doctor within 24 hours, before you exercise again.',
    'Please speak to a doctor within 24 hours.',
  ],
  'this-week': [
    'Please see a doctor or physiotherapist this week. If it gets much worse, seek care at once.',
    'Please see a doctor or physiotherapist this week.',
    'Please see a clinician this week.',
  ],
};

/** "numbness down below", "numbness down below and trouble passing urine". */
function heardList(flags: readonly RedFlagId[], upTo: number): string {
  const names = flags.slice(0, upTo).map((f) => HEARD[f]);
  const more = flags.length > upTo ? ' and more' : '';
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}${more}`
    : `${names[0]}${more}`;
}

export const PARTS = {
  /** The one confirmation an opt-out gets (FCC): nothing else follows it. */
  optedOut: (appName: string): AnswerPart =>
    from(
      appName,
      stopText(appName),
      'you are unsubscribed: no more texts. Reply START to opt back in.',
      'you are unsubscribed.',
    ),

  /**
   * Red-flag words: what was heard, the tier's advice, and (when the texts go on) that reminders
   * are paused and how to say it was misread.
   */
  redFlag(flags: readonly RedFlagId[], options: { optedOut: boolean }): AnswerPart {
    const advice = ADVICE[replyAdviceFor(flags)];
    const tail = options.optedOut
      ? ['Your clinic is told.', '']
      : [
          'Reminders are paused. If we misread you, reply MISTAKE.',
          'Reminders paused. Misread? Reply MISTAKE.',
        ];
    const wordings: string[] = [];
    for (const upTo of [flags.length, 2, 1]) {
      for (const a of advice)
        for (const t of tail)
          wordings.push(`you wrote about ${heardList(flags, upTo)}. ${a}${t ? ` ${t}` : ''}`);
    }
    for (const a of advice)
      wordings.push(`${a.charAt(0).toLowerCase()}${a.slice(1)} ${tail.at(-2) ?? ''}`.trim());
    wordings.push(
      `${advice.at(-1)!.charAt(0).toLowerCase()}${advice.at(-1)!.slice(1)}${options.optedOut ? '' : ' Misread? Reply MISTAKE.'}`,
    );
    return { wordings: [...new Set(wordings)] };
  },

  seekCare: (appName: string): AnswerPart =>
    from(
      appName,
      seekCareText(appName),
      'pain this high needs a clinician: contact your doctor or clinic today. Reminders paused.',
    ),

  erasureRefused: (appName: string): AnswerPart => from(appName, erasureRefusedText(appName)),
  erasePrompt: (appName: string, code: string): AnswerPart =>
    from(
      appName,
      erasePromptText(appName, code),
      `to erase all your data, reply DELETE ${code} within 15 minutes.`,
    ),

  /** "Done, pain 2": one line for both. */
  donePain(pain: number): AnswerPart {
    return {
      wordings: [
        `session and pain ${pain}/10 logged, well done. Leave out any movement that hurts more than 3 and tell your clinician if it gets worse.`,
        `session and pain ${pain}/10 logged, well done. Leave out any movement that hurts more than 3.`,
        `session and pain ${pain}/10 logged.`,
      ],
    };
  },
  done: (appName: string): AnswerPart =>
    from(appName, doneText(appName), 'session logged, well done.', 'session logged.'),
  pain: (appName: string, pain: number): AnswerPart =>
    from(
      appName,
      painLoggedText(appName, pain),
      `pain ${pain}/10 logged. Leave out any movement that hurts more than 3.`,
      `pain ${pain}/10 logged.`,
    ),
  paused: (appName: string): AnswerPart => from(appName, pausedText(appName), 'reminders paused.'),
  resumed: (appName: string): AnswerPart => from(appName, resumedText(appName), 'reminders are back on.'),
  seeClinicianFirst: (appName: string, formUrl?: string): AnswerPart =>
    from(
      appName,
      seeClinicianFirstText(appName, formUrl),
      'please see a clinician before you exercise again. If we misread you, reply MISTAKE.',
    ),
  clinicPaused: (appName: string, clinicContact?: string): AnswerPart =>
    from(
      appName,
      clinicPausedText(appName, clinicContact),
      'your clinic paused your reminders: ask them to restart.',
    ),
  noPlan: (appName: string, formUrl?: string): AnswerPart =>
    from(appName, noActivePlanText(appName, formUrl), 'you have no reminders running.'),
  /** HELP always says how to reach a person: the clinic's contact, else the help page. */
  help: (appName: string, clinicContact?: string, formUrl?: string): AnswerPart =>
    from(
      appName,
      helpText(appName, clinicContact, formUrl ? helpPageUrl(formUrl) : undefined),
      'reply DONE, PAIN 0-10, PAUSE, RESUME, STOP.',
    ),
  kept: (appName: string): AnswerPart =>
    from(appName, messageKeptText(appName), 'your message is kept for your clinic.'),

  /** "Who is this?": who texts, why, and how to stop — never a pause. */
  who(appName: string, clinicContact?: string): AnswerPart {
    const clinic = clinicContact ? ` Questions: ${clinicContact}.` : '';
    return {
      wordings: [
        `these are the back exercise reminders this number signed up for on our form.${clinic} Reply STOP to end them, HELP for help.`,
        `back exercise reminders this number signed up for.${clinic} Reply STOP to end them.`,
        'back exercise reminders you signed up for. Reply STOP to end them.',
        'exercise reminders. Reply STOP to end.',
      ],
    };
  },

  /** START: texts back on; reminders as the plan stood, or how to start one. */
  optedIn(plan: 'active' | 'paused' | 'none', formUrl?: string): AnswerPart {
    const then =
      plan === 'active'
        ? ['Reminders are back on at your session times.', 'Reminders are back on.']
        : plan === 'paused'
          ? ['Reminders stay paused; reply RESUME when you are ready.', 'Reminders stay paused.']
          : [
              formUrl
                ? `Take the assessment at ${formUrl} to start a plan.`
                : 'Take the assessment again to start a plan.',
              '',
            ];
    return {
      wordings: then
        .map((t) => `you are subscribed again.${t ? ` ${t}` : ''} Reply STOP to end.`)
        .concat('you are subscribed again.'),
    };
  },

  /** MISTAKE: reminders back on (after a red-flag pause) and the clinic sees the note. */
  misread(resumed: boolean): AnswerPart {
    return resumed
      ? {
          wordings: [
            'thanks for telling us. Reminders are back on and your clinic will see your note. If anything changes, call your emergency number.',
            'thanks for telling us. Reminders are back on; your clinic will see your note.',
            'thanks, reminders are back on.',
          ],
        }
      : { wordings: ['thanks, your note is kept for your clinic.', 'thanks, noted.'] };
  },

  /** A short question back when the reading is unsure (never for a red flag or an opt-out). */
  question(ask: Question): AnswerPart {
    switch (ask) {
      case 'pain-number':
        return {
          wordings: [
            'was that your pain out of 10? Reply PAIN and the number, for example PAIN 3.',
            'was that your pain? Reply PAIN and a number 0-10.',
          ],
        };
      case 'pain-range':
        return {
          wordings: [
            'pain goes from 0 (none) to 10 (worst). Reply PAIN and a number, for example PAIN 3.',
            'reply PAIN and a number from 0 to 10.',
          ],
        };
      case 'code':
        return {
          wordings: [
            'please type the code into the form on your screen, not in a text.',
            'type the code into the form, not a text.',
          ],
        };
      case 'meaning':
        return {
          wordings: [
            'sorry, we did not understand. Reply DONE, PAIN 0-10, PAUSE, HELP, or STOP to end.',
            'sorry, we did not understand. Reply HELP for options.',
          ],
        };
    }
  },
};
