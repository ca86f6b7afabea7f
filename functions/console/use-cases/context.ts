import { silentLog, systemClock } from '../../../shared/adapters/defaults.ts';
import type { RuntimeConfig } from '../../../shared/config.ts';
import { openReference, type ReferenceOwner } from '../../../shared/domain/clinic/secrets.ts';
import {
  hasRole,
  patientRow,
  type AuditAction,
  type AuditEntry,
  type PatientRow,
  type RosterEntry,
  type Staff,
  type StaffRole,
} from '../../../shared/domain/clinic/roster.ts';
import type {
  AuditLog,
  ClinicAlertStore,
  ClinicDirectory,
  Clock,
  Log,
  PatientRecords,
  PlanRepository,
  StoredAlert,
} from '../../../shared/ports.ts';
import { ForbiddenError, PatientNotFoundError } from '../errors.ts';

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

/**
 * What every console use case works with: the ports, the clock, and the steps they share (the role
 * check, the audit entry, opening a sealed reference, a patient's roster entry and row).
 */
export class ConsoleContext {
  readonly clock: Clock;
  readonly log: Log;

  constructor(readonly deps: ConsoleDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
  }

  require(staff: Staff, role: StaffRole): void {
    if (!hasRole(staff.role, role)) throw new ForbiddenError(`this needs the ${role} role`);
  }

  /** A refused request, for the audit log: who (any signed-in user, staff group or not) tried what. */
  async recordDenied(who: Pick<Staff, 'username' | 'sub'>, what: string, why: string, patientId?: string) {
    await this.deps.audit.record({
      at: this.clock.now().toISOString(),
      by: who.username,
      bySub: who.sub,
      action: 'denied',
      ...(patientId ? { patientId } : {}),
      detail: `${what.slice(0, 200)}: ${why}`.slice(0, 300),
    });
    this.log.warn('console request refused', { what: what.slice(0, 200), by: who.sub });
  }

  async record(staff: Staff, action: AuditAction, patientId?: string, detail?: string) {
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

  /**
   * The reference in clear, or null (none, or one that does not open with the key for this owner:
   * logged, never shown).
   */
  reference(sealed: string | undefined, owner: ReferenceOwner): string | null {
    if (!sealed) return null;
    try {
      return openReference(sealed, this.deps.hashKey, owner);
    } catch {
      this.log.warn('a clinic reference did not open with the key for its owner', { ...owner });
      return null;
    }
  }

  async entry(patientId: string): Promise<RosterEntry> {
    const entry = await this.deps.directory.rosterEntry(patientId);
    if (!entry) throw new PatientNotFoundError(`no patient ${patientId}`);
    return entry;
  }

  row(entry: RosterEntry, records: PatientRecords, openAlerts: number): PatientRow {
    return patientRow(
      {
        entry,
        reference: this.reference(entry.sealedReference, { patientId: entry.patientId }),
        ...(records.plan ? { plan: records.plan } : {}),
        events: records.events,
        openAlerts,
      },
      this.clock.now(),
    );
  }

  openAlertsByPatient(alerts: readonly StoredAlert[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of alerts)
      if (a.state === 'open') counts.set(a.patientId, (counts.get(a.patientId) ?? 0) + 1);
    return counts;
  }
}
