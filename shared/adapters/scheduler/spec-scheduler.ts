import type { Plan } from '../../domain/plan/plan.ts';
import {
  planScheduleNames,
  planScheduleSpecs,
  snoozeScheduleSpec,
  type ReminderScheduleSpec,
} from '../../domain/scheduling/schedule.ts';
import type { ReminderScheduler } from '../../ports.ts';

/**
 * The ReminderScheduler port from the shared specs (schedule.ts): which schedules a plan and a
 * snooze need is decided here, once; a subclass puts and deletes one schedule — EventBridge
 * Scheduler (eventbridge-scheduler.ts), or the local stack's emulator (local/scheduler.ts).
 */
export abstract class SpecReminderScheduler implements ReminderScheduler {
  /** Creates the schedule, or updates it where it exists. */
  protected abstract putSchedule(spec: ReminderScheduleSpec, now: Date): Promise<void>;
  /** Deletes the schedule; one that does not exist is success. */
  protected abstract deleteSchedule(name: string): Promise<void>;

  async putPlanSchedules(planId: string, plan: Plan, now: Date): Promise<void> {
    const specs = planScheduleSpecs(planId, plan, now);
    // The plan has nothing left to fire (resumed after its end): make sure nothing is left.
    if (!specs) return this.deletePlanSchedules(planId);
    await Promise.all(specs.map((spec) => this.putSchedule(spec, now)));
    this.planSchedulesPut(planId, specs);
  }

  async putSnoozeSchedule(
    planId: string,
    snooze: { slot: number; to: string; timeZone: string },
    now: Date,
  ): Promise<void> {
    const spec = snoozeScheduleSpec(planId, snooze, snooze, now);
    if (spec) await this.putSchedule(spec, now);
  }

  async deletePlanSchedules(planId: string): Promise<void> {
    await Promise.all(planScheduleNames(planId).map((name) => this.deleteSchedule(name)));
  }

  /** After a plan's schedules are put (the local stack logs their names). */
  protected planSchedulesPut(_planId: string, _specs: readonly ReminderScheduleSpec[]): void {}
}
