/**
 * `npm run ops:resync` (CLI: scripts/ops/resync.ts): puts the schedules of every active plan
 * through the very adapter schedule-sync uses, and deletes those of plans that are no longer
 * active (or gone), so a change the table stream no longer holds (it keeps 24 h) is made good.
 * Idempotent: an existing schedule is updated to match its plan.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import type { Clock } from '../../shared/ports.ts';
import { describeError, readStackOutputs, type StackOutputs } from './stack-outputs.ts';

/** The outputs a plan's schedules are made of (schedule-sync has them as environment variables). */
export const SCHEDULER_OUTPUTS = [
  'scheduleGroupName',
  'reminderQueueArn',
  'schedulerRoleArn',
  'schedulerDeadLetterQueueArn',
  'scheduleMaxEventAgeSeconds',
] as const;

/** The adapter schedule-sync builds from its environment (functions/wiring/scheduler.ts), from the outputs. */
export function schedulerFromOutputs(
  client: SchedulerClient,
  outputs: StackOutputs<(typeof SCHEDULER_OUTPUTS)[number]>,
): EventBridgeReminderScheduler {
  return new EventBridgeReminderScheduler(client, {
    groupName: outputs.scheduleGroupName,
    queueArn: outputs.reminderQueueArn,
    roleArn: outputs.schedulerRoleArn,
    deadLetterQueueArn: outputs.schedulerDeadLetterQueueArn,
    maxEventAgeSeconds: Number(outputs.scheduleMaxEventAgeSeconds),
  });
}

export interface ResyncClients {
  cloudFormation: CloudFormationClient;
  db: DynamoDBDocumentClient;
  scheduler: SchedulerClient;
}

export interface ResyncResult {
  /** Active plans whose schedules were put. */
  synced: number;
  /** Plans no longer active (or erased) whose leftover schedules were deleted. */
  deleted: number;
  /** Plans whose schedules could not be put, with AWS's error (run again: it is idempotent). */
  failed: { planId: string; error: string }[];
}

/** Plans put at once: each is three Scheduler requests, well under Scheduler's default request rates. */
const PLANS_AT_ONCE = 4;

export async function resyncSchedules(
  clients: ResyncClients,
  stackName: string,
  clock: Clock,
  onProgress: (done: number) => void = () => {},
): Promise<ResyncResult> {
  const outputs = await readStackOutputs(clients.cloudFormation, stackName, [
    'tableName',
    ...SCHEDULER_OUTPUTS,
  ]);
  const repo = new DynamoPlanRepository(clients.db, outputs.tableName);
  const scheduler = schedulerFromOutputs(clients.scheduler, outputs);
  const result: ResyncResult = { synced: 0, deleted: 0, failed: [] };
  const running = new Set<Promise<void>>();
  /** Runs `work` for a plan with a few at once; an error is the plan's failure, not the run's. */
  const start = async (planId: string, work: () => Promise<void>) => {
    const task = work()
      .catch((error: unknown) => void result.failed.push({ planId, error: describeError(error) }))
      .finally(() => {
        running.delete(task);
        onProgress(result.synced + result.deleted + result.failed.length);
      });
    running.add(task);
    if (running.size >= PLANS_AT_ONCE) await Promise.race(running);
  };

  const active = new Set<string>();
  for await (const plan of repo.activePlans()) {
    active.add(plan.planId);
    await start(plan.planId, async () => {
      await scheduler.putPlanSchedules(plan.planId, plan.plan, clock.now());
      result.synced++;
    });
  }
  // Leftovers: schedules of a plan paused, stopped or erased while schedule-sync missed it. The
  // plan is read again just before, so one activated since the scan keeps its schedules.
  for await (const planId of scheduler.plansWithSchedules()) {
    if (active.has(planId)) continue;
    await start(planId, async () => {
      if ((await repo.getPlan(planId))?.status === 'active') return;
      await scheduler.deletePlanSchedules(planId);
      result.deleted++;
    });
  }
  await Promise.all(running);
  return result;
}
