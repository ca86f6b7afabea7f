import type { Staff, StaffRole } from '../../../shared/domain/clinic/roster.ts';
import { transition, type LifecycleEvent } from '../../../shared/domain/plan/lifecycle.ts';
import { ActionConflictError, ConfirmationError } from '../errors.ts';
import type { ConsoleContext } from './context.ts';

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

/** What staff do to a patient's plan: pause, resume, stop, resend the code, erase. */
export class PatientActions {
  constructor(private readonly ctx: ConsoleContext) {}

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
    this.ctx.require(staff, PATIENT_ACTIONS[action]);
    const entry = await this.ctx.entry(patientId);
    const records = await this.ctx.deps.directory.records(entry.phoneHash);
    const plan = records.plan;
    const now = this.ctx.clock.now();
    switch (action) {
      case 'erase': {
        if (options.confirm !== patientId) {
          throw new ConfirmationError(`type the patient's id (${patientId}) to confirm the erasure`);
        }
        const { deletedItems, planIds } = await this.ctx.deps.repo.erasePatient(entry.phoneHash);
        await this.ctx.record(staff, 'erase', patientId, `${deletedItems} items, ${planIds.length} plans`);
        return { patientId, action, status: 'erased' };
      }
      case 'resend-code': {
        if (!plan || plan.status !== 'pending_verification') {
          throw new ActionConflictError('not_pending', 'The patient has no plan waiting for a code.');
        }
        await this.ctx.deps.resendCode(plan.planId, options.client);
        await this.ctx.record(staff, 'resend-code', patientId);
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
        if (!(await this.ctx.deps.repo.changeStatus(plan.planId, change, now))) {
          throw new ActionConflictError(
            'wrong_status',
            `The plan is ${plan.status.replace('_', ' ')}: it cannot be ${action === 'stop' ? 'stopped' : `${action}d`} now.`,
          );
        }
        await this.ctx.record(staff, action, patientId);
        // The list shows it at once (clinic-watch would too, from the stream, a moment later).
        await this.ctx.deps.readModel.refresh(patientId, now);
        return { patientId, action, status: change.to };
      }
    }
  }
}
