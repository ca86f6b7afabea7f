/**
 * The API's words in every language (api-texts.ts: the shape and the English; api-texts-es.ts:
 * Spanish), and the info pages' (info-texts.ts, info-texts-es.ts). To add a language: an
 * api-texts-xx.ts and an info-texts-xx.ts, and their lines here (docs/PATIENTS.md#spanish).
 */
import { DEFAULT_LANGUAGE, type Language } from '../language.ts';
import { API_EN, type ApiTexts } from './api-texts.ts';
import { API_ES } from './api-texts-es.ts';
import { INFO_EN, type InfoTexts } from './info-texts.ts';
import { INFO_ES } from './info-texts-es.ts';

export const API_TEXTS: Record<Language, ApiTexts> = { en: API_EN, es: API_ES };

/** The API's words in a language (none, or a plan stored before languages existed: English). */
export function apiTextsFor(language: Language | undefined): ApiTexts {
  return API_TEXTS[language ?? DEFAULT_LANGUAGE];
}

export const INFO_TEXTS: Record<Language, InfoTexts> = { en: INFO_EN, es: INFO_ES };

/** The info pages' words in a language (none: English). */
export function infoTextsFor(language: Language | undefined): InfoTexts {
  return INFO_TEXTS[language ?? DEFAULT_LANGUAGE];
}
