/**
 * The languages the service speaks to patients, and how one is picked: on the form (the browser's
 * preference among those the operator offers), on the plan page, or by texting ESPAÑOL / ENGLISH.
 * Pure: the catalogs that use it live with what they translate (messaging/texts-es.ts, …).
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every plan stored before languages existed, and every operator who offers no other. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, as a chooser shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The first language of an Accept-Language header (RFC 9110 §12.5.4: by q-value, then order) that
 * the operator offers; else the first offered. "es-MX;q=0.9" counts as "es".
 */
export function preferredLanguage(
  acceptLanguage: string | undefined,
  offered: readonly Language[],
): Language {
  const fallback = offered[0] ?? DEFAULT_LANGUAGE;
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (
    ranked.map((r) => r.primary).find((p): p is Language => isLanguage(p) && offered.includes(p)) ?? fallback
  );
}

/**
 * A text that only asks for a language ("ESPAÑOL", "espanol", "Spanish please", "ENGLISH",
 * "inglés"): that language. Anything longer is a reply for the reader, not a switch.
 */
export function languageSwitch(text: string): Language | undefined {
  const clean = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:en|in) /, '')
    .replace(/ (?:please|pls|por favor|porfa)$/, '');
  if (/^(?:espanol|espanyol|spanish|castellano)$/.test(clean)) return 'es';
  if (/^(?:english|ingles)$/.test(clean)) return 'en';
  return undefined;
}

/**
 * "a, b and c" / "a, b y c": a list in a language's words (Intl.ListFormat; English without the
 * serial comma, as the service has always written it).
 */
export function listInWords(language: string, words: readonly string[]): string {
  const list = new Intl.ListFormat(language, { type: 'conjunction' }).format(words);
  return language === 'en' ? list.replace(', and ', ' and ') : list;
}
