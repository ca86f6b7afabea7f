/**
 * The one answer to a patient's text (pure): every intent the text carried adds a part ("session
 * and pain 2/10 logged", "you wrote about numbness down below …"), most important first, and the
 * answer is ONE GSM-7 segment with the app's name in front. Parts are shortened (each has
 * wordings from the clearest to the shortest) and, as a last resort, the least important are
 * dropped; an opt-out's confirmation and red-flag advice always fit (test/unit/answers.test.ts,
 * with the longest app name the config allows).
 */
import { type FlagTier, type RedFlagId } from '../plan/rules.ts';
import { screenFlags } from '../plan/red-flags.ts';
import type { Question } from './reading/read.ts';
import { smsSegments, toGsm7 } from './sms.ts';
import { DEFAULT_LANGUAGE, type Language } from '../language.ts';
import { ANSWER_WORDS, type AnswerWords } from './answer-words.ts';
import { TEXTS, type Texts } from './text-catalog.ts';
import { helpPageUrl } from './texts.ts';

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

/** "numbness down below", "numbness down below and trouble passing urine". */
function heardList(words: AnswerWords, flags: readonly RedFlagId[], upTo: number): string {
  const names = flags.slice(0, upTo).map((f) => words.heard[f]);
  const more = flags.length > upTo ? words.andMore : '';
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} ${words.and} ${names.at(-1)}${more}`
    : `${names[0]}${more}`;
}

/**
 * Every part of an answer in one language: the whole texts from that language's texts (texts.ts,
 * texts-es.ts) and the shorter wordings from its words (answer-words.ts). The structure — what is
 * said first, what is shortened, what is dropped — is the same in every language.
 */
function makeParts(texts: Texts, words: AnswerWords) {
  return {
    /** The one confirmation an opt-out gets (FCC): nothing else follows it. */
    optedOut: (appName: string): AnswerPart => from(appName, texts.stopText(appName), ...words.optedOut),

    /**
     * Red-flag words: what was heard, the tier's advice, and (when the texts go on) that reminders
     * are paused and how to say it was misread.
     */
    redFlag(flags: readonly RedFlagId[], options: { optedOut: boolean }): AnswerPart {
      const advice = words.advice[replyAdviceFor(flags)];
      const tail = options.optedOut ? [words.clinicTold, ''] : [...words.pausedMisread];
      const wordings: string[] = [];
      for (const upTo of [flags.length, 2, 1]) {
        for (const a of advice)
          for (const t of tail)
            wordings.push(`${words.youWroteAbout(heardList(words, flags, upTo))} ${a}${t ? ` ${t}` : ''}`);
      }
      for (const a of advice)
        wordings.push(`${a.charAt(0).toLowerCase()}${a.slice(1)} ${tail.at(-2) ?? ''}`.trim());
      wordings.push(
        `${advice.at(-1)!.charAt(0).toLowerCase()}${advice.at(-1)!.slice(1)}${options.optedOut ? '' : ` ${words.misreadShort}`}`,
      );
      return { wordings: [...new Set(wordings)] };
    },

    seekCare: (appName: string): AnswerPart => from(appName, texts.seekCareText(appName), words.seekCare),
    erasureRefused: (appName: string): AnswerPart => from(appName, texts.erasureRefusedText(appName)),
    erasePrompt: (appName: string, code: string): AnswerPart =>
      from(appName, texts.erasePromptText(appName, code), words.erasePrompt(code)),

    /** "Done, pain 2": one line for both. */
    donePain: (pain: number): AnswerPart => ({ wordings: words.donePain(pain) }),
    done: (appName: string): AnswerPart => from(appName, texts.doneText(appName), ...words.done),
    pain: (appName: string, pain: number): AnswerPart =>
      from(appName, texts.painLoggedText(appName, pain), ...words.pain(pain)),
    paused: (appName: string): AnswerPart => from(appName, texts.pausedText(appName), words.paused),
    resumed: (appName: string): AnswerPart => from(appName, texts.resumedText(appName), words.resumed),
    seeClinicianFirst: (appName: string, formUrl?: string): AnswerPart =>
      from(appName, texts.seeClinicianFirstText(appName, formUrl), words.seeClinicianFirst),
    clinicPaused: (appName: string, clinicContact?: string): AnswerPart =>
      from(appName, texts.clinicPausedText(appName, clinicContact), words.clinicPaused),
    noPlan: (appName: string, formUrl?: string): AnswerPart =>
      from(appName, texts.noActivePlanText(appName, formUrl), words.noPlan),
    /** HELP always says how to reach a person: the clinic's contact, else the help page. */
    help: (appName: string, clinicContact?: string, formUrl?: string): AnswerPart =>
      from(
        appName,
        texts.helpText(appName, clinicContact, formUrl ? helpPageUrl(formUrl) : undefined),
        words.help,
      ),
    kept: (appName: string): AnswerPart => from(appName, texts.messageKeptText(appName), words.kept),

    /** "Who is this?": who texts, why, and how to stop — never a pause. */
    who: (appName: string, clinicContact?: string): AnswerPart => ({ wordings: words.who(clinicContact) }),

    /** START: texts back on; reminders as the plan stood, or how to start one. */
    optedIn: (plan: 'active' | 'paused' | 'none', formUrl?: string): AnswerPart => ({
      wordings: words.optedIn(plan, formUrl),
    }),

    /** MISTAKE: reminders back on (after a red-flag pause) and the clinic sees the note. */
    misread: (resumed: boolean): AnswerPart => ({
      wordings: resumed ? words.misreadResumed : words.misreadKept,
    }),

    /** A short question back when the reading is unsure (never for a red flag or an opt-out). */
    question: (ask: Question): AnswerPart => ({ wordings: words.question[ask] }),

    /** ESPAÑOL / ENGLISH: the language changed (said in the new one), or it is not offered here. */
    languageChanged: (): AnswerPart => ({ wordings: [words.languageChanged] }),
    languageNotOffered: (): AnswerPart => ({ wordings: [words.languageNotOffered] }),
  };
}

export type AnswerParts = ReturnType<typeof makeParts>;

const PARTS_BY_LANGUAGE = Object.fromEntries(
  Object.entries(TEXTS).map(([language, texts]) => [
    language,
    makeParts(texts, ANSWER_WORDS[language as Language]),
  ]),
) as Record<Language, AnswerParts>;

/** The answer's parts in a patient's language (none stored: English). */
export function partsFor(language: Language | undefined): AnswerParts {
  return PARTS_BY_LANGUAGE[language ?? DEFAULT_LANGUAGE];
}

/** The English parts (what most tests compare with). */
export const PARTS = partsFor('en');
