/**
 * The API's words in the patient's language, through the intake handler on DynamoDB Local: a
 * Spanish request (the body's `language`, else Accept-Language, among those offered) gets the
 * /screenings and /proposals advice and every 400's messages in Spanish, with the same codes and
 * paths as in English; a Spanish plan's action answers, its 409s and its calendar file in Spanish;
 * the info pages and a dead link's page by Accept-Language; GET /movements by `lang`. An English
 * deployment answers as it always did, whatever the browser asks.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/language.ts';
import { API_EN } from '../../shared/domain/plan/api-texts.ts';
import { API_ES } from '../../shared/domain/plan/api-texts-es.ts';
import { MOVEMENTS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { INFO_ES } from '../../shared/domain/plan/info-texts-es.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import {
  assessmentBody,
  confirmedPlan,
  createTestIntake,
  GENEROUS_LIMITS,
  testConfig,
  type TestIntake,
  TEST_ORIGIN,
  intakeOffering as intakeOfferingOn,
  TEST_FORM_URL,
  sessionMorning,
} from '../support/intake.ts';

const table = useTestTable();
const ORIGIN = TEST_ORIGIN;
const SPANISH_BROWSER = { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' };

const intakeOffering = (languages: Language[]) => intakeOfferingOn(table, languages);

const post = (intake: TestIntake, path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(intake.handler, httpEvent('POST', path, { body: body as object, headers }));
const get = (intake: TestIntake, path: string, headers: Record<string, string> = {}) =>
  call(intake.handler, httpEvent('GET', path, { headers }));
/** A plan page's script request: its own origin, as a browser sends it. */
const pageAction = (intake: TestIntake, path: string, body: unknown = {}) =>
  post(intake, path, body, { origin: ORIGIN, 'sec-fetch-site': 'same-origin' });

type ErrorAnswer = { error: { code: string; message: string; issues: { path: string; message: string }[] } };
const errorOf = (res: { body: unknown }) => (res.body as ErrorAnswer).error;

/** English words no Spanish answer may hold (outside field paths, codes and quoted values). */
const ENGLISH = /\b(the|your|you|is|are|must|please|not|required|field|one of)\b/i;
const spanishOnly = (text: string) =>
  expect(text.replace(/"[^"]*"/g, '').replace(/\b[a-zA-Z]+(\.\w+)+\b/g, ''), text).not.toMatch(ENGLISH);

describe('the API in Spanish', () => {
  it('/screenings and /proposals: the advice in the language asked, the same codes and tiers', async () => {
    const intake = intakeOffering(['en', 'es']);
    const urgent = { redFlags: ['saddle-numbness'] };
    const english = await post(intake, '/screenings', urgent);
    const byBody = await post(intake, '/screenings', { ...urgent, language: 'es' });
    const byBrowser = await post(intake, '/screenings', urgent, SPANISH_BROWSER);
    expect(english.status).toBe(200);
    expect(english.body).toMatchObject({
      care: 'urgent-now',
      advice: { message: API_EN.advice.tier['urgent-now'] },
    });
    for (const res of [byBody, byBrowser]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...(english.body as object),
        advice: { code: 'seek-medical-care', message: API_ES.advice.tier['urgent-now'] },
      });
    }
    // The body's language wins over the browser's: Spanish picked on an English phone, and back.
    const picked = await post(
      intake,
      '/screenings',
      { redFlags: ['cancer-history'], language: 'es' },
      {
        'accept-language': 'en-US',
      },
    );
    expect((picked.body as { advice: { code: string; message: string } }).advice).toEqual({
      code: 'check-with-clinician',
      message: API_ES.advice.checkWithClinician('has tenido cáncer'),
    });
    const backToEnglish = await post(intake, '/screenings', { ...urgent, language: 'en' }, SPANISH_BROWSER);
    expect((backToEnglish.body as { advice: { message: string } }).advice.message).toBe(
      API_EN.advice.tier['urgent-now'],
    );

    const scores = { 'cat-camel': 2, 'hip-mobility': 6, 'hip-bridges': 5 };
    const proposalEn = await post(intake, '/proposals', { scores });
    const proposalEs = await post(intake, '/proposals', { scores, language: 'es' });
    expect(proposalEs.body).toEqual({
      ...(proposalEn.body as object),
      advice: { code: 'reduced-plan', message: API_ES.advice.reducedSomeQualified(1, 3) },
    });
    const severe = await post(intake, '/proposals', { scores: { 'cat-camel': 9 } }, SPANISH_BROWSER);
    expect(severe.body).toMatchObject({
      planAllowed: false,
      advice: { code: 'see-clinician-this-week', message: API_ES.advice.severePain },
    });
    // No plan from the assessment itself: its advice in the plan's language, nothing stored.
    const noPlan = await post(
      intake,
      '/assessments',
      assessmentBody({ scores: { 'cat-camel': 9 }, language: 'es' }),
    );
    expect(noPlan.status).toBe(201);
    expect(noPlan.body).toMatchObject({ plan: null, advice: { message: API_ES.advice.severePain } });
  });

  it('a 400 in Spanish: the same code and paths as in English, every message in Spanish', async () => {
    const intake = intakeOffering(['en', 'es']);
    const bad = { redFlags: ['nope'], restPain: 11, extra: true };
    const english = errorOf(await post(intake, '/screenings', bad));
    const spanishRes = await post(intake, '/screenings', { ...bad, language: 'es' });
    expect(spanishRes.status).toBe(400);
    const spanish = errorOf(spanishRes);
    expect(spanish.code).toBe(english.code);
    expect(spanish.code).toBe('invalid_request');
    expect(spanish.issues.map((i) => i.path)).toEqual(english.issues.map((i) => i.path));
    expect(spanish.message).toBe(API_ES.errors.invalidRequest);
    for (const issue of spanish.issues) {
      expect(issue.message.startsWith(`${issue.path} `), issue.message).toBe(true);
      spanishOnly(issue.message);
    }
    // The whole assessment, from a Spanish browser that sends no language.
    const assessment = assessmentBody({ phone: '12', timeZone: 'Mars/Base', consent: false, channel: 'fax' });
    const en = errorOf(await post(intake, '/assessments', assessment));
    const es = errorOf(await post(intake, '/assessments', assessment, SPANISH_BROWSER));
    expect(es.issues.map((i) => i.path).sort()).toEqual(en.issues.map((i) => i.path).sort());
    expect(es.issues.length).toBeGreaterThanOrEqual(3);
    for (const issue of es.issues) spanishOnly(issue.message);
    // A language not offered is refused naming it, in the browser's language; nothing made.
    const unknown = errorOf(await post(intake, '/screenings', { language: 'fr' }, SPANISH_BROWSER));
    expect(unknown.issues).toEqual([
      { path: 'language', message: 'language debe ser uno de los idiomas que se ofrecen aquí' },
    ]);
    // Broken JSON and a wrong code: their own codes, Spanish words.
    const broken = await call(
      intake.handler,
      httpEvent('POST', '/screenings', { body: '{"language":', headers: SPANISH_BROWSER }),
    );
    expect(broken.status).toBe(400);
    expect(errorOf(broken)).toEqual({ code: 'invalid_json', message: API_ES.errors.invalidJson, issues: [] });
    const made = await post(intake, '/assessments', assessmentBody({ language: 'es' }));
    const planId = (made.body as { planId: string }).planId;
    const wrong = await post(intake, '/verifications', { planId, code: '000000', language: 'es' });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)).toMatchObject({
      code: 'wrong_code',
      issues: [{ path: 'code', message: expect.stringMatching(/^code no es el que te enviamos/) }],
    });
  });

  it('a limit met (429): the same code and Retry-After, the words in Spanish', async () => {
    const intake = createTestIntake(table, {
      clock: sessionMorning(),
      config: testConfig({
        limits: { ...GENEROUS_LIMITS, formRequestsPerClientPerHour: 1 },
        formUrl: TEST_FORM_URL,
        languages: ['en', 'es'],
      }),
    });
    // A client of its own: the form's count is per client address.
    const ask = () =>
      call(
        intake.handler,
        httpEvent('POST', '/screenings', { body: { language: 'es' }, sourceIp: '203.0.113.77' }),
      );
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(errorOf(limited)).toEqual({
      code: 'rate_limited',
      message:
        'Demasiadas respuestas enviadas desde este aparato: como mucho 1 por hora. Inténtalo más tarde.',
      issues: [],
    });
  });

  it("a Spanish plan's action answers, its 409 and its calendar file speak Spanish", async () => {
    const intake = intakeOffering(['en', 'es']);
    const { page } = await confirmedPlan(intake, { language: 'es' });
    const paused = await pageAction(intake, `${page}/pause`);
    expect(paused.body).toEqual({ changed: true, message: API_ES.actions.paused });
    expect((await pageAction(intake, `${page}/pause`)).body).toEqual({
      changed: false,
      message: API_ES.actions.pausedAlready,
    });
    expect((await pageAction(intake, `${page}/resume`)).body).toEqual({
      changed: true,
      message: API_ES.actions.resumed,
    });
    const skipped = await pageAction(intake, `${page}/session`, { action: 'skip' });
    expect((skipped.body as { message: string }).message).toMatch(
      /^Saltada: hoy no habrá aviso para la sesión de las /,
    );
    const times = await pageAction(intake, `${page}/times`, { sessionTimes: ['09:00', '14:00', '19:00'] });
    expect((times.body as { message: string }).message).toBe(
      API_ES.actions.timesChanged('9:00 AM, 2:00 PM y 7:00 PM', 'hora oriental — New York'),
    );
    const night = await pageAction(intake, `${page}/times`, { sessionTimes: ['03:00', '14:00', '19:00'] });
    expect(night.status).toBe(400);
    expect(errorOf(night).issues).toEqual([
      { path: 'sessionTimes.0', message: API_ES.actions.timeWindow('sessionTimes.0', '8:00 AM', '9:00 PM') },
    ]);
    const calendar = await get(intake, `${page}/calendar.ics`);
    const ics = calendar.text.replace(/\r\n /g, '');
    expect(ics).toContain(`SUMMARY:${intake.config.appName}: ejercicios de espalda\\, sesión 1 de 3`);
    expect(ics).toContain('DESCRIPTION:Tus movimientos con dibujos\\, y el botón de Listo: ');
    expect(ics).not.toContain('back exercises');
    const stopped = await pageAction(intake, `${page}/stop`);
    expect(stopped.body).toEqual({ changed: true, message: API_ES.actions.stopped });
    // Done on a plan that is no longer running: 409 outside_plan, in the plan's language (not the browser's).
    const done = await post(intake, `${page}/done`, {}, { origin: ORIGIN, 'accept-language': 'en-US' });
    expect(done.status).toBe(409);
    expect(errorOf(done)).toEqual({
      code: 'outside_plan',
      message: API_ES.errors.outsidePlan('plan-ended'),
      issues: [],
    });
  });

  it('the info pages and a dead link in the browser’s language among those offered, lang right', async () => {
    const intake = intakeOffering(['en', 'es']);
    const help = await get(intake, '/help', SPANISH_BROWSER);
    expect(help.status).toBe(200);
    expect(help.headers['content-language']).toBe('es');
    expect(help.headers.vary).toMatch(/Accept-Language/);
    expect(help.text).toMatch(/^<!doctype html>\s*<html lang="es">/);
    expect(help.text).toContain(`<h1>${INFO_ES.help.title}</h1>`);
    expect(help.text).toContain('<strong>LISTO</strong>');
    for (const path of ['/privacy', '/terms', '/opt-in', '/erased']) {
      const res = await get(intake, path, SPANISH_BROWSER);
      expect(res.text, path).toMatch(/<html lang="es">/);
      // Everything but the consent, shown as it is stored (in English, marked lang="en").
      const spanish = res.text.replace(/<q lang="en">[^<]*<\/q>/, '');
      expect(spanish, path).not.toMatch(/\b(Reply|your|You will|the)\b/);
    }
    // The consent is shown as stored (English), marked so, with a note before it.
    const optIn = (await get(intake, '/opt-in', SPANISH_BROWSER)).text;
    expect(optIn).toContain(INFO_ES.optIn.consentNote);
    expect(optIn).toMatch(/<q lang="en">/);
    // An English browser gets English; the two have different ETags (each its own 304).
    const english = await get(intake, '/help', { 'accept-language': 'en-US' });
    expect(english.text).toMatch(/<html lang="en">/);
    expect(english.headers.etag).not.toBe(help.headers.etag);
    const dead = await get(intake, '/p/AAAAAAAAAAAAAAAAAAAAAA', SPANISH_BROWSER);
    expect(dead.status).toBe(404);
    expect(dead.text).toMatch(/^<!doctype html><html lang="es">/);
    expect(dead.text).toContain(INFO_ES.notFound.heading);
  });

  it('GET /movements: ?lang=es or a Spanish browser get the Spanish names, ids unchanged; a bad lang is a 400 naming it', async () => {
    const intake = intakeOffering(['en', 'es']);
    const english = await get(intake, '/movements');
    const spanish = await call(intake.handler, {
      ...httpEvent('GET', '/movements'),
      rawQueryString: 'lang=es',
      queryStringParameters: { lang: 'es' },
    });
    expect(spanish.status).toBe(200);
    expect(spanish.headers['content-language']).toBe('es');
    const es = spanish.body as { id: string; name: string; howTo: string }[];
    const en = english.body as { id: string; name: string }[];
    expect(es.map((m) => m.id)).toEqual(en.map((m) => m.id));
    expect(es.find((m) => m.id === 'hip-bridges')).toMatchObject({
      name: MOVEMENTS_ES['hip-bridges'].name,
      howTo: MOVEMENTS_ES['hip-bridges'].howTo,
    });
    expect((await get(intake, '/movements', SPANISH_BROWSER)).body).toEqual(es);
    const bad = await call(intake.handler, {
      ...httpEvent('GET', '/movements', { headers: SPANISH_BROWSER }),
      rawQueryString: 'lang=fr',
      queryStringParameters: { lang: 'fr' },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toEqual({
      code: 'invalid_request',
      message: API_ES.errors.invalidRequest,
      issues: [{ path: 'lang', message: 'lang debe ser uno de los idiomas que se ofrecen aquí' }],
    });
  });
});

describe('an English deployment (the default) answers as it always did', () => {
  it('a Spanish browser, or Spanish asked of an English-only service: English words, lang a 400 naming it', async () => {
    const intake = createTestIntake(table, {
      clock: sessionMorning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: TEST_FORM_URL }),
    });
    const screening = await post(intake, '/screenings', { redFlags: ['saddle-numbness'] }, SPANISH_BROWSER);
    expect((screening.body as { advice: { message: string } }).advice.message).toBe(
      API_EN.advice.tier['urgent-now'],
    );
    const bad = errorOf(await post(intake, '/screenings', { restPain: 11 }, SPANISH_BROWSER));
    expect(bad).toEqual({
      code: 'invalid_request',
      message: API_EN.errors.invalidRequest,
      issues: [{ path: 'restPain', message: 'restPain must be 10 or less' }],
    });
    const spanishAsked = errorOf(await post(intake, '/screenings', { language: 'es' }));
    expect(spanishAsked.issues).toEqual([
      { path: 'language', message: 'language must be one of the languages offered here: en' },
    ]);
    const movements = await get(intake, '/movements', SPANISH_BROWSER);
    expect((movements.body as { id: string; name: string }[]).map((m) => m.name)).toEqual(
      CATALOG.map((m) => m.name),
    );
    const lang = await call(intake.handler, {
      ...httpEvent('GET', '/movements'),
      rawQueryString: 'lang=es',
      queryStringParameters: { lang: 'es' },
    });
    expect(lang.status).toBe(400);
    expect(errorOf(lang).issues).toEqual([
      { path: 'lang', message: 'lang must be one of the languages offered here: en' },
    ]);
    const help = await get(intake, '/help', SPANISH_BROWSER);
    expect(help.text).toMatch(/<html lang="en">/);
    expect(help.text).toContain('Reach a person');
    const { page } = await confirmedPlan(intake);
    expect((await pageAction(intake, `${page}/pause`)).body).toEqual({
      changed: true,
      message: 'Your reminders are paused. Resume them here whenever you are ready.',
    });
    const ics = (await get(intake, `${page}/calendar.ics`)).text.replace(/\r\n /g, '');
    expect(ics).toContain('back exercises\\, session 1 of 3');
  });
});
