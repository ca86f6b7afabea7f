import { describe, expect, it } from 'vitest';
import { formStrings } from '../../functions/intake/page.ts';
import { LANGUAGES } from '../../shared/domain/language.ts';
import { FORM_TEXTS, RED_FLAG_TEXTS } from '../../shared/domain/plan/form-catalog.ts';
import { RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Strings that are the same in both languages on purpose (numbers, keywords the carrier knows). */
const SAME_IN_BOTH = new Set(['holdName']);

describe('the form catalogs', () => {
  it('have the same keys in every language, and the same placeholders in each sentence', () => {
    const english = formStrings('en');
    for (const language of LANGUAGES) {
      const strings = formStrings(language);
      expect(Object.keys(strings).sort(), language).toEqual(Object.keys(english).sort());
      for (const [key, sentence] of Object.entries(strings)) {
        expect(sentence.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(sentence), `${language} ${key}`).toEqual(placeholders(english[key]!));
      }
    }
  });

  it('ask every red-flag question in every language', () => {
    for (const language of LANGUAGES)
      expect(Object.keys(RED_FLAG_TEXTS[language]).sort()).toEqual(RED_FLAGS.map((f) => f.id).sort());
  });

  it('translate the whole form into Spanish: no English string left, accents kept on the page', () => {
    const english = formStrings('en');
    const spanish = formStrings('es');
    const untranslated = Object.keys(english).filter(
      (key) => !SAME_IN_BOTH.has(key) && spanish[key] === english[key],
    );
    expect(untranslated).toEqual([]);
    expect(FORM_TEXTS.es.restPainLegend).toContain('¿Cuánto');
    expect(RED_FLAG_TEXTS.es['saddle-numbness']).toMatch(/ingle/);
  });
});
