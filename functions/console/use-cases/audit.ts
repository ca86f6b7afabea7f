import type { AuditEntry, Staff } from '../../../shared/domain/clinic/roster.ts';
import type { ConsoleContext } from './context.ts';

/** The audit log, a month at a time. */
export class AuditTrail {
  constructor(private readonly ctx: ConsoleContext) {}

  /** The audit log of a month (this month by default), newest first. */
  async auditMonth(staff: Staff, month?: string): Promise<{ month: string; entries: AuditEntry[] }> {
    this.ctx.require(staff, 'clinician');
    const which = month ?? this.ctx.clock.now().toISOString().slice(0, 7);
    return { month: which, entries: await this.ctx.deps.audit.month(which) };
  }
}
