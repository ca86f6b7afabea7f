/** Production wiring of EventBridge Scheduler (schedule-sync only). */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { requireEnv, type RuntimeConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/env.ts';

type Env = Record<string, string | undefined>;

/** The EventBridge Scheduler adapter, from the names and ARNs the stack sets. */
export function schedulerFromEnv(
  config: Pick<RuntimeConfig, 'lateAfterMinutes'>,
  env: Env = process.env,
  client = new SchedulerClient({}),
): EventBridgeReminderScheduler {
  return new EventBridgeReminderScheduler(client, {
    groupName: requireEnv(env, ENV.scheduleGroupName),
    queueArn: requireEnv(env, ENV.reminderQueueArn),
    roleArn: requireEnv(env, ENV.schedulerRoleArn),
    deadLetterQueueArn: requireEnv(env, ENV.schedulerDlqArn),
    maxEventAgeSeconds: config.lateAfterMinutes * 60,
  });
}
