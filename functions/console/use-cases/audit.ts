import {
  auditMatches,
  type AuditEntry,
  type AuditFilter,
  type Staff,
} from '../../../shared/domain/clinic/roster.ts';
import type { ConsoleContext } from './context.ts';

/** The audit log, a month at a time, filterable by kind (changes, reads, refusals), patient and person. */
export class AuditTrail {
  constructor(private readonly ctx: ConsoleContext) {}

  /** The audit log of a month (this month by default), newest first; reading it is an entry too. */
  async auditMonth(
    staff: Staff,
    month?: string,
    filter: AuditFilter = {},
  ): Promise<{ month: string; entries: AuditEntry[] }> {
    this.ctx.require(staff, 'clinician');
    const which = month ?? this.ctx.clock.now().toISOString().slice(0, 7);
    const entries = (await this.ctx.deps.audit.month(which)).filter((e) => auditMatches(e, filter));
    await this.ctx.record(staff, 'view-audit', filter.patientId, which);
    return { month: which, entries };
  }
}
