/**
 * The clinic's exports (pure): the patients list as CSV, and one patient as a FHIR R4 Bundle a
 * records system can take: a pseudonymous Patient (the console's random id, nothing else of the
 * person), the assessment as a QuestionnaireResponse, the plan as a CarePlan, and each pain score
 * as an Observation coded LOINC 72514-3 (pain severity, 0–10 verbal numeric rating, reported).
 * Typed with @types/fhir's R4 definitions; the tests validate every bundle against the FHIR R4
 * JSON schema.
 */
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  FhirResource,
  Observation,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from 'fhir/r4';
import { findMovement } from '../plan/catalog.ts';
import type { ClinicEvent, PatientRow } from './roster.ts';
import type { PlanRecord } from '../model.ts';
import { doseInWords } from '../plan/page.ts';
import { RED_FLAGS } from '../plan/rules.ts';

/** LOINC: "Pain severity - 0-10 verbal numeric rating [Score] - Reported". */
export const PAIN_SCORE_LOINC = {
  system: 'http://loinc.org',
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
};

/** Where this service's own identifiers and codes live (a URN: no web address is implied). */
const SYSTEM = 'urn:rehab-reminders';

/** A UUID made from the parts, so the same record always exports with the same fullUrl. */
function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** FHIR's code for an answered questionnaire (a QuestionnaireResponse status, not a plan's). */
const FHIR_ANSWERED: QuestionnaireResponse['status'] = 'completed';

const CARE_PLAN_STATUS: Record<PlanRecord['status'], CarePlan['status']> = {
  pending_verification: 'draft',
  active: 'active',
  paused: 'on-hold',
  stopped: 'revoked',
  replaced: 'revoked',
  completed: 'completed',
};

export interface FhirExportInput {
  patientId: string;
  plan?: Pick<PlanRecord, 'planId' | 'status' | 'plan' | 'assessment' | 'createdAt'>;
  events: readonly ClinicEvent[];
  now: Date;
}

export function patientBundle(input: FhirExportInput): Bundle<FhirResource> {
  const { patientId, plan, events } = input;
  const patientUrl = `urn:uuid:${stableUuid('patient', patientId)}`;
  const patient: Patient = {
    resourceType: 'Patient',
    id: patientId,
    meta: {
      // Pseudonymised: the id is the clinic console's random one; no name, number or birth date.
      security: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
          code: 'PSEUDED',
          display: 'pseudonymized',
        },
      ],
    },
    identifier: [{ system: `${SYSTEM}:patient`, value: patientId }],
  };
  const entries: BundleEntry<FhirResource>[] = [{ fullUrl: patientUrl, resource: patient }];
  const subject = { reference: patientUrl };

  if (plan) {
    const { scores, redFlags, restPain } = plan.assessment;
    const items: QuestionnaireResponseItem[] = Object.entries(scores).map(([id, score]) => ({
      linkId: `movement.${id}`,
      text: `Pain while trying ${findMovement(id)?.name ?? id} (0–10)`,
      answer: [{ valueInteger: score }],
    }));
    if (restPain !== undefined)
      items.push({ linkId: 'rest-pain', text: 'Pain at rest (0–10)', answer: [{ valueInteger: restPain }] });
    items.push({
      linkId: 'red-flags',
      text: 'Warning signs reported',
      ...(redFlags.length
        ? {
            answer: redFlags.map((flag) => ({
              valueCoding: {
                system: `${SYSTEM}:red-flag`,
                code: flag,
                display: RED_FLAGS.find((f) => f.id === flag)?.label ?? flag,
              },
            })),
          }
        : {}),
    });
    const assessment: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: FHIR_ANSWERED,
      questionnaire: `${SYSTEM}:questionnaire:back-movement-assessment`,
      subject,
      authored: plan.createdAt,
      item: items,
    };
    const assessmentUrl = `urn:uuid:${stableUuid('assessment', plan.planId)}`;
    entries.push({ fullUrl: assessmentUrl, resource: assessment });

    const p = plan.plan;
    const carePlan: CarePlan = {
      resourceType: 'CarePlan',
      identifier: [{ system: `${SYSTEM}:plan`, value: plan.planId }],
      status: CARE_PLAN_STATUS[plan.status],
      intent: 'plan',
      title: 'Home rehab plan for back pain',
      description: `${p.movements.length} movements, ${p.sessionsPerDay} sessions a day at ${p.sessionTimes.join(', ')} (${p.timeZone}), for ${p.lengthDays} days.`,
      subject,
      period: { start: p.startsAt, end: p.endsAt },
      created: plan.createdAt,
      supportingInfo: [{ reference: assessmentUrl }],
      activity: p.movements.map((m) => ({
        detail: {
          status:
            plan.status === 'active'
              ? 'in-progress'
              : plan.status === 'completed'
                ? 'completed'
                : 'not-started',
          code: { coding: [{ system: `${SYSTEM}:movement`, code: m.id, display: m.name }], text: m.name },
          description: doseInWords(m),
          scheduledTiming: {
            repeat: {
              boundsPeriod: { start: p.startsAt, end: p.endsAt },
              frequency: p.sessionsPerDay,
              period: 1,
              periodUnit: 'd',
              timeOfDay: p.sessionTimes.map((t) => `${t}:00`),
            },
          },
        },
      })),
    };
    entries.push({ fullUrl: `urn:uuid:${stableUuid('care-plan', plan.planId)}`, resource: carePlan });
  }

  for (const e of events) {
    if (e.type !== 'pain' || e.pain === undefined) continue;
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'survey',
              display: 'Survey',
            },
          ],
        },
      ],
      code: { coding: [PAIN_SCORE_LOINC], text: 'Pain score reported by text message' },
      subject,
      effectiveDateTime: e.at,
      valueInteger: e.pain,
    };
    entries.push({ fullUrl: `urn:uuid:${stableUuid('pain', patientId, e.at)}`, resource: observation });
  }

  return {
    resourceType: 'Bundle',
    id: stableUuid('bundle', patientId, input.now.toISOString()),
    meta: { lastUpdated: input.now.toISOString() },
    type: 'collection',
    timestamp: input.now.toISOString(),
    entry: entries,
  };
}

/**
 * Where a spreadsheet may start a cell inside a text, and what would make that cell a formula:
 * the start, and after `;` (the list separator of semicolon locales, where a quote counts only at
 * the start of a field, so a quoted "Smith;=1+2" still splits), a tab or a line break.
 */
const CELL_START = /[;\t\r\n]/;
const FORMULA_START = /[=+\-@\t\r]/;
/** A text some spreadsheet could split into cells (or that holds a quote): quoted. */
const SPLITS = /[",;\t\r\n]/;

/**
 * A CSV cell that no spreadsheet reads as a formula or splits, in a "," or a ";" locale (OWASP's
 * CSV injection advice): every place a cell could start with `= + - @`, a tab or CR gets a quote
 * mark first (shown as text), and such a text, or one with a separator, a quote, a tab or a line
 * break, is quoted (RFC 4180). Numbers are the service's own and go as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = '';
  for (let i = 0; i < value.length; i++) {
    if ((i === 0 || CELL_START.test(value[i - 1]!)) && FORMULA_START.test(value[i]!)) text += "'";
    text += value[i];
  }
  // Disarmed or splittable: quoted, so the quote mark and what follows stay one cell.
  return text !== value || SPLITS.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'patient_id',
  'reference',
  'source',
  'status',
  'status_reason',
  'plan_day',
  'plan_days',
  'sessions_done_7d',
  'sessions_due_7d',
  'adherence_7d_percent',
  'last_pain',
  'last_pain_at',
  'last_session_at',
  'open_alerts',
  'enrolled_at',
] as const;

/** The patients list as CSV (RFC 4180, CRLF line ends, a header row). */
export function patientsCsv(rows: readonly PatientRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const ratio = r.adherence7d?.ratio;
    lines.push(
      [
        r.patientId,
        r.reference,
        r.source,
        r.status,
        r.statusReason,
        r.planDay?.day,
        r.planDay?.of,
        r.adherence7d?.done,
        r.adherence7d?.expected,
        ratio === null || ratio === undefined ? null : Math.round(ratio * 100),
        r.lastPain?.pain,
        r.lastPain?.at,
        r.lastSessionAt,
        r.openAlerts,
        r.enrolledAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
