import { describe, expect, it } from 'vitest';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { METRIC } from '../../shared/metrics.ts';
import {
  assessmentBody,
  createTestIntake,
  GENEROUS_LIMITS,
  limitedIntake,
  TestClock,
  testConfig,
  windowSafeStart,
  type TestIntake,
} from '../support/intake.ts';

const table = useTestTable();

let ipCounter = 0;
/** A fresh client address per call (TEST-NET-3), so tests do not share per-client counters. */
const nextIp = () => `203.0.113.${(ipCounter += 1)}`;

const intakeWith = (
  limits: Partial<Record<keyof typeof GENEROUS_LIMITS, number>>,
  allowedCountries?: string[],
) => limitedIntake(table, limits, allowedCountries);

const assess = (intake: TestIntake, body: object, sourceIp = nextIp()) =>
  call(intake.handler, httpEvent('POST', '/assessments', { body, sourceIp }));

const resend = (intake: TestIntake, planId: string) =>
  call(intake.handler, httpEvent('POST', '/verifications/resend', { body: { planId }, sourceIp: nextIp() }));

/** Patient data: everything but rate counters. */
const patientItems = async () => (await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'));

function expectLimited(res: Awaited<ReturnType<typeof call>>, maxRetryAfter: number) {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
}

describe('abuse limits', () => {
  it('assessments per phone per day: the next one is refused at the phone field, writing and sending nothing', async () => {
    const intake = intakeWith({ assessmentsPerPhonePerDay: 2 });
    const phone = nextPhone();
    for (let i = 0; i < 2; i++) expect((await assess(intake, assessmentBody({ phone }))).status).toBe(201);
    const patientsBefore = await patientItems();

    const res = await assess(intake, assessmentBody({ phone }));
    expectLimited(res, 24 * 3600);
    expect((res.body as { error: { issues: { path: string; message: string }[] } }).error.issues).toEqual([
      { path: 'phone', message: 'phone has had 2 assessments today, the most a number may have in a day' },
    ]);
    expect(await patientItems()).toHaveLength(patientsBefore.length);
    expect(intake.notifier.sent).toHaveLength(2);
    // Another number is not affected.
    expect((await assess(intake, assessmentBody())).status).toBe(201);
  });

  it('assessments per client per hour: the next one from that address is refused, others go on', async () => {
    const intake = intakeWith({ assessmentsPerClientPerHour: 2 });
    const ip = nextIp();
    for (let i = 0; i < 2; i++) expect((await assess(intake, assessmentBody(), ip)).status).toBe(201);
    const patientsBefore = await patientItems();

    const res = await assess(intake, assessmentBody(), ip);
    expectLimited(res, 3600);
    expect((res.body as { error: { issues: unknown[] } }).error.issues).toEqual([]);
    expect(await patientItems()).toHaveLength(patientsBefore.length);
    expect(intake.notifier.sent).toHaveLength(2);
    expect((await assess(intake, assessmentBody(), nextIp())).status).toBe(201);
  });

  it('an assessment with no plan is not counted: it stores and sends nothing', async () => {
    const intake = intakeWith({ assessmentsPerClientPerHour: 1 });
    const ip = nextIp();
    for (let i = 0; i < 3; i++) {
      expect((await assess(intake, assessmentBody({ redFlags: ['fever'] }), ip)).status).toBe(201);
    }
    expect((await assess(intake, assessmentBody(), ip)).status).toBe(201);
  });

  it('codes per phone per hour: counts first codes and resends; the next resend is refused', async () => {
    const intake = intakeWith({ codesPerPhonePerHour: 2 });
    const phone = nextPhone();
    const first = await assess(intake, assessmentBody({ phone }));
    const planId = (first.body as { planId: string }).planId;
    intake.clock.advance(60_000);
    const resend = () =>
      call(
        intake.handler,
        httpEvent('POST', '/verifications/resend', { body: { planId }, sourceIp: nextIp() }),
      );
    expect((await resend()).status).toBe(200);
    intake.clock.advance(60_000);
    const res = await resend();
    expectLimited(res, 3600);
    expect(intake.notifier.sent).toHaveLength(2);
    // A new assessment for that phone sends a code too, so it is refused as well, at the phone field.
    const another = await assess(intake, assessmentBody({ phone }));
    expectLimited(another, 3600);
    expect((another.body as { error: { issues: { path: string }[] } }).error.issues).toEqual([
      expect.objectContaining({ path: 'phone' }),
    ]);
  });

  it("the review's case, one assessment and 15 resends over five hours: 3 codes with the default limits, then 429 with Retry-After", async () => {
    const intake = intakeWith({ codesPerPhonePerHour: 3, codesPerPhonePer24Hours: 6, codesPerPlan: 4 });
    const phone = nextPhone();
    const planId = ((await assess(intake, assessmentBody({ phone }))).body as { planId: string }).planId;
    const answers = [];
    for (let i = 0; i < 15; i++) {
      intake.clock.advance(20 * 60_000);
      answers.push(await resend(intake, planId));
    }
    // At most half the 24-hour cap goes at once (rate-limit.ts); the review saw 16.
    expect(intake.notifier.sent.filter((m) => m.kind === 'verification')).toHaveLength(3);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    for (const refused of answers.filter((a) => a.status !== 200)) expectLimited(refused, 24 * 3600);
  });

  it('codes per plan: a plan gets codesPerPlan (4) codes in all, then 429 with Retry-After; a new assessment gets its own', async () => {
    const intake = intakeWith({ codesPerPlan: 4 });
    const phone = nextPhone();
    const planId = ((await assess(intake, assessmentBody({ phone }))).body as { planId: string }).planId;
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      intake.clock.advance(2 * 60_000);
      const res = await resend(intake, planId);
      statuses.push(res.status);
      if (res.status === 429) expectLimited(res, 10 * 60);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(intake.notifier.sent).toHaveLength(4);
    expect((await assess(intake, assessmentBody({ phone }))).status).toBe(201);
  });

  it('assessments and resends together, every 20 minutes for 50 hours: never more than 6 code texts to a number in any 24 hours, and at least 3 a day', async () => {
    const intake = intakeWith({ codesPerPhonePerHour: 3, codesPerPhonePer24Hours: 6, codesPerPlan: 20 });
    const phone = nextPhone();
    const sentAt: number[] = [];
    let planId: string | undefined;
    for (let step = 0; step < 150; step++) {
      const before = intake.notifier.sent.length;
      const res =
        planId && step % 3 !== 0
          ? await resend(intake, planId)
          : await assess(intake, assessmentBody({ phone }));
      if (res.status === 201) planId = (res.body as { planId: string }).planId;
      if (
        res.status === 429 &&
        res.body &&
        (res.body as { error: { code: string } }).error.code === 'rate_limited'
      ) {
        expectLimited(res, 24 * 3600);
      } else {
        expect([200, 201, 429]).toContain(res.status); // 429 resend_too_soon never happens 20 min apart
      }
      if (intake.notifier.sent.length > before) sentAt.push(intake.clock.now().getTime());
      intake.clock.advance(20 * 60_000);
    }
    const day = 24 * 3600_000;
    const most = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + day).length));
    expect(most).toBeLessThanOrEqual(6);
    // The cap binds (without it 150 codes would go), and codes go again on each new day.
    expect(sentAt.length).toBeGreaterThanOrEqual(9);
    expect(sentAt.length).toBeLessThanOrEqual(12);
    // 150 steps, each an HTTP call and its writes: ~10 s alone, three times that on a loaded machine.
  }, 90_000);

  it('the service-wide codes-per-hour breaker: past serviceCodesPerHour, 503 with Retry-After and a metric, nothing written or sent; open again the next hour', async () => {
    const counts: Record<string, number> = {};
    const intake = createTestIntake(table, {
      // Ten days on: the service-wide counter of the hours the other tests use stays theirs.
      clock: new TestClock(new Date(windowSafeStart().getTime() + 10 * 86_400_000)),
      config: testConfig({ limits: { ...GENEROUS_LIMITS, serviceCodesPerHour: 3 } }),
      metrics: { count: (name, value = 1) => void (counts[name] = (counts[name] ?? 0) + value) },
    });
    for (let i = 0; i < 3; i++) expect((await assess(intake, assessmentBody())).status).toBe(201);
    const plansBefore = await patientItems();
    const refused = await assess(intake, assessmentBody());
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'codes_paused' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(counts[METRIC.codeBreakerOpen]).toBe(1);
    expect(await patientItems()).toHaveLength(plansBefore.length);
    expect(intake.notifier.sent).toHaveLength(3);

    intake.clock.advance(3600_000);
    expect((await assess(intake, assessmentBody())).status).toBe(201);
  });

  it('codes per client per hour: one address cannot ask for many codes for many numbers', async () => {
    const intake = intakeWith({ codesPerClientPerHour: 2 });
    const ip = nextIp();
    for (let i = 0; i < 2; i++) expect((await assess(intake, assessmentBody(), ip)).status).toBe(201);
    expectLimited(await assess(intake, assessmentBody(), ip), 3600);
    expect(intake.notifier.sent).toHaveLength(2);
  });

  it("the review's case: 150 screenings, proposals and resends from one address are not all served (per-client limits), others go on", async () => {
    // The default limits (found by a review: 150 of 150 were served).
    const intake = createTestIntake(table, { clock: new TestClock(windowSafeStart()), config: testConfig() });
    const { formRequestsPerClientPerHour, resendsPerClientPerHour } = intake.config.limits;
    const ip = nextIp();
    const burst = async (path: string, body: object, sourceIp = ip) => {
      const statuses: number[] = [];
      for (let i = 0; i < 150; i++)
        statuses.push((await call(intake.handler, httpEvent('POST', path, { body, sourceIp }))).status);
      return statuses;
    };
    const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
    // The form's first two steps share one counter: together, formRequestsPerClientPerHour.
    const screenings = await burst('/screenings', { redFlags: [] });
    expect(count(screenings, 200)).toBe(formRequestsPerClientPerHour);
    expect(count(screenings, 429)).toBe(150 - formRequestsPerClientPerHour);
    const proposals = await burst('/proposals', { scores: { 'hip-mobility': 1 } });
    expect(count(proposals, 429)).toBe(150);
    // Resends are counted before the plan is even read (a spray of plan ids is bounded too).
    const resends = await burst('/verifications/resend', { planId: '00000000-0000-4000-8000-000000000000' });
    expect(count(resends, 404)).toBe(resendsPerClientPerHour);
    expect(count(resends, 429)).toBe(150 - resendsPerClientPerHour);
    const limited = await call(
      intake.handler,
      httpEvent('POST', '/screenings', { body: { redFlags: [] }, sourceIp: ip }),
    );
    expectLimited(limited, 3600);
    // Another address is served.
    const other = nextIp();
    expect(
      (await call(intake.handler, httpEvent('POST', '/proposals', { body: { scores: {} }, sourceIp: other })))
        .status,
    ).not.toBe(429);
    // ~450 HTTP calls and their writes: ~5 s alone, three times that in a full run (checks beside it).
  }, 90_000);

  it('code checks per client per hour: guessing codes across plans from one address stops', async () => {
    const intake = intakeWith({ codeChecksPerClientPerHour: 3 });
    const ip = nextIp();
    const planId = (await assess(intake, assessmentBody())).body as { planId: string };
    const check = () =>
      call(
        intake.handler,
        httpEvent('POST', '/verifications', {
          body: { planId: planId.planId, code: '000000' },
          sourceIp: ip,
        }),
      );
    const statuses = [await check(), await check(), await check()].map((r) => r.status);
    expect(statuses.every((s) => s === 400 || s === 200)).toBe(true);
    expectLimited(await check(), 3600);
  });

  it('the destination-country allow-list refuses other numbers with a 400 at the phone, before writing or sending', async () => {
    const intake = intakeWith({}, ['US']);
    const before = await table.scanAll();
    const res = await assess(intake, assessmentBody({ phone: '+447400123456' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'invalid_request',
        issues: [
          {
            path: 'phone',
            message:
              'phone is a number in the United Kingdom: this service texts mobile numbers in the United States only',
          },
        ],
      },
    });
    expect(await table.scanAll()).toHaveLength(before.length);
    expect(intake.notifier.sent).toEqual([]);
  });

  it('keeps counters under hashed keys with a TTL, never a phone number or an address', async () => {
    const intake = intakeWith({});
    const phone = nextPhone();
    const ip = nextIp();
    await assess(intake, assessmentBody({ phone }), ip);
    const counters = (await table.scanAll()).filter((i) => String(i.pk).startsWith('LIMIT#'));
    expect(counters.length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(counters);
    expect(text).not.toContain(phone.slice(2));
    expect(text).not.toContain(ip);
    for (const c of counters) expect(c.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });
});
