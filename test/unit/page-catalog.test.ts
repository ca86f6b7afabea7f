/**
 * The plan page's catalog (shared/domain/plan/page-catalog.ts): every language has every string
 * with the same shape (TypeScript refuses a missing key; this also catches an array of another
 * length), every sentence with values shows the same values in each language (the placeholders
 * match), nothing is left untranslated, pages keep their accents, and counts follow the plural rule.
 * The movements' Spanish (catalog-es.ts) has every movement and hold, with alt texts.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/domain/language.ts';
import { CATALOG, findMovement } from '../../shared/domain/plan/catalog.ts';
import { HOLDS_ES, MOVEMENTS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { PAGE_TEXTS } from '../../shared/domain/plan/page-catalog.ts';
import { PAGE_EN, plural, type PageTexts } from '../../shared/domain/plan/page-texts.ts';
import { sentinels, shape, strings } from '../support/catalogs.ts';

type FunctionKey = {
  [K in keyof PageTexts]: PageTexts[K] extends (...args: never[]) => string ? K : never;
}[keyof PageTexts];

/**
 * Each sentence with values, called with sentinel values (numbers no sentence holds of its own,
 * strings in «») — typed, so a new sentence needs its samples here.
 */
const SAMPLES: { [K in FunctionKey]: Parameters<PageTexts[K]>[] } = {
  title: [['«App»']],
  sessionIntroHtml: [[37, '«times»', '«zone»']],
  clinicianChecked: [
    ['clinic', '«because»'],
    ['patient', '«because»'],
  ],
  dayOf: [[17, 41]],
  sessionOf: [[27, 39]],
  finished: [[27, 39]],
  logged: [[27, 39]],
  nextTitle: [['«12:30»'], ['«12:30»', '«11:00»']],
  remindAt: [['«12:30»']],
  timesHaveRoom: [['«times»']],
  timesWindow: [['«from»', '«to»']],
  orText: [['«9am 2pm 8pm»']],
  remindersAt: [['«times»', '«zone»']],
  remindersPausedAt: [['«times»', '«zone»']],
  todaySoFar: [[7]],
  todaySessions: [
    [17, 19],
    [0, 1],
  ],
  sessionsSoFar: [[17, 41]],
  painInWords: [
    [
      {
        first: { pain: 6, day: 17 },
        latest: { pain: 3, day: 19 },
        one: false,
        firstToday: false,
        latestToday: true,
      },
    ],
    [
      {
        first: { pain: 6, day: 17 },
        latest: { pain: 9, day: 19 },
        one: false,
        firstToday: false,
        latestToday: false,
      },
    ],
    [
      {
        first: { pain: 5, day: 17 },
        latest: { pain: 5, day: 17 },
        one: true,
        firstToday: false,
        latestToday: false,
      },
    ],
  ],
  chartSessions: [[3]],
  chartDay: [[17]],
  chartSummary: [
    [
      {
        first: { pain: 6, day: 17 },
        latest: { pain: 2, day: 19 },
        one: false,
        done: 23,
        soFar: 29,
        planned: 42,
      },
    ],
    [{ one: false, done: 23, soFar: 29, planned: 42 }],
  ],
  tableDayRow: [
    [17, true],
    [17, false],
  ],
  tableSessionsOf: [[2, 3]],
  summarySessionsHtml: [
    [23, 42],
    [1, 1],
  ],
  painCheckIn: [
    [7, false, 3],
    [9, true, 3],
  ],
  dose: [
    [{ reps: 8, sets: 1, repUnit: 'reps/side' }],
    [{ reps: 12, sets: 2, repUnit: 'reps' }],
    [{ reps: 4, sets: 3, repUnit: 'lengths' }],
    [{ reps: 1, sets: 1, repUnit: 'reps' }],
  ],
};

/** Strings the same in both languages on purpose. */
const SAME_IN_EVERY_LANGUAGE = new Set(['lang', 'dateLocale', 'heading.ahead']);

describe('the plan page catalog', () => {
  it('every language has every string, in the same shape as the English', () => {
    for (const language of LANGUAGES) {
      const texts = PAGE_TEXTS[language];
      expect(texts.lang).toBe(language);
      expect(Object.keys(texts).sort()).toEqual(Object.keys(PAGE_EN).sort());
      // Arities may differ (a sentence may ignore an argument); the kinds and lengths may not.
      const noArity = (v: unknown) => JSON.stringify(shape(v)).replace(/function\/\d/g, 'function');
      expect(noArity(texts)).toBe(noArity(PAGE_EN));
      for (const [path, text] of strings(texts)) expect(text.trim(), `${language} ${path}`).not.toBe('');
    }
  });

  it('every sentence with values shows the same values in every language', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      Object.keys(PAGE_EN)
        .filter((k) => typeof PAGE_EN[k as keyof PageTexts] === 'function')
        .sort(),
    );
    for (const language of LANGUAGES)
      for (const [name, calls] of Object.entries(SAMPLES))
        for (const args of calls as unknown[][]) {
          const say = (t: PageTexts) => (t[name as FunctionKey] as (...a: unknown[]) => string)(...args);
          const english = say(PAGE_EN);
          const text = say(PAGE_TEXTS[language]);
          for (const value of sentinels(args).filter((v) => english.includes(v)))
            expect(text, `${language} ${name}(${JSON.stringify(args)}) shows ${value}`).toContain(value);
          // Markup only where the name says so (…Html), and then only <strong>.
          if (name.endsWith('Html')) expect(text.replace(/<\/?strong>/g, '')).not.toMatch(/[<>]/);
          else expect(text).not.toMatch(/[<>]/);
        }
  });

  it('Spanish: translated (no English left), spelled with its accents, counts by the plural rule', () => {
    const es = PAGE_TEXTS.es;
    const english = new Map(strings(PAGE_EN));
    for (const [path, text] of strings(es))
      if (!SAME_IN_EVERY_LANGUAGE.has(path)) expect(text, path).not.toBe(english.get(path));
    const all = strings(es)
      .map(([, t]) => t)
      .join(' ');
    for (const accented of ['á', 'é', 'í', 'ó', 'ú', 'ñ', '¿']) expect(all).toContain(accented);
    expect(es.dose({ reps: 1, sets: 1, repUnit: 'reps' })).toBe('1 repetición, 1 serie');
    expect(es.dose({ reps: 8, sets: 2, repUnit: 'reps/side' })).toBe('8 repeticiones por lado, 2 series');
    expect(es.todaySessions(1, 1)).toBe('Hoy: 1 de 1 sesión hecha.');
    expect(es.todaySessions(2, 3)).toBe('Hoy: 2 de 3 sesiones hechas.');
    expect(PAGE_EN.todaySessions(2, 3)).toBe('Today: 2 of 3 sessions done.');
    expect(plural('es', 0, { one: 'punto', other: 'puntos' })).toBe('puntos');
  });

  it('every movement and hold has its Spanish name, how-to and alt text', () => {
    expect(Object.keys(MOVEMENTS_ES).sort()).toEqual(CATALOG.map((m) => m.id).sort());
    expect(Object.keys(HOLDS_ES).sort()).toEqual([...findMovement('kettlebell-walk')!.variations!].sort());
    for (const words of [...Object.values(MOVEMENTS_ES), ...Object.values(HOLDS_ES)])
      for (const text of Object.values(words)) expect(text.length).toBeGreaterThan(3);
    for (const m of CATALOG) expect(MOVEMENTS_ES[m.id as keyof typeof MOVEMENTS_ES].howTo).not.toBe(m.howTo);
  });
});
