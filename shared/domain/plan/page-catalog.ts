/**
 * The plan page's strings in every language (page-texts.ts: the shape and the English;
 * page-texts-es.ts: Spanish). To add a language: a page-texts-xx.ts and its line here
 * (docs/PATIENTS.md#spanish).
 */
import { DEFAULT_LANGUAGE, type Language } from '../language.ts';
import { PAGE_EN, type PageTexts } from './page-texts.ts';
import { PAGE_ES } from './page-texts-es.ts';

export const PAGE_TEXTS: Record<Language, PageTexts> = { en: PAGE_EN, es: PAGE_ES };

/** The page's strings in a plan's language (a plan stored before languages existed: English). */
export function pageTextsFor(language: Language | undefined): PageTexts {
  return PAGE_TEXTS[language ?? DEFAULT_LANGUAGE];
}
