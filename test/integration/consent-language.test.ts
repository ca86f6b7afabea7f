/**
 * The consent a patient accepts, stored by its version (rules.ts CONSENTS): the Spanish consent is
 * its own version, stored with its own text where Spanish is offered; a deployment that does not
 * offer Spanish refuses it with a 400 naming consentVersion and writes and sends nothing. Through
 * the intake handler on DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/language.ts';
import { CONSENT, CONSENT_ES } from '../../shared/domain/plan/rules.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, GENEROUS_LIMITS, testConfig } from '../support/intake.ts';

const table = useTestTable();

async function assess(languages: Language[], body: Record<string, unknown>) {
  const intake = createTestIntake(table, { config: testConfig({ limits: GENEROUS_LIMITS, languages }) });
  const before = (await table.scanAll()).length;
  const res = await call(intake.handler, httpEvent('POST', '/assessments', { body: assessmentBody(body) }));
  return { intake, res, before, planId: (res.body as { planId?: string }).planId };
}

describe('the consent a patient accepts, by version', () => {
  it('stores the Spanish consent, its version and text, where Spanish is offered; the patient keeps it once confirmed', async () => {
    const { intake, res, planId } = await assess(['en', 'es'], {
      language: 'es',
      consentVersion: CONSENT_ES.version,
    });
    expect(res.status).toBe(201);
    const at = intake.clock.now().toISOString();
    const plan = await intake.repo.getPlan(planId!);
    expect(plan?.consent).toEqual({ version: CONSENT_ES.version, text: CONSENT_ES.text, acceptedAt: at });
    // Confirmed: the patient's own record (the one that outlives the plan) holds the same text.
    const code = intake.notifier.codeFor(plan!.phone);
    const verified = await call(
      intake.handler,
      httpEvent('POST', '/verifications', { body: { planId, code } }),
    );
    expect(verified.status).toBe(200);
    const patient = await intake.repo.getPatient(plan!.phoneHash);
    expect(patient?.consent).toEqual({ version: CONSENT_ES.version, text: CONSENT_ES.text, acceptedAt: at });
  });

  it('stores the English consent when the patient accepted it, also with Spanish texts', async () => {
    const { res, intake, planId } = await assess(['en', 'es'], {
      language: 'es',
      consentVersion: CONSENT.version,
    });
    expect(res.status).toBe(201);
    const plan = await intake.repo.getPlan(planId!);
    expect(plan?.language).toBe('es');
    expect(plan?.consent).toMatchObject({ version: CONSENT.version, text: CONSENT.text });
  });

  it('no version sent (an older client): the consent of the language asked for', async () => {
    const spanish = await assess(['en', 'es'], { language: 'es' });
    expect((await spanish.intake.repo.getPlan(spanish.planId!))?.consent.version).toBe(CONSENT_ES.version);
    const english = await assess(['en'], {});
    expect((await english.intake.repo.getPlan(english.planId!))?.consent.version).toBe(CONSENT.version);
  });

  it('refuses the Spanish consent on an English-only deployment: 400 naming consentVersion, nothing written or sent', async () => {
    const { intake, res, before } = await assess(['en'], { consentVersion: CONSENT_ES.version });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'invalid_request',
        issues: [{ path: 'consentVersion', message: expect.stringContaining('not offered here (es)') }],
      },
    });
    expect((await table.scanAll()).length).toBe(before);
    expect(intake.notifier.sent).toEqual([]);
  });

  it('refuses a version it does not know: 400 naming consentVersion, nothing written', async () => {
    const { res, before } = await assess(['en', 'es'], { consentVersion: '2020-01-01-es' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { issues: [{ path: 'consentVersion', message: expect.stringContaining('out of date') }] },
    });
    expect((await table.scanAll()).length).toBe(before);
  });
});
