import type { AlertView } from './alerts.ts';
import { alertSummary, type AlertKind } from '../../../shared/domain/clinic/alerts.ts';
import { MAX_REFERENCE_LENGTH, sealReference } from '../../../shared/domain/clinic/secrets.ts';
import {
  auditKindOf,
  progressDays,
  timeline,
  type PatientRow,
  type ProgressDay,
  type Staff,
  type TimelineItem,
} from '../../../shared/domain/clinic/roster.ts';
import { patientBundle, patientsCsv } from '../../../shared/domain/clinic/export.ts';
import { doseInWords } from '../../../shared/domain/plan/page.ts';
import type { Plan } from '../../../shared/domain/plan/plan.ts';
import type { PatientRecords } from '../../../shared/ports.ts';
import type { ClinicianCheck, PlanRecord } from '../../../shared/domain/model.ts';
import { RED_FLAGS } from '../../../shared/domain/plan/rules.ts';
import { PatientNotFoundError } from '../errors.ts';
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
  alerts: AlertView[];
}

/** How many patients' records are read at once for the list (one partition each). */
const READ_CONCURRENCY = 8;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return out;
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

/** Months "YYYY-MM" from `from` to `to`, inclusive (the audit log's partitions). */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 120; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= to.slice(0, 7)) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** The roster as staff read it: the list, a patient's page, the reference, the exports. */
export class Patients {
  constructor(private readonly ctx: ConsoleContext) {}

  /** Every patient on the roster, as rows (the page filters and sorts them); the view is audited. */
  async patients(staff: Staff): Promise<PatientRow[]> {
    this.ctx.require(staff, 'viewer');
    const rows = await this.rows();
    await this.ctx.record(staff, 'view-patients', undefined, `${rows.length} patients`);
    return rows;
  }

  private async rows(): Promise<PatientRow[]> {
    const [roster, alerts] = await Promise.all([
      this.ctx.deps.directory.roster(),
      this.ctx.deps.alerts.list(),
    ]);
    const open = this.ctx.openAlertsByPatient(alerts);
    const rows = await mapLimited(roster, READ_CONCURRENCY, async (entry) =>
      this.ctx.row(
        entry,
        await this.ctx.deps.directory.records(entry.phoneHash),
        open.get(entry.patientId) ?? 0,
      ),
    );
    return rows.sort((a, b) => (a.enrolledAt < b.enrolledAt ? 1 : -1));
  }

  async patient(staff: Staff, patientId: string): Promise<PatientDetail> {
    this.ctx.require(staff, 'viewer');
    const entry = await this.ctx.entry(patientId);
    const [records, alerts] = await Promise.all([
      this.ctx.deps.directory.records(entry.phoneHash),
      this.ctx.deps.alerts.list(),
    ]);
    const mine = alerts.filter((a) => a.patientId === patientId);
    const now = this.ctx.clock.now();
    const audit = (
      await Promise.all(
        monthsBetween(entry.enrolledAt, now.toISOString()).map((m) => this.ctx.deps.audit.month(m)),
      )
    )
      .flat()
      // The timeline shows what was done to the patient, not who looked (that is in the audit log).
      .filter((a) => a.patientId === patientId && auditKindOf(a.action) === 'changes');
    const reference = this.ctx.reference(entry.sealedReference, { patientId });
    await this.ctx.record(staff, 'view-patient', patientId);
    return {
      patient: this.ctx.row(entry, records, this.ctx.openAlertsByPatient(mine).get(patientId) ?? 0),
      plan: planView(records),
      progress: records.plan ? progressDays(records.plan.plan, records.events, now) : [],
      timeline: timeline(records.deliveries, records.events, audit, records.plan?.plan),
      alerts: mine.map((a) => ({ ...a, summary: alertSummary(a.kind as AlertKind), reference })),
    };
  }

  async setReference(staff: Staff, patientId: string, reference: string): Promise<PatientRow> {
    this.ctx.require(staff, 'clinician');
    const entry = await this.ctx.entry(patientId);
    const sealed = sealReference(reference.slice(0, MAX_REFERENCE_LENGTH), this.ctx.deps.hashKey, {
      patientId,
    });
    if (!(await this.ctx.deps.directory.setReference(patientId, sealed)))
      throw new PatientNotFoundError(patientId);
    await this.ctx.record(staff, 'set-reference', patientId);
    return this.ctx.row(
      { ...entry, sealedReference: sealed },
      await this.ctx.deps.directory.records(entry.phoneHash),
      0,
    );
  }

  /** Every patient's row as CSV (each export is in the audit log). */
  async exportCsv(staff: Staff): Promise<{ filename: string; body: string }> {
    this.ctx.require(staff, 'clinician');
    const rows = await this.rows();
    await this.ctx.record(staff, 'export-csv', undefined, `${rows.length} patients`);
    return {
      filename: `patients-${this.ctx.clock.now().toISOString().slice(0, 10)}.csv`,
      body: patientsCsv(rows),
    };
  }

  /** One patient as a FHIR R4 Bundle: pseudonymous Patient, assessment, plan, pain scores. */
  async exportFhir(staff: Staff, patientId: string) {
    this.ctx.require(staff, 'clinician');
    const entry = await this.ctx.entry(patientId);
    const records = await this.ctx.deps.directory.records(entry.phoneHash);
    const bundle = patientBundle({
      patientId,
      ...(records.plan ? { plan: records.plan } : {}),
      events: records.events,
      now: this.ctx.clock.now(),
    });
    await this.ctx.record(staff, 'export-fhir', patientId);
    return bundle;
  }
}
