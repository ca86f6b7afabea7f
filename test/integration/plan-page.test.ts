import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { hashPageToken, pageToken } from '../../shared/domain/plan-page.ts';
import { pushReminderText } from '../../shared/domain/texts.ts';
import { smsSegments } from '../../shared/domain/sms.ts';
import { zonedInstant } from '../../shared/domain/time.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { PUSH_SUBSCRIPTION, TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import {
  assessmentBody,
  createTestIntake,
  GENEROUS_LIMITS,
  RecordingNotifier,
  TestClock,
  testConfig,
  windowSafeStart,
  type TestIntake,
} from '../support/intake.ts';
import { activePlan, noFailures } from '../support/reminders.ts';
import { sqsEvent, sqsRecord } from '../support/sqs.ts';

const table = useTestTable();
const ZONE = 'America/New_York';
const FORM_URL = 'https://rehab.clinic.example/';

/** 10:00 or 11:00 in New York (after the first session, before the second) on a day in the future. */
const morning = () => new TestClock(new Date(windowSafeStart().getTime() + 14 * 3_600_000));

/** A plan made and confirmed through the API: its id, its record and the page path verification answered. */
async function confirmedPlan(intake: TestIntake) {
  const body = assessmentBody({ timeZone: ZONE });
  const made = await call(intake.handler, httpEvent('POST', '/assessments', { body }));
  expect(made.status).toBe(201);
  const planId = (made.body as { planId: string }).planId;
  const code = intake.notifier.codeFor(body.phone as string);
  const verified = await call(
    intake.handler,
    httpEvent('POST', '/verifications', { body: { planId, code } }),
  );
  expect(verified.status).toBe(200);
  const page = (verified.body as { planPage: string }).planPage;
  return { planId, page, token: page.slice('/p/'.length), record: (await intake.repo.getPlan(planId))! };
}

const open = (intake: TestIntake, path: string, sourceIp?: string) =>
  call(intake.handler, httpEvent('GET', path, sourceIp ? { sourceIp } : {}));
const done = (intake: TestIntake, path: string, sourceIp?: string) =>
  call(intake.handler, httpEvent('POST', `${path}/done`, sourceIp ? { sourceIp } : {}));

const eventsOf = async (planId: string) =>
  (await table.scanAll()).filter((i) => i.pk === `PLAN#${planId}` && String(i.sk).startsWith('EVENT#'));

describe('the plan page (GET /p/{token})', () => {
  it('shows today: each movement with its picture, dose in words and how-to, day x of n, session n of 3, and the safety advice', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, record } = await confirmedPlan(intake);
    const res = await open(intake, page);
    expect(res.status).toBe(200);
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    const html = res.text;
    expect(html).toContain('Day 1 of 14');
    expect(html).toContain('Session 1 of 3');
    expect(html.match(/<svg class="picture"[^>]*role="img" aria-label="[^"]{20,}"/g)).toHaveLength(
      record.plan.movements.length,
    );
    expect(html).toContain('10 reps on each side, 2 sets'); // hip mobility at pain 0
    expect(html).toContain('lengths, '); // a beast walk's dose in lengths …
    expect(html).toContain('A length is about 10 steps'); // … and what a length is
    expect(html).toContain('Stop any movement that hurts more than 3');
    expect(html).toContain('Seek medical care now');
    expect(html).toMatch(/<button type="button" class="primary" id="done-button" hidden/);
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

describe('Done on the plan page (POST /p/{token}/done)', () => {
  it('logs the current session like a DONE text, once: a second press of the same session writes nothing', async () => {
    const intake = createTestIntake(table, { clock: morning() });
    const { page, planId, record } = await confirmedPlan(intake);
    const first = await done(intake, page);
    expect(first).toMatchObject({ status: 200, body: { session: 1, sessionsPerDay: 3, recorded: true } });
    const again = await done(intake, page);
    expect(again).toMatchObject({ status: 200, body: { session: 1, recorded: false } });
    const logged = await eventsOf(planId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      eventType: 'done',
      slot: 1,
      localDate: record.plan.startDate,
      inboundMessageId: 'plan-page',
      gsi1pk: `PATIENT#${record.phoneHash}`,
    });
    expect((await open(intake, page)).text).toContain('Session 1 of 3 is logged. Well done!');

    // Three hours on, it is the second session: a new event.
    intake.clock.advance(3 * 3_600_000);
    expect((await done(intake, page)).body).toMatchObject({ session: 2, recorded: true });
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
    expect(text!.body).toContain('session 2 of 3');
    expect((await open(intake, new URL(text!.body.split(' ').at(-1)!).pathname)).status).toBe(200);
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
        body: pushReminderText({ movements: plan.plan.movements, session: 2, sessionsPerDay: 3 }),
        kind: 'reminder',
        url: `/p/${pageToken(plan.planId, 'nonce-1', TEST_HASH_KEY)}`,
      },
    ]);
  });
});
