/**
 * The clinic's side of a patient's plan, through the local stack (the same handlers, DynamoDB
 * Local, the table's stream into clinic-watch, the dev clock and its hourly sweep): an invite, the
 * patient enrolled through its link, replies that raise alerts (each emailed once, with no patient
 * detail in the email), the inbox, acknowledge, the actions and the audit log, erasure.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../local/outbox.ts';
import type { AlertView, InviteView, PatientDetail } from '../../functions/console/service.ts';
import type { PatientRow } from '../../shared/domain/clinic/roster.ts';
import { addDays, localDateOf, zonedInstant } from '../../shared/domain/time.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { useLocalStack } from '../support/console.ts';
import { assessmentBody, testConfig } from '../support/intake.ts';
import type { MailboxEntry } from '../../local/mailbox.ts';

const table = useTestTable();
const running = useLocalStack(table);
const ZONE = 'America/New_York';
const DAY1 = addDays(localDateOf(new Date(), ZONE), 1);
const at = (day: number, time: string) => zonedInstant(addDays(DAY1, day - 1), time, ZONE).toISOString();

async function json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const answer = await running.request(method, path, { body, headers });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(400);
  return answer.body as T;
}
const clockTo = (to: string) => json('POST', '/dev/clock', { to });
const outbox = () => json<OutboxEntry[]>('GET', '/dev/outbox');
const emails = () => json<MailboxEntry[]>('GET', '/dev/emails');
const text = (from: string, body: string) => json('POST', '/dev/inbound-sms', { from, body });
const staff = async <T>(
  method: string,
  path: string,
  role: 'viewer' | 'clinician' | 'admin',
  body?: unknown,
) => {
  const answer = await running.request(method, path, { role, body });
  return answer as { status: number; body: T; text: string };
};

/** What the table's stream carries reaches clinic-watch (the local stack's ticker does it within a second). */
const settle = () => running.stack.devTime.settle();

async function enrol(phone: string, cookie?: string): Promise<string> {
  const assessed = await json<{ planId: string }>(
    'POST',
    '/assessments',
    assessmentBody({ phone, timeZone: ZONE }),
    cookie ? { cookie } : {},
  );
  await settle();
  return assessed.planId;
}
async function verify(phone: string, planId: string) {
  const code = /\b(\d{6})\b/.exec(
    [...(await outbox())].reverse().find((m) => m.kind === 'verification' && m.to === phone)!.body,
  )![1];
  await json('POST', '/verifications', { planId, code });
  await settle();
}
async function rowOf(patientId: string): Promise<PatientRow> {
  const { body } = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer');
  return body.patients.find((p) => p.patientId === patientId)!;
}

describe('a patient invited by the clinic, from the invite to erasure', () => {
  const PHONE = '+14155550123';
  let patientId = '';

  it('an invite for a reference; its link sets the invite for the assessment only and opens the form', async () => {
    await clockTo(at(1, '05:00'));
    const created = await staff<InviteView>('POST', '/console/api/invites', 'clinician', {
      reference: 'Jane Roe · MRN 4471',
    });
    expect(created.status).toBe(201);
    expect(created.body.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{22}$/);
    expect(created.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const listed = await staff<{ invites: InviteView[] }>('GET', '/console/api/invites', 'clinician');
    expect(listed.body.invites.map((i) => [i.inviteId, i.reference, i.link])).toContainEqual([
      created.body.inviteId,
      'Jane Roe · MRN 4471',
      created.body.link,
    ]);

    const opened = await running.request('GET', new URL(created.body.link).pathname);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const [cookie, screeningCookie] = opened.headers.getSetCookie();
    expect(cookie).toMatch(
      /^rehab_invite=[A-Za-z0-9_-]{22}; Path=\/assessments; Max-Age=604800; HttpOnly; Secure; SameSite=Strict$/,
    );
    // The same invite goes with the safety step too (a cleared invite lets weak flags alone go on).
    expect(screeningCookie).toBe(cookie!.replace('Path=/assessments', 'Path=/screenings'));

    // The form says who invited the patient (the cookie is HttpOnly: the page asks), and can drop it.
    const carried = await running.request('GET', '/assessments/invite', {
      headers: { cookie: cookie!.split(';')[0]! },
    });
    expect(carried.body).toEqual({
      invited: true,
      clinic: testConfig().appName,
      validUntil: created.body.validUntil,
    });
    expect((await running.request('GET', '/assessments/invite')).body).toEqual({ invited: false });
    const dropped = await running.request('DELETE', '/assessments/invite', {
      headers: { cookie: cookie!.split(';')[0]! },
    });
    expect(dropped.headers.get('set-cookie')).toMatch(/^rehab_invite=; Path=\/assessments; Max-Age=0;/);

    // The patient fills the form in: the browser sends the cookie with the assessment. Until the
    // code is confirmed the patient is not on the roster, and the invite is not used.
    const planId = await enrol(PHONE, cookie!.split(';')[0]!);
    const pending = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer');
    expect(pending.body.patients.find((p) => p.planId === planId)).toBeUndefined();
    expect((await running.request('GET', new URL(created.body.link).pathname)).status).toBe(303);

    await verify(PHONE, planId);
    const { body } = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer');
    const row = body.patients.find((p) => p.planId === planId)!;
    expect(row).toMatchObject({
      reference: 'Jane Roe · MRN 4471',
      source: 'invite',
      status: 'active',
      planDay: { day: 1, of: 14 },
    });
    patientId = row.patientId;
    // The invite is used up at activation: its link opens nothing now, and it left the list.
    expect((await running.request('GET', new URL(created.body.link).pathname)).status).toBe(404);
    const after = await staff<{ invites: InviteView[] }>('GET', '/console/api/invites', 'clinician');
    expect(after.body.invites.map((i) => i.inviteId)).not.toContain(created.body.inviteId);
  });

  it('two days without a session, and pain rising over three days: alerts, each emailed once', async () => {
    await clockTo(at(1, '12:00'));
    await text(PHONE, 'PAIN 3');
    await clockTo(at(2, '12:00'));
    await text(PHONE, 'pain is 4');
    await clockTo(at(3, '12:00'));
    await text(PHONE, 'PAIN 5');
    const { body } = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts', 'viewer');
    const mine = body.alerts.filter((a) => a.patientId === patientId);
    expect(mine.map((a) => a.kind).sort()).toEqual(['no-sessions', 'pain-rising']);
    expect(mine.find((a) => a.kind === 'pain-rising')).toMatchObject({
      reference: 'Jane Roe · MRN 4471',
      detail: { pains: [3, 4, 5] },
      state: 'open',
    });
    // The sweep ran hourly on the dev clock: the silence began with the first session, 08:00 on day 1.
    expect(mine.find((a) => a.kind === 'no-sessions')).toMatchObject({
      at: at(3, '08:00'),
      detail: { since: at(1, '08:00') },
    });
    const mail = await emails();
    expect(mail.map((e) => e.subject)).toEqual([
      expect.stringContaining(`patient ${patientId} has logged no session for two days`),
      expect.stringContaining(`patient ${patientId} has rising pain`),
    ]);
    // The email holds no reference, number, words or scores: only the id and the console's address.
    for (const e of mail) {
      expect(`${e.subject}\n${e.body}`).not.toMatch(/Jane|4471|555|PAIN|pain is|\b[345]\b/);
      expect(e.body).toContain('/console/alerts');
    }
  });

  it('high pain, red-flag words and a question: the inbox has them, the question is not emailed', async () => {
    await clockTo(at(3, '13:30'));
    await text(PHONE, 'pain 7 today');
    await text(PHONE, 'my legs went numb this morning');
    await text(PHONE, 'can I swim on Sunday?');
    const { body } = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts', 'viewer');
    const mine = body.alerts.filter((a) => a.patientId === patientId);
    expect(mine.map((a) => a.kind).sort()).toEqual([
      'message',
      'no-sessions',
      'pain-high',
      'pain-rising',
      'red-flag',
    ]);
    expect(mine.find((a) => a.kind === 'red-flag')!.detail.text).toBe('my legs went numb this morning');
    expect(mine.find((a) => a.kind === 'message')!.detail.text).toBe('can I swim on Sunday?');
    // Open alerts first, newest first.
    expect(mine[0]!.kind).toBe('message');
    const kinds = (await emails()).map((e) => e.subject);
    expect(kinds).toHaveLength(4);
    expect(kinds.filter((s) => s.includes('sent a message'))).toEqual([]);
    // Each cause raises its alert once: the hourly sweep and the stream's redeliveries change nothing.
    await clockTo(at(3, '18:30'));
    expect((await emails()).length).toBe(4);
    expect(await rowOf(patientId)).toMatchObject({
      status: 'paused',
      statusReason: 'red-flag-reported',
      openAlerts: 5,
      lastPain: { pain: 7 },
    });
  });

  it('acknowledge (clinician), resume after the red flag (clinician), both in the audit log', async () => {
    const { body } = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts', 'viewer');
    const redFlag = body.alerts.find((a) => a.patientId === patientId && a.kind === 'red-flag')!;
    const path = `/console/api/alerts/${encodeURIComponent(redFlag.alertId)}/acknowledge`;
    expect((await staff('POST', path, 'viewer')).status).toBe(403);
    const ack = await staff<AlertView>('POST', path, 'clinician');
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'test.clinician' });
    expect((await staff('POST', path, 'clinician')).status).toBe(409);
    const open = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts', 'viewer');
    expect(open.body.alerts.map((a) => a.alertId)).not.toContain(redFlag.alertId);
    const all = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts?state=all', 'viewer');
    expect(all.body.alerts.map((a) => a.alertId)).toContain(redFlag.alertId);

    const resumed = await staff<{ status: string }>(
      'POST',
      `/console/api/patients/${patientId}/actions`,
      'clinician',
      { action: 'resume' },
    );
    expect(resumed.body).toMatchObject({ status: 'active' });
    expect(
      (await staff('POST', `/console/api/patients/${patientId}/actions`, 'clinician', { action: 'resume' }))
        .status,
    ).toBe(409);
    const paused = await staff<{ status: string }>(
      'POST',
      `/console/api/patients/${patientId}/actions`,
      'clinician',
      { action: 'pause' },
    );
    expect(paused.body).toMatchObject({ status: 'paused' });
    // The patient cannot undo the clinic's pause by text.
    const reply = await json<{ replies: OutboxEntry[] }>('POST', '/dev/inbound-sms', {
      from: PHONE,
      body: 'RESUME',
    });
    expect(reply.replies[0]!.body).toContain('your clinic paused your reminders');
    expect((await rowOf(patientId)).status).toBe('paused');
    await staff('POST', `/console/api/patients/${patientId}/actions`, 'clinician', { action: 'resume' });

    const detail = await staff<PatientDetail>('GET', `/console/api/patients/${patientId}`, 'viewer');
    expect(detail.body.plan).toMatchObject({
      status: 'active',
      timeZone: ZONE,
      sessionTimes: ['08:00', '13:00', '19:00'],
    });
    expect(detail.body.progress.map((d) => d.pain)).toEqual([3, 4, 7]);
    const actions = detail.body.timeline
      .filter((t) => t.kind === 'action')
      .map((t) => (t as { action: string }).action);
    expect(actions).toEqual(['resume', 'pause', 'resume', 'acknowledge', 'invite-used']);
    expect(detail.body.patient.reference).toBe('Jane Roe · MRN 4471');
    expect(detail.body.timeline.some((t) => t.kind === 'text' && t.state === 'sent')).toBe(true);
    expect(detail.body.timeline.some((t) => t.kind === 'reply' && t.type === 'alert')).toBe(true);

    // Exports: a clinician's, each in the audit log.
    const csv = await staff<string>('GET', '/console/api/export/patients.csv', 'clinician');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toMatch(/^patient_id,reference,/);
    expect(csv.text).toContain(`${patientId},Jane Roe · MRN 4471,invite,active,`);
    const fhir = await running.request('GET', `/console/api/patients/${patientId}/fhir`, {
      role: 'clinician',
    });
    expect(fhir.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const bundle = fhir.body as {
      resourceType: string;
      entry: { resource: { resourceType: string; valueInteger?: number } }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(
      bundle.entry
        .filter((e) => e.resource.resourceType === 'Observation')
        .map((e) => e.resource.valueInteger),
    ).toEqual([3, 4, 5, 7]);
    expect(fhir.text).not.toContain('Jane');
  });

  it('STOP raises an opt-out alert; erasure takes an admin and the typed id, and the audit log keeps it', async () => {
    await text(PHONE, 'STOP');
    const { body } = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts', 'viewer');
    expect(body.alerts.filter((a) => a.patientId === patientId).map((a) => a.kind)).toContain('opted-out');
    expect((await emails()).at(-1)!.subject).toContain('opted out');

    const erase = (role: 'clinician' | 'admin', confirm?: string) =>
      staff('POST', `/console/api/patients/${patientId}/actions`, role, {
        action: 'erase',
        ...(confirm ? { confirm } : {}),
      });
    expect((await erase('clinician', patientId)).status).toBe(403);
    const wrong = await erase('admin', 'P-WRONG000');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      error: { code: 'confirmation_mismatch', issues: [{ path: 'confirm' }] },
    });
    expect((await erase('admin', patientId)).status).toBe(200);
    expect((await staff('GET', `/console/api/patients/${patientId}`, 'viewer')).status).toBe(404);
    const alerts = await staff<{ alerts: AlertView[] }>('GET', '/console/api/alerts?state=all', 'viewer');
    expect(alerts.body.alerts.filter((a) => a.patientId === patientId)).toEqual([]);
    const items = JSON.stringify(await table.scanAll());
    expect(items).not.toContain(PHONE);
    const month = running.stack.clock.now().toISOString().slice(0, 7);
    const audit = await staff<{ entries: { action: string; patientId?: string; by: string }[] }>(
      'GET',
      `/console/api/audit?month=${month}`,
      'clinician',
    );
    expect(audit.body.entries.filter((e) => e.patientId === patientId).map((e) => e.action)).toContain(
      'erase',
    );
    expect(audit.body.entries.find((e) => e.action === 'erase')!.by).toBe('test.admin');
  });
});

describe('a patient who used the public form alone', () => {
  it('is on the roster once the code is confirmed, as self-enrolled; a reference can be set', async () => {
    const phone = '+14155550124';
    const planId = await enrol(phone);
    let { body } = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer');
    expect(body.patients.find((p) => p.planId === planId)).toBeUndefined();
    await verify(phone, planId);
    ({ body } = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer'));
    const row = body.patients.find((p) => p.planId === planId)!;
    expect(row).toMatchObject({ source: 'self', reference: null, status: 'active' });
    const set = await staff<PatientRow>(
      'PUT',
      `/console/api/patients/${row.patientId}/reference`,
      'clinician',
      { reference: '  MRN 9001 ' },
    );
    expect(set.body.reference).toBe('MRN 9001');
    const bad = await staff('PUT', `/console/api/patients/${row.patientId}/reference`, 'clinician', {
      reference: 'a\nb',
    });
    expect(bad.status).toBe(400);
  });
});

describe("the review's case: invite links never re-label a patient", () => {
  const BOB = '+14155550131';
  const CAROL = '+14155550132';
  const invite = async (reference: string) => {
    const created = await staff<InviteView>('POST', '/console/api/invites', 'clinician', { reference });
    const opened = await running.request('GET', new URL(created.body.link).pathname);
    return { ...created.body, cookie: opened.headers.get('set-cookie')!.split(';')[0]! };
  };
  const opens = async (link: string) => (await running.request('GET', new URL(link).pathname)).status;
  const auditOf = async (patientId: string) => {
    const month = running.stack.clock.now().toISOString().slice(0, 7);
    const audit = await staff<{ entries: { action: string; patientId?: string; detail?: string }[] }>(
      'GET',
      `/console/api/audit?month=${month}`,
      'clinician',
    );
    return audit.body.entries.filter((e) => e.patientId === patientId);
  };

  it('an unverified submission with another invite changes nothing, uses nothing; a verified one does not re-label either', async () => {
    const a = await invite('Bob Bell · MRN-111');
    const bobPlan = await enrol(BOB, a.cookie);
    await verify(BOB, bobPlan);
    const bob = (
      await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer')
    ).body.patients.find((p) => p.planId === bobPlan)!;
    expect(bob.reference).toBe('Bob Bell · MRN-111');

    // Someone sends Bob's number with invite B (a planted cookie, or staff's own link) and never verifies.
    const b = await invite('Alice Ash · MRN-222');
    const answer = await running.request('POST', '/assessments', {
      body: assessmentBody({ phone: BOB, timeZone: ZONE }),
      headers: { cookie: b.cookie },
    });
    expect(answer.status).toBe(201);
    await settle();
    expect(await rowOf(bob.patientId)).toMatchObject({ reference: 'Bob Bell · MRN-111', status: 'active' });
    expect(await opens(b.link)).toBe(303);

    // Bob himself confirms that plan (his browser had the planted invite): his reference stays, the
    // invite stays unused for Alice, and the audit log says an invite was refused.
    const planted = (answer.body as { planId: string }).planId;
    await verify(BOB, planted);
    expect(await rowOf(bob.patientId)).toMatchObject({ reference: 'Bob Bell · MRN-111' });
    expect(await opens(b.link)).toBe(303);
    expect((await auditOf(bob.patientId)).map((e) => [e.action, e.detail])).toContainEqual([
      'invite-refused',
      b.inviteId,
    ]);
  });

  it('a self-enrolled patient who confirms a plan with an invite gets its reference, in the audit log', async () => {
    const first = await enrol(CAROL);
    await verify(CAROL, first);
    const c = await invite('Carol Cole · MRN-333');
    const second = await enrol(CAROL, c.cookie);
    await verify(CAROL, second);
    const { body } = await staff<{ patients: PatientRow[] }>('GET', '/console/api/patients', 'viewer');
    const carol = body.patients.find((p) => p.planId === second)!;
    expect(carol).toMatchObject({ reference: 'Carol Cole · MRN-333', source: 'invite' });
    expect(await opens(c.link)).toBe(404);
    expect((await auditOf(carol.patientId)).map((e) => [e.action, e.detail])).toContainEqual([
      'invite-used',
      c.inviteId,
    ]);
  });
});
