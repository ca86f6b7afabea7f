/**
 * One patient as FHIR R4 (pure), in two forms:
 *
 * - a **collection** Bundle, to read or archive;
 * - a **transaction** Bundle a FHIR server (HAPI, or any that follows the spec's transaction rules)
 *   processes as one unit, so the same export sent again updates what it made and duplicates
 *   nothing: the Patient by a conditional update on this deployment's own identifier system (or,
 *   where the clinic turns it on, its MRN), the CarePlan and the red-flag Flags by conditional
 *   updates (their status changes), the assessment and each pain score by conditional creates;
 *   every reference a `urn:uuid` of an entry in the Bundle, with its type.
 *
 * The HAPI transaction rules relied on (docs/CLINICS.md, each tested in test/unit/clinic-fhir.test.ts):
 *   T1 every entry has `request.method` and `request.url`; POST names the type, PUT a conditional URL
 *   T2 a conditional create is POST with `ifNoneExist` (the search, no "?"): made once, then matched
 *   T3 a conditional update is PUT `Type?identifier=system|value`: none found → created; one → updated
 *   T4 a reference to another entry is its `fullUrl` (`urn:uuid:<uuid>`); the server replaces it
 *      with the id it gives; a urn:uuid that names no entry is refused
 *   T5 `fullUrl`s are unique, and no two entries carry the same conditional URL
 *   T6 a conditionally updated resource carries no `id`
 *
 * Contents: a pseudonymous Patient (the console's random id; no name, number or birth date), the
 * assessment (QuestionnaireResponse), the plan (CarePlan: its status and each activity's status
 * from the plan's state and the sessions done, the pause reason as the activities' statusReason),
 * the sessions done (an Observation the activities point to), each pain score (Observation, LOINC
 * 72514-3), each report of words that may mean a red flag (Flag: active while its alert is open),
 * and why the plan is paused or stopped (an Observation about the CarePlan).
 */
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  BundleEntryRequest,
  CarePlan,
  CarePlanActivity,
  Flag,
  FhirResource,
  Identifier,
  Observation,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
} from 'fhir/r4';
import type { AlertEpisode } from './alerts.ts';
import { countsOf, type ClinicEvent } from './roster.ts';
import type { PlanRecord } from '../model.ts';
import { findMovement } from '../plan/catalog.ts';
import { parseReason } from '../plan/lifecycle.ts';
import { doseInWords } from '../plan/page.ts';
import { RED_FLAGS } from '../plan/red-flags.ts';

const FHIR_ANSWERS_FINAL = 'completed' as const;

/** LOINC: "Pain severity - 0-10 verbal numeric rating [Score] - Reported". */
export const PAIN_SCORE_LOINC = {
  system: 'http://loinc.org',
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
};

/** Where this service's own codes live (a URN: no web address is implied). */
const SYSTEM = 'urn:rehab-reminders';

export type BundleKind = 'collection' | 'transaction';

export interface FhirExportInput {
  patientId: string;
  plan?: Pick<PlanRecord, 'planId' | 'status' | 'statusReason' | 'plan' | 'assessment' | 'createdAt'> &
    Partial<Pick<PlanRecord, 'updatedAt'>>;
  events: readonly ClinicEvent[];
  /** The patient's alerts: red-flag reports become Flags. */
  alerts?: readonly Pick<AlertEpisode, 'alertId' | 'kind' | 'at' | 'state' | 'acknowledgedAt'>[];
  now: Date;
}

export interface FhirExportOptions {
  kind?: BundleKind;
  /** This deployment's identifier system for its patient ids (a URL the operator owns). */
  identifierSystem?: string;
  /** Match the Patient on the clinic's MRN instead (its system and the reference as the value). */
  mrn?: { system: string; value: string };
}

/** A UUID made from the parts, so the same record always exports with the same fullUrl. */
function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CARE_PLAN_STATUS: Record<PlanRecord['status'], CarePlan['status']> = {
  pending_verification: 'draft',
  active: 'active',
  paused: 'on-hold',
  stopped: 'revoked',
  replaced: 'revoked',
  completed: 'completed',
};

type ActivityStatus = NonNullable<CarePlanActivity['detail']>['status'];

/** An activity's status from the plan's state and whether any session was done. */
export function activityStatus(status: PlanRecord['status'], sessionsDone: number): ActivityStatus {
  switch (status) {
    case 'pending_verification':
      return 'not-started';
    case 'active':
      return sessionsDone > 0 ? 'in-progress' : 'scheduled';
    case 'paused':
      return 'on-hold';
    case 'completed':
      return sessionsDone > 0 ? 'completed' : 'cancelled';
    case 'stopped':
    case 'replaced':
      return sessionsDone > 0 ? 'stopped' : 'cancelled';
  }
}

const REASON_WORDS: Record<string, string> = {
  'patient-paused': 'Paused by the patient',
  'pain-reported': 'Paused: the patient reported pain of 8 or more',
  'red-flag-reported': 'Paused: the patient texted words that may mean a red flag',
  'clinic-paused': 'Paused by the clinic',
  'clinic-stopped': 'Stopped by the clinic',
  'opted-out': 'Stopped: the patient opted out of the texts',
  unreachable: 'Stopped: the patient could not be reached',
  'replaced-by': 'Replaced by a newer plan',
  'plan-ended': 'The plan ran its course',
};

const identifierQuery = (id: Identifier) =>
  `identifier=${encodeURIComponent(id.system!)}|${encodeURIComponent(id.value!)}`;

export function patientBundle(input: FhirExportInput, options: FhirExportOptions = {}): Bundle<FhirResource> {
  const kind = options.kind ?? 'collection';
  const { patientId, plan, events } = input;
  const own = (what: string, value: string): Identifier => ({ system: `${SYSTEM}:${what}`, value });
  const patientIdentifier: Identifier = {
    system: options.identifierSystem ?? `${SYSTEM}:patient`,
    value: patientId,
  };
  const patientUrl = `urn:uuid:${stableUuid('patient', patientId)}`;
  const subject: Reference = { reference: patientUrl, type: 'Patient' };
  const entries: BundleEntry<FhirResource>[] = [];
  /** An entry; in a transaction with its request: a conditional update (PUT) or create (POST). */
  const add = (resource: FhirResource, fullUrl: string, match: Identifier, how: 'update' | 'create') => {
    const request: BundleEntryRequest =
      how === 'update'
        ? { method: 'PUT', url: `${resource.resourceType}?${identifierQuery(match)}` }
        : { method: 'POST', url: resource.resourceType, ifNoneExist: identifierQuery(match) };
    entries.push({ fullUrl, resource, ...(kind === 'transaction' ? { request } : {}) });
  };

  const matchPatient = options.mrn
    ? { system: options.mrn.system, value: options.mrn.value }
    : patientIdentifier;
  const patient: Patient = {
    resourceType: 'Patient',
    // A conditionally updated resource carries no id (T6): the server gives or keeps its own.
    ...(kind === 'collection' ? { id: patientId } : {}),
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
    identifier: options.mrn
      ? [
          patientIdentifier,
          {
            use: 'usual',
            type: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }],
            },
            system: options.mrn.system,
            value: options.mrn.value,
          },
        ]
      : [patientIdentifier],
  };
  add(patient, patientUrl, matchPatient, 'update');

  if (plan) {
    const { done } = countsOf(events, plan.plan.sessionsPerDay);
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
    const assessmentId = own('assessment', plan.planId);
    const assessmentUrl = `urn:uuid:${stableUuid('assessment', plan.planId)}`;
    add(
      {
        resourceType: 'QuestionnaireResponse',
        identifier: assessmentId,
        // FHIR's QuestionnaireResponse status (the answers are final), not a plan's.
        status: FHIR_ANSWERS_FINAL,
        questionnaire: `${SYSTEM}:questionnaire:back-movement-assessment`,
        subject,
        authored: plan.createdAt,
        item: items,
      } satisfies QuestionnaireResponse,
      assessmentUrl,
      assessmentId,
      'create',
    );

    const p = plan.plan;
    const carePlanUrl = `urn:uuid:${stableUuid('care-plan', plan.planId)}`;
    const sessionsUrl = `urn:uuid:${stableUuid('sessions', plan.planId)}`;
    const reason = parseReason(plan.statusReason);
    const reasonText = reason ? (REASON_WORDS[reason.kind] ?? reason.kind) : undefined;
    const sessionsId = own('sessions-done', plan.planId);
    // Sessions done so far: one count for the plan, updated with each export.
    add(
      {
        resourceType: 'Observation',
        identifier: [sessionsId],
        status: plan.status === 'active' || plan.status === 'paused' ? 'preliminary' : 'final',
        code: { text: 'Home exercise sessions done (of the plan, by text or the plan page)' },
        subject,
        effectivePeriod: {
          start: p.startsAt,
          end: input.now < new Date(p.endsAt) ? input.now.toISOString() : p.endsAt,
        },
        valueInteger: done.size,
      } satisfies Observation,
      sessionsUrl,
      sessionsId,
      'update',
    );
    const carePlanId = own('plan', plan.planId);
    const activity = activityStatus(plan.status, done.size);
    add(
      {
        resourceType: 'CarePlan',
        identifier: [carePlanId],
        status: CARE_PLAN_STATUS[plan.status],
        intent: 'plan',
        title: 'Home rehab plan for back pain',
        description: `${p.movements.length} movements, ${p.sessionsPerDay} sessions a day at ${p.sessionTimes.join(', ')} (${p.timeZone}), for ${p.lengthDays} days. ${done.size} sessions done.`,
        subject,
        period: { start: p.startsAt, end: p.endsAt },
        created: plan.createdAt,
        supportingInfo: [{ reference: assessmentUrl, type: 'QuestionnaireResponse' }],
        activity: p.movements.map((m) => ({
          outcomeReference: [{ reference: sessionsUrl, type: 'Observation' }],
          detail: {
            status: activity,
            ...(reasonText && (activity === 'on-hold' || activity === 'stopped' || activity === 'cancelled')
              ? { statusReason: { text: reasonText } }
              : {}),
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
      } satisfies CarePlan,
      carePlanUrl,
      carePlanId,
      'update',
    );
    if (reason && reasonText && plan.status !== 'active' && plan.status !== 'pending_verification') {
      // Why it is paused or stopped, as a resource about the CarePlan (its status says only that it is).
      const why = own('status-reason', plan.planId);
      add(
        {
          resourceType: 'Observation',
          identifier: [why],
          status: 'final',
          code: { text: 'Why the home rehab plan is paused or stopped' },
          subject,
          focus: [{ reference: carePlanUrl, type: 'CarePlan' }],
          ...(plan.updatedAt ? { effectiveDateTime: plan.updatedAt } : {}),
          valueCodeableConcept: {
            coding: [{ system: `${SYSTEM}:status-reason`, code: reason.kind }],
            text: reasonText,
          },
        } satisfies Observation,
        `urn:uuid:${stableUuid('status-reason', plan.planId)}`,
        why,
        'update',
      );
    }
  }

  for (const e of events) {
    if (e.type !== 'pain' || e.pain === undefined) continue;
    const id = own('pain', `${patientId}/${e.at}`);
    add(
      {
        resourceType: 'Observation',
        identifier: [id],
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
      } satisfies Observation,
      `urn:uuid:${stableUuid('pain', patientId, e.at)}`,
      id,
      'create',
    );
  }

  for (const a of input.alerts ?? []) {
    if (a.kind !== 'red-flag') continue;
    const id = own('red-flag-report', a.alertId);
    add(
      {
        resourceType: 'Flag',
        identifier: [id],
        status: a.state === 'open' ? 'active' : 'inactive',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/flag-category',
                code: 'clinical',
                display: 'Clinical',
              },
            ],
          },
        ],
        code: {
          text: 'The patient texted words that may mean a red flag (urgent advice was sent); read them in the clinic console',
        },
        subject,
        period: { start: a.at, ...(a.acknowledgedAt ? { end: a.acknowledgedAt } : {}) },
      } satisfies Flag,
      `urn:uuid:${stableUuid('red-flag', a.alertId)}`,
      id,
      'update',
    );
  }

  return {
    resourceType: 'Bundle',
    ...(kind === 'collection' ? { id: stableUuid('bundle', patientId, input.now.toISOString()) } : {}),
    meta: { lastUpdated: input.now.toISOString() },
    type: kind,
    ...(kind === 'collection' ? { timestamp: input.now.toISOString() } : {}),
    entry: entries,
  };
}
