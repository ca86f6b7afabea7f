import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { Plan } from '../../domain/plan.ts';
import { RULE } from '../../domain/rules.ts';
import { dailyCron, scheduleDates, scheduleName } from '../../domain/schedule.ts';
import type { ReminderScheduler } from '../../ports.ts';

export interface EventBridgeSchedulerOptions {
  /** The schedule group every reminder schedule lives in. */
  groupName: string;
  /** The reminder queue (target) and the role Scheduler assumes to send to it. */
  queueArn: string;
  roleArn: string;
  /** Where Scheduler puts a reminder it could not deliver to the queue. */
  deadLetterQueueArn: string;
  /**
   * How long Scheduler keeps retrying delivery to the queue. A reminder later than the lateness
   * limit is dropped by the sender anyway, so there is no point in trying longer.
   */
  maxEventAgeSeconds: number;
}

/** Scheduler retries a failed delivery up to 185 times; the event age above is the real bound. */
const MAX_RETRY_ATTEMPTS = 185;

/**
 * Keeps EventBridge Scheduler in step with active plans: one schedule per session time,
 * `cron(M H * * ? *)` in the patient's zone (Scheduler follows daylight saving), between the plan's
 * start and end, deleted by Scheduler itself after the end. Every call is a repeatable "make it so".
 */
export class EventBridgeReminderScheduler implements ReminderScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly options: EventBridgeSchedulerOptions,
  ) {}

  /** The CreateSchedule input of one session's schedule (UpdateSchedule takes the same). */
  scheduleInput(planId: string, plan: Plan, slot: number, now: Date): CreateScheduleCommandInput | undefined {
    const dates = scheduleDates(plan, now);
    if (!dates) return undefined;
    return {
      Name: scheduleName(planId, slot),
      GroupName: this.options.groupName,
      ScheduleExpression: dailyCron(plan.sessionTimes[slot - 1]!),
      ScheduleExpressionTimezone: plan.timeZone,
      ...(dates.startDate ? { StartDate: dates.startDate } : {}),
      EndDate: dates.endDate,
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: this.options.queueArn,
        RoleArn: this.options.roleArn,
        Input: JSON.stringify({
          v: 1,
          planId,
          slot,
          scheduledTime: '<aws.scheduler.scheduled-time>',
        }),
        RetryPolicy: {
          MaximumEventAgeInSeconds: this.options.maxEventAgeSeconds,
          MaximumRetryAttempts: MAX_RETRY_ATTEMPTS,
        },
        DeadLetterConfig: { Arn: this.options.deadLetterQueueArn },
      },
    };
  }

  async putPlanSchedules(planId: string, plan: Plan, now: Date): Promise<void> {
    const slots = Array.from({ length: RULE.sessionsPerDay }, (_, i) => i + 1);
    const inputs = slots.map((slot) => this.scheduleInput(planId, plan, slot, now));
    // The plan has nothing left to fire (resumed after its end): make sure nothing is left.
    if (inputs.some((i) => !i)) return this.deletePlanSchedules(planId);
    await Promise.all(
      inputs.map(async (input) => {
        try {
          await this.scheduler.send(new CreateScheduleCommand(input!));
        } catch (error) {
          if (!(error instanceof ConflictException)) throw error;
          // It exists (a repeat, or the plan's times changed): make it match.
          await this.scheduler.send(new UpdateScheduleCommand(input!));
        }
      }),
    );
  }

  async deletePlanSchedules(planId: string): Promise<void> {
    await Promise.all(
      Array.from({ length: RULE.sessionsPerDay }, async (_, i) => {
        try {
          await this.scheduler.send(
            new DeleteScheduleCommand({
              Name: scheduleName(planId, i + 1),
              GroupName: this.options.groupName,
            }),
          );
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
        }
      }),
    );
  }
}
