import type { AlertView } from './alerts.ts';
import { alertSummary, compareAlerts } from '../../../shared/domain/clinic/alerts.ts';
import type { PatientRow } from '../../../shared/domain/clinic/read-model.ts';
import { MAX_REFERENCE_LENGTH, sealReference } from '../../../shared/domain/clinic/secrets.ts';
import {
  MIN_SEARCH,
  patientIdPrefix,
  queryToken,
  referenceMatches,
  searchTokens,
} from '../../../shared/domain/clinic/search.ts';
import {
  planProgress,
  timeline,
  type ClinicDelivery,
  type ProgressDay,
  type Staff,
  type TimelineItem,
} from '../../../shared/domain/clinic/roster.ts';
import { doseInWords } from '../../../shared/domain/plan/page.ts';
import type { Plan } from '../../../shared/domain/plan/plan.ts';
import type { PatientRecords, RosterQuery } from '../../../shared/ports.ts';
import { InvalidInputError, PatientNotFoundError } from '../errors.ts';
import type { ClinicianCheck, PlanRecord } from '../../../shared/domain/model.ts';
import { RED_FLAGS } from '../../../shared/domain/plan/red-flags.ts';
import type { ConsoleContext } from './context.ts';

export interface PlanView {
  planId: string;
  status: string;
  channel: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  sessionTimes: string[];
  movements: { id: string; name: string; dose: string; pain: number }[];
  assessment?: {
    scores: Record<string, number>;
    redFlags: string[];
    restPain?: number;
    /** Weak flags alone, cleared: who says a clinician checked this pain (the patient, or the clinic). */
    clinicianCheck?: ClinicianCheck;
    /** The warning signs ticked and who cleared them, in words for the patient's page. */
    safety?: string;
  };
}

export interface PatientDetail {
  patient: PatientRow;
  plan: PlanView | null;
  progress: ProgressDay[];
  timeline: TimelineItem[];
  /** Where the timeline's next page starts (`before`), or null: it is all there. */
  timelineNext: string | null;
  alerts: AlertView[];
}

function planView(records: PatientRecords): PlanView | null {
  const record = records.plan;
  if (!record) return null;
  const plan: Plan = record.plan;
  return {
    planId: record.planId,
    status: record.status,
    channel: record.channel,
    startDate: plan.startDate,
    endDate: plan.endDate,
    timeZone: plan.timeZone,
    sessionTimes: [...plan.sessionTimes],
    movements: plan.movements.map((m) => ({ id: m.id, name: m.name, dose: doseInWords(m), pain: m.pain })),
    assessment: {
      scores: record.assessment.scores,
      redFlags: [...record.assessment.redFlags],
      ...(record.assessment.restPain !== undefined ? { restPain: record.assessment.restPain } : {}),
      ...(record.assessment.clinicianCheck ? { clinicianCheck: record.assessment.clinicianCheck } : {}),
      ...(record.assessment.redFlags.length ? { safety: safetyWords(record.assessment) } : {}),
    },
  };
}

/** "Warning signs ticked: …. The patient says a clinician has checked this back pain." */
function safetyWords(assessment: PlanRecord['assessment']): string {
  const ticked = assessment.redFlags.map((id) => RED_FLAGS.find((f) => f.id === id)?.label ?? id);
  const check = assessment.clinicianCheck;
  const by = !check
    ? ''
    : check.by === 'clinic'
      ? ` Cleared by the clinic: a clinician checked this back pain (invite ${check.inviteId ?? 'unknown'}).`
      : ' The patient says a clinician has checked this back pain.';
  return `Warning signs ticked: ${ticked.join('; ')}.${by}`;
}

/** What a list page asks for (the route's query, checked). */
export interface PatientsQuery {
  status?: string;
  q?: string;
  alertsOnly?: boolean;
  cursor?: string;
  limit?: number;
}

export const PAGE_SIZE = 50;

/** The roster as staff read it: the list (paged), a patient's page, the reference. */
export class Patients {
  constructor(private readonly ctx: ConsoleContext) {}

  /**
   * A page of the patients list, most urgent first (read-model.ts), from the index that answers
   * it: the triage order, a status, a patient id's start, or a reference's start (its keyed-hash
   * token, then the rows, kept only if their reference really starts so). With a search, a status
   * or "open alerts only" filters the page it found (a page may then hold fewer rows). Audited.
   */
  async patients(
    staff: Staff,
    query: PatientsQuery = {},
  ): Promise<{ patients: PatientRow[]; next: string | null; reads: number }> {
    this.ctx.require(staff, 'viewer');
    const limit = query.limit ?? PAGE_SIZE;
    const base = { limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
    const q = query.q?.trim() ?? '';
    let rosterQuery: RosterQuery;
    let normalised: string | undefined;
    const idPrefix = q ? patientIdPrefix(q) : undefined;
    if (idPrefix) rosterQuery = { ...base, by: 'id', prefix: idPrefix };
    else if (q) {
      const found = queryToken(q, this.ctx.deps.hashKey);
      if ('tooShort' in found)
        throw new InvalidInputError(
          'q',
          `q must be a patient id (P-…) or at least ${MIN_SEARCH} letters of a reference`,
        );
      normalised = found.normalised;
      rosterQuery = { ...base, by: 'token', token: found.token };
    } else if (query.status)
      rosterQuery = { ...base, by: 'status', status: query.status, alertsOnly: query.alertsOnly ?? false };
    else rosterQuery = { ...base, by: 'triage', alertsOnly: query.alertsOnly ?? false };
    const page = await this.ctx.deps.readModel.page(rosterQuery);
    let rows = page.rows.map((r) => this.ctx.view(r));
    if (normalised !== undefined)
      rows = rows.filter((r) => r.reference && referenceMatches(r.reference, normalised!));
    if (q && query.status) rows = rows.filter((r) => r.status === query.status);
    if (q && query.alertsOnly) rows = rows.filter((r) => r.openAlerts > 0);
    await this.ctx.record(staff, 'view-patients', undefined, `${rows.length} patients`);
    return { patients: rows, next: page.next ?? null, reads: page.reads };
  }

  async patient(staff: Staff, patientId: string): Promise<PatientDetail> {
    this.ctx.require(staff, 'viewer');
    const row = await this.ctx.deps.readModel.row(patientId);
    if (!row) throw new PatientNotFoundError(`no patient ${patientId}`);
    const [records, alerts, timelinePage] = await Promise.all([
      this.ctx.deps.directory.records(row.phoneHash),
      this.ctx.deps.alerts.forPatient(row.phoneHash),
      this.timelinePage(patientId, row.phoneHash, undefined),
    ]);
    const now = this.ctx.clock.now();
    const reference = this.ctx.reference(row.sealedReference, { patientId });
    await this.ctx.record(staff, 'view-patient', patientId);
    return {
      patient: this.ctx.view(row),
      plan: planView(records),
      progress: records.plan ? planProgress(records.plan, records.events, now) : [],
      timeline: timelinePage.items,
      timelineNext: timelinePage.next,
      alerts: alerts
        .sort(compareAlerts)
        .map((a) => ({ ...a, summary: alertSummary(a.kind, a.detail), reference })),
    };
  }

  /** A later page of the patient's timeline (items before `before`). */
  async timeline(staff: Staff, patientId: string, before: string | undefined) {
    this.ctx.require(staff, 'viewer');
    const entry = await this.ctx.entry(patientId);
    const page = await this.timelinePage(patientId, entry.phoneHash, before);
    await this.ctx.record(staff, 'view-patient', patientId, 'timeline');
    return { timeline: page.items, next: page.next };
  }

  /**
   * The timeline for the whole plan, a page at a time: the plan's texts (logged for the whole plan,
   * with the two days the plan item still holds), replies and staff actions, newest first.
   */
  private async timelinePage(patientId: string, phoneHash: string, before: string | undefined) {
    const size = TIMELINE_PAGE;
    const records = await this.ctx.deps.directory.records(phoneHash);
    const plan = records.plan;
    const [events, texts, actions] = await Promise.all([
      plan ? this.ctx.deps.directory.eventsPage(plan.planId, before, size) : [],
      plan ? this.ctx.deps.directory.textsPage(plan.planId, before, size) : [],
      this.ctx.deps.audit.patientActions(patientId, before, size),
    ]);
    const deliveries: Record<string, ClinicDelivery> = {};
    for (const [key, entry] of Object.entries(records.deliveries))
      if (!before || key < before) deliveries[key] = entry;
    for (const t of texts) deliveries[t.key] ??= t.entry;
    const items = timeline(deliveries, events, actions, plan?.plan).filter((i) => !before || i.at < before);
    // More when any source filled its page, or the merge left some over.
    const more =
      items.length > size || events.length === size || texts.length === size || actions.length === size;
    // Could the page's last instant go on past it (left over by the merge, or in a full source)?
    const last = items[size - 1]?.at;
    const atLast = (at: string | undefined) => at !== undefined && Date.parse(at) === Date.parse(last!);
    const split =
      last !== undefined &&
      (atLast(items[size]?.at) ||
        (events.length === size && atLast(events.at(-1)!.at)) ||
        (actions.length === size && atLast(actions.at(-1)!.at)) ||
        (texts.length === size && atLast(texts.at(-1)!.key)));
    const page = split ? wholeInstants(items.slice(0, size)) : items.slice(0, size);
    return { items: page, next: more && page.length ? page.at(-1)!.at : null };
  }

  async setReference(staff: Staff, patientId: string, reference: string): Promise<PatientRow> {
    this.ctx.require(staff, 'clinician');
    const entry = await this.ctx.entry(patientId);
    const text = reference.slice(0, MAX_REFERENCE_LENGTH);
    const sealed = sealReference(text, this.ctx.deps.hashKey, { patientId });
    if (!(await this.ctx.deps.directory.setReference(patientId, sealed)))
      throw new PatientNotFoundError(patientId);
    await this.ctx.deps.readModel.setSearchTokens(
      patientId,
      entry.phoneHash,
      searchTokens(text, this.ctx.deps.hashKey),
      (entry as { expiresAt?: number }).expiresAt,
    );
    await this.ctx.record(staff, 'set-reference', patientId);
    const row = await this.ctx.deps.readModel.row(patientId);
    if (!row) throw new PatientNotFoundError(patientId);
    return this.ctx.view(row);
  }
}

/** Timeline items a page. */
export const TIMELINE_PAGE = 50;

/**
 * A page that ends between two entries of the same instant (a reply read as "done" and a pain
 * score, an action and its text) would lose the rest of that instant: the next page starts strictly
 * before the cursor. So such a page ends before its last instant, which the next page then brings
 * whole; a page that is one instant throughout stays as it is (it could not move on).
 */
export function wholeInstants<T extends { at: string }>(page: T[]): T[] {
  const last = page.at(-1)?.at;
  const cut = page.findIndex((item) => item.at === last);
  return cut > 0 ? page.slice(0, cut) : page;
}
