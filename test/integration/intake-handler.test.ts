import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WEB_ASSETS } from '../../functions/intake/web-assets.generated.ts';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { CONSENT } from '../../shared/domain/plan/rules.ts';
import { RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';
import { NotifierThrottledError, RecipientUnreachableError } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, PUSH_SUBSCRIPTION, VAPID_PUBLIC_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, type TestIntake } from '../support/intake.ts';

const table = useTestTable();
/** Every item but the rate counters. */
const patientData = async () =>
  (await table.scanAll()).filter((item) => !String(item.pk).startsWith('LIMIT#'));

async function assess(intake: TestIntake, body: object = assessmentBody(), sourceIp?: string) {
  return call(intake.handler, httpEvent('POST', '/assessments', { body, ...(sourceIp ? { sourceIp } : {}) }));
}

async function verify(intake: TestIntake, planId: string, code: string) {
  return call(intake.handler, httpEvent('POST', '/verifications', { body: { planId, code } }));
}

async function resend(intake: TestIntake, planId: string) {
  return call(intake.handler, httpEvent('POST', '/verifications/resend', { body: { planId } }));
}

/** An assessment that made a plan: its id, phone and the code texted to it. */
async function pendingPlan(intake: TestIntake, overrides: Record<string, unknown> = {}) {
  const body = assessmentBody(overrides);
  const res = await assess(intake, body);
  expect(res.status).toBe(201);
  const planId = (res.body as { planId: string }).planId;
  return { planId, phone: body.phone as string, code: intake.notifier.codeFor(body.phone as string), res };
}

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

const itemsOf = async (planId: string) =>
  (await table.scanAll()).filter((i) => JSON.stringify(i).includes(planId));

describe('GET routes', () => {
  it('serves the form with a strict CSP, the exact consent text, every movement and red flag', async () => {
    const intake = createTestIntake(table);
    const res = await call(intake.handler, httpEvent('GET', '/'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['Content-Security-Policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-|sandbox|\*/);
    expect(res.text).toContain(`>${CONSENT.text}</p>`);
    expect(res.text).toContain(`data-version="${CONSENT.version}"`);
    for (const m of CATALOG) expect(res.text).toContain(`data-movement="${m.id}"`);
    for (const f of RED_FLAGS) expect(res.text).toContain(`value="${f.id}"`);
    expect(res.text).not.toMatch(/\{\{|<!--@/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.text).not.toMatch(/\sstyle=|<style/);
  });

  it('answers 304 to a request that already has the current page or file', async () => {
    const intake = createTestIntake(table);
    const first = await call(intake.handler, httpEvent('GET', '/'));
    const again = await call(
      intake.handler,
      httpEvent('GET', '/', { headers: { 'if-none-match': first.headers.etag! } }),
    );
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const stale = await call(
      intake.handler,
      httpEvent('GET', '/manifest.webmanifest', { headers: { 'if-none-match': '"old"' } }),
    );
    expect(stale.status).toBe(200);
  });

  it('leaves the script, style sheet, service worker and icon to the edge (CloudFront and S3)', async () => {
    const intake = createTestIntake(table);
    // Static files are not the function's: they are served from the bucket (shared/web/static-files.ts).
    for (const name of ['app.js', 'style.css', 'sw.js', 'icon.svg', 'plan.js']) {
      expect((await call(intake.handler, httpEvent('GET', `/${name}`))).status, name).toBe(404);
    }
    expect(Object.keys(WEB_ASSETS).sort()).toEqual(['index.html', 'manifest.webmanifest', 'plan.html']);
    // The template itself is not a public file: the page is served at / only.
    expect((await call(intake.handler, httpEvent('GET', '/index.html'))).status).toBe(404);
  });

  it('answers 404 for unknown paths and 405 with Allow for known paths with another method', async () => {
    const intake = createTestIntake(table);
    const missing = await call(intake.handler, httpEvent('GET', '/admin'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });

    const wrong = await call(intake.handler, httpEvent('DELETE', '/assessments'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(wrong.body).toMatchObject({ error: { code: 'method_not_allowed', issues: [] } });
    const getOnly = await call(intake.handler, httpEvent('POST', '/movements', { body: {} }));
    expect(getOnly.status).toBe(405);
    expect(getOnly.headers.allow).toBe('GET');
  });
});

describe('POST /assessments', () => {
  it('stores the plan pending verification with its consent and texts a six-digit code', async () => {
    const intake = createTestIntake(table);
    const body = assessmentBody();
    const res = await assess(intake, body);

    expect(res.status).toBe(201);
    const answer = res.body as {
      planId: string;
      plan: { movements: { id: string }[] };
      verification: { channel: string; to: string; expiresAt: string };
    };
    expect(answer.plan.movements).toHaveLength(5);
    expect(answer.verification).toEqual({
      channel: 'sms',
      to: expect.stringMatching(/^\+1\*+\d\d$/),
      expiresAt: new Date(intake.clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    expect(answer).not.toHaveProperty('advice');

    const stored = await intake.repo.getPlan(answer.planId);
    expect(stored).toMatchObject({
      status: 'pending_verification',
      phone: body.phone,
      country: 'US',
      channel: 'sms',
      consent: { version: CONSENT.version, text: CONSENT.text, acceptedAt: intake.clock.now().toISOString() },
      assessment: { scores: body.scores, redFlags: [] },
      verification: { attempts: 0, sends: 1 },
    });

    expect(intake.notifier.sent).toEqual([
      { channel: 'sms', to: body.phone, kind: 'verification', body: expect.stringMatching(/\b\d{6}\b/) },
    ]);
    // The code itself is stored nowhere: only its keyed hash.
    const code = intake.notifier.codeFor(body.phone);
    const items = await itemsOf(answer.planId);
    expect(items.length).toBeGreaterThan(0);
    expect(JSON.stringify(items)).not.toContain(code);
  });

  it('refuses channel "push" with a 400 naming channel when push is not configured, writing and sending nothing', async () => {
    const intake = createTestIntake(table);
    const before = (await table.scanAll()).length;
    const res = await assess(
      intake,
      assessmentBody({ channel: 'push', pushSubscription: PUSH_SUBSCRIPTION }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_request', issues: [{ path: 'channel' }] } });
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent).toEqual([]);
  });

  it('refuses a push endpoint at the cloud metadata address, naming the field, writing nothing', async () => {
    const intake = createTestIntake(table, { vapidPublicKey: VAPID_PUBLIC_KEY });
    const before = (await table.scanAll()).length;
    const pushSubscription = { ...PUSH_SUBSCRIPTION, endpoint: 'https://169.254.169.254/latest/meta-data/' };
    const res = await assess(intake, assessmentBody({ channel: 'push', pushSubscription }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { issues: [{ path: 'pushSubscription.endpoint' }] } });
    expect((await table.scanAll()).length).toBe(before);
  });

  it('keeps the push subscription of a push patient and still texts the code to the phone', async () => {
    const intake = createTestIntake(table, { vapidPublicKey: VAPID_PUBLIC_KEY });
    const pushSubscription = PUSH_SUBSCRIPTION;
    const body = assessmentBody({ channel: 'push', pushSubscription });
    const res = await assess(intake, body);
    expect(res.status).toBe(201);
    const stored = await intake.repo.getPlan((res.body as { planId: string }).planId);
    expect(stored).toMatchObject({ channel: 'push', pushSubscription });
    expect(intake.notifier.sent).toEqual([expect.objectContaining({ channel: 'sms', to: body.phone })]);
  });

  it('answers advice and no plan for a red flag or severe pain, storing and sending nothing', async () => {
    const intake = createTestIntake(table);
    const before = (await table.scanAll()).length;
    for (const [body, code] of [
      [assessmentBody({ redFlags: ['saddle-numbness'] }), 'seek-medical-care'],
      [assessmentBody({ redFlags: ['fever'] }), 'seek-care-today'],
      [assessmentBody({ redFlags: ['recent-spinal-procedure'] }), 'see-clinician-within-24h'],
      [assessmentBody({ redFlags: ['night-pain'] }), 'see-clinician-this-week'],
      // Weak flags alone, with no clinician's check yet.
      [assessmentBody({ redFlags: ['cancer-history'] }), 'check-with-clinician'],
      // A clinician's check never lets a sign through.
      [assessmentBody({ redFlags: ['new-pain-age', 'fever'], clinicianChecked: true }), 'seek-care-today'],
      [assessmentBody({ scores: { 'cat-camel': 8 } }), 'see-clinician-this-week'],
      [assessmentBody({ scores: { 'cat-camel': 5, 'bird-dog': 6 } }), 'see-movement-specialist'],
      [assessmentBody({ restPain: 5, scores: { 'cat-camel': 5, 'bird-dog': 6 } }), 'see-clinician-this-week'],
    ] as const) {
      const res = await assess(intake, body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ planId: null, plan: null, advice: { code, message: expect.any(String) } });
    }
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent).toEqual([]);
  });

  it("makes the plan from the patient's choice, and refuses a choice the rule does not allow, naming it", async () => {
    const intake = createTestIntake(table);
    const chosen = ['lateral-beast-walk', 'bird-dog', 'hip-bridges', 'hip-mobility'];
    const ok = await assess(intake, assessmentBody({ chosen }));
    expect(ok.status).toBe(201);
    expect(
      (ok.body as { plan: { movements: { id: string }[] } }).plan.movements.map((m) => m.id).sort(),
    ).toEqual([...chosen].sort());
    const before = (await table.scanAll()).length;
    const sent = intake.notifier.sent.length;
    const refused = await assess(
      intake,
      assessmentBody({ chosen: ['kettlebell-walk', 'cat-camel', 'bird-dog', 'hip-bridges'] }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { issues: [{ path: 'chosen.0', message: expect.stringContaining('hurt more than 3') }] },
    });
    const tooFew = await assess(intake, assessmentBody({ chosen: ['cat-camel', 'bird-dog'] }));
    expect(tooFew.body).toMatchObject({
      error: { issues: [{ path: 'chosen', message: expect.stringMatching(/4 or 5/) }] },
    });
    const badRest = await assess(intake, assessmentBody({ restPain: 11 }));
    expect(badRest.body).toMatchObject({ error: { issues: [{ path: 'restPain' }] } });
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent.length).toBe(sent);
  });

  it('screens before any movement is tried: the tier of care, a way on for weak flags alone, storing and sending nothing', async () => {
    const intake = createTestIntake(table);
    const before = await table.scanAll();
    const screen = (body: object) => call(intake.handler, httpEvent('POST', '/screenings', { body }));
    expect((await screen({ redFlags: ['saddle-numbness', 'cancer-history'] })).body).toEqual({
      tier: 'urgent',
      care: 'urgent-now',
      planAllowed: false,
      advice: { code: 'seek-medical-care', message: expect.stringMatching(/care now/) },
    });
    // A warning sign: no plan may follow; two of them raise the tier.
    expect((await screen({ redFlags: ['night-pain'] })).body).toEqual({
      tier: 'soon',
      care: 'this-week',
      advice: { code: 'see-clinician-this-week', message: expect.stringMatching(/this week/) },
      planAllowed: false,
    });
    expect((await screen({ redFlags: ['cancer-history', 'night-pain'] })).body).toMatchObject({
      care: 'within-24h',
      planAllowed: false,
      advice: { code: 'see-clinician-within-24h' },
    });
    expect((await screen({ redFlags: ['fever'] })).body).toMatchObject({ tier: 'soon', care: 'same-day' });
    // Weak flags alone: check with a clinician; once the patient says one has, the plan may follow.
    expect((await screen({ redFlags: ['new-pain-age'], restPain: 1 })).body).toEqual({
      tier: 'soon',
      care: 'this-week',
      planAllowed: false,
      advice: { code: 'check-with-clinician', message: expect.stringMatching(/new back pain at your age/) },
      clinicianCheck: { flags: ['new-pain-age'] },
    });
    expect(
      (await screen({ redFlags: ['new-pain-age'], restPain: 1, clinicianChecked: true })).body,
    ).toMatchObject({
      planAllowed: true,
      advice: { code: 'clinician-checked' },
      clinicianCheck: { flags: ['new-pain-age'], by: 'patient' },
    });
    // Pain at rest alone: a plan from what qualifies may follow.
    expect((await screen({ restPain: 6 })).body).toEqual({
      tier: 'soon',
      care: 'this-week',
      advice: { code: 'see-clinician-this-week', message: expect.stringMatching(/only do the movements/) },
      planAllowed: true,
    });
    expect((await screen({ restPain: 3 })).body).toEqual({ tier: 'none', care: 'none', planAllowed: true });
    expect((await screen({})).body).toEqual({ tier: 'none', care: 'none', planAllowed: true });
    const bad = await screen({ redFlags: ['headache'], restPain: 11, clinicianChecked: 'yes' });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort(),
    ).toEqual(['clinicianChecked', 'redFlags.0', 'restPain']);
    // Nothing but the client's request count (formRequestsPerClientPerHour).
    expect(await patientData()).toEqual(before.filter((item) => !String(item.pk).startsWith('LIMIT#')));
    expect(intake.notifier.sent).toEqual([]);
  });

  it('proposes from the movements that qualify, for the patient to choose, storing nothing', async () => {
    const intake = createTestIntake(table);
    const before = await table.scanAll();
    const res = await call(
      intake.handler,
      httpEvent('POST', '/proposals', { body: { scores: assessmentBody().scores } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      qualifying: ['hip-mobility', 'cat-camel', 'lateral-beast-walk', 'hip-bridges', 'bird-dog'],
      proposed: expect.arrayContaining(['cat-camel', 'hip-mobility']),
      choose: { min: 4, max: 5 },
      planAllowed: true,
    });
    const propose = async (body: object) =>
      (await call(intake.handler, httpEvent('POST', '/proposals', { body }))).body;
    // No plan may follow (a score of 8 or more; nothing qualifies): the advice, before any phone number.
    expect(await propose({ scores: { 'cat-camel': 1, 'bird-dog': 8 } })).toMatchObject({
      planAllowed: false,
      advice: { code: 'see-clinician-this-week' },
    });
    expect(await propose({ scores: { 'cat-camel': 5 } })).toEqual({
      qualifying: [],
      proposed: [],
      choose: { min: 0, max: 0 },
      planAllowed: false,
      advice: { code: 'see-movement-specialist', message: expect.any(String) },
    });
    // One to three qualify: all of them, with the reduced plan's advice; pain at rest keeps its advice.
    expect(await propose({ scores: { 'cat-camel': 1, 'bird-dog': 2 } })).toMatchObject({
      choose: { min: 2, max: 2 },
      planAllowed: true,
      advice: { code: 'reduced-plan' },
    });
    expect(await propose({ scores: assessmentBody().scores, restPain: 5 })).toMatchObject({
      choose: { min: 4, max: 5 },
      planAllowed: true,
      advice: { code: 'see-clinician-this-week', message: expect.stringMatching(/only do the movements/) },
    });
    const missing = await call(intake.handler, httpEvent('POST', '/proposals', { body: {} }));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('scores');
    // Nothing but the client's request count (formRequestsPerClientPerHour).
    expect(await patientData()).toEqual(before.filter((item) => !String(item.pk).startsWith('LIMIT#')));
  });

  it('answers a reduced plan with its advice', async () => {
    const intake = createTestIntake(table);
    const res = await assess(intake, assessmentBody({ scores: { 'cat-camel': 1, 'bird-dog': 7 } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      plan: { movements: [{ id: 'cat-camel' }] },
      advice: { code: 'reduced-plan' },
    });
  });

  it('answers 400 naming each invalid field, and writes and sends nothing', async () => {
    const intake = createTestIntake(table);
    const before = (await table.scanAll()).length;
    const res = await assess(
      intake,
      assessmentBody({
        phone: '555',
        consent: false,
        scores: { 'cat-camel': 11 },
        sessionTimes: ['07:00', '13:00', '19:00'],
        extra: 1,
      }),
    );
    expect(res.status).toBe(400);
    const error = (res.body as { error: { code: string; issues: { path: string; message: string }[] } })
      .error;
    expect(error.code).toBe('invalid_request');
    expect(error.issues.map((i) => i.path).sort()).toEqual(
      ['consent', 'extra', 'phone', 'scores.cat-camel', 'sessionTimes.0'].sort(),
    );
    for (const issue of error.issues) expect(issue.message.startsWith(issue.path)).toBe(true);
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent).toEqual([]);
  });

  it('answers 413 for a body over 16 KB, 415 for a body that is not JSON, 400 for broken JSON', async () => {
    const intake = createTestIntake(table);
    const huge = await assess(intake, assessmentBody({ phone: 'x'.repeat(17 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'payload_too_large' } });

    const form = await call(
      intake.handler,
      httpEvent('POST', '/assessments', {
        body: 'phone=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const none = await call(
      intake.handler,
      httpEvent('POST', '/assessments', { body: '{}', headers: { 'content-type': '' } }),
    );
    expect(none.status).toBe(415);

    const broken = await call(intake.handler, httpEvent('POST', '/assessments', { body: '{"phone":' }));
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String), issues: [] } });
    const empty = await call(intake.handler, { ...httpEvent('POST', '/assessments', { body: '' }) });
    expect(empty.status).toBe(400);
    expect(intake.notifier.sent).toEqual([]);
  });

  it('answers 400 at the phone when the number cannot get texts, and 503 with Retry-After when SMS is throttled', async () => {
    const intake = createTestIntake(table);
    intake.notifier.failWith = new RecipientUnreachableError('opted out', 'opted-out');
    const unreachable = await assess(intake);
    expect(unreachable.status).toBe(400);
    expect(unreachable.body).toMatchObject({
      error: { code: 'phone_unreachable', issues: [{ path: 'phone' }] },
    });

    intake.notifier.failWith = new NotifierThrottledError('slow down');
    const throttled = await assess(intake);
    expect(throttled.status).toBe(503);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a plain 500 that leaks nothing when something unexpected fails, and logs no phone number', async () => {
    const logged: unknown[] = [];
    const record = (...args: unknown[]) => void logged.push(args);
    const intake = createTestIntake(table, {
      log: { debug: record, info: record, warn: record, error: record },
    });
    intake.notifier.failWith = Object.assign(
      new Error('SNS exploded for +14155550123 at arn:aws:sns:secret'),
      {
        statusCode: 400,
      },
    );
    const res = await assess(intake);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: 'internal',
        message: 'Something went wrong on our side. Please try again later.',
        issues: [],
      },
    });
    expect(res.text).not.toMatch(/SNS|arn|4155550123|stack/);
    expect(JSON.stringify(logged)).toContain('unhandled error');
    expect(JSON.stringify(logged)).not.toContain('4155550123');
  });
});

describe('POST /verifications', () => {
  it('activates the plan with the right code; a code sent after that is not judged (409 already_verified)', async () => {
    const intake = createTestIntake(table);
    const { planId, code } = await pendingPlan(intake);

    const res = await verify(intake, planId, code.replace(/^(\d{3})/, '$1 '));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      planId,
      status: 'active',
      plan: expect.objectContaining({ sessionsPerDay: 3 }),
      // The private plan page opens with the plan: a 22-character token, stored only hashed.
      planPage: expect.stringMatching(/^\/p\/[A-Za-z0-9_-]{22}$/),
    });
    const active = await intake.repo.getPlan(planId);
    expect(active).toMatchObject({ status: 'active', activatedAt: intake.clock.now().toISOString() });
    expect(active?.verification?.verifiedAt).toBe(intake.clock.now().toISOString());
    expect((await intake.repo.getPatient(active!.phoneHash))?.currentPlanId).toBe(planId);

    intake.clock.advance(60_000);
    for (const later of [code, wrongCode(code)]) {
      const again = await verify(intake, planId, later);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'already_verified' } });
    }
    expect(await intake.repo.getPlan(planId)).toMatchObject({
      activatedAt: active?.activatedAt,
      verification: { attempts: 1 },
    });
  });

  it('lets only one of several simultaneous right codes activate; the others answer 409', async () => {
    const intake = createTestIntake(table);
    const { planId, code } = await pendingPlan(intake);
    const answers = await Promise.all([1, 2, 3, 4].map(() => verify(intake, planId, code)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await intake.repo.getPlan(planId))?.status).toBe('active');
  });

  it('replaces the older active plan of the same phone', async () => {
    const intake = createTestIntake(table);
    const first = await pendingPlan(intake);
    expect((await verify(intake, first.planId, first.code)).status).toBe(200);

    const second = await pendingPlan(intake, {
      phone: first.phone,
      scores: { 'cat-camel': 0, 'bird-dog': 1 },
    });
    // Until the new plan is confirmed, the old one runs.
    expect((await intake.repo.getPlan(first.planId))?.status).toBe('active');
    expect((await verify(intake, second.planId, second.code)).status).toBe(200);

    expect(await intake.repo.getPlan(first.planId)).toMatchObject({
      status: 'replaced',
      statusReason: `replaced-by:${second.planId}`,
    });
    expect((await intake.repo.getPlan(second.planId))?.status).toBe('active');
  });

  it('answers 400 at the code for a wrong code, counting the try', async () => {
    const intake = createTestIntake(table);
    const { planId, code } = await pendingPlan(intake);
    const res = await verify(intake, planId, wrongCode(code));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'wrong_code',
        message: expect.stringContaining('4 tries left'),
        issues: [{ path: 'code', message: 'code is not the one we sent: 4 tries left' }],
      },
    });
    expect((await intake.repo.getPlan(planId))?.verification?.attempts).toBe(1);
  });

  it('locks the plan on the fifth wrong code (423), after which even the right code is refused', async () => {
    const intake = createTestIntake(table);
    const { planId, code } = await pendingPlan(intake);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await verify(intake, planId, wrongCode(code))).status);
    expect(statuses).toEqual([400, 400, 400, 400, 423]);

    const right = await verify(intake, planId, code);
    expect(right.status).toBe(423);
    expect(right.body).toMatchObject({ error: { code: 'code_locked', issues: [{ path: 'code' }] } });
    const stored = await intake.repo.getPlan(planId);
    expect(stored).toMatchObject({ status: 'pending_verification', verification: { attempts: 5 } });
    expect(stored?.verification?.lockedAt).toBeDefined();
    expect((await resend(intake, planId)).status).toBe(423);
  });

  it('refuses a code after 10 minutes (400 code_expired) and accepts it just before', async () => {
    const intake = createTestIntake(table);
    const late = await pendingPlan(intake);
    const inTime = await pendingPlan(intake);

    intake.clock.advance(10 * 60_000 - 1000);
    expect((await verify(intake, inTime.planId, inTime.code)).status).toBe(200);
    intake.clock.advance(1000);
    const res = await verify(intake, late.planId, late.code);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'code_expired', issues: [{ path: 'code' }] } });
    expect((await intake.repo.getPlan(late.planId))?.status).toBe('pending_verification');
  });

  it('answers 404 for an unknown plan and 400 naming planId or code for malformed ones', async () => {
    const intake = createTestIntake(table);
    const unknown = await verify(intake, randomUUID(), '123456');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'plan_not_found', issues: [{ path: 'planId' }] } });

    const malformed = await verify(intake, 'plan-1', '12345');
    expect(malformed.status).toBe(400);
    const paths = (malformed.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (i) => i.path,
    );
    expect(paths.sort()).toEqual(['code', 'planId']);
  });
});

describe('POST /verifications/resend', () => {
  it('sends a new code after the wait; the old code stops working and the new one works', async () => {
    const intake = createTestIntake(table);
    const { planId, phone, code } = await pendingPlan(intake);

    const early = await resend(intake, planId);
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({ error: { code: 'resend_too_soon' } });
    expect(Number(early.headers['retry-after'])).toBe(60);

    intake.clock.advance(60_000);
    const res = await resend(intake, planId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      planId,
      verification: {
        channel: 'sms',
        to: expect.stringMatching(/^\+1\*+\d\d$/),
        expiresAt: new Date(intake.clock.now().getTime() + 10 * 60_000).toISOString(),
      },
    });
    const newCode = intake.notifier.codeFor(phone);
    expect(intake.notifier.sent.filter((m) => m.kind === 'verification')).toHaveLength(2);

    if (newCode !== code) expect((await verify(intake, planId, code)).status).toBe(400);
    expect((await verify(intake, planId, newCode)).status).toBe(200);
    expect((await intake.repo.getPlan(planId))?.verification?.sends).toBe(2);
  });

  it('answers 409 for a confirmed plan and 404 for an unknown one', async () => {
    const intake = createTestIntake(table);
    const { planId, code } = await pendingPlan(intake);
    await verify(intake, planId, code);
    intake.clock.advance(60_000);
    const res = await resend(intake, planId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'not_pending' } });
    expect((await resend(intake, randomUUID())).status).toBe(404);
  });

  it('never sends a text to a phone it was not given', async () => {
    const intake = createTestIntake(table);
    await pendingPlan(intake, { phone: nextPhone() });
    for (const m of intake.notifier.sent) expect(m.kind).toBe('verification');
  });
});
