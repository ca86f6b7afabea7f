import { describe, expect, it } from 'vitest';
import { phoneContext } from '../../tools/chromium.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { FORM_EN } from '../../shared/domain/plan/form-texts.ts';
import { FORM_ES, FORM_MESSAGES_ES, RED_FLAGS_ES } from '../../shared/domain/plan/form-texts-es.ts';
import { CONSENT, CONSENT_ES } from '../../shared/domain/plan/rules.ts';
import { MOVEMENTS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { PAGE_EN } from '../../shared/domain/plan/page-texts.ts';
import { PAGE_ES } from '../../shared/domain/plan/page-texts-es.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import type { Page } from 'playwright-core';
import { withChromium } from '../support/browser.ts';
import { acceptProposal, answerSafetyQuestions, rateMovements } from '../support/form.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { expectAccessible, useLocalStack, watchProblems } from '../support/local-e2e.ts';

/**
 * A patient who reads Spanish, on a 390 px phone in Debian's Chromium against the local stack
 * offering ["en", "es"]: a browser set to English (so Accept-Language says English) opens the form
 * in English with a language picker; the patient picks Español on the first step, and the form
 * turns Spanish (`<html lang="es">`, the safety questions and the movements in Spanish, axe 0),
 * keeps the choice across a reload, and sends it: the code and the reminder come in Spanish, one
 * GSM-7 segment each; the reminder's link opens the plan page in Spanish (`<html lang="es">`, axe
 * 0), Done works, and the page's switch turns page and texts to English (`lang="en"`, axe 0).
 */
const table = useTestTable();
const PHONE = '+14155550177';
const ZONE = 'America/New_York';
/** Six movements at 3 or less: the patient picks 4 or 5 of them (the rule ticks 5). */
const SCORES = {
  'hip-mobility': 0,
  'cat-camel': 0,
  'hip-bridges': 1,
  'bird-dog': 2,
  'lateral-beast-walk': 2,
  'side-plank-clam-shells': 3,
};
const status = (page: Page) => page.textContent('#status');

const { api, outbox, base } = useLocalStack(table, { languages: ['en', 'es'] });

describe('the Spanish journey on a phone', () => {
  it('Español picked on the form → code and reminder in Spanish → plan page in Spanish → Done → switch to English', async () => {
    const today = addDays(localDateOf(new Date(), ZONE), 1);
    await api('POST', '/dev/clock', { to: zonedInstant(today, '05:00', ZONE).toISOString() });
    await withChromium(phoneContext(390, { locale: 'en-US', timezoneId: ZONE }), async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base()}/`);
      // The browser's English is the default; the picker offers each language in its own words.
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe(FORM_EN.heading);
      expect(await page.getAttribute('label[for="language-es"]', 'lang')).toBe('es');
      expect(await page.isChecked('#language-en')).toBe(true);
      await page.check('#language-es');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
      const spanishForm = async () => {
        expect(await page.textContent('h1')).toBe(FORM_ES.heading);
        expect(await page.textContent('#safety-title')).toBe(FORM_ES.safetyTitle);
        expect(await page.textContent('label[for="redFlag-saddle-numbness"]')).toBe(
          RED_FLAGS_ES['saddle-numbness'],
        );
        expect(await page.textContent('#how-bird-dog')).toBe(MOVEMENTS_ES['bird-dog'].howTo);
        expect(await page.getAttribute('[data-movement="bird-dog"] img.picture', 'alt')).toBe(
          MOVEMENTS_ES['bird-dog'].alt,
        );
      };
      await spanishForm();
      await expectAccessible(page, 'form-es-step-1');
      // A reload keeps the choice, as it keeps the other answers.
      await page.reload();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.isChecked('#language-es')).toBe(true);
      await spanishForm();
      // Continue with no answer on the pain at rest: the error and its announcement in Spanish.
      await page.click('#screening-continue');
      await page.locator('#err-restPain').waitFor({ state: 'visible' });
      expect(await page.textContent('#err-restPain')).toBe(FORM_MESSAGES_ES.restPainMissing);
      expect(await page.textContent('#error-summary-title')).toBe(FORM_ES.errorSummary);
      await expect.poll(() => status(page)).toBe(`1 problema: ${FORM_MESSAGES_ES.restPainMissing}`);
      await expectAccessible(page, 'form-es-error');
      await answerSafetyQuestions(page);
      await expect.poll(() => status(page)).toBe(`${FORM_ES.movementsTitle}.`);
      await rateMovements(page, SCORES);
      // Step 3: the script's notes and counts in Spanish, by Spanish plural rules.
      expect((await page.textContent('#chosen-legend'))!.trim()).toBe(FORM_ES.chosenLegend);
      expect(await page.textContent('#chosen-hint')).toBe(
        'Estos 6 ejercicios te dolieron 3 o menos. Marcamos los 5 que te sugerimos: puedes cambiar cualquiera. Elige 4 o 5.',
      );
      expect(await page.textContent('#chosen-count')).toBe('Has elegido 5.');
      expect(await page.textContent('label[for="chosen-side-plank-clam-shells"]')).toMatch(
        new RegExp(`${MOVEMENTS_ES['side-plank-clam-shells'].name}\\s*Te dolió 3 de 10`),
      );
      await page.click('label[for="chosen-side-plank-clam-shells"]');
      await expect
        .poll(() => page.textContent('#chosen-count'))
        .toBe('Has elegido 6. Elige 4 o 5, por favor.');
      await page.click('#choice-continue');
      await page.locator('#err-chosen').waitFor({ state: 'visible' });
      const tooMany = 'Elige 4 o 5 ejercicios, por favor. Has elegido 6.';
      expect(await page.textContent('#err-chosen')).toBe(tooMany);
      await expect.poll(() => status(page)).toBe(`1 problema: ${tooMany}`);
      await expectAccessible(page, 'form-es-choice-too-many');
      await page.click('label[for="chosen-lateral-beast-walk"]');
      await expect.poll(() => page.textContent('#chosen-count')).toBe('Has elegido 5.');
      await acceptProposal(page);
      expect(await page.textContent('#reminders-title')).toBe(FORM_ES.remindersTitle);
      expect(await page.textContent('#sessionTimes-hint')).toMatch(/^Tres veces al día, entre las \S+/);
      // The consent in Spanish, with its own version: the one the form sends.
      expect(await page.textContent('#consent-text')).toBe(CONSENT_ES.text);
      expect(await page.getAttribute('#consent-text', 'data-version')).toBe(CONSENT_ES.version);
      await expectAccessible(page, 'form-es-reminders');
      await page.fill('#phone', PHONE);
      await page.check('#consent');
      const sentBody = page.waitForRequest((r) => r.url().endsWith('/assessments') && r.method() === 'POST');
      await page.click('#submit');
      expect((await sentBody).postDataJSON()).toMatchObject({
        language: 'es',
        consentVersion: CONSENT_ES.version,
      });
      await page.locator('#verify').waitFor({ state: 'visible' });
      expect(await page.textContent('#result-title')).toBe(FORM_ES.resultTitle);
      // The plan's summary, doses and dates, the code line and the announcement: Spanish.
      expect(await page.textContent('#plan-summary')).toMatch(
        /^Haz estos 5 ejercicios 3 veces al día, a estas horas: \S.+ y \S.+ \(.+\)\.$/,
      );
      expect(await page.locator('#plan-movements li').allInnerTexts()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^${MOVEMENTS_ES['bird-dog'].name}\\s+\\d+ repeticiones por lado × 1 serie$`),
          ),
        ]),
      );
      expect(await page.textContent('#plan-dates')).toMatch(
        /^Del .+ al .+\. El último día te pedimos que hagas la revisión otra vez\.$/,
      );
      expect(await page.textContent('#code-sent')).toMatch(
        /^Te enviamos un código de 6 cifras por mensaje de texto al \+1\*+\d\d\. Sirve hasta las /,
      );
      await expect.poll(() => status(page)).toBe(FORM_MESSAGES_ES.planReady);
      await expectAccessible(page, 'form-es-result');
      const code = (await outbox()).find((m) => m.kind === 'verification' && m.to === PHONE)!;
      expect(code.body).toMatch(/: tu clave es \d{6}\. Vence en \d+ minutos\./);
      expect(smsSegments(code.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      await page.fill('#code', /\b(\d{6})\b/.exec(code.body)![1]!);
      await page.click('#confirm');
      await page.locator('#done').waitFor({ state: 'visible' });
      expect(await page.textContent('#done-text')).toMatch(/^Tus recordatorios están activados: 3 al día, /);
      await expect.poll(() => status(page)).toBe(FORM_MESSAGES_ES.confirmed);
      await expectAccessible(page, 'form-es-done');
      const welcome = (await outbox()).find((m) => m.kind === 'welcome' && m.to === PHONE)!;
      expect(welcome.body).toContain('Avisos a las 8am, 1pm, 7pm');
      expect(smsSegments(welcome.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });

      await api('POST', '/dev/clock', { to: zonedInstant(today, '08:01', ZONE).toISOString() });
      const reminder = (await outbox()).find((m) => m.kind === 'reminder' && m.to === PHONE)!;
      expect(reminder.body).toMatch(/: es hora de la sesion 1 de 3 \(5 ejercicios\)\. Fotos y boton Listo: /);
      expect(smsSegments(reminder.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      const link = reminder.body.split(' ').at(-1)!;

      await page.goto(link);
      await expect.poll(() => page.locator('#done-button').isVisible()).toBe(true);
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.textContent('h1')).toBe(PAGE_ES.heading.today);
      expect(await page.textContent('.progress')).toMatch(/Día 1 de 14\s*Sesión 1 de 3/);
      expect(await page.textContent('#done-button')).toBe('Listo');
      for (const img of await page.locator('.session-movement img.picture').all()) {
        expect(await img.getAttribute('alt')).toMatch(
          /^(De pie|En cuatro apoyos|Acostado|De lado|Manos y puntas)/,
        );
        expect(await img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      }
      expect(await page.textContent('main')).toContain('repeticiones por lado');
      await expectAccessible(page, 'plan-page-es');

      await page.click('#done-button');
      await expect.poll(() => page.textContent('#done-status')).toBe(PAGE_ES.logged(1, 3));
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await expectAccessible(page, 'plan-page-es-done');

      // Times too close together: the problem in the page's own words (the API's are English).
      await page.click('#change-times summary');
      await page.selectOption('#time-1', '09:00');
      await page.click('#times-form button[type="submit"]');
      await expect.poll(() => page.textContent('#times-error')).toBe(PAGE_ES.notes['times-refused']);
      await expectAccessible(page, 'plan-page-es-times-refused');

      // The switch, in English and marked so, turns the page (and the texts) to English.
      const toEnglish = page.locator('#language-en');
      expect(await toEnglish.getAttribute('lang')).toBe('en');
      await toEnglish.click();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe(PAGE_EN.heading.today);
      expect(await page.textContent('#page-note')).toBe(PAGE_EN.notes.language);
      expect(await page.textContent('#done-status')).toBe(PAGE_EN.logged(1, 3));
      expect(await page.getAttribute('#language-es', 'lang')).toBe('es');
      await expectAccessible(page, 'plan-page-en-after-switch');

      // The next text is in English.
      await api('POST', '/dev/clock', { to: zonedInstant(today, '13:01', ZONE).toISOString() });
      const next = (await outbox()).filter((m) => m.kind === 'reminder' && m.to === PHONE).at(-1)!;
      expect(next.body).toMatch(/: time for session 2 of 3/);
      // The refused times answered 400 on purpose; nothing else went wrong.
      expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    });
  }, 180_000);

  it("a phone set to Spanish opens the form in Spanish: the picker's default comes from navigator.languages", async () => {
    await withChromium(phoneContext(390, { locale: 'es-MX' }), async (page) => {
      const problems = watchProblems(page);
      await page.goto(`${base()}/`);
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.isChecked('#language-es')).toBe(true);
      expect(await page.textContent('h1')).toBe(FORM_ES.heading);
      expect(await page.title()).toMatch(/: revisión para tu espalda$/);
      // Up to step 3 in Spanish, then back to step 1 and to English: what the script wrote on
      // step 3 is written again in English, the ticks kept.
      await answerSafetyQuestions(page);
      await rateMovements(page, SCORES);
      expect(await page.textContent('#chosen-count')).toBe('Has elegido 5.');
      await page.click('[data-back="movements"]');
      await page.click('[data-back="screening"]');
      await page.check('#language-en');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe(FORM_EN.heading);
      await page.click('#screening-continue');
      await page.locator('#step-movements').waitFor({ state: 'visible' });
      await page.click('#movements-continue');
      await page.locator('#step-choice').waitFor({ state: 'visible' });
      expect(await page.textContent('#chosen-hint')).toBe(
        'These 6 movements hurt 3 or less. We ticked the 5 we suggest: you can swap any of them. Pick 4 or 5.',
      );
      expect(await page.textContent('#chosen-count')).toBe('You have picked 5.');
      expect(await page.textContent('label[for="chosen-side-plank-clam-shells"]')).toMatch(
        /Side Plank Clam Shells\s*It hurt 3 out of 10/,
      );
      await expect.poll(() => status(page)).toBe(`${FORM_EN.choiceTitle}.`);
      await expectAccessible(page, 'form-en-after-switch-step-3');
      // The consent follows the language with its version; agreed to in English, a switch to
      // Spanish unticks it: the patient agrees to the Spanish text itself.
      await acceptProposal(page);
      expect(await page.textContent('#consent-text')).toBe(CONSENT.text);
      expect(await page.getAttribute('#consent-text', 'data-version')).toBe(CONSENT.version);
      await page.check('#consent');
      await page.click('[data-back="choice"]');
      await page.click('[data-back="movements"]');
      await page.click('[data-back="screening"]');
      await page.check('#language-es');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
      expect(await page.isChecked('#consent')).toBe(false);
      expect(await page.textContent('#consent-text')).toBe(CONSENT_ES.text);
      expect(await page.getAttribute('#consent-text', 'data-version')).toBe(CONSENT_ES.version);
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
