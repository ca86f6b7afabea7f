import { alertSummary, closeEpisode } from '../../../shared/domain/clinic/alerts.ts';
import type { Staff } from '../../../shared/domain/clinic/roster.ts';
import type { StoredAlert } from '../../../shared/ports.ts';
import { ActionConflictError, AlertNotFoundError } from '../errors.ts';
import type { ConsoleContext } from './context.ts';

export interface AlertView extends StoredAlert {
  summary: string;
  reference: string | null;
}

/** Alerts an inbox page. */
export const INBOX_PAGE = 50;

/** The alert inbox and its acknowledgement. */
export class Alerts {
  constructor(private readonly ctx: ConsoleContext) {}

  /**
   * A page of the inbox: open alerts, most urgent kind first (alerts.ts SEVERITY_ORDER), then the
   * newest; or the acknowledged ones, newest first. One Query of the index, then the page's
   * patients' rows for their references (one BatchGetItem).
   */
  async alertList(
    staff: Staff,
    state: 'open' | 'acknowledged',
    cursor?: string,
  ): Promise<{ alerts: AlertView[]; next: string | null }> {
    this.ctx.require(staff, 'viewer');
    await this.ctx.record(staff, 'view-alerts', undefined, state);
    const page = await this.ctx.deps.alerts.page(state === 'open' ? 'open' : 'closed', INBOX_PAGE, cursor);
    const { rows } = await this.ctx.deps.readModel.rows([...new Set(page.alerts.map((a) => a.patientId))]);
    const refs = new Map(rows.map((r) => [r.patientId, r.sealedReference]));
    return {
      alerts: page.alerts.map((a) => ({
        ...a,
        summary: alertSummary(a.kind, a.detail),
        reference: this.ctx.reference(refs.get(a.patientId), { patientId: a.patientId }),
      })),
      next: page.next ?? null,
    };
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
    // The patient's row at once (clinic-watch keeps it from the stream otherwise).
    await this.ctx.deps.readModel.refresh(alert.patientId, now);
    return closed;
  }
}
