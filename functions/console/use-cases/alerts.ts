import { alertSummary, closeEpisode } from '../../../shared/domain/clinic/alerts.ts';
import type { Staff } from '../../../shared/domain/clinic/roster.ts';
import type { StoredAlert } from '../../../shared/ports.ts';
import { ActionConflictError, AlertNotFoundError } from '../errors.ts';
import type { ConsoleContext } from './context.ts';

export interface AlertView extends StoredAlert {
  summary: string;
  reference: string | null;
}

/** The alert inbox and its acknowledgement. */
export class Alerts {
  constructor(private readonly ctx: ConsoleContext) {}

  /** The inbox: open alerts first, newest first within each. */
  async alertList(staff: Staff, state: 'open' | 'all'): Promise<AlertView[]> {
    this.ctx.require(staff, 'viewer');
    await this.ctx.record(staff, 'view-alerts', undefined, state);
    const [alerts, roster] = await Promise.all([
      this.ctx.deps.alerts.list(),
      this.ctx.deps.directory.roster(),
    ]);
    const refs = new Map(roster.map((e) => [e.patientId, e.sealedReference]));
    return alerts
      .filter((a) => state === 'all' || a.state === 'open')
      .sort((a, b) =>
        a.state !== b.state ? (a.state === 'open' ? -1 : 1) : a.at < b.at ? 1 : a.at > b.at ? -1 : 0,
      )
      .map((a) => ({
        ...a,
        summary: alertSummary(a.kind),
        reference: this.ctx.reference(refs.get(a.patientId), { patientId: a.patientId }),
      }));
  }

  async acknowledge(staff: Staff, alertId: string): Promise<StoredAlert> {
    this.ctx.require(staff, 'clinician');
    const alert = await this.ctx.deps.alerts.get(alertId);
    if (!alert) throw new AlertNotFoundError(`no alert ${alertId}`);
    const now = this.ctx.clock.now();
    // The domain's rule before the write: only a clinician closes an alert (checked above too).
    const closed = closeEpisode(alert, staff, 'acknowledged', now);
    if (!(await this.ctx.deps.alerts.acknowledge(alertId, staff.username, now))) {
      throw new ActionConflictError('not_open', 'This alert was acknowledged already.');
    }
    await this.ctx.record(staff, 'acknowledge', alert.patientId, alertId);
    return closed;
  }
}
