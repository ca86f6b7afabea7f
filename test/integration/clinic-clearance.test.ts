/**
 * The clinic clears a patient from the console (functions/console/use-cases/clearances.ts), through
 * the local stack: a clinician's cleared invite (audited), its link on the patient's phone, the
 * safety step going on for weak flags alone, the plan made and confirmed, and the patient's page in
 * the console saying who cleared them.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../local/outbox.ts';
import type { InviteView, PatientDetail } from '../../functions/console/service.ts';
import type { PatientRow } from '../../shared/domain/clinic/read-model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { useLocalStack } from '../support/console.ts';
import { assessmentBody } from '../support/intake.ts';

const table = useTestTable();
const running = useLocalStack(table);
const PHONE = '+14155550177';

describe('a cleared invite: the clinic says a clinician has checked this back pain', () => {
  it('takes a clinician, is audited, lets weak flags alone make a plan, and the console shows it', async () => {
    const refused = await running.request('POST', '/console/api/clearances', {
      role: 'viewer',
      body: { reference: 'MRN 9' },
    });
    expect(refused.status).toBe(403);

    const made = await running.request('POST', '/console/api/clearances', {
      role: 'clinician',
      body: { reference: 'Ann Poe · MRN 5120' },
    });
    expect(made.status, made.text).toBe(201);
    const invite = made.body as InviteView;
    expect(invite).toMatchObject({ cleared: true, reference: 'Ann Poe · MRN 5120' });
    const listed = await running.request('GET', '/console/api/invites', { role: 'clinician' });
    expect((listed.body as { invites: InviteView[] }).invites).toContainEqual(
      expect.objectContaining({ inviteId: invite.inviteId, cleared: true }),
    );

    // The link: the invite goes with the safety step and the assessment.
    const opened = await running.request('GET', new URL(invite.link).pathname);
    const cookie = opened.headers.getSetCookie()[0]!.split(';')[0]!;
    const screened = await running.request('POST', '/screenings', {
      body: { redFlags: ['new-pain-age'], restPain: 1 },
      headers: { cookie },
    });
    expect(screened.body).toMatchObject({ planAllowed: true, clinicianCheck: { by: 'clinic' } });
    const assessed = await running.request('POST', '/assessments', {
      body: assessmentBody({ phone: PHONE, timeZone: 'America/New_York', redFlags: ['new-pain-age'] }),
      headers: { cookie },
    });
    expect(assessed.status, assessed.text).toBe(201);
    const { planId, advice } = assessed.body as { planId: string; advice: { code: string } };
    expect(advice.code).toBe('clinician-checked');
    const outbox = (await running.request('GET', '/dev/outbox')).body as OutboxEntry[];
    const code = /\b(\d{6})\b/.exec(
      outbox.find((m) => m.kind === 'verification' && m.to === PHONE)!.body,
    )![1];
    expect((await running.request('POST', '/verifications', { body: { planId, code } })).status).toBe(200);
    await running.stack.devTime.settle();

    // The console: the patient's page says what was ticked and who cleared it; the audit has it.
    const rows = (await running.request('GET', '/console/api/patients', { role: 'viewer' })).body as {
      patients: PatientRow[];
    };
    const row = rows.patients.find((p) => p.planId === planId)!;
    const detail = (
      await running.request('GET', `/console/api/patients/${row.patientId}`, { role: 'viewer' })
    ).body as PatientDetail;
    expect(detail.plan?.assessment?.clinicianCheck).toEqual({
      by: 'clinic',
      flags: ['new-pain-age'],
      inviteId: invite.inviteId,
    });
    expect(detail.plan?.assessment?.safety).toBe(
      `Warning signs ticked: This is new back pain and you are under 20 or over 50. Cleared by the clinic: a clinician checked this back pain (invite ${invite.inviteId}).`,
    );
    const month = new Date().toISOString().slice(0, 7);
    const audit = (await running.request('GET', `/console/api/audit?month=${month}`, { role: 'clinician' }))
      .body as { entries: { action: string; detail?: string; by: string }[] };
    expect(audit.entries).toContainEqual(
      expect.objectContaining({ action: 'clear', detail: invite.inviteId, by: 'test.clinician' }),
    );
  });
});
