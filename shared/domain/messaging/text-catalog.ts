/**
 * The texts in every language, one shape (a typed catalog rather than ICU MessageFormat strings:
 * each text is a function that picks, among whole sentences, the clearest one that fits one GSM-7
 * segment — a choice MessageFormat cannot express — and TypeScript checks that every language has
 * every text with the same inputs). To add a language: a texts-xx.ts beside texts-es.ts, its line
 * here and in language.ts (docs/PATIENTS.md#another-language).
 */
import { DEFAULT_LANGUAGE, type Language } from '../language.ts';
import * as en from './texts.ts';
import * as es from './texts-es.ts';

/** Every text a patient may get, by name (texts.ts holds the English and the shared helpers). */
export const TEXT_NAMES = [
  'reminderText',
  'pushReminderText',
  'verificationText',
  'helpText',
  'welcomeText',
  'seeClinicianFirstText',
  'clinicPausedText',
  'messageKeptText',
  'reassessmentText',
  'planEndText',
  'doneText',
  'pausedText',
  'resumedText',
  'painLoggedText',
  'seekCareText',
  'noActivePlanText',
  'erasePromptText',
  'erasureRefusedText',
  'erasedText',
  'stopText',
  'timesChangedText',
  'timesFullText',
  'timesRefusedText',
] as const satisfies readonly (keyof typeof en)[];

export type Texts = Pick<typeof en, (typeof TEXT_NAMES)[number]>;

export const TEXTS: Record<Language, Texts> = { en, es };

/** The texts of a patient's language (a plan stored before languages existed: English). */
export function textsFor(language: Language | undefined): Texts {
  return TEXTS[language ?? DEFAULT_LANGUAGE];
}
