import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString as parseWithMaxMetadata,
} from 'libphonenumber-js/max';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import { createSendReminderHandler } from '../../functions/send-reminder/handler.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { hashClient, hashPhone } from '../../shared/domain/security/privacy.ts';
import { intakeRateRules, windowAt } from '../../shared/domain/security/rate-limit.ts';
import { deliveryKey } from '../../shared/domain/scheduling/reminders.ts';
import { keys } from '../../shared/table.ts';
import { WORLD_PHONES } from '../prove/fuzz.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, TEST_HASH_KEY } from '../support/fixtures.ts';
import { burstContext, call, httpEvent } from '../support/http.ts';
import { inboundSmsEvent } from '../support/inbound.ts';
import { assessmentBody, GENEROUS_LIMITS, limitedIntake, type TestIntake } from '../support/intake.ts';
import { activePlan, deliveriesOf, reminder, sqsEvent, sqsRecord } from '../support/reminders.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { proofSize } from '../support/proof-size.ts';

/**
 * Abuse, proven on the real intake (and engine) on DynamoDB Local: code guessing locks a plan for
 * good; the per-phone and per-client limits hold exactly under a burst of 1,000 concurrent
 * requests; no text ever goes to a number outside the allowed countries. docs/SECURITY.md has the
 * threat model these belong to.
 */
const table = useTestTable();
const sns = mockClient(SNSClient);
afterAll(() => sns.restore());

const intakeWith = (
  limits: Partial<Record<keyof typeof GENEROUS_LIMITS, number>> = {},
  allowedCountries?: string[],
) => limitedIntake(table, limits, allowedCountries);

let ips = 0;
const nextIp = () => `198.51.${Math.floor(++ips / 250) % 250}.${ips % 250}`;
// All requests of a burst share this one process: each gets the time a burst needs in all.
const assess = (intake: TestIntake, body: object, sourceIp = nextIp()) =>
  call(intake.handler, httpEvent('POST', '/assessments', { body, sourceIp }), burstContext);
const verify = (intake: TestIntake, planId: string, code: string, sourceIp = nextIp()) =>
  call(
    intake.handler,
    httpEvent('POST', '/verifications', { body: { planId, code }, sourceIp }),
    burstContext,
  );
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function pending(intake: TestIntake, phone = nextPhone()) {
  const res = await assess(intake, assessmentBody({ phone }));
  expect(res.status).toBe(201);
  return { planId: (res.body as { planId: string }).planId, phone };
}

async function counter(rule: { name: string; windowSeconds: number }, subject: string, now: Date) {
  const { Item } = await table.db.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.limit(rule.name, subject, windowAt(now, rule.windowSeconds).start),
      ConsistentRead: true,
    }),
  );
  return Item?.count;
}

const statusCounts = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});

describe('code brute force', () => {
  // Locking on the fifth wrong code, one at a time: intake-handler.test.ts, "locks the plan on
  // the fifth wrong code (423), after which even the right code is refused".

  it('50 wrong codes at once count at most 5 and lock the plan; then the right code, 20 times at once, never activates it', async () => {
    const intake = intakeWith();
    const { planId, phone } = await pending(intake);
    const code = intake.notifier.codeFor(phone);
    const guesses = await Promise.all(Array.from({ length: 50 }, () => verify(intake, planId, wrong(code))));
    expect(guesses.every((g) => [400, 409, 423].includes(g.status))).toBe(true);
    const stored = await intake.repo.getPlan(planId);
    expect(stored?.verification?.attempts).toBeLessThanOrEqual(5);

    // However many got through the race, the next ones lock it.
    for (let i = 0; i < 5; i++) await verify(intake, planId, wrong(code));
    expect((await intake.repo.getPlan(planId))?.verification).toMatchObject({
      attempts: 5,
      lockedAt: expect.any(String),
    });
    const rights = await Promise.all(Array.from({ length: 20 }, () => verify(intake, planId, code)));
    expect(statusCounts(rights)).toEqual({ 423: 20 });
    expect((await intake.repo.getPlan(planId))?.status).toBe('pending_verification');
    expect((await intake.repo.getPatient(hashPhone(phone, TEST_HASH_KEY)))?.currentPlanId).toBeUndefined();
  });

  const trials = proofSize(4, 24);
  it(`29 wrong codes and the right one at once, ${trials} times: the right one activates with at most 4 wrong codes answered, or the plan ends locked and never activates`, async () => {
    const intake = intakeWith();
    for (let trial = 0; trial < trials; trial++) {
      const { planId, phone } = await pending(intake);
      const code = intake.notifier.codeFor(phone);
      const guesses = Array.from({ length: 29 }, (_, i) =>
        String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
      );
      guesses.splice(trial % 30, 0, code); // the right one at a different place each trial
      const answers = await Promise.all(guesses.map((guess) => verify(intake, planId, guess)));
      const right = answers[trial % 30]!;
      const wrongs = answers.filter((_, i) => i !== trial % 30);
      const wrongCodes = wrongs.filter((a) => a.status === 400).length;

      const stored = await intake.repo.getPlan(planId);
      const patient = await intake.repo.getPatient(hashPhone(phone, TEST_HASH_KEY));
      expect(stored?.verification?.attempts).toBeLessThanOrEqual(5);
      expect(wrongCodes).toBeLessThanOrEqual(4);
      for (const a of wrongs) {
        expect([400, 409, 423]).toContain(a.status);
        if (a.status === 400) expect(a.body).toMatchObject({ error: { code: 'wrong_code' } });
      }
      if (stored?.status === 'active') {
        expect(right.status).toBe(200);
        expect(stored.verification?.lockedAt).toBeUndefined();
        expect(patient?.currentPlanId).toBe(planId);
        // Once active, a code is never judged again.
        expect((await verify(intake, planId, code)).status).toBe(409);
        expect((await verify(intake, planId, guesses[(trial + 1) % 30]!)).status).toBe(409);
      } else {
        expect(stored?.status).toBe('pending_verification');
        expect(stored?.verification?.lockedAt).toEqual(expect.any(String));
        expect(right.status).toBe(423);
        expect(answers.some((a) => a.status === 200)).toBe(false);
        expect(patient?.currentPlanId).not.toBe(planId);
        expect((await verify(intake, planId, code)).status).toBe(423);
      }
    }
  }, 120_000);

  it('any sequence of wrong codes and new codes: the plan activates exactly when the right code comes before the fifth wrong one', async () => {
    const intake = intakeWith();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('wrong', 'new code'), { maxLength: 9 }), async (steps) => {
        const { planId, phone } = await pending(intake);
        let wrongs = 0;
        for (const step of steps) {
          if (step === 'wrong') {
            await verify(intake, planId, wrong(intake.notifier.codeFor(phone)));
            wrongs++;
          } else {
            intake.clock.advance(61_000);
            await call(
              intake.handler,
              httpEvent('POST', '/verifications/resend', { body: { planId }, sourceIp: nextIp() }),
            );
          }
        }
        const res = await verify(intake, planId, intake.notifier.codeFor(phone));
        expect(res.status).toBe(wrongs < 5 ? 200 : 423);
        expect((await intake.repo.getPlan(planId))?.status).toBe(
          wrongs < 5 ? 'active' : 'pending_verification',
        );
      }),
      { numRuns: proofSize(6, 25), seed: 20300306 },
    );
  }, 90_000);
});

// 1,000 at once in `npm run prove:full`; 200 in `npm test` (the limits are as far below either).
const BURST = proofSize(200, 1000);
describe(`a burst of ${BURST} concurrent requests`, () => {
  it(`from one client: exactly assessmentsPerClientPerHour (10) make a plan, ${BURST - 10} get 429, and the counter says 10`, async () => {
    const intake = intakeWith({ assessmentsPerClientPerHour: 10 });
    const ip = '203.0.113.66';
    const answers = await Promise.all(
      Array.from({ length: BURST }, () => assess(intake, assessmentBody({ phone: nextPhone() }), ip)),
    );
    expect(statusCounts(answers)).toEqual({ 201: 10, 429: BURST - 10 });
    for (const a of answers.filter((a) => a.status === 429)) {
      expect(a.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    const rules = intakeRateRules(intake.config.limits);
    expect(await counter(rules.assessmentsPerClient, hashClient(ip, TEST_HASH_KEY), intake.clock.now())).toBe(
      10,
    );
    expect(intake.notifier.sent).toHaveLength(10);
    const made = new Set(
      answers.filter((a) => a.status === 201).map((a) => (a.body as { planId: string }).planId),
    );
    const plans = (await table.scanAll()).filter((i) => i.sk === 'PLAN' && made.has(String(i.planId)));
    expect(plans).toHaveLength(10);
  }, 120_000);

  it(`for one phone from ${BURST} clients: exactly assessmentsPerPhonePerDay (3) make a plan, ${BURST - 3} get 429 at the phone`, async () => {
    const intake = intakeWith({ assessmentsPerPhonePerDay: 3 });
    const phone = nextPhone();
    const answers = await Promise.all(
      Array.from({ length: BURST }, () => assess(intake, assessmentBody({ phone }))),
    );
    expect(statusCounts(answers)).toEqual({ 201: 3, 429: BURST - 3 });
    for (const a of answers.filter((a) => a.status === 429)) {
      expect(a.body).toMatchObject({ error: { code: 'rate_limited', issues: [{ path: 'phone' }] } });
    }
    const rules = intakeRateRules(intake.config.limits);
    const phoneHash = hashPhone(phone, TEST_HASH_KEY);
    expect(await counter(rules.assessmentsPerPhone, phoneHash, intake.clock.now())).toBe(3);
    expect(await counter(rules.codesPerPhone, phoneHash, intake.clock.now())).toBe(3);
    expect(intake.notifier.sent.filter((m) => m.channel === 'sms' && m.to === phone)).toHaveLength(3);
  }, 120_000);

  it(`code guesses from one client: exactly codeChecksPerClientPerHour (30) are judged, ${BURST - 30} get 429`, async () => {
    const intake = intakeWith({ codeChecksPerClientPerHour: 30 });
    const { planId, phone } = await pending(intake);
    const ip = '203.0.113.67';
    const guess = wrong(intake.notifier.codeFor(phone));
    const answers = await Promise.all(Array.from({ length: BURST }, () => verify(intake, planId, guess, ip)));
    const counts = statusCounts(answers);
    expect(counts[429]).toBe(BURST - 30);
    expect((counts[400] ?? 0) + (counts[409] ?? 0) + (counts[423] ?? 0)).toBe(30);
    const rules = intakeRateRules(intake.config.limits);
    expect(await counter(rules.codeChecksPerClient, hashClient(ip, TEST_HASH_KEY), intake.clock.now())).toBe(
      30,
    );
    expect((await intake.repo.getPlan(planId))?.verification?.attempts).toBeLessThanOrEqual(5);
  }, 120_000);
});

describe('destinations outside the allow-list never get a text', () => {
  const ALLOWED = ['US', 'GB'];
  /** The destination's country, by libphonenumber's full metadata (the intake uses the mobile one). */
  const countryOf = (e164: string) => parseWithMaxMetadata(e164)?.country;

  it(`numbers of all ${WORLD_PHONES.length} countries and random numbers of every calling code: codes go only to ${ALLOWED.join(' and ')}`, async () => {
    const intake = intakeWith({}, ALLOWED);
    const answered: { phone: string; status: number }[] = [];
    for (const { e164 } of WORLD_PHONES) {
      answered.push({ phone: e164, status: (await assess(intake, assessmentBody({ phone: e164 }))).status });
    }
    const callingCodes = [...new Set(getCountries().map((c) => getCountryCallingCode(c)))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callingCodes),
        fc.stringMatching(/^\d{4,12}$/),
        async (code, digits) => {
          const phone = `+${code}${digits}`;
          answered.push({ phone, status: (await assess(intake, assessmentBody({ phone }))).status });
        },
      ),
      { numRuns: proofSize(60, 200), seed: 20300306 },
    );
    const texted = intake.notifier.sent.map((m) => (m.channel === 'sms' ? m.to : ''));
    expect(texted.length).toBeGreaterThanOrEqual(2);
    for (const to of texted) expect(ALLOWED).toContain(countryOf(to));
    for (const { phone, status } of answered) {
      if (status === 201) expect(ALLOWED).toContain(countryOf(phone));
      else expect(status).toBe(400);
    }
    const refused = answered.filter((a) => a.status === 400).length;
    expect(refused).toBeGreaterThan(WORLD_PHONES.length - 5);
  }, 120_000);

  it('a country the operator removes later: its patients get no more reminders, answers or codes', async () => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    // A GB patient verified while GB was allowed, and one waiting for a code.
    const active = await activePlan(table, {
      phone: '+447911123456',
      country: 'GB',
      now: new Date('2030-03-05T12:00:00Z'),
    });
    const before = intakeWith({}, ['US', 'GB']);
    const { planId: waiting } = await pending(before, '+447400123456');
    const config = { appName: 'Rehab reminders', lateAfterMinutes: 60, allowedCountries: ['US'] };

    const sender = asFunction(
      'send-reminder',
      createSendReminderHandler({
        ledger: new DynamoReminderLedger(table.db, table.tableName),
        notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({}))),
        config,
        clock: { now: () => new Date('2030-03-06T18:00:30Z') },
      }),
    );
    expect(await sender(sqsEvent(sqsRecord(reminder(active.planId, 2, '2030-03-06T18:00:00Z'))))).toEqual({
      batchItemFailures: [],
    });
    expect(
      (await deliveriesOf(table, active.planId))[deliveryKey(new Date('2030-03-06T18:00:00Z'))],
    ).toMatchObject({
      state: 'skipped',
      reason: 'country-not-allowed',
    });
    const inbound = asFunction(
      'inbound',
      createInboundHandler({
        repo: new DynamoPlanRepository(table.db, table.tableName),
        events: new DynamoPatientEventStore(table.db, table.tableName),
        limiter: new DynamoRateLimiter(table.db, table.tableName),
        notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({}))),
        hashKey: TEST_HASH_KEY,
        config: { ...config, retentionDays: 30 },
        clock: { now: () => new Date('2030-03-06T19:00:00Z') },
      }),
    );
    await inbound(inboundSmsEvent(active.phone, 'HELP', 'in-gb-help', '2030-03-06T19:00:00.000Z'));
    await inbound(inboundSmsEvent(active.phone, 'STOP', 'in-gb-stop', '2030-03-06T19:00:01.000Z'));
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect((await new DynamoPlanRepository(table.db, table.tableName).getPlan(active.planId))?.status).toBe(
      'stopped',
    );

    const after = intakeWith({}, ['US']);
    after.clock.advance(61_000);
    const resend = await call(
      after.handler,
      httpEvent('POST', '/verifications/resend', { body: { planId: waiting } }),
    );
    expect(resend.status).toBe(400);
    expect(resend.body).toMatchObject({ error: { code: 'phone_unreachable', issues: [{ path: 'phone' }] } });
    expect(after.notifier.sent).toEqual([]);
  });
});
