import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
  type Target,
} from '@aws-sdk/client-scheduler';
import {
  PLAN_SCHEDULE_PREFIX,
  planIdOfSchedule,
  type ReminderScheduleSpec,
} from '../../domain/scheduling/schedule.ts';
import { SpecReminderScheduler } from './spec-scheduler.ts';

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
 * The target of every schedule the service makes (a plan's, and the operator's self-test): the
 * reminder queue through Scheduler's role, retried up to the event age, then its dead-letter queue.
 */
export function reminderQueueTarget(
  options: Omit<EventBridgeSchedulerOptions, 'groupName'>,
  input: string,
): Target {
  return {
    Arn: options.queueArn,
    RoleArn: options.roleArn,
    Input: input,
    RetryPolicy: {
      MaximumEventAgeInSeconds: options.maxEventAgeSeconds,
      MaximumRetryAttempts: MAX_RETRY_ATTEMPTS,
    },
    DeadLetterConfig: { Arn: options.deadLetterQueueArn },
  };
}

/**
 * Keeps EventBridge Scheduler in step with active plans: one schedule per session time,
 * `cron(M H * * ? *)` in the patient's zone (Scheduler follows daylight saving), between the plan's
 * start and end, deleted by Scheduler itself after the end. Every call is a repeatable "make it so".
 */
export class EventBridgeReminderScheduler extends SpecReminderScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly options: EventBridgeSchedulerOptions,
  ) {
    super();
  }

  /** CreateSchedule input (UpdateSchedule takes the same) of one schedule from the shared spec. */
  scheduleInput(spec: ReminderScheduleSpec): CreateScheduleCommandInput {
    // A one-time schedule (`at(...)`, a snoozed session) takes no start or end date.
    const oneOff = spec.expression.startsWith('at(');
    return {
      Name: spec.name,
      GroupName: this.options.groupName,
      ScheduleExpression: spec.expression,
      ScheduleExpressionTimezone: spec.timeZone,
      ...(spec.startDate && !oneOff ? { StartDate: spec.startDate } : {}),
      ...(oneOff ? {} : { EndDate: spec.endDate }),
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: spec.actionAfterCompletion,
      Target: reminderQueueTarget(this.options, spec.input),
    };
  }

  /** CreateSchedule, or UpdateSchedule where it exists (a repeat, or the plan's times changed). */
  protected async putSchedule(spec: ReminderScheduleSpec): Promise<void> {
    const input = this.scheduleInput(spec);
    try {
      await this.scheduler.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.scheduler.send(new UpdateScheduleCommand(input));
    }
  }

  /** Each plan that has a schedule in the group, once (the operator's resync; no function lists). */
  async *plansWithSchedules(): AsyncGenerator<string> {
    const seen = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = await this.scheduler.send(
        new ListSchedulesCommand({
          GroupName: this.options.groupName,
          NamePrefix: PLAN_SCHEDULE_PREFIX,
          NextToken,
        }),
      );
      for (const { Name } of page.Schedules ?? []) {
        const planId = Name ? planIdOfSchedule(Name) : undefined;
        if (planId && !seen.has(planId)) {
          seen.add(planId);
          yield planId;
        }
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }

  /** DeleteSchedule; one already gone is success. */
  protected async deleteSchedule(Name: string): Promise<void> {
    try {
      await this.scheduler.send(new DeleteScheduleCommand({ Name, GroupName: this.options.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
