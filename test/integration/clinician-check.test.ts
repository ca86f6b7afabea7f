/**
 * Weak flags alone (age with new pain, osteoporosis or steroids, a past cancer) through the real
 * intake on DynamoDB Local: no plan until a clinician has checked this back pain; then the patient's
 * word, or the clinic's cleared invite (functions/console/use-cases/clearances.ts), lets the plan
 * follow, recorded on the plan with the advice kept in view.
 */
import { describe, expect, it } from 'vitest';
import { DynamoClinicDirectory } from '../../shared/adapters/dynamodb/clinic.ts';
import { hashInviteToken } from '../../shared/domain/clinic/secrets.ts';
import type { StoredInvite } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { TEST_HASH_KEY } from '../support/fixtures.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, type TestIntake } from '../support/intake.ts';

const table = useTestTable();
const WEAK = ['new-pain-age', 'steroids-osteoporosis'];

async function putInvite(token: string, cleared: boolean) {
  const invite: StoredInvite = {
    inviteId: `I-${token.slice(0, 8)}`,
    tokenHash: hashInviteToken(token, TEST_HASH_KEY),
    nonce: 'nonce',
    sealedReference: 'sealed',
    createdAt: new Date().toISOString(),
    createdBy: 'dr.lee',
    validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    ...(cleared ? { clearance: { by: 'dr.lee', at: new Date().toISOString() } } : {}),
  };
  await new DynamoClinicDirectory(table.db, table.tableName).putInvite(invite);
  return invite;
}

function post(intake: TestIntake, path: string, body: object, invite?: string) {
  const event = httpEvent('POST', path, { body });
  if (invite) event.cookies = [`rehab_invite=${invite}`];
  return call(intake.handler, event);
}

describe('weak flags alone: a plan once a clinician has checked this back pain', () => {
  it('no plan and nothing stored until then; the advice says why and how to go on', async () => {
    const intake = createTestIntake(table);
    const before = (await table.scanAll()).length;
    const answer = await post(intake, '/assessments', assessmentBody({ redFlags: WEAK }));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      planId: null,
      plan: null,
      advice: {
        code: 'check-with-clinician',
        message: expect.stringMatching(
          /new back pain at your age.*If one has already checked it, you can go on/,
        ),
      },
    });
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent).toEqual([]);
  });

  it("the patient's word: the plan follows, the check is recorded on it and the advice kept in view", async () => {
    const intake = createTestIntake(table);
    const answer = await post(
      intake,
      '/assessments',
      assessmentBody({ redFlags: WEAK, clinicianChecked: true }),
    );
    expect(answer.status).toBe(201);
    const { planId, advice } = answer.body as { planId: string; advice: { code: string; message: string } };
    expect(advice).toMatchObject({
      code: 'clinician-checked',
      message: expect.stringMatching(/^You told us/),
    });
    const stored = await intake.repo.getPlan(planId);
    expect(stored?.assessment).toMatchObject({
      redFlags: WEAK,
      clinicianCheck: { by: 'patient', flags: WEAK },
    });

    // Confirmed: the plan page keeps the advice in view.
    const code = intake.notifier.codeFor(stored!.phone);
    const verified = await post(intake, '/verifications', { planId, code });
    const page = await call(
      intake.handler,
      httpEvent('GET', (verified.body as { planPage: string }).planPage),
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'You told us a clinician has checked this back pain. Because you have taken steroids for a long time',
    );
  });

  it("the clinic's cleared invite: the safety step goes on by itself, and the plan records the invite", async () => {
    const intake = createTestIntake(table);
    const token = 'C'.repeat(22);
    const invite = await putInvite(token, true);
    const screened = await post(intake, '/screenings', { redFlags: WEAK, restPain: 1 }, token);
    expect(screened.body).toMatchObject({
      planAllowed: true,
      advice: { code: 'clinician-checked', message: expect.stringMatching(/^Your clinic says/) },
      clinicianCheck: { flags: WEAK, by: 'clinic' },
    });
    const answer = await post(intake, '/assessments', assessmentBody({ redFlags: WEAK }), token);
    expect(answer.status).toBe(201);
    const stored = await intake.repo.getPlan((answer.body as { planId: string }).planId);
    expect(stored?.assessment.clinicianCheck).toEqual({
      by: 'clinic',
      flags: WEAK,
      inviteId: invite.inviteId,
    });
  });

  it('an invite that is not cleared clears nothing, and no clearance lets any other sign through', async () => {
    const intake = createTestIntake(table);
    const token = 'P'.repeat(22);
    await putInvite(token, false);
    expect((await post(intake, '/screenings', { redFlags: WEAK, restPain: 0 }, token)).body).toMatchObject({
      planAllowed: false,
      advice: { code: 'check-with-clinician' },
    });
    const cleared = 'Q'.repeat(22);
    await putInvite(cleared, true);
    const withSign = await post(
      intake,
      '/assessments',
      assessmentBody({ redFlags: [...WEAK, 'weight-loss'], clinicianChecked: true }),
      cleared,
    );
    // Over 50 with new pain and weight loss: two signs at one tier, within 24 hours; no plan.
    expect(withSign.body).toMatchObject({ plan: null, advice: { code: 'see-clinician-within-24h' } });
  });
});
