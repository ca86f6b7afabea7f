/**
 * The API's and the info pages' catalogs (shared/domain/plan/api-texts.ts, info-texts.ts, their
 * Spanish, api-catalog.ts): every language has every sentence in the same shape (TypeScript
 * refuses a missing key; this also catches a nested one), every sentence with values shows the same
 * values in each language, nothing is left in English in the Spanish, and the advice, issues and
 * plurals read as they should. The English words are those the API always answered.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/domain/language.ts';
import { API_TEXTS, INFO_TEXTS, apiTextsFor } from '../../shared/domain/plan/api-catalog.ts';
import { API_EN } from '../../shared/domain/plan/api-texts.ts';
import {
  proposalBodySchema,
  screeningBodySchema,
  toFieldIssues,
} from '../../shared/domain/plan/assessment.ts';
import { INFO_EN } from '../../shared/domain/plan/info-texts.ts';
import { ADVICE, proposal, screen } from '../../shared/domain/plan/plan.ts';
import { sentences, sentinels, shape, strings } from '../support/catalogs.ts';

/**
 * Each sentence with values, called with sentinel values (numbers no sentence holds of its own,
 * strings in «»). A new sentence needs its samples here (the first test says which).
 */
const API_SAMPLES: Record<string, unknown[][]> = {
  ...Object.fromEntries(Object.keys(API_EN.errors.limits).map((name) => [`errors.limits.${name}`, [[37]]])),
  'advice.checkWithClinician': [['«because»']],
  'advice.clinicianChecked': [
    ['clinic', '«because»'],
    ['patient', '«because»'],
  ],
  'advice.reducedAllTried': [[1], [3]],
  'advice.reducedSomeQualified': [
    [1, 7],
    [3, 7],
  ],
  'errors.payloadTooLarge': [[16384], [16384, 17001]],
  'errors.notFound': [['«GET»', '«/nope»']],
  'errors.methodNotAllowed': [['«PUT»', '«/movements»']],
  'errors.optedOut': [['«+18885550100»'], [undefined]],
  'errors.optedOutIssue': [['«+18885550100»'], [undefined]],
  'errors.outsidePlan': [['plan-ended'], ['your-plan-ended'], ['not-started'], ['no-session'], ['not-on']],
  'errors.wrongCode': [[undefined], [1], [4]],
  'errors.wrongCodeIssue': [[undefined], [1], [4]],
  'errors.resendTooSoon': [[47]],
  'errors.holdTooHardIssue': [['«problem»']],
  'errors.timesFull': [[['«09:10»', '«13:10»', '«19:10»']], [undefined]],
  'errors.timesFullIssue': [
    [2, '«13:10»'],
    [2, undefined],
  ],
  'errors.crossOrigin': [['«problem»']],
  'issues.notAField': [['«path»']],
  'issues.required': [['«path»']],
  'issues.wants': [['«path»', '«rule»']],
  'issues.invalid': [['«path»']],
  'issues.notAMovement': [['«path»', '«id»']],
  'issues.notChoosable': [['«path»', '«id»']],
  'actions.skipped': [['«1:00 PM»']],
  'actions.snoozed': [['«1:30 PM»']],
  'actions.timesAre': [['«times»', '«zone»']],
  'actions.timesChanged': [['«times»', '«zone»']],
  'actions.timesFull': [['«times»'], [undefined]],
  'actions.timesCount': [['«path»', 3]],
  'actions.timesFormat': [['«path»']],
  'actions.timeWindow': [['«path»', '«from»', '«to»']],
  'actions.timeGap': [['«path»', 3]],
  'actions.unknownZone': [['«path»', '«zone»']],
  'calendar.summary': [['«App»', 2, 3]],
  'calendar.description': [['«https://x/p/t»']],
};

const INFO_SAMPLES: Record<string, unknown[][]> = {
  contactHtml: [['«App»', '«contact»']],
  replyHelpHtml: [['«App»']],
  'optIn.agreeTitle': [['«v1»']],
  'optIn.getHtml': [[3, '«times»', 14]],
  'optIn.welcomeHtml': [['«text»']],
  'optIn.helpHtml': [['«text»']],
  'privacy.howLong': [[90]],
  'privacy.choices': [[15]],
  'privacy.whoHtml': [['«App»']],
  'terms.serviceHtml': [['«App»', 3, 14]],
  'terms.advice': [[3]],
  'help.reachContactHtml': [['«App»', '«contact»']],
  'help.reachReplyHtml': [['«App»']],
  'erased.goneHtml': [['«App»']],
  'notFound.title': [['«App»']],
};

/** Values an English sentence shows for the rule's own sake that another language may say otherwise. */
const MAY_DROP = new Set(['errors.holdTooHardIssue «problem»']);

/** Strings the same in every language on purpose (codes, field names, technical words). */
const SAME_IN_EVERY_LANGUAGE = new Set(['lang', 'issues.rules.channel', 'issues.rules.action']);

/** A sentence's words (a limit's are its message and its phone issue). */
const said = (value: unknown) =>
  typeof value === 'string' ? value : Object.values(value as Record<string, string>).join(' ');

/** Sentences the same in every language on purpose (a path and a rule the language gives). */
const SAME_SENTENCES = new Set(['issues.wants']);

/** English words that have no place in a Spanish sentence (outside «values», codes and field paths). */
const ENGLISH =
  /\b(the|your|you|is|are|and|must|of|to|with|not|this|please|reply|text|code|plan page|try|again)\b/i;

/** A sentence without its «values», quoted ids and the words the contract keeps (field paths, codes). */
const wordsOf = (text: string) =>
  text
    .replace(/«[^»]*»/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /\b(?:planId|code|phone|kettlebellHold|previousPlan|sessionTimes(?:\.\d)?|content-type: application\/json|JSON|API|STOP|START|id|true|false)\b/g,
      '',
    );

for (const [name, all, english, samples] of [
  ['API', API_TEXTS, API_EN, API_SAMPLES],
  ['info', INFO_TEXTS, INFO_EN, INFO_SAMPLES],
] as const) {
  describe(`the ${name} catalog`, () => {
    it('every language has every sentence, in the same shape as the English', () => {
      const noArity = (v: unknown) => JSON.stringify(shape(v)).replace(/function\/\d/g, 'function');
      for (const language of LANGUAGES) {
        expect(all[language].lang).toBe(language);
        expect(noArity(all[language])).toBe(noArity(english));
        for (const [path, text] of strings(all[language]))
          expect(text.trim(), `${language} ${path}`).not.toBe('');
      }
      expect(Object.keys(samples).sort()).toEqual(
        sentences(english)
          .map(([path]) => path)
          .sort(),
      );
    });

    it('every sentence with values shows the same values in every language', () => {
      for (const language of LANGUAGES) {
        const theirs = new Map(sentences(all[language]));
        for (const [path, say] of sentences(english))
          for (const args of samples[path]!) {
            const text = said(theirs.get(path)!(...args));
            const englishText = said(say(...args));
            expect(text.trim(), `${language} ${path}`).not.toBe('');
            for (const value of sentinels(args).filter((v) => englishText.includes(v)))
              if (!MAY_DROP.has(`${path} ${value}`))
                expect(text, `${language} ${path}(${JSON.stringify(args)}) shows ${value}`).toContain(value);
          }
      }
    });

    it('Spanish: every string and sentence translated, no English words left', () => {
      const es = all.es;
      const en = new Map(strings(english));
      for (const [path, text] of strings(es)) {
        if (SAME_IN_EVERY_LANGUAGE.has(path)) continue;
        expect(text, path).not.toBe(en.get(path));
        expect(wordsOf(text), path).not.toMatch(ENGLISH);
      }
      const theirs = new Map(sentences(es));
      for (const [path, say] of sentences(english))
        for (const args of samples[path]!) {
          const text = said(theirs.get(path)!(...args));
          if (!SAME_SENTENCES.has(path)) expect(text, path).not.toBe(said(say(...args)));
          expect(wordsOf(text), `${path}(${JSON.stringify(args)})`).not.toMatch(ENGLISH);
        }
    });
  });
}

describe('the advice and the issues in a language', () => {
  it('English is what the API always answered', () => {
    expect(ADVICE.reduced(1, 1).message).toMatch(/^Your plan has the one movement you tried/);
    expect(ADVICE.reduced(3, 7).message).toMatch(/^Only 3 of the 7 movements/);
    expect(screen(['cancer-history', 'new-pain-age']).advice?.message).toBe(
      'Because you have had cancer and this is new back pain at your age, a doctor or physiotherapist ' +
        'should check this back pain before you start these exercises. If one has already checked it, you can go on.',
    );
    expect(API_EN.errors.wrongCode(1)).toBe('The code is not the one we sent: 1 try left.');
  });

  it('Spanish: the same codes, the words in Spanish, the weak flags as a Spanish list', () => {
    const es = apiTextsFor('es');
    for (const flags of [['saddle-numbness'], ['fever'], ['cancer-history'], []] as const) {
      const english = screen(flags, 5);
      const spanish = screen(flags, 5, undefined, es);
      expect(spanish.care).toBe(english.care);
      expect(spanish.advice?.code).toBe(english.advice?.code);
      if (english.advice) expect(spanish.advice!.message).not.toBe(english.advice.message);
    }
    expect(screen(['cancer-history', 'new-pain-age'], 0, 'patient', es).advice?.message).toContain(
      'Como has tenido cáncer y este dolor de espalda es nuevo a tu edad',
    );
    const some = proposal({ 'cat-camel': 2, 'hip-mobility': 5, 'hip-bridges': 6 }, undefined, es);
    expect(some.advice?.code).toBe('reduced-plan');
    expect(some.advice?.message).toMatch(/^Solo 1 de los 3 movimientos que probaste se quedó en un dolor/);
    expect(es.errors.wrongCode(1)).toBe('El código no es el que te enviamos: te queda 1 intento.');
    expect(es.errors.wrongCode(2)).toBe('El código no es el que te enviamos: te quedan 2 intentos.');
  });

  it("Spanish issues keep zod's codes to themselves: each names its field first, in Spanish", () => {
    const es = apiTextsFor('es').issues;
    const screening = screeningBodySchema.safeParse({ restPain: 11, redFlags: ['nope'], extra: 1 });
    expect(screening.success).toBe(false);
    const issues = toFieldIssues(screening.error!, es);
    expect(issues).toEqual([
      { path: 'redFlags.0', message: 'redFlags.0 deben ser señales de alarma de la lista' },
      { path: 'restPain', message: 'restPain debe ser un número entero del 0 al 10' },
      { path: 'extra', message: 'extra no es un dato de esta solicitud' },
    ]);
    const proposalIssues = toFieldIssues(
      proposalBodySchema.safeParse({ scores: { 'not-one': 2 } }).error!,
      es,
    );
    expect(proposalIssues.map((i) => i.path)).toEqual(['scores.not-one']);
    expect(proposalIssues[0]!.message).toBe('scores.not-one "not-one" no es un movimiento de la evaluación');
    expect(toFieldIssues(proposalBodySchema.safeParse({}).error!, es)).toEqual([
      { path: 'scores', message: 'scores es un dato obligatorio' },
    ]);
    expect(toFieldIssues(proposalBodySchema.safeParse([]).error!, es)[0]!.message).toMatch(/^El cuerpo/);
  });
});
