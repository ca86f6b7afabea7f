/**
 * The clinic's option to match the FHIR Patient on its own record number (`clinic.fhirMrnSystem`):
 * validated in the config schema and off by default; with it off the transaction export's
 * conditional update finds the Patient by the pseudonymous id, with it on by the patient's clinic
 * reference under the clinic's MRN system — carried on the Patient as an MR identifier. The use
 * case (functions/console/use-cases/exports.ts) runs with ports that hold one patient in memory.
 */
import type { Bundle, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { ConsoleContext, type ConsoleDeps } from '../../functions/console/use-cases/context.ts';
import { Exports } from '../../functions/console/use-cases/exports.ts';
import { ConfigError, parseRuntimeConfig } from '../../shared/config.ts';
import { sealReference } from '../../shared/domain/clinic/secrets.ts';
import type { AuditEntry, RosterEntry, Staff } from '../../shared/domain/clinic/roster.ts';
import { planRecord } from '../support/fixtures.ts';

const HASH_KEY = 'k'.repeat(64);
const PATIENT = 'P-0123ABCD';
const MRN_SYSTEM = 'https://clinic.example/fhir/sid/mrn';
const OWN_SYSTEM = 'https://reminders.clinic.example/fhir/sid/patient-id';
const CLINICIAN: Staff = { sub: 'sub-1', username: 'dr.lee', role: 'clinician' };

function exportsWith(clinic: Record<string, unknown>, reference: string | undefined) {
  const config = parseRuntimeConfig({ clinic: { fhirIdentifierSystem: OWN_SYSTEM, ...clinic } });
  const entry: RosterEntry = {
    patientId: PATIENT,
    phoneHash: 'hash-1',
    source: reference ? 'invite' : 'self',
    enrolledAt: '2027-03-01T10:00:00.000Z',
    ...(reference ? { sealedReference: sealReference(reference, HASH_KEY, { patientId: PATIENT }) } : {}),
  };
  const audit: AuditEntry[] = [];
  const deps = {
    directory: {
      rosterEntry: async (id: string) => (id === PATIENT ? entry : undefined),
      records: async () => ({
        plan: planRecord({ now: new Date('2027-03-01T10:00:00.000Z'), status: 'active' }),
        deliveries: {},
        events: [],
      }),
    },
    alerts: { forPatient: async () => [] },
    audit: { record: async (e: AuditEntry) => void audit.push(e) },
    config,
    hashKey: HASH_KEY,
    baseUrl: 'https://reminders.clinic.example/',
    clock: { now: () => new Date('2027-03-05T15:00:00.000Z') },
  } as unknown as ConsoleDeps;
  return { exports: new Exports(new ConsoleContext(deps)), audit };
}

const patientEntry = (bundle: Bundle) => bundle.entry!.find((e) => e.resource!.resourceType === 'Patient')!;

describe('the clinic MRN matching option (clinic.fhirMrnSystem)', () => {
  it('is off by default and, when set, must be a URL (the error names the field)', () => {
    expect(parseRuntimeConfig({}).clinic.fhirMrnSystem).toBeUndefined();
    expect(parseRuntimeConfig({ clinic: { fhirMrnSystem: MRN_SYSTEM } }).clinic.fhirMrnSystem).toBe(
      MRN_SYSTEM,
    );
    expect(() => parseRuntimeConfig({ clinic: { fhirMrnSystem: 'MRN' } })).toThrow(ConfigError);
    expect(() => parseRuntimeConfig({ clinic: { fhirMrnSystem: 'MRN' } })).toThrow(/clinic\.fhirMrnSystem/);
    expect(() => parseRuntimeConfig({ clinic: { fhirMrnSystem: 42 } })).toThrow(/clinic\.fhirMrnSystem/);
  });

  it('off: the conditional update matches the pseudonymous id, and no reference leaves', async () => {
    const { exports } = exportsWith({}, 'MRN-4471');
    const bundle = await exports.fhir(CLINICIAN, PATIENT, 'transaction');
    const entry = patientEntry(bundle);
    expect(entry.request).toEqual({
      method: 'PUT',
      url: `Patient?identifier=${encodeURIComponent(OWN_SYSTEM)}|${PATIENT}`,
    });
    expect((entry.resource as Patient).identifier).toEqual([{ system: OWN_SYSTEM, value: PATIENT }]);
    expect(JSON.stringify(bundle)).not.toContain('4471');
  });

  it('on: the conditional update matches the clinic reference under the MRN system, carried as an MR identifier', async () => {
    const { exports, audit } = exportsWith({ fhirMrnSystem: MRN_SYSTEM }, 'MRN-4471');
    const bundle = await exports.fhir(CLINICIAN, PATIENT, 'transaction');
    const entry = patientEntry(bundle);
    expect(entry.request).toEqual({
      method: 'PUT',
      url: `Patient?identifier=${encodeURIComponent(MRN_SYSTEM)}|MRN-4471`,
    });
    expect((entry.resource as Patient).identifier).toEqual([
      { system: OWN_SYSTEM, value: PATIENT },
      {
        use: 'usual',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
        system: MRN_SYSTEM,
        value: 'MRN-4471',
      },
    ]);
    // Every other entry points at the Patient by its fullUrl, whichever identifier matched it.
    const refs = JSON.stringify(bundle.entry!.filter((e) => e !== entry).map((e) => e.resource));
    expect(refs).toContain(entry.fullUrl);
    expect(audit.map((a) => [a.action, a.patientId, a.detail])).toEqual([
      ['export-fhir', PATIENT, 'transaction'],
    ]);
  });

  it('on, for a patient with no clinic reference (self-enrolled): the pseudonymous id still matches', async () => {
    const { exports } = exportsWith({ fhirMrnSystem: MRN_SYSTEM }, undefined);
    const entry = patientEntry(await exports.fhir(CLINICIAN, PATIENT, 'transaction'));
    expect(entry.request!.url).toBe(`Patient?identifier=${encodeURIComponent(OWN_SYSTEM)}|${PATIENT}`);
    expect((entry.resource as Patient).identifier).toHaveLength(1);
  });
});
