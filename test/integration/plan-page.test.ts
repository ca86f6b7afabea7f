import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { epochSeconds, retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { hashPageToken, PAGE_ADVICE, pageToken } from '../../shared/domain/plan/page.ts';
import { planEndText, pushReminderText } from '../../shared/domain/messaging/texts.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { zonedInstant } from '../../shared/domain/time.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { PUSH_SUBSCRIPTION, TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent, testContext } from '../support/http.ts';
import { inboundSmsEvent } from '../support/inbound.ts';
import {
  assessmentBody,
  confirmedPlan as confirmedPlanOf,
  createTestIntake,
  GENEROUS_LIMITS,
  RecordingNotifier,
  testConfig,
  type TestIntake,
  TEST_FORM_URL,
  sessionMorning,
} from '../support/intake.ts';
import { activePlan, noFailures } from '../support/reminders.ts';
import { sqsEvent, sqsRecord } from '../support/sqs.ts';

const table = useTestTable();
const ZONE = 'America/New_York';
const FORM_URL = TEST_FORM_URL;
/** 10:00 or 11:00 in New York (after the first session, before the second) on a day in the future. */
const morning = sessionMorning;

/** A plan made and confirmed through the API: its id, its record and the page path verification answered. */
const confirmedPlan = (intake: TestIntake, overrides: Record<string, unknown> = {}) =>
  confirmedPlanOf(intake, { timeZone: ZONE, ...overrides });

const open = (intake: TestIntake, path: string, sourceIp?: string) =>
  call(intake.handler, httpEvent('GET', path, sourceIp ? { sourceIp } : {}));
const done = (intake: TestIntake, path: string, sourceIp?: string) =>
  call(intake.handler, httpEvent('POST', `${path}/done`, sourceIp ? { sourceIp } : {}));

const eventsOf = async (planId: string) =>
  (await table.scanAll()).filter((i) => i.pk === `PLAN#${planId}` && String(i.sk).startsWith('EVENT#'));
const checkIn = (intake: TestIntake, path: string, body: unknown, headers?: Record<string, string>) =>
  call(
    intake.handler,
    httpEvent('POST', `${path}/pain`, { body: body as string | object, ...(headers ? { headers } : {}) }),
  );
const DAY = 86_400_000;

let texts = 0;
/** The patient's text, through the real inbound handler, arriving at the intake clock's now. */
async function text(intake: TestIntake, phone: string, body: string) {
  const inbound = asFunction(
    'inbound',
    createInboundHandler({
      repo: intake.repo,
      events: new DynamoPatientEventStore(table.db, table.tableName),
      limiter: new DynamoRateLimiter(table.db, table.tableName),
      notifier: new RecordingNotifier(),
      hashKey: TEST_HASH_KEY,
      config: { appName: 'Rehab reminders', formUrl: FORM_URL, retentionDays: 30 },
      clock: intake.clock,
    }),
  );
  await inbound(inboundSmsEvent(phone, body, `in-${++texts}`, intake.clock.now().toISOString()));
}

describe('the plan page (GET /p/{token})', () => {
  it('shows today: each movement with its picture, dose in words and how-to, day x of n, session n of m, and the safety advice', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, record } = await confirmedPlan(intake);
    const res = await open(intake, page);
    expect(res.status).toBe(200);
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Once (found by a review: sent twice, the route's own and the security headers').
    expect(Object.keys(res.headers).filter((k) => k.toLowerCase() === 'referrer-policy')).toHaveLength(1);
    const html = res.text;
    expect(html).toContain('Day 1 of 14');
    // Signed up at about 10:00: the 08:00 session was never due, so today holds two.
    expect(html).toContain('Session 1 of 2');
    // Times and zone in words, in the patient's clock (the US keeps a 12-hour one).
    expect(html).toContain('8:00 AM, 1:00 PM and 7:00 PM');
    expect(html).toContain('Eastern Time — New York');
    expect(html).not.toContain('(America/New_York)');
    // Each picture by URL (its own hashed SVG file, cached on the phone), with its alt text.
    expect(
      html.match(
        /<img class="picture" src="\/assets\/pictures\/[a-z-]+\.[a-z0-9]{10}\.svg" alt="[^"]{20,}"/g,
      ),
    ).toHaveLength(record.plan.movements.length);
    expect(html).not.toContain('<svg class="picture"');
    expect(html).toContain('8 reps on each side, 1 set'); // hip mobility at pain 0
    // The source's caveats, and no self-progression wording.
    expect(html).toContain('This plan is for a common back pull or spasm.');
    expect(html).toContain('why you got hurt');
    expect(html).not.toMatch(/progress to the harder/i);
    expect(html).toContain('lengths, '); // a beast walk's dose in lengths …
    expect(html).toContain('A length is about 10 steps'); // … and what a length is
    expect(html).toContain('Stop any movement that hurts more than 3');
    expect(html).toContain('Call your emergency number if you get numbness');
    // Done is a plain form: it works without script, and its word is the texts' word.
    expect(html).toMatch(
      /<form method="post" action="\/p\/[\w-]{22}\/done" class="inplace"><button type="submit" class="primary" id="done-button"[^>]*>Done<\/button>/,
    );
    // Nothing inline: the CSP allows no inline script or style.
    expect(html).not.toMatch(/<script(?![^>]*src=)|style="|<style/);
  });

  it('a guessed, malformed, revoked or expired token gets the same 404, and the token is stored only hashed', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, token, planId } = await confirmedPlan(intake);
    const items = await table.scanAll();
    expect(JSON.stringify(items)).not.toContain(token);
    const pageItem = items.find((i) => i.pk === keys.planPage(hashPageToken(token, TEST_HASH_KEY)).pk);
    expect(pageItem).toMatchObject({ planId, expiresAt: expect.any(Number) });

    const guessed = await open(intake, `/p/${randomBytes(16).toString('base64url')}`);
    const malformed = await open(intake, '/p/not-a-token');
    expect(guessed.status).toBe(404);
    expect(malformed).toMatchObject({ status: 404, text: guessed.text });
    expect((await done(intake, `/p/${randomBytes(16).toString('base64url')}`)).body).toEqual({
      error: { code: 'page_not_found', message: expect.any(String), issues: [] },
    });

    // Expired: past the plan's retention (TTL may lag, so the read checks it).
    intake.clock.advance((Number(pageItem!.expiresAt) + 1) * 1000 - intake.clock.now().getTime());
    expect(await open(intake, page)).toMatchObject({ status: 404, text: guessed.text });

    // Revoked: the item deleted.
    const fresh = createTestIntake(table, { clock: morning() });
    const other = await confirmedPlan(fresh);
    expect((await open(fresh, other.page)).status).toBe(200);
    await table.db.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: keys.planPage(hashPageToken(other.token, TEST_HASH_KEY)),
      }),
    );
    expect(await open(fresh, other.page)).toMatchObject({ status: 404, text: guessed.text });
  });

  it('is counted per client: past the limit, 429 before anything is read', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: { ...GENEROUS_LIMITS, planPageRequestsPerClientPerHour: 2 } }),
    });
    const { page } = await confirmedPlan(intake);
    const ip = '198.51.100.77';
    expect((await open(intake, page, ip)).status).toBe(200);
    expect((await done(intake, page, ip)).status).toBe(200);
    const refused = await open(intake, page, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });
});

describe('answers gzipped for clients that take it (the API is never cached, so CloudFront cannot compress it)', () => {
  it('the plan page: the same page, ~5× fewer bytes, Vary: Accept-Encoding; plain for a client without gzip', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page } = await confirmedPlan(intake);
    const plain = (await intake.handler(
      httpEvent('GET', page),
      testContext,
    )) as APIGatewayProxyStructuredResultV2;
    const zipped = (await intake.handler(
      httpEvent('GET', page, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }),
      testContext,
    )) as APIGatewayProxyStructuredResultV2;
    const refused = (await intake.handler(
      httpEvent('GET', page, { headers: { 'accept-encoding': 'br, gzip;q=0' } }),
      testContext,
    )) as APIGatewayProxyStructuredResultV2;
    expect(plain.isBase64Encoded).toBeFalsy();
    expect(plain.headers).toMatchObject({ vary: 'Accept-Encoding' });
    expect(plain.headers!['content-encoding']).toBeUndefined();
    expect(refused.isBase64Encoded).toBeFalsy();
    expect(zipped).toMatchObject({ statusCode: 200, isBase64Encoded: true });
    expect(zipped.headers).toMatchObject({
      'content-encoding': 'gzip',
      vary: 'Accept-Encoding',
      'cache-control': 'no-store',
    });
    const bytes = Buffer.from(zipped.body!, 'base64');
    // The page's nonce differs per answer; everything else is the same page.
    const unzipped = gunzipSync(bytes).toString('utf8');
    const withoutNonce = (html: string) => html.replace(/nonce-[A-Za-z0-9+/=_-]+|nonce="[^"]*"/g, 'nonce');
    expect(withoutNonce(unzipped)).toBe(withoutNonce(plain.body!));
    expect(bytes.length * 3).toBeLessThan(Buffer.byteLength(plain.body!));
  });

  it('small answers (an error, a short JSON) go as they are', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const res = (await intake.handler(
      httpEvent('GET', `/p/${'x'.repeat(21)}`, { headers: { 'accept-encoding': 'gzip' } }),
      testContext,
    )) as APIGatewayProxyStructuredResultV2;
    const missing = (await intake.handler(
      httpEvent('GET', '/nowhere', { headers: { 'accept-encoding': 'gzip' } }),
      testContext,
    )) as APIGatewayProxyStructuredResultV2;
    expect(missing.statusCode).toBe(404);
    expect(missing.isBase64Encoded).toBeFalsy();
    expect(JSON.parse(missing.body!)).toMatchObject({ error: { code: 'not_found' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('Done on the plan page (POST /p/{token}/done)', () => {
  it('logs the current session like a DONE text, once: a second press of the same session writes nothing', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record } = await confirmedPlan(intake);
    // Signed up at about 10:00: the day's first session that counts is the 13:00 one, done early.
    const first = await done(intake, page);
    expect(first).toMatchObject({
      status: 200,
      body: { session: 1, sessionsPerDay: 2, slot: 2, recorded: true },
    });
    const again = await done(intake, page);
    expect(again).toMatchObject({ status: 200, body: { session: 1, recorded: false } });
    const logged = await eventsOf(planId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      eventType: 'done',
      slot: 2,
      localDate: record.plan.startDate,
      inboundMessageId: 'plan-page',
      gsi1pk: `PATIENT#${record.phoneHash}`,
    });
    expect((await open(intake, page)).text).toContain('Session 1 of 2 is logged. Well done!');

    // Three hours on it is still that session (13:00, logged); at 19:00 the second: a new event.
    intake.clock.advance(3 * 3_600_000);
    expect((await done(intake, page)).body).toMatchObject({ session: 1, slot: 2, recorded: false });
    intake.clock.advance(6 * 3_600_000);
    expect((await done(intake, page)).body).toMatchObject({ session: 2, slot: 3, recorded: true });
    expect(await eventsOf(planId)).toHaveLength(2);
  });

  it('records nothing after the plan ends (409 outside_plan)', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId } = await confirmedPlan(intake);
    intake.clock.advance(15 * 86_400_000);
    const res = await done(intake, page);
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'outside_plan' } } });
    expect(await eventsOf(planId)).toHaveLength(0);
  });
});

describe("the plan page's POSTs come from its own origin only (found by a review: a cross-site form post was taken)", () => {
  const ORIGIN = new URL(FORM_URL).origin;
  const post = (intake: TestIntake, path: string, headers: Record<string, string>) =>
    Promise.all([
      call(intake.handler, httpEvent('POST', `${path}/done`, { headers })),
      call(intake.handler, httpEvent('POST', `${path}/pain`, { body: { pain: 3 }, headers })),
    ]);

  it('a cross-site or same-site request, an opaque origin or a spoofed Host: 403, nothing written', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { page, planId } = await confirmedPlan(intake);
    const crossOrigin: Record<string, string>[] = [
      // A form on another site posting to the page (the browser says so, and names the origin).
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://other.clinic.example', 'sec-fetch-site': 'same-site' },
      // The Host header is the client's to choose: compared with the configured origin, never it.
      { host: 'evil.example', origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      { origin: `${ORIGIN}:8443`, 'sec-fetch-site': 'same-origin' },
      { origin: ORIGIN.replace('https:', 'http:') },
    ];
    for (const headers of crossOrigin) {
      for (const res of await post(intake, page, headers)) {
        expect(res, JSON.stringify(headers)).toMatchObject({
          status: 403,
          body: { error: { code: 'cross_origin' } },
        });
      }
    }
    expect(await eventsOf(planId)).toHaveLength(0);
  });

  it("the page's other POSTs too (pause, resume, stop, erase, skip or snooze, new times): 403 cross-site, a form's post as well, nothing changed", async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { page, planId } = await confirmedPlan(intake);
    const bodies: Record<string, Record<string, unknown>> = {
      pause: {},
      resume: {},
      stop: {},
      erase: {},
      session: { action: 'snooze', minutes: 60 },
      times: { sessionTimes: ['09:00', '14:00', '20:00'] },
    };
    const hostile: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { host: 'evil.example', origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    ];
    for (const [action, body] of Object.entries(bodies)) {
      for (const headers of hostile) {
        const json = await call(intake.handler, httpEvent('POST', `${page}/${action}`, { body, headers }));
        // A plain form's post (the page without script) from another site: refused too, not redirected.
        const form = await call(
          intake.handler,
          httpEvent('POST', `${page}/${action}`, {
            body: new URLSearchParams(body as Record<string, string>).toString(),
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          }),
        );
        for (const res of [json, form])
          expect(res, `${action} ${JSON.stringify(headers)}`).toMatchObject({
            status: 403,
            body: { error: { code: 'cross_origin' } },
          });
      }
    }
    const record = (await intake.repo.getPlan(planId))!;
    expect(record.status).toBe('active');
    expect(record.plan.sessionTimes).toEqual(['08:00', '13:00', '19:00']);
    expect(record.sessionChanges ?? {}).toEqual({});
    // An opaque origin is refused unless the browser says same-origin: the page's own form,
    // posted without script under its no-referrer policy, sends `Origin: null` (Chromium does).
    const opaque = await call(
      intake.handler,
      httpEvent('POST', `${page}/resume`, { body: {}, headers: { origin: 'null' } }),
    );
    expect(opaque).toMatchObject({ status: 403, body: { error: { code: 'cross_origin' } } });
    // From the page itself: taken.
    const own = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
    const paused = await call(intake.handler, httpEvent('POST', `${page}/pause`, { body: {}, headers: own }));
    expect(paused).toMatchObject({ status: 200, body: { changed: true } });
    expect((await intake.repo.getPlan(planId))!.status).toBe('paused');
    const formOfPage = await call(
      intake.handler,
      httpEvent('POST', `${page}/resume`, {
        body: '',
        headers: {
          origin: 'null',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
    );
    expect(formOfPage.status).toBe(303);
    expect((await intake.repo.getPlan(planId))!.status).toBe('active');
  });

  it("the page's own fetch (its origin, same-origin) and a client that is not a browser (neither header) are taken", async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { page, planId } = await confirmedPlan(intake);
    const [doneRes, painRes] = await post(intake, page, { origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
    expect(doneRes.status).toBe(200);
    expect(painRes.status).toBe(200);
    expect(await eventsOf(planId)).toHaveLength(2);
    expect((await done(intake, page)).status).toBe(200);
  });
});

describe('progress on the plan page', () => {
  it('an empty log: a sentence instead of a chart, and today’s three sessions still to do', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page } = await confirmedPlan(intake);
    const html = (await open(intake, page)).text;
    // Signed up at about 10:00: two sessions today.
    expect(html).toContain('Today: 0 of 2 sessions done.');
    expect(html).toContain('No sessions logged yet — tap Done after each session.');
    expect(html).not.toContain('<svg class="chart"');
    expect(html).toContain('How is your back today?');
  });

  it('DONE and PAIN texts and the page’s Done and check-in, over days: the counts, the trend, the chart and its table', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, phone } = await confirmedPlan(intake);
    // Day 1 (signed up about 10:00): the 13:00 session by Done, early; pain 6 by text.
    expect((await done(intake, page)).body).toMatchObject({ session: 1, recorded: true });
    await text(intake, phone, 'pain 6');
    // Day 2: sessions 1 and 2 by text, pain 5 on the page.
    intake.clock.advance(DAY);
    await text(intake, phone, 'DONE');
    intake.clock.advance(3 * 3_600_000);
    await text(intake, phone, 'did it');
    expect((await checkIn(intake, page, { pain: 5 })).body).toMatchObject({ pain: 5, recorded: true });
    // Day 3: pain 3 on the page, nothing done yet today.
    intake.clock.advance(DAY - 3 * 3_600_000);
    expect((await checkIn(intake, page, { pain: 3 })).status).toBe(200);

    const html = (await open(intake, page)).text;
    expect(html).toContain('Day 3 of 14');
    expect(html).toContain('Today: 0 of 3 sessions done.');
    expect(html).toContain('Your back: 6 on day 1, 3 now (3 points better).');
    // Due since sign-up: 2 on day 1, 3 on day 2, today's 08:00: 6, not the days × 3.
    expect(html).toContain('Sessions done so far: 3 of 6.');
    expect(html).toContain('Today&#39;s score so far: 3 out of 10.');
    const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(chart).toContain('role="img"');
    expect(chart.match(/<circle /g)).toHaveLength(3);
    expect(chart.match(/<rect [^>]*fill="#0b5d4b"/g)).toHaveLength(3);
    const rows = [
      ...html.matchAll(
        /<tr[^>]*><th scope="row">Day (\d+)[^<]*<span[^>]*>[^<]*<\/span><\/th><td>([^<]*)<\/td><td>(.*?)<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['1', '1 of 2', '6'],
      ['2', '2 of 3', '5'],
      ['3', '0 of 3', '3'],
    ]);
    // The session done by text shows on the page as done, as the page's own Done would.
    await text(intake, phone, 'done');
    expect((await open(intake, page)).text).toContain('Session 1 of 3 is logged. Well done!');
  });

  it('a full 14-day plan’s page is a few tens of KB with its chart (docs/PATIENTS.md, "Progress on the plan page")', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, phone } = await confirmedPlan(intake);
    const fresh = Buffer.byteLength((await open(intake, page)).text);
    for (let day = 1; day <= 14; day++) {
      for (let session = 1; session <= 3; session++) {
        await text(intake, phone, 'DONE');
        if (session === 1) await checkIn(intake, page, { pain: Math.max(1, 7 - Math.floor(day / 2)) });
        intake.clock.advance(session < 3 ? 6 * 3_600_000 : DAY - 12 * 3_600_000);
      }
    }
    // The day after the last: the summary, every day in the chart and the table.
    const html = (await open(intake, page)).text;
    expect(html).toContain('42 of 42</strong> sessions done.');
    const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)![0];
    const table14 = /<table[\s\S]*?<\/table>/.exec(html)![0];
    const bytes = Buffer.byteLength(html);
    const gzipped = gzipSync(html).length;
    console.log(
      `plan page, 14 days full: ${bytes} bytes (${gzipped} gzipped); chart ${Buffer.byteLength(chart)},` +
        ` table ${Buffer.byteLength(table14)}; the same plan's page on day 1 with nothing logged: ${fresh} bytes`,
    );
    // A budget, not the figure: the chart and table are a small part, the page well under one
    // chart library's script (uPlot 51 KB minified, Chart.js 210 KB).
    expect(bytes).toBeLessThan(40_000);
    expect(Buffer.byteLength(chart) + Buffer.byteLength(table14)).toBeLessThan(10_000);
  }, 60_000);
});

describe('the pain check-in (POST /p/{token}/pain)', () => {
  it('logs one score a day like a PAIN text: the same tap again changes nothing, another one replaces it, the next day adds one', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record } = await confirmedPlan(intake);
    const first = await checkIn(intake, page, { pain: 4 });
    expect(first).toMatchObject({
      status: 200,
      body: {
        pain: 4,
        localDate: record.plan.startDate,
        recorded: true,
        seekCare: false,
        remindersPaused: false,
        message: expect.stringContaining('4 out of 10'),
      },
    });
    expect(first.body).not.toHaveProperty('previous');
    expect((await checkIn(intake, page, { pain: 4 })).body).toMatchObject({ pain: 4, recorded: false });
    expect((await checkIn(intake, page, { pain: 2 })).body).toMatchObject({
      pain: 2,
      recorded: true,
      previous: 4,
    });
    const logged = await eventsOf(planId);
    expect(logged).toEqual([
      expect.objectContaining({
        sk: `EVENT#${record.plan.startDate}#pain`,
        eventType: 'pain',
        pain: 2,
        localDate: record.plan.startDate,
        inboundMessageId: 'plan-page',
        gsi1pk: `PATIENT#${record.phoneHash}`,
        expiresAt: retainedUntil(record, intake.config.retentionDays),
      }),
    ]);
    intake.clock.advance(DAY);
    expect((await checkIn(intake, page, { pain: 3 })).body).toMatchObject({ recorded: true });
    expect(await eventsOf(planId)).toHaveLength(2);
    expect((await intake.repo.getPlan(planId))?.status).toBe('active');
  });

  it('bad input is a 400 naming the field and writes nothing; a link that opens nothing is a 404; never a 500', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId } = await confirmedPlan(intake);
    for (const [body, path, message] of [
      [{ pain: 11 }, 'pain', 'pain must be a whole number from 0 to 10'],
      [{ pain: -1 }, 'pain', 'pain must be a whole number from 0 to 10'],
      [{ pain: 2.5 }, 'pain', 'pain must be a whole number from 0 to 10'],
      [{ pain: '3' }, 'pain', 'pain must be a whole number from 0 to 10'],
      [{}, 'pain', 'pain must be a whole number from 0 to 10'],
      [{ pain: 3, note: 'hi' }, 'note', 'note is not a field of this request'],
    ] as const) {
      const res = await checkIn(intake, page, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({
        error: { code: 'invalid_request', message: expect.any(String), issues: [{ path, message }] },
      });
    }
    for (const body of [[], 'null', '7']) {
      const res = await checkIn(intake, page, body);
      expect(res.status, String(body)).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect((await checkIn(intake, page, '{"pain":')).body).toMatchObject({ error: { code: 'invalid_json' } });
    expect((await checkIn(intake, page, '{"pain":3}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await checkIn(intake, page, { pain: 3, pad: 'x'.repeat(20_000) })).status).toBe(413);
    expect(await eventsOf(planId)).toEqual([]);

    const unknown = await checkIn(intake, `/p/${randomBytes(16).toString('base64url')}`, { pain: 3 });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'page_not_found' } } });
    expect((await checkIn(intake, '/p/not-a-token', { pain: 3 })).status).toBe(404);
  });

  it('8 or more: the see-a-clinician advice, the plan paused through the lifecycle as a PAIN text pauses it, and the page says so', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId } = await confirmedPlan(intake);
    const res = await checkIn(intake, page, { pain: 9 });
    expect(res).toMatchObject({
      status: 200,
      body: { pain: 9, recorded: true, seekCare: true, remindersPaused: true, advice: PAGE_ADVICE.seekCare },
    });
    expect(await intake.repo.getPlan(planId)).toMatchObject({
      status: 'paused',
      statusReason: 'pain-reported',
    });
    // A reminder now finds the plan paused: nothing is sent.
    const sent = new RecordingNotifier();
    const record = (await intake.repo.getPlan(planId))!;
    const scheduled = zonedInstant(record.plan.startDate, record.plan.sessionTimes[1], ZONE);
    const send = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier: sent,
        config: testConfig({ formUrl: FORM_URL }),
        hashKey: TEST_HASH_KEY,
        clock: { now: () => new Date(scheduled.getTime() + 20_000) },
      }),
    );
    await send(sqsEvent(sqsRecord({ v: 1, planId, slot: 2, scheduledTime: scheduled.toISOString() })));
    expect(sent.sent).toEqual([]);

    const html = (await open(intake, page)).text;
    expect(html).toContain(
      `<p class="advice" role="alert">${PAGE_ADVICE.seekCare.replace("'", '&#39;')}</p>`,
    );
    expect(html).not.toContain('id="done-button"');
    expect(html).not.toContain('Reply RESUME');
    // Another high score the same day: still paused, still the advice, no error.
    expect((await checkIn(intake, page, { pain: 8 })).body).toMatchObject({ seekCare: true, previous: 9 });
    expect((await intake.repo.getPlan(planId))?.status).toBe('paused');
  });

  it('logs nothing before the plan starts or after it ends (409 outside_plan)', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId } = await confirmedPlan(intake);
    intake.clock.advance(15 * DAY);
    expect(await checkIn(intake, page, { pain: 3 })).toMatchObject({
      status: 409,
      body: { error: { code: 'outside_plan' } },
    });
    expect(await eventsOf(planId)).toEqual([]);
  });
});

describe('the completion summary', () => {
  it('once the plan is over the page shows sessions done of the plan’s, pain first and last, and the check-in as next step; it opens until the retention ends', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, phone, planId, record } = await confirmedPlan(intake);
    await done(intake, page);
    await checkIn(intake, page, { pain: 6 });
    intake.clock.advance(13 * DAY);
    await text(intake, phone, 'PAIN 2');
    const lastDay = (await open(intake, page)).text;
    expect(lastDay).toContain('Today is the last day of your plan.');
    expect(lastDay).toContain('id="done-button"');

    // The last session completes it (send-reminder, through the lifecycle): the summary, that evening.
    expect(await intake.repo.changeStatus(planId, transition({ kind: 'complete' }), intake.clock.now())).toBe(
      true,
    );
    const summary = (await open(intake, page)).text;
    expect(summary).toContain('<h1>Your plan is finished</h1>');
    // Of the sessions due: from the 13:00 of day 1 (signed up about 10:00) to the 08:00 of day 14
    // (it completed that morning here), not the whole plan's 42.
    expect(summary).toContain('<strong>1 of 39</strong> sessions done.');
    expect(summary).toContain('Your back: 6 on day 1, 2 now (4 points better).');
    expect(summary).toContain('Take the check-in again');
    // The check-in, pre-filled from this plan (the page's own token).
    expect(summary).toContain(
      `<a class="button-link" id="reassess" href="/?reassess=${page.slice('/p/'.length)}">Take the check-in</a>`,
    );
    expect(lastDay).toContain(`href="/?reassess=${page.slice('/p/'.length)}"`);
    expect(summary).not.toMatch(/id="done-button"|id="pain-scale"/);
    expect(summary).toContain('<svg class="chart"');

    // Days later, still within the retention: the same summary. The page item, the plan and its
    // log all expire together, retentionDays after the plan's end.
    intake.clock.advance(20 * DAY);
    expect((await open(intake, page)).text).toContain(
      'Your back: 6 on day 1, 2 on day 14 (4 points better).',
    );
    const kept = retainedUntil(record, intake.config.retentionDays);
    const items = await table.scanAll();
    const pageItem = items.find(
      (i) => i.pk === keys.planPage(hashPageToken(page.slice(3), TEST_HASH_KEY)).pk,
    );
    expect(pageItem?.expiresAt).toBe(kept);
    for (const item of items.filter((i) => i.pk === `PLAN#${planId}`)) expect(item.expiresAt).toBe(kept);
    expect(kept).toBe(epochSeconds(record.plan.endsAt) + intake.config.retentionDays * 86_400);
    intake.clock.advance((kept + 1) * 1000 - intake.clock.now().getTime());
    expect((await open(intake, page)).status).toBe(404);
  });

  it('after a pause for pain the next step is a clinician first; a replaced plan points to the newer one', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page } = await confirmedPlan(intake);
    await checkIn(intake, page, { pain: 8 });
    intake.clock.advance(15 * DAY);
    const paused = (await open(intake, page)).text;
    expect(paused).toContain('Please see a clinician before you exercise again.');

    const other = createTestIntake(table, { clock: morning() });
    const older = await confirmedPlan(other);
    const body = assessmentBody({ timeZone: ZONE, phone: older.phone });
    const made = await call(other.handler, httpEvent('POST', '/assessments', { body }));
    const planId = (made.body as { planId: string }).planId;
    const code = other.notifier.codeFor(older.phone);
    await call(other.handler, httpEvent('POST', '/verifications', { body: { planId, code } }));
    const replaced = (await open(other, older.page)).text;
    expect(replaced).toContain('<h1>This plan has ended</h1>');
    expect(replaced).toContain('You have a newer plan. Open the link in your newest reminder text.');
  });
});

describe('the reminder carries the link', () => {
  it('one GSM-7 segment ending in the plan page link on formUrl, which opens the page', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { planId, page, record } = await confirmedPlan(intake);
    const notifier = new RecordingNotifier();
    const scheduled = zonedInstant(record.plan.startDate, record.plan.sessionTimes[1], ZONE);
    const send = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier,
        config: testConfig({ formUrl: FORM_URL }),
        hashKey: TEST_HASH_KEY,
        clock: { now: () => new Date(scheduled.getTime() + 20_000) },
      }),
    );
    const message = { v: 1, planId, slot: 2, scheduledTime: scheduled.toISOString() };
    expect(await send(sqsEvent(sqsRecord(message)))).toEqual(noFailures);
    const [text] = notifier.sent;
    expect(text).toMatchObject({ channel: 'sms', kind: 'reminder' });
    expect(text!.body.endsWith(`${FORM_URL.slice(0, -1)}${page}`)).toBe(true);
    expect(smsSegments(text!.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    // Signed up at about 10:00: the 13:00 reminder is the day's first that counts.
    expect(text!.body).toContain('session 1 of 2');
    expect((await open(intake, new URL(text!.body.split(' ').at(-1)!).pathname)).status).toBe(200);
  });

  it("the last day's one extra text links the plan page: its progress that day, its summary after", async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, planLengthDays: 2, formUrl: FORM_URL }),
    });
    const { planId, page, record } = await confirmedPlan(intake);
    const notifier = new RecordingNotifier();
    const scheduled = zonedInstant(record.plan.endDate, record.plan.sessionTimes[0], ZONE);
    const send = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier,
        config: testConfig({ formUrl: FORM_URL }),
        hashKey: TEST_HASH_KEY,
        clock: { now: () => new Date(scheduled.getTime() + 20_000) },
      }),
    );
    const message = { v: 1, planId, slot: 1, scheduledTime: scheduled.toISOString() };
    expect(await send(sqsEvent(sqsRecord(message)))).toEqual(noFailures);
    const link = `${FORM_URL.slice(0, -1)}${page}`;
    expect(notifier.sent.map((m) => m.kind)).toEqual(['reminder', 'reassessment']);
    const [, end] = notifier.sent;
    expect(end!.body).toBe(planEndText('Rehab reminders', link));
    expect(smsSegments(end!.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    // A repeat of the firing sends neither again.
    await send(sqsEvent(sqsRecord(message)));
    expect(notifier.sent).toHaveLength(2);

    intake.clock.advance(scheduled.getTime() + 60_000 - intake.clock.now().getTime());
    expect((await open(intake, new URL(link).pathname)).text).toContain(
      'Today is the last day of your plan.',
    );
    intake.clock.advance(86_400_000);
    const summary = (await open(intake, page)).text;
    expect(summary).toContain('How you did');
    expect(summary).toContain(`href="/?reassess=${page.slice('/p/'.length)}">Take the check-in</a>`);
  });

  it('a push reminder has push wording and opens the plan page', async () => {
    const now = morning().now();
    const plan = await activePlan(table, {
      now,
      channel: 'push',
      pushSubscription: PUSH_SUBSCRIPTION,
      pageNonce: 'nonce-1',
    });
    const scheduled = zonedInstant(plan.plan.startDate, plan.plan.sessionTimes[1], plan.plan.timeZone);
    const pushed = new RecordingNotifier();
    const send = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier: pushed,
        config: testConfig({ formUrl: FORM_URL }),
        hashKey: TEST_HASH_KEY,
        clock: { now: () => new Date(scheduled.getTime() + 20_000) },
      }),
    );
    const message = { v: 1, planId: plan.planId, slot: 2, scheduledTime: scheduled.toISOString() };
    expect(await send(sqsEvent(sqsRecord(message)))).toEqual(noFailures);
    expect(pushed.sent).toEqual([
      {
        channel: 'push',
        subscription: PUSH_SUBSCRIPTION,
        title: 'Rehab reminders',
        // Active since about 10:00: the 13:00 session is the day's first of two.
        body: pushReminderText({ movements: plan.plan.movements, session: 1, sessionsPerDay: 2 }),
        kind: 'reminder',
        url: `/p/${pageToken(plan.planId, 'nonce-1', TEST_HASH_KEY)}`,
      },
    ]);
  });
});

describe('re-assessment from the plan page (GET /p/{token}/previous, POST /assessments previousPlan)', () => {
  it('the page link gives the form the last scores, times and sessions done; no phone number', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { page, record } = await confirmedPlan(intake);
    const answer = await open(intake, `${page}/previous`);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toEqual({
      scores: record.assessment.scores,
      timeZone: ZONE,
      sessionTimes: record.plan.sessionTimes,
      channel: 'sms',
      movements: record.plan.movements,
      sessionsDone: 0,
      sessionsPlanned: 42,
    });
    expect(answer.text).not.toContain(record.phone);
    expect(answer.text).not.toContain(record.phone.slice(-7));
    expect((await open(intake, `/p/${'x'.repeat(22)}/previous`)).status).toBe(404);
  });

  it('the next plan steps on from the last: changes and steps in the answer; the plan of another number is refused, nothing written', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { token, phone, record } = await confirmedPlan(intake);
    const scores = { ...record.assessment.scores, 'bird-dog': 1 };
    const again = await call(
      intake.handler,
      httpEvent('POST', '/assessments', {
        body: assessmentBody({ phone, timeZone: ZONE, scores, previousPlan: token }),
      }),
    );
    expect(again.status).toBe(201);
    const answer = again.body as {
      plan: { movements: { id: string; reps: number; sets: number }[] };
      reassessment: { changes: Record<string, string>; steps: Record<string, string>; adherence: number };
    };
    expect(answer.reassessment.changes['bird-dog']).toBe('better');
    expect(answer.reassessment.changes['hip-mobility']).toBe('same');
    expect(answer.reassessment.adherence).toBe(0);
    // Nothing done: a better score does not step up (adherence below 60 %): the last dose stays.
    const last = record.plan.movements.find((m) => m.id === 'bird-dog')!;
    const next = answer.plan.movements.find((m) => m.id === 'bird-dog')!;
    expect({ reps: next.reps, sets: next.sets }).toEqual({ reps: last.reps, sets: last.sets });
    expect(answer.reassessment.steps['bird-dog']).toBe('same');

    const before = (await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'));
    const stranger = await call(
      intake.handler,
      httpEvent('POST', '/assessments', {
        body: assessmentBody({ timeZone: ZONE, scores, previousPlan: token }),
      }),
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body).toMatchObject({
      error: {
        code: 'previous_plan_not_found',
        issues: [{ path: 'previousPlan', message: expect.stringMatching(/^previousPlan /) }],
      },
    });
    const malformed = await call(
      intake.handler,
      httpEvent('POST', '/assessments', {
        body: assessmentBody({ phone, timeZone: ZONE, previousPlan: 'nope' }),
      }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { issues: [{ path: 'previousPlan' }] } });
    expect((await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'))).toEqual(before);
  });

  it('the kettlebell walk keeps the hold rated; a harder one enters one rung at a time, else 400 naming kettlebellHold', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const scores = {
      'hip-mobility': 0,
      'cat-camel': 1,
      'hip-bridges': 2,
      'bird-dog': 2,
      'kettlebell-walk': 1,
    };
    const { token, phone, record } = await confirmedPlan(intake, { scores, kettlebellHold: 'by the side' });
    const carry = (movements: { id: string }[]) => movements.find((m) => m.id === 'kettlebell-walk');
    expect(carry(record.plan.movements)).toMatchObject({ variation: 'by the side', reps: 7, sets: 1 });
    const again = (kettlebellHold: string, pain: number) =>
      call(
        intake.handler,
        httpEvent('POST', '/assessments', {
          body: assessmentBody({
            phone,
            timeZone: ZONE,
            scores: { ...scores, 'kettlebell-walk': pain },
            kettlebellHold,
            previousPlan: token,
          }),
        }),
      );

    const before = (await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'));
    const tooHard = await again('overhead', 1);
    expect(tooHard.status).toBe(400);
    expect(tooHard.body).toMatchObject({
      error: {
        issues: [
          { path: 'kettlebellHold', message: expect.stringMatching(/at most one step harder.*"bottoms up"/) },
        ],
      },
    });
    expect((await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'))).toEqual(before);

    // The next rung, tried and rated 2: the plan takes it, at the first dose of its pain.
    const next = await again('bottoms up', 2);
    expect(next.status).toBe(201);
    const answer = next.body as {
      plan: { movements: { id: string; variation?: string }[] };
      reassessment: { steps: Record<string, string> };
    };
    expect(carry(answer.plan.movements)).toMatchObject({ variation: 'bottoms up', reps: 6, sets: 1 });
    expect(answer.reassessment.steps['kettlebell-walk']).toBe('up');
  });
});

describe('the patient’s own changes from the page (issue 28)', () => {
  const form = (intake: TestIntake, path: string, body = '') =>
    call(
      intake.handler,
      httpEvent('POST', path, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
  const post = (intake: TestIntake, path: string, body: object = {}) =>
    call(intake.handler, httpEvent('POST', path, { body }));
  const slotCounts = async () =>
    new Map(
      (await table.scanAll())
        .filter((i) => String(i.pk).startsWith('SLOT#'))
        .map((i) => [Number(String(i.pk).slice(5)), Number(i.booked)]),
    );

  it('pause, resume and stop: through the lifecycle, each with its words, one text each, a form gets the page back', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record } = await confirmedPlan(intake);
    const sentBefore = intake.notifier.sent.length;
    expect((await post(intake, `${page}/pause`)).body).toMatchObject({ changed: true });
    expect((await intake.repo.getPlan(planId))!.status).toBe('paused');
    expect((await post(intake, `${page}/pause`)).body).toMatchObject({ changed: false });
    expect((await post(intake, `${page}/resume`)).body).toMatchObject({ changed: true });
    expect((await intake.repo.getPlan(planId))!.status).toBe('active');
    // Without script: a form's post, answered with the page again and what changed.
    const stopped = await form(intake, `${page}/stop`);
    expect(stopped.status).toBe(303);
    expect(stopped.headers.location).toBe(`${page}?note=stopped#main`);
    const after = (await intake.repo.getPlan(planId))!;
    expect(after).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
    expect((await intake.repo.getPatient(record.phoneHash))!.optedOut).toBe(true);
    const texts = intake.notifier.sent.slice(sentBefore).map((m) => m.body);
    expect(texts).toEqual([
      'Rehab reminders: reminders paused. Reply RESUME to restart them.',
      'Rehab reminders: you are unsubscribed and will get no more texts from us. Reply START to opt back in.',
    ]);
    // Stopped: the page is the summary, and nothing more can be stopped or logged.
    expect((await open(intake, page)).text).toContain('<h1>This plan has ended</h1>');
    expect((await post(intake, `${page}/resume`)).status).toBe(409);
  });

  it('snooze and skip today’s next session: the sender sends only the snoozed reminder, the skipped one not at all', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record } = await confirmedPlan(intake);
    // About 10:00: the next session is 13:00 (slot 2). Snoozed an hour: 14:00.
    const snoozed = await post(intake, `${page}/session`, { action: 'snooze', minutes: 60 });
    expect(snoozed.body).toMatchObject({ changed: true, message: 'Snoozed: we will remind you at 2:00 PM.' });
    const key = `${record.plan.startDate}#2`;
    const thirteen = zonedInstant(record.plan.startDate, '13:00', ZONE);
    const fourteen = zonedInstant(record.plan.startDate, '14:00', ZONE);
    expect((await intake.repo.getPlan(planId))!.sessionChanges).toEqual({
      [key]: { kind: 'snooze', at: intake.clock.now().toISOString(), to: fourteen.toISOString() },
    });
    const notifier = new RecordingNotifier();
    const sender = (at: Date) =>
      asFunction(
        'send-reminder',
        createSendReminderHandler({
          ledger: new DynamoReminderLedger(table.db, table.tableName),
          notifier,
          config: testConfig({ formUrl: FORM_URL }),
          hashKey: TEST_HASH_KEY,
          clock: { now: () => new Date(at.getTime() + 20_000) },
        }),
      );
    await sender(thirteen)(
      sqsEvent(sqsRecord({ v: 1, planId, slot: 2, scheduledTime: thirteen.toISOString() })),
    );
    expect(notifier.sent).toEqual([]);
    const snoozeFiring = { v: 1, planId, slot: 2, scheduledTime: fourteen.toISOString(), snoozed: true };
    await sender(fourteen)(sqsEvent(sqsRecord(snoozeFiring)));
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]!.body).toContain('session 1 of 2');
    // Done for it; then the evening session skipped: its reminder is not sent, and it is not due.
    intake.clock.advance(fourteen.getTime() + 60_000 - intake.clock.now().getTime());
    expect((await done(intake, page)).body).toMatchObject({ slot: 2, recorded: true });
    expect((await post(intake, `${page}/session`, { action: 'skip' })).body).toMatchObject({ changed: true });
    const nineteen = zonedInstant(record.plan.startDate, '19:00', ZONE);
    await sender(nineteen)(
      sqsEvent(sqsRecord({ v: 1, planId, slot: 3, scheduledTime: nineteen.toISOString() })),
    );
    expect(notifier.sent).toHaveLength(1);
    intake.clock.advance(nineteen.getTime() + 3_600_000 - intake.clock.now().getTime());
    const html = (await open(intake, page)).text;
    expect(html).toContain('Today: 1 of 1 session done.');
    // Nothing left today to skip or snooze.
    expect((await post(intake, `${page}/session`, { action: 'skip' })).body).toMatchObject({
      changed: false,
    });
  });

  it('new times and zone: the places move in one write, a repeat changes nothing, a time at night is refused naming the window', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record, phone } = await confirmedPlan(intake);
    const before = await slotCounts();
    const held = record.bookedSlots!;
    const changed = await post(intake, `${page}/times`, { sessionTimes: ['09:00', '14:00', '20:00'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      outcome: 'changed',
      message: 'Done: your reminders are now at 9:00 AM, 2:00 PM and 8:00 PM (Eastern Time — New York).',
    });
    const moved = (await intake.repo.getPlan(planId))!;
    expect(moved.plan.sessionTimes).toEqual(['09:00', '14:00', '20:00']);
    expect(moved.timesHistory).toEqual([
      { sessionTimes: record.plan.sessionTimes, timeZone: ZONE, until: intake.clock.now().toISOString() },
    ]);
    const after = await slotCounts();
    for (const slot of held)
      if (!moved.bookedSlots!.includes(slot)) expect(after.get(slot)).toBe((before.get(slot) ?? 0) - 1);
    for (const slot of moved.bookedSlots!)
      if (!held.includes(slot)) expect(after.get(slot)).toBe((before.get(slot) ?? 0) + 1);
    // The confirmation text, in the patient's clock.
    expect(intake.notifier.sent.at(-1)).toMatchObject({
      to: phone,
      body: 'Rehab reminders: your reminders are now at 9am, 2pm, 8pm. To change them, reply TIMES and 3 times, like TIMES 9am 2pm 8pm.',
    });
    // The same again: nothing written, the counts as they were.
    expect(
      (await post(intake, `${page}/times`, { sessionTimes: ['09:00', '14:00', '20:00'] })).body,
    ).toMatchObject({
      outcome: 'unchanged',
    });
    expect(await slotCounts()).toEqual(after);
    // At night: refused, naming the field and the window in the patient's clock; nothing written.
    const night = await post(intake, `${page}/times`, { sessionTimes: ['07:00', '12:00', '18:00'] });
    expect(night).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    expect((night.body as { error: { issues: unknown[] } }).error.issues).toEqual([
      {
        path: 'sessionTimes.0',
        message: 'sessionTimes.0 must be between 8:00 AM and 9:00 PM: no reminders at night',
      },
    ]);
    const refusedForm = await form(
      intake,
      `${page}/times`,
      'sessionTimes=07:00&sessionTimes=12:00&sessionTimes=18:00',
    );
    expect(refusedForm.headers.location).toBe(`${page}?note=times-refused#reminders-title`);
    // A move: a zone typed in, in words in the answer.
    const zone = await post(intake, `${page}/times`, {
      timeZone: ZONE,
      otherTimeZone: 'America/Los_Angeles',
    });
    expect(zone.body).toMatchObject({ outcome: 'changed' });
    expect((zone.body as { message: string }).message).toContain('Pacific Time — Los Angeles');
    expect((await intake.repo.getPlan(planId))!.plan.timeZone).toBe('America/Los_Angeles');
  });

  it('the same change by text: the reply comes back to send, nothing is sent by the use case', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { planId } = await confirmedPlan(intake);
    const { changeSessionTimes } = await import('../../functions/intake/use-cases/session-times.ts');
    const { parseTimesText } = await import('../../shared/domain/scheduling/times-text.ts');
    const { DynamoSessionSlots } = await import('../../shared/adapters/dynamodb/session-slots.ts');
    const reading = parseTimesText('TIMES 8am 1pm 9:30pm');
    expect(reading).toEqual({ kind: 'times', times: ['08:00', '13:00', '21:30'] });
    const deps = {
      repo: intake.repo,
      slots: new DynamoSessionSlots(table.db, table.tableName),
      notifier: intake.notifier,
      config: intake.config,
      clock: intake.clock,
      log: silentLogFor(),
    };
    const sent = intake.notifier.sent.length;
    const refused = await changeSessionTimes(deps, (await intake.repo.getPlan(planId))!, {
      sessionTimes: reading!.kind === 'times' ? reading!.times : [],
      source: 'text',
    });
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused.outcome === 'refused' && refused.text).toBe(
      'Rehab reminders: Reply TIMES and 3 times between 8am and 9pm, at least 3 hours apart, like TIMES 8am 1pm 7pm. Your reminders have not changed.',
    );
    const ok = await changeSessionTimes(deps, (await intake.repo.getPlan(planId))!, {
      sessionTimes: ['08:30', '13:00', '19:30'],
      source: 'text',
    });
    expect(ok).toMatchObject({ outcome: 'changed' });
    expect(intake.notifier.sent.length).toBe(sent);
  });

  it('Add to calendar: an iCalendar file of the three sessions in the patient’s zone, linking the page', async () => {
    const intake = createTestIntake(table, {
      clock: morning(),
      config: testConfig({ limits: GENEROUS_LIMITS, formUrl: FORM_URL }),
    });
    const { page } = await confirmedPlan(intake);
    const res = await open(intake, `${page}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York');
    expect(res.text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(res.text).toContain('RRULE:FREQ=DAILY;COUNT=14');
    expect(res.text.replace(/\r\n /g, '')).toContain(`URL:${FORM_URL.slice(0, -1)}${page}`);
  });

  it('erase from the page: every item of the patient goes, the link opens nothing, a form lands on /erased', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, record } = await confirmedPlan(intake);
    const res = await form(intake, `${page}/erase`);
    expect(res).toMatchObject({ status: 303 });
    expect(res.headers.location).toBe('/erased');
    const left = (await table.scanAll()).filter(
      (i) => i.gsi1pk === `PATIENT#${record.phoneHash}` || i.pk === `PATIENT#${record.phoneHash}`,
    );
    expect(left).toEqual([]);
    expect((await open(intake, page)).status).toBe(404);
    expect((await open(intake, '/erased')).text).toContain('Your data is erased');
  });

  it('the phone hint for the form: the example in the patient’s country', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const res = await call(intake.handler, {
      ...httpEvent('GET', '/phone-format'),
      queryStringParameters: { timeZone: 'Europe/London' },
    });
    expect(res.body).toMatchObject({ country: 'GB', example: { national: '07400 123456' } });
  });
});

const silentLogFor = () => ({ debug() {}, info() {}, warn() {}, error() {} });
