/**
 * The plan page in Spanish, through the intake handler on DynamoDB Local: a plan in Spanish gets
 * `<html lang="es">` and every string from the Spanish page catalog (accents kept: pages are not
 * folded), the movements' names, how-to and pictures' alt texts in Spanish; the language switch
 * (shown only when the deployment offers more than one language) stores the plan's language and the
 * page comes back in it; a language not offered is refused naming the field, nothing stored; a
 * cross-site post is refused as the page's other actions are.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_EN } from '../../shared/domain/plan/page-texts.ts';
import { PAGE_ES } from '../../shared/domain/plan/page-texts-es.ts';
import { MOVEMENTS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import {
  confirmedPlan as confirmedPlanOf,
  type TestIntake,
  TEST_ORIGIN,
  intakeOffering as intakeOfferingOn,
} from '../support/intake.ts';
import type { Language } from '../../shared/domain/language.ts';

const table = useTestTable();
const ORIGIN = TEST_ORIGIN;
const intakeOffering = (languages: Language[]) => intakeOfferingOn(table, languages);

const confirmedPlan = (intake: TestIntake, language: Language) =>
  confirmedPlanOf(intake, { timeZone: 'America/New_York', language });

const open = async (intake: TestIntake, path: string, note?: string) =>
  (
    await call(intake.handler, {
      ...httpEvent('GET', path),
      ...(note ? { rawQueryString: `note=${note}`, queryStringParameters: { note } } : {}),
    })
  ).text;
/** The page's own form post (no script): its origin, as a browser sends it. */
const formPost = (intake: TestIntake, path: string, fields: Record<string, string>, headers = {}) =>
  call(
    intake.handler,
    httpEvent('POST', path, {
      body: new URLSearchParams(fields).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
    }),
  );

/** Words that only the English page has: none may be left on the Spanish one. */
const ENGLISH_ONLY = [
  PAGE_EN.heading.today,
  PAGE_EN.sessionHeading.today,
  PAGE_EN.safetyTitle,
  PAGE_EN.remindersTitle,
  PAGE_EN.checkInTitle,
  PAGE_EN.changeTimes,
  PAGE_EN.saveTimes,
  PAGE_EN.stopLink,
  PAGE_EN.eraseLink,
  'Skip to your plan',
  'reps',
  'Eastern Time',
  'Hip Bridges',
  ' and ',
];

describe('the plan page in Spanish', () => {
  it('a Spanish plan: <html lang="es">, the Spanish catalog with its accents, movements and alt texts in Spanish', async () => {
    const intake = intakeOffering(['en', 'es']);
    const { page } = await confirmedPlan(intake, 'es');
    const html = await open(intake, page);
    expect(html).toMatch(/^<!doctype html>\s*<html lang="es">/);
    expect(html).toContain(`<h1>${PAGE_ES.heading.today}</h1>`);
    expect(html).toContain('Día 1 de 14');
    expect(html).toContain('¿Cómo está tu espalda hoy?');
    expect(html).toContain('8:00 AM, 1:00 PM y 7:00 PM');
    expect(html).toContain('hora oriental — New York');
    expect(html).toContain('<strong>Deja cualquier ejercicio que duela más de 3</strong> de 10.');
    // The movements the plan holds, by their Spanish name and how-to; every picture's alt in Spanish.
    expect(html).toContain(MOVEMENTS_ES['hip-bridges'].name);
    expect(html).toContain(MOVEMENTS_ES['hip-bridges'].howTo);
    const alts = [...html.matchAll(/<img class="picture"[^>]* alt="([^"]+)"/g)].map((m) => m[1]!);
    expect(alts.length).toBeGreaterThan(3);
    for (const alt of alts)
      expect(Object.values(MOVEMENTS_ES).some((m) => m.alt === alt) || /pesa rusa/.test(alt), alt).toBe(true);
    // Everything but the switch to English (in English, marked lang="en").
    const spanish = html.replace(/<section class="card language-card[\s\S]*?<\/section>/, '');
    for (const english of ENGLISH_ONLY) {
      const at = spanish.indexOf(english);
      expect(at === -1 ? '' : spanish.slice(at - 150, at + 60), english).toBe('');
    }
    // The switch to English, in English, marked as English; a plain post (it changes the head too).
    expect(html).toContain('<h2 id="language-title">Idioma</h2>');
    expect(html).toMatch(
      new RegExp(
        `<form method="post" action="${page}/language"><input type="hidden" name="language" value="en" /><button type="submit" class="secondary" id="language-en" lang="en">${PAGE_EN.switchTo}</button></form>`,
      ),
    );
  });

  it('the switch stores the language and the page comes back in it; a repeat changes nothing; the texts follow', async () => {
    const intake = intakeOffering(['en', 'es']);
    const { page, planId } = await confirmedPlan(intake, 'es');
    const switched = await formPost(intake, `${page}/language`, { language: 'en' });
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe(`${page}?note=language#main`);
    expect((await intake.repo.getPlan(planId))!.language).toBe('en');
    const english = await open(intake, page, 'language');
    expect(english).toMatch(/<html lang="en">/);
    expect(english).toContain(PAGE_EN.notes.language);
    expect(english).toContain(`lang="es">${PAGE_ES.switchTo}</button>`);
    // A script's request: JSON, and a repeat changes nothing.
    const again = await call(
      intake.handler,
      httpEvent('POST', `${page}/language`, { body: { language: 'en' }, headers: { origin: ORIGIN } }),
    );
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    // The next text from the page is in the new language (pause's confirmation).
    const before = intake.notifier.sent.length;
    await formPost(intake, `${page}/pause`, {});
    expect(intake.notifier.sent.slice(before).map((m) => m.body)).toEqual([
      'Rehab reminders: reminders paused. Reply RESUME to restart them.',
    ]);
    // And back to Spanish.
    await formPost(intake, `${page}/language`, { language: 'es' });
    expect(await open(intake, page)).toMatch(/<html lang="es">/);
  });

  it('only offered languages: no switch with one; another language is 400 naming the field; cross-site is 403; nothing stored', async () => {
    const only = intakeOffering(['en']);
    const { page, planId } = await confirmedPlan(only, 'en');
    const html = await open(only, page);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).not.toContain('language-title');
    const refused = await call(
      only.handler,
      httpEvent('POST', `${page}/language`, { body: { language: 'es' }, headers: { origin: ORIGIN } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { issues: [{ path: 'language', message: expect.stringContaining('offered here: en') }] },
    });
    const both = intakeOffering(['en', 'es']);
    const other = await confirmedPlan(both, 'en');
    for (const headers of [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.clinic.example' },
    ]) {
      const res = await formPost(both, `${other.page}/language`, { language: 'es' }, headers);
      expect(res.status).toBe(403);
    }
    const bad = await call(
      both.handler,
      httpEvent('POST', `${other.page}/language`, { body: { language: 'fr' }, headers: { origin: ORIGIN } }),
    );
    expect(bad.status).toBe(400);
    expect((await only.repo.getPlan(planId))!.language).toBe('en');
    expect((await both.repo.getPlan(other.planId))!.language).toBe('en');
  });
});
