/**
 * The clinic console's use cases: what staff see and do, each checked against the caller's role
 * first (viewer < clinician < admin), each action written to the audit log. The domain computes
 * the read model (shared/domain/clinic/roster.ts); this class gathers the items and sequences the ports.
 */
import { renderSVG } from 'uqr';
import { silentLog, systemClock } from '../../shared/adapters/defaults.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import { alertSummary, type AlertKind } from '../../shared/domain/clinic/alerts.ts';
import {
  hashInviteToken,
  inviteToken,
  inviteUrl,
  MAX_REFERENCE_LENGTH,
  newInviteId,
  newInviteNonce,
  openReference,
  sealReference,
} from '../../shared/domain/clinic/secrets.ts';
import {
  hasRole,
  patientRow,
  progressDays,
  timeline,
  type AuditAction,
  type AuditEntry,
  type PatientRow,
  type ProgressDay,
  type RosterEntry,
  type Staff,
  type StaffRole,
  type TimelineItem,
} from '../../shared/domain/clinic/roster.ts';
import { patientBundle, patientsCsv } from '../../shared/domain/clinic/export.ts';
import { transition, type LifecycleEvent } from '../../shared/domain/plan/lifecycle.ts';
import { doseInWords } from '../../shared/domain/plan/page.ts';
import type { Plan } from '../../shared/domain/plan/plan.ts';
import type {
  AuditLog,
  ClinicAlertStore,
  ClinicDirectory,
  Clock,
  Log,
  PatientRecords,
  PlanRepository,
  StoredAlert,
} from '../../shared/ports.ts';
import {
  ActionConflictError,
  AlertNotFoundError,
  ConfirmationError,
  ForbiddenError,
  PatientNotFoundError,
} from './errors.ts';

export interface ConsoleDeps {
  directory: ClinicDirectory;
  alerts: ClinicAlertStore;
  audit: AuditLog;
  repo: Pick<PlanRepository, 'changeStatus' | 'erasePatient'>;
  /**
   * Sends a new verification code for a plan waiting for one: the intake's own resend, with every
   * limit it keeps (per plan, per number, per client, the service's breaker).
   */
  resendCode: (planId: string, client: { address: string }) => Promise<unknown>;
  /** HMAC key: invite tokens, and the key sealed references are opened with (HKDF). */
  hashKey: string;
  config: Pick<RuntimeConfig, 'clinic' | 'appName'>;
  /** Where invite links point (the form's origin: formUrl, or the API's own URL). */
  baseUrl: string;
  clock?: Clock;
  log?: Log;
}

/** The actions staff take on a patient, and the role each needs. */
export const PATIENT_ACTIONS = {
  pause: 'clinician',
  resume: 'clinician',
  stop: 'clinician',
  'resend-code': 'clinician',
  erase: 'admin',
} as const satisfies Record<string, StaffRole>;
export type PatientAction = keyof typeof PATIENT_ACTIONS;

const LIFECYCLE_OF: Record<'pause' | 'resume' | 'stop', LifecycleEvent> = {
  pause: { kind: 'clinic-paused' },
  resume: { kind: 'clinic-resumed' },
  stop: { kind: 'clinic-stopped' },
};

export interface AlertView extends StoredAlert {
  summary: string;
  reference: string | null;
}

export interface InviteView {
  inviteId: string;
  reference: string;
  link: string;
  /** The link as a QR code: an SVG image as a data: URI. */
  qr: string;
  createdAt: string;
  createdBy: string;
  validUntil: string;
}

export interface PlanView {
  planId: string;
  status: string;
  channel: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  sessionTimes: string[];
  movements: { id: string; name: string; dose: string; pain: number }[];
  assessment?: { scores: Record<string, number>; redFlags: string[]; restPain?: number };
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
    },
  };
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

export class ConsoleService {
  private readonly clock: Clock;
  private readonly log: Log;

  constructor(private readonly deps: ConsoleDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
  }

  private require(staff: Staff, role: StaffRole): void {
    if (!hasRole(staff.role, role)) throw new ForbiddenError(`this needs the ${role} role`);
  }

  private async record(staff: Staff, action: AuditAction, patientId?: string, detail?: string) {
    const entry: AuditEntry = {
      at: this.clock.now().toISOString(),
      by: staff.username,
      bySub: staff.sub,
      action,
      ...(patientId ? { patientId } : {}),
      ...(detail ? { detail } : {}),
    };
    await this.deps.audit.record(entry);
    this.log.info('console action', { action, patientId, by: staff.sub });
  }

  /** The reference in clear, or null (none, or one that no longer opens: logged, never shown). */
  private reference(sealed: string | undefined, patientId: string): string | null {
    if (!sealed) return null;
    try {
      return openReference(sealed, this.deps.hashKey);
    } catch {
      this.log.warn('a clinic reference did not open with the key', { patientId });
      return null;
    }
  }

  me(staff: Staff) {
    this.require(staff, 'viewer');
    return { username: staff.username, role: staff.role };
  }

  private openAlertsByPatient(alerts: readonly StoredAlert[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of alerts)
      if (a.state === 'open') counts.set(a.patientId, (counts.get(a.patientId) ?? 0) + 1);
    return counts;
  }

  private row(entry: RosterEntry, records: PatientRecords, openAlerts: number): PatientRow {
    return patientRow(
      {
        entry,
        reference: this.reference(entry.sealedReference, entry.patientId),
        ...(records.plan ? { plan: records.plan } : {}),
        events: records.events,
        openAlerts,
      },
      this.clock.now(),
    );
  }

  /** Every patient on the roster, as rows (the page filters and sorts them). */
  async patients(staff: Staff): Promise<PatientRow[]> {
    this.require(staff, 'viewer');
    const [roster, alerts] = await Promise.all([this.deps.directory.roster(), this.deps.alerts.list()]);
    const open = this.openAlertsByPatient(alerts);
    const rows = await mapLimited(roster, READ_CONCURRENCY, async (entry) =>
      this.row(entry, await this.deps.directory.records(entry.phoneHash), open.get(entry.patientId) ?? 0),
    );
    return rows.sort((a, b) => (a.enrolledAt < b.enrolledAt ? 1 : -1));
  }

  private async entry(patientId: string): Promise<RosterEntry> {
    const entry = await this.deps.directory.rosterEntry(patientId);
    if (!entry) throw new PatientNotFoundError(`no patient ${patientId}`);
    return entry;
  }

  async patient(staff: Staff, patientId: string): Promise<PatientDetail> {
    this.require(staff, 'viewer');
    const entry = await this.entry(patientId);
    const [records, alerts] = await Promise.all([
      this.deps.directory.records(entry.phoneHash),
      this.deps.alerts.list(),
    ]);
    const mine = alerts.filter((a) => a.patientId === patientId);
    const now = this.clock.now();
    const audit = (
      await Promise.all(
        monthsBetween(entry.enrolledAt, now.toISOString()).map((m) => this.deps.audit.month(m)),
      )
    )
      .flat()
      .filter((a) => a.patientId === patientId);
    const reference = this.reference(entry.sealedReference, patientId);
    return {
      patient: this.row(entry, records, this.openAlertsByPatient(mine).get(patientId) ?? 0),
      plan: planView(records),
      progress: records.plan ? progressDays(records.plan.plan, records.events, now) : [],
      timeline: timeline(records.deliveries, records.events, audit, records.plan?.plan),
      alerts: mine.map((a) => ({ ...a, summary: alertSummary(a.kind as AlertKind), reference })),
    };
  }

  /** The inbox: open alerts first, newest first within each. */
  async alertList(staff: Staff, state: 'open' | 'all'): Promise<AlertView[]> {
    this.require(staff, 'viewer');
    const [alerts, roster] = await Promise.all([this.deps.alerts.list(), this.deps.directory.roster()]);
    const refs = new Map(roster.map((e) => [e.patientId, e.sealedReference]));
    return alerts
      .filter((a) => state === 'all' || a.state === 'open')
      .sort((a, b) =>
        a.state !== b.state ? (a.state === 'open' ? -1 : 1) : a.at < b.at ? 1 : a.at > b.at ? -1 : 0,
      )
      .map((a) => ({
        ...a,
        summary: alertSummary(a.kind),
        reference: this.reference(refs.get(a.patientId), a.patientId),
      }));
  }

  async acknowledge(staff: Staff, alertId: string): Promise<StoredAlert> {
    this.require(staff, 'clinician');
    const alert = await this.deps.alerts.get(alertId);
    if (!alert) throw new AlertNotFoundError(`no alert ${alertId}`);
    const now = this.clock.now();
    if (!(await this.deps.alerts.acknowledge(alertId, staff.username, now))) {
      throw new ActionConflictError('not_open', 'This alert was acknowledged already.');
    }
    await this.record(staff, 'acknowledge', alert.patientId, alertId);
    return {
      ...alert,
      state: 'acknowledged',
      acknowledgedAt: now.toISOString(),
      acknowledgedBy: staff.username,
    };
  }

  private inviteView(invite: {
    inviteId: string;
    nonce: string;
    sealedReference: string;
    createdAt: string;
    createdBy: string;
    validUntil: string;
  }): InviteView {
    const link = inviteUrl(this.deps.baseUrl, inviteToken(invite.inviteId, invite.nonce, this.deps.hashKey));
    return {
      inviteId: invite.inviteId,
      reference: this.reference(invite.sealedReference, invite.inviteId) ?? '',
      link,
      qr: `data:image/svg+xml;base64,${Buffer.from(renderSVG(link, { ecc: 'M', border: 2 })).toString('base64')}`,
      createdAt: invite.createdAt,
      createdBy: invite.createdBy,
      validUntil: invite.validUntil,
    };
  }

  /** A link (and QR code) for one patient, under the clinic's reference; valid `inviteValidDays`. */
  async createInvite(staff: Staff, reference: string): Promise<InviteView> {
    this.require(staff, 'clinician');
    const now = this.clock.now();
    const inviteId = newInviteId();
    const nonce = newInviteNonce();
    const token = inviteToken(inviteId, nonce, this.deps.hashKey);
    const invite = {
      inviteId,
      tokenHash: hashInviteToken(token, this.deps.hashKey),
      nonce,
      sealedReference: sealReference(reference.slice(0, MAX_REFERENCE_LENGTH), this.deps.hashKey),
      createdAt: now.toISOString(),
      createdBy: staff.username,
      validUntil: new Date(
        now.getTime() + this.deps.config.clinic.inviteValidDays * 86_400_000,
      ).toISOString(),
    };
    await this.deps.directory.putInvite(invite);
    await this.record(staff, 'invite', undefined, inviteId);
    return this.inviteView(invite);
  }

  async inviteList(staff: Staff): Promise<InviteView[]> {
    this.require(staff, 'clinician');
    const invites = await this.deps.directory.invites(this.clock.now());
    return invites.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((i) => this.inviteView(i));
  }

  /** Whether an invite link opens (GET /i/{token}): valid and not used yet. */
  async inviteOpens(token: string): Promise<boolean> {
    const invite = await this.deps.directory.findInvite(
      hashInviteToken(token, this.deps.hashKey),
      this.clock.now(),
    );
    return invite !== undefined;
  }

  async setReference(staff: Staff, patientId: string, reference: string): Promise<PatientRow> {
    this.require(staff, 'clinician');
    const entry = await this.entry(patientId);
    const sealed = sealReference(reference.slice(0, MAX_REFERENCE_LENGTH), this.deps.hashKey);
    if (!(await this.deps.directory.setReference(patientId, sealed)))
      throw new PatientNotFoundError(patientId);
    await this.record(staff, 'set-reference', patientId);
    return this.row(
      { ...entry, sealedReference: sealed },
      await this.deps.directory.records(entry.phoneHash),
      0,
    );
  }

  /**
   * Pause, resume or stop the plan (through the lifecycle, as any status change), send a new code to
   * a patient whose plan waits for one, or erase the patient (admin; the typed confirmation must be
   * the patient's id). Each one goes to the audit log.
   */
  async act(
    staff: Staff,
    patientId: string,
    action: PatientAction,
    options: { confirm?: string; client: { address: string } },
  ): Promise<{ patientId: string; action: PatientAction; status: string }> {
    this.require(staff, PATIENT_ACTIONS[action]);
    const entry = await this.entry(patientId);
    const records = await this.deps.directory.records(entry.phoneHash);
    const plan = records.plan;
    const now = this.clock.now();
    switch (action) {
      case 'erase': {
        if (options.confirm !== patientId) {
          throw new ConfirmationError(`type the patient's id (${patientId}) to confirm the erasure`);
        }
        const { deletedItems, planIds } = await this.deps.repo.erasePatient(entry.phoneHash);
        await this.record(staff, 'erase', patientId, `${deletedItems} items, ${planIds.length} plans`);
        return { patientId, action, status: 'erased' };
      }
      case 'resend-code': {
        if (!plan || plan.status !== 'pending_verification') {
          throw new ActionConflictError('not_pending', 'The patient has no plan waiting for a code.');
        }
        await this.deps.resendCode(plan.planId, options.client);
        await this.record(staff, 'resend-code', patientId);
        return { patientId, action, status: plan.status };
      }
      default: {
        if (!plan) throw new ActionConflictError('no_plan', 'The patient has no plan.');
        if (action === 'resume' && Date.parse(plan.plan.endsAt) <= now.getTime()) {
          throw new ActionConflictError(
            'plan_ended',
            'The plan has ended: the patient takes the assessment again.',
          );
        }
        const change = transition(LIFECYCLE_OF[action]);
        if (!(await this.deps.repo.changeStatus(plan.planId, change, now))) {
          throw new ActionConflictError(
            'wrong_status',
            `The plan is ${plan.status.replace('_', ' ')}: it cannot be ${action === 'stop' ? 'stopped' : `${action}d`} now.`,
          );
        }
        await this.record(staff, action, patientId);
        return { patientId, action, status: change.to };
      }
    }
  }

  /** Every patient's row as CSV (each export is in the audit log). */
  async exportCsv(staff: Staff): Promise<{ filename: string; body: string }> {
    this.require(staff, 'clinician');
    const rows = await this.patients(staff);
    await this.record(staff, 'export-csv', undefined, `${rows.length} patients`);
    return {
      filename: `patients-${this.clock.now().toISOString().slice(0, 10)}.csv`,
      body: patientsCsv(rows),
    };
  }

  /** One patient as a FHIR R4 Bundle: pseudonymous Patient, assessment, plan, pain scores. */
  async exportFhir(staff: Staff, patientId: string) {
    this.require(staff, 'clinician');
    const entry = await this.entry(patientId);
    const records = await this.deps.directory.records(entry.phoneHash);
    const bundle = patientBundle({
      patientId,
      ...(records.plan ? { plan: records.plan } : {}),
      events: records.events,
      now: this.clock.now(),
    });
    await this.record(staff, 'export-fhir', patientId);
    return bundle;
  }

  /** The audit log of a month (this month by default), newest first. */
  async auditMonth(staff: Staff, month?: string): Promise<{ month: string; entries: AuditEntry[] }> {
    this.require(staff, 'clinician');
    const which = month ?? this.clock.now().toISOString().slice(0, 7);
    return { month: which, entries: await this.deps.audit.month(which) };
  }
}
