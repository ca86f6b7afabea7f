/**
 * The texts in every language (text-catalog.ts): each text exists in each, carries the same
 * placeholders (the code, the link, the contact, the numbers), and is GSM-7 in as few segments as
 * its English twin allows — one for everything but a reminder with no link — with the longest app
 * name, contact and URLs the config allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORM_URL_MAX_LENGTH, runtimeConfigSchema } from '../../shared/config.ts';
import { LANGUAGES, languageSwitch, preferredLanguage } from '../../shared/domain/language.ts';
import { isGsm7, smsSegments, toGsm7 } from '../../shared/domain/messaging/sms.ts';
import { TEXT_NAMES, TEXTS, textsFor, type Texts } from '../../shared/domain/messaging/text-catalog.ts';
import { helpPageUrl, type TimesProblem } from '../../shared/domain/messaging/texts.ts';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { pageToken, planPageUrl } from '../../shared/domain/plan/page.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { zoneInWords } from '../../shared/domain/scheduling/local-time.ts';

const LONGEST_APP_NAME = 'A'.repeat(30);
const LONGEST_FORM_URL = `https://${'r'.repeat(FORM_URL_MAX_LENGTH - 'https://.example/'.length)}.example/`;
const LONGEST_API_URL = 'https://abcdefghij.execute-api.ap-southeast-2.amazonaws.com/';
const CONTACT = `${'c'.repeat(28)}@example.org`;
const LINK = planPageUrl(LONGEST_FORM_URL, pageToken('plan-1', 'nonce', 'key'));

const NOW = new Date('2026-03-02T12:00:00Z');
function planOf(ids: readonly string[], pain: number) {
  const decision = buildPlan(
    {
      scores: Object.fromEntries(ids.map((id) => [id, pain])),
      redFlags: [],
      timeZone: 'UTC',
      sessionTimes: ['08:00', '13:00', '19:00'],
    },
    { now: NOW },
  );
  if (!decision.plan) throw new Error('expected a plan');
  return decision.plan;
}
/** The longest names the rule can put in a plan (the five longest movements). */
const LONGEST_PLAN = planOf(
  [
    'forward-reverse-beast-walk',
    'lateral-beast-walk',
    'single-leg-hip-bridges',
    'side-plank-clam-shells',
    'kettlebell-walk',
  ],
  0,
);

/** Both clocks: "8:30am" takes more room than "08:30", and the sending hours are named in each. */
const CLOCKS = ['h12', 'h23'] as const;
/** The longest zone in words in any language (a change of zone names it in the text). */
const LONGEST_ZONE = LANGUAGES.flatMap((language) =>
  Intl.supportedValuesOf('timeZone').map((zone) => zoneInWords(zone, NOW, language)),
).reduce((a, b) => (b.length > a.length ? b : a));
const LONG_TIMES = ['08:45', '12:15', '20:30'];
/** Every problem a TIMES text can have (functions/inbound/use-cases/times.ts), the longest inputs. */
const TIMES_PROBLEMS: (TimesProblem | undefined)[] = [
  undefined,
  { kind: 'unreadable', word: 'breakfast-at' },
  { kind: 'count', count: 2 },
  { kind: 'outside', time: '21:30' },
  { kind: 'too-soon', time: '11:30', after: '10:45' },
];

/**
 * Each text's worst case (the longest inputs), and the most segments it may take: the sentinel
 * values ('042917', the link, the contact, 90 days, 15 minutes) are what must survive translation.
 */
const CASES: { [K in keyof Texts]: { args: Parameters<Texts[K]>[]; segments: number } } = {
  reminderText: {
    args: [
      [
        {
          appName: LONGEST_APP_NAME,
          movements: LONGEST_PLAN.movements,
          session: 3,
          sessionsPerDay: 3,
          link: LINK,
        },
      ],
      [
        {
          appName: LONGEST_APP_NAME,
          movements: LONGEST_PLAN.movements.map((m) => ({ ...m, reps: 10, sets: 2 })),
          session: 3,
          sessionsPerDay: 3,
        },
      ],
    ],
    segments: 2, // one with the link (asserted below), two without
  },
  pushReminderText: {
    args: [[{ movements: LONGEST_PLAN.movements, session: 2, sessionsPerDay: 3 }]],
    segments: 2,
  },
  verificationText: { args: [[LONGEST_APP_NAME, '042917', 15]], segments: 1 },
  helpText: {
    args: [
      [LONGEST_APP_NAME, CONTACT],
      [LONGEST_APP_NAME, undefined, helpPageUrl(LONGEST_FORM_URL)],
      [LONGEST_APP_NAME],
    ],
    segments: 1,
  },
  welcomeText: {
    args: CLOCKS.map((clock): Parameters<Texts['welcomeText']> => [LONGEST_APP_NAME, LONG_TIMES, 90, clock]),
    segments: 1,
  },
  seeClinicianFirstText: { args: [[LONGEST_APP_NAME, LONGEST_API_URL], [LONGEST_APP_NAME]], segments: 1 },
  clinicPausedText: { args: [[LONGEST_APP_NAME, CONTACT], [LONGEST_APP_NAME]], segments: 1 },
  messageKeptText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  reassessmentText: { args: [[LONGEST_APP_NAME, LONGEST_FORM_URL]], segments: 1 },
  planEndText: { args: [[LONGEST_APP_NAME, LINK]], segments: 1 },
  doneText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  pausedText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  resumedText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  painLoggedText: { args: [[LONGEST_APP_NAME, 7]], segments: 1 },
  seekCareText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  noActivePlanText: { args: [[LONGEST_APP_NAME, LONGEST_FORM_URL], [LONGEST_APP_NAME]], segments: 1 },
  erasePromptText: { args: [[LONGEST_APP_NAME, '4821']], segments: 1 },
  erasureRefusedText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  erasedText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  stopText: { args: [[LONGEST_APP_NAME]], segments: 1 },
  timesChangedText: {
    args: CLOCKS.flatMap((clock): Parameters<Texts['timesChangedText']>[] => [
      [LONGEST_APP_NAME, LONG_TIMES, clock],
      [LONGEST_APP_NAME, LONG_TIMES, clock, LONGEST_ZONE],
    ]),
    segments: 1,
  },
  timesFullText: {
    args: CLOCKS.flatMap((clock): Parameters<Texts['timesFullText']>[] => [
      [LONGEST_APP_NAME, clock, LONG_TIMES],
      [LONGEST_APP_NAME, clock],
    ]),
    segments: 1,
  },
  timesRefusedText: {
    args: CLOCKS.flatMap((clock) =>
      TIMES_PROBLEMS.map((problem): Parameters<Texts['timesRefusedText']> => [
        LONGEST_APP_NAME,
        clock,
        problem,
      ]),
    ),
    segments: 1,
  },
};

const call = (texts: Texts, name: keyof Texts, args: unknown[]) =>
  (texts[name] as (...a: unknown[]) => string)(...args);

/** The values a text was given that it shows: strings and numbers, and each movement's count. */
function shownValues(args: unknown[]): string[] {
  return args.flatMap((a) =>
    typeof a === 'string' || typeof a === 'number'
      ? [String(a)]
      : a && typeof a === 'object' && 'link' in a && typeof a.link === 'string'
        ? [a.link]
        : [],
  );
}

describe('the texts in every language', () => {
  it('every language has every text (and nothing the English does not)', () => {
    for (const language of LANGUAGES)
      expect(Object.keys(TEXTS[language]).sort()).toEqual(expect.arrayContaining([...TEXT_NAMES].sort()));
    expect(Object.keys(CASES).sort()).toEqual([...TEXT_NAMES].sort());
  });

  for (const language of LANGUAGES)
    for (const name of TEXT_NAMES)
      it(`${language} ${name}: GSM-7, at most ${CASES[name].segments} segment(s) with the longest inputs, the same values shown as in English`, () => {
        for (const args of CASES[name].args as unknown[][]) {
          const text = call(TEXTS[language], name, args);
          const english = call(TEXTS.en, name, args);
          // A push notification is not a text: it keeps every accent and has no segments.
          if (name !== 'pushReminderText') {
            expect(isGsm7(text), text).toBe(true);
            expect(smsSegments(text).segments, text).toBeLessThanOrEqual(CASES[name].segments);
          }
          if (name === 'reminderText' && (args[0] as { link?: string }).link)
            expect(smsSegments(text).segments, text).toBe(1);
          // The values the English shows (the app's name, the code, the link, the contact, the
          // minutes…) are shown in the translation too.
          for (const value of shownValues(args).filter((v) => english.includes(v)))
            expect(text, `${name} should show ${value}`).toContain(value);
        }
      });

  it('Spanish reminders with the link are one GSM-7 segment for every plan the rule can make', () => {
    const anyPlan = fc
      .tuple(
        fc.subarray(
          CATALOG.map((m) => m.id),
          { minLength: 1, maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([ids, pain]) => planOf(ids, pain));
    fc.assert(
      fc.property(
        anyPlan,
        fc.constantFrom(LONGEST_APP_NAME, 'Rehab reminders'),
        fc.integer({ min: 1, max: 3 }),
        (plan, appName, session) => {
          const text = textsFor('es').reminderText({
            appName,
            movements: plan.movements,
            session,
            sessionsPerDay: 3,
            link: LINK,
          });
          expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
          expect(text.endsWith(LINK)).toBe(true);
          expect(text).toContain(`${session} de 3`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Spanish texts read as Spanish, with the keywords the reader knows in Spanish', () => {
    const es = textsFor('es');
    expect(
      es.reminderText({
        appName: 'Rehab',
        movements: LONGEST_PLAN.movements,
        session: 1,
        sessionsPerDay: 3,
        link: 'https://r.example/p/x',
      }),
    ).toBe('Rehab: es hora de la sesion 1 de 3 (5 ejercicios). Fotos y boton Listo: https://r.example/p/x');
    expect(es.helpText('Rehab', CONTACT)).toMatch(/LISTO.*DOLOR 0-10.*PAUSA.*SEGUIR.*STOP.*BORRAR/);
    expect(es.erasePromptText('Rehab', '4821')).toContain('BORRAR 4821');
    expect(es.pausedText('Rehab')).toContain('SEGUIR');
  });

  it('Spanish times follow the patient’s clock, with the Spanish keyword HORAS', () => {
    const es = textsFor('es');
    expect(es.welcomeText('Rehab', ['08:00', '13:00', '19:00'], 14, 'h12')).toContain(
      'Avisos a las 8am, 1pm, 7pm durante 14 dias',
    );
    expect(es.welcomeText('Rehab', ['08:00', '13:30', '19:00'], 14, 'h23')).toContain(
      'Avisos a las 08:00, 13:30, 19:00 durante 14 dias',
    );
    expect(es.timesChangedText('Rehab', ['09:00', '14:00', '20:00'], 'h12')).toBe(
      'Rehab: tus avisos ahora son a las 9am, 2pm, 8pm. Para cambiarlos, responde HORAS y 3 horas, como HORAS 9am 2pm 8pm.',
    );
    expect(es.timesRefusedText('Rehab', 'h23', { kind: 'too-soon', time: '11:30', after: '10:45' })).toBe(
      'Rehab: 11:30 queda muy cerca de 10:45. Responde HORAS y 3 horas entre las 08:00 y las 21:00, con 3 horas o mas entre ellas, como HORAS 08:00 13:00 19:00.',
    );
    expect(es.timesRefusedText('Rehab', 'h12', { kind: 'count', count: 2 })).toMatch(
      /^Rehab: Encontré 2 horas\. Responde HORAS y 3 horas entre las 8am y las 9pm/,
    );
    expect(es.timesFullText('Rehab', 'h12', ['08:15', '13:00', '19:00'])).toContain(
      'Responde HORAS 8:15am 1pm 7pm para tomar las libres',
    );
  });

  it('a plan with no language (stored before languages existed) gets English', () => {
    expect(textsFor(undefined)).toBe(TEXTS.en);
  });
});

describe('folding for GSM-7', () => {
  it('folds á í ó ú to their plain letters and keeps the accents GSM-7 has (é ñ ü ¿ ¡)', () => {
    expect(toGsm7('¿Cómo estás? Sesión, días, último, señal, pingüino, café, ¡ánimo!')).toBe(
      '¿Como estas? Sesion, dias, ultimo, señal, pingüino, café, ¡animo!',
    );
    expect(isGsm7(toGsm7('ÁÍÓÚ áíóú'))).toBe(true);
    // A character with no GSM-7 plain form is left as it is (the segment test then catches it).
    expect(toGsm7('✓')).toBe('✓');
  });
});

describe('choosing the language', () => {
  it("the browser's first offered language by q-value, else the operator's first", () => {
    expect(preferredLanguage('es-MX,es;q=0.9,en;q=0.8', ['en', 'es'])).toBe('es');
    expect(preferredLanguage('en-US,en;q=0.9,es;q=0.8', ['en', 'es'])).toBe('en');
    expect(preferredLanguage('fr-FR, es;q=0.5, en;q=0.4', ['en', 'es'])).toBe('es');
    expect(preferredLanguage('es', ['en'])).toBe('en');
    expect(preferredLanguage('es;q=0, en;q=0.1', ['en', 'es'])).toBe('en');
    expect(preferredLanguage(undefined, ['es', 'en'])).toBe('es');
    expect(preferredLanguage('garbage;;,', ['en', 'es'])).toBe('en');
  });

  it('a text that only names a language switches to it; anything more is a reply', () => {
    for (const t of [
      'ESPAÑOL',
      'espanol',
      'Español por favor',
      'en español',
      'Spanish',
      'SPANISH PLEASE',
      'castellano',
    ])
      expect(languageSwitch(t), t).toBe('es');
    for (const t of ['ENGLISH', 'english please', 'inglés', 'In English'])
      expect(languageSwitch(t), t).toBe('en');
    for (const t of ['I speak spanish', 'no english', 'DONE', 'hablo español', 'spanish or english'])
      expect(languageSwitch(t), t).toBeUndefined();
  });
});

describe('the offered languages (config)', () => {
  it('default to English only; Spanish is opted into; bad lists are refused naming the field', () => {
    expect(runtimeConfigSchema.parse({}).languages).toEqual(['en']);
    expect(runtimeConfigSchema.parse({ languages: ['es', 'en'] }).languages).toEqual(['es', 'en']);
    for (const [languages, path, message] of [
      [['fr'], ['languages', 0], /one of en, es/],
      [[], ['languages'], /1/],
      [['en', 'en'], ['languages'], /twice/],
    ] as const) {
      const result = runtimeConfigSchema.safeParse({ languages });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path, message: expect.stringMatching(message) });
    }
  });
});
