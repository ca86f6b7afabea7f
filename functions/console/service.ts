/**
 * The clinic console's use cases behind one face: what staff see and do, each checked against the
 * caller's role first (viewer < clinician < admin), each action written to the audit log. The
 * domain computes the read model (shared/domain/clinic/roster.ts); each use case under
 * ./use-cases/ gathers the items and sequences the ports.
 */
import type { AuditFilter, Staff } from '../../shared/domain/clinic/roster.ts';
import { PatientActions, type PatientAction } from './use-cases/actions.ts';
import { Alerts } from './use-cases/alerts.ts';
import { AuditTrail } from './use-cases/audit.ts';
import { Clearances } from './use-cases/clearances.ts';
import { ConsoleContext, type ConsoleDeps } from './use-cases/context.ts';
import { Invites } from './use-cases/invites.ts';
import { Patients } from './use-cases/patients.ts';

export { PATIENT_ACTIONS, type PatientAction } from './use-cases/actions.ts';
export type { AlertView } from './use-cases/alerts.ts';
export type { ConsoleDeps } from './use-cases/context.ts';
export type { InviteView } from './use-cases/invites.ts';
export type { PatientDetail, PlanView } from './use-cases/patients.ts';

export class ConsoleService {
  private readonly context: ConsoleContext;
  private readonly patientsCase: Patients;
  private readonly alerts: Alerts;
  private readonly invites: Invites;
  private readonly actions: PatientActions;
  private readonly audit: AuditTrail;
  private readonly clearances: Clearances;

  constructor(deps: ConsoleDeps) {
    this.context = new ConsoleContext(deps);
    this.patientsCase = new Patients(this.context);
    this.alerts = new Alerts(this.context);
    this.invites = new Invites(this.context);
    this.actions = new PatientActions(this.context);
    this.audit = new AuditTrail(this.context);
    this.clearances = new Clearances(this.context);
  }

  me(staff: Staff) {
    this.context.require(staff, 'viewer');
    return { username: staff.username, role: staff.role };
  }
  patients(staff: Staff) {
    return this.patientsCase.patients(staff);
  }
  patient(staff: Staff, patientId: string) {
    return this.patientsCase.patient(staff, patientId);
  }
  setReference(staff: Staff, patientId: string, reference: string) {
    return this.patientsCase.setReference(staff, patientId, reference);
  }
  exportCsv(staff: Staff) {
    return this.patientsCase.exportCsv(staff);
  }
  exportFhir(staff: Staff, patientId: string) {
    return this.patientsCase.exportFhir(staff, patientId);
  }
  alertList(staff: Staff, state: 'open' | 'all') {
    return this.alerts.alertList(staff, state);
  }
  acknowledge(staff: Staff, alertId: string) {
    return this.alerts.acknowledge(staff, alertId);
  }
  createInvite(staff: Staff, reference: string) {
    return this.invites.createInvite(staff, reference);
  }
  createClearedInvite(staff: Staff, reference: string) {
    return this.clearances.createClearedInvite(staff, reference);
  }
  inviteList(staff: Staff) {
    return this.invites.inviteList(staff);
  }
  inviteOpens(token: string) {
    return this.invites.inviteOpens(token);
  }
  act(
    staff: Staff,
    patientId: string,
    action: PatientAction,
    options: { confirm?: string; client: { address: string } },
  ) {
    return this.actions.act(staff, patientId, action, options);
  }
  auditMonth(staff: Staff, month?: string, filter: AuditFilter = {}) {
    return this.audit.auditMonth(staff, month, filter);
  }
  recordDenied(who: Pick<Staff, 'username' | 'sub'>, what: string, why: string, patientId?: string) {
    return this.context.recordDenied(who, what, why, patientId);
  }
}
