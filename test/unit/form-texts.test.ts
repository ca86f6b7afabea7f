import { describe, expect, it } from 'vitest';
import { formStrings } from '../../functions/intake/page.ts';
import { LANGUAGES } from '../../shared/domain/language.ts';
import {
  FORM_MESSAGES,
  FORM_TEXTS,
  formMessages,
  RED_FLAG_TEXTS,
} from '../../shared/domain/plan/form-catalog.ts';
import { FORM_MESSAGES_EN } from '../../shared/domain/plan/form-texts.ts';
import { CONSENT, CONSENT_ES, CONSENTS, consentOfVersion } from '../../shared/domain/plan/rules.ts';
import { RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Strings that are the same in both languages on purpose (numbers, keywords the carrier knows). */
const SAME_IN_BOTH = new Set([
  'holdName',
  // Punctuation around values only: a heading and its advice, a field and its problem.
  'fieldProblem',
  'stepSaid',
  'stepSaidWithAdvice',
  'movementWithHold',
]);

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

/** A message's sentences by plural category (a plain sentence: its one form, as `other`). */
const forms = (message: unknown): Record<string, string> =>
  typeof message === 'string' ? { other: message } : (message as Record<string, string>);

describe("the form script's messages", () => {
  it('have the same keys in every language, and each sentence the placeholders of its English one', () => {
    const english = formMessages('en');
    for (const language of LANGUAGES) {
      const messages = formMessages(language);
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(messages)) {
        const en = forms(english[key]);
        expect(typeof message, `${language} ${key}`).toBe(typeof english[key]);
        for (const [category, sentence] of Object.entries(forms(message))) {
          expect(sentence.trim(), `${language} ${key}.${category}`).not.toBe('');
          // A category English lacks (Spanish "many") has the placeholders of English "other".
          expect(placeholders(sentence), `${language} ${key}.${category}`).toEqual(
            placeholders(en[category] ?? en['other']!),
          );
        }
      }
    }
  });

  it("give every count's sentence each plural category of its language's rules, and no other", () => {
    const pluralKeys = Object.entries(FORM_MESSAGES_EN)
      .filter(([, m]) => typeof m !== 'string')
      .map(([k]) => k);
    expect(pluralKeys).toEqual(
      expect.arrayContaining(['errorCount', 'pickedCount', 'planSummary', 'doseReps']),
    );
    for (const language of LANGUAGES) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
      expect(categories.length, language).toBeGreaterThan(1);
      for (const key of pluralKeys) {
        const message = FORM_MESSAGES[language][key as keyof (typeof FORM_MESSAGES)['en']];
        expect(Object.keys(forms(message)).sort(), `${language} ${key}`).toEqual(categories);
      }
    }
    // Spanish's "many" (a million and more) is its own sentence, not English's "other" copied.
    expect(FORM_MESSAGES.es.errorCount.many).toBe('{count} de problemas: {first}');
  });

  it('are Spanish in Spanish: no English sentence left, accents kept', () => {
    const english = formMessages('en');
    const spanish = formMessages('es');
    const untranslated = Object.keys(english).filter(
      (key) => !SAME_IN_BOTH.has(key) && JSON.stringify(spanish[key]) === JSON.stringify(english[key]),
    );
    expect(untranslated).toEqual([]);
    expect(FORM_MESSAGES.es.planReady).toBe(
      'Tu plan está listo. Escribe el código que te enviamos para confirmar.',
    );
    expect(spanish['holdWord.by the side']).toBe('al costado');
  });
});

describe('the consent texts', () => {
  it('has one version a language, each told apart, the Spanish one the English id with -es', () => {
    expect(CONSENTS.en).toBe(CONSENT);
    expect(CONSENTS.es).toBe(CONSENT_ES);
    expect(CONSENT_ES.version).toBe(`${CONSENT.version}-es`);
    expect(new Set(LANGUAGES.map((l) => CONSENTS[l].version)).size).toBe(LANGUAGES.length);
    for (const language of LANGUAGES)
      expect(consentOfVersion(CONSENTS[language].version)).toEqual({ language, consent: CONSENTS[language] });
    expect(consentOfVersion('2020-01-01')).toBeUndefined();
    // The same promises: the count of texts, STOP and HELP as the carrier knows them, the pain limit.
    expect(CONSENT_ES.text).toMatch(/hasta 3 mensajes/);
    expect(CONSENT_ES.text).toContain('STOP');
    expect(CONSENT_ES.text).toContain('HELP');
    expect(CONSENT_ES.text).toMatch(/más de 3 de 10/);
  });
});
