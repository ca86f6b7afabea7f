import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateScheduleCommand,
  SchedulerServiceException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { planScheduleNames, planScheduleSpecs } from '../../shared/domain/scheduling/schedule.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import { resyncSchedules } from '../../scripts/ops/resync-schedules.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { mockStack, opsOutputs } from '../support/ops.ts';
import { activePlan } from '../support/reminders.ts';
import { fakeScheduler, SCHEDULER_OPTIONS } from '../support/scheduler.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';

const table = useTestTable();
const scheduler = fakeScheduler();
let stack: ReturnType<typeof mockStack>;
afterAll(() => {
  scheduler.mock.restore();
  stack?.mock.restore();
});
beforeEach(() => {
  scheduler.reset();
  stack?.mock.restore();
  stack = mockStack('Clinic', opsOutputs(table.tableName));
});

const NOW = new Date();
const clients = () => ({ cloudFormation: stack.client, db: table.db, scheduler: scheduler.client });
const scheduleIds = (p: PlanRecord) =>
  planScheduleNames(p.planId).map((n) => `${SCHEDULER_OPTIONS.groupName}/${n}`);
/** What schedule-sync's adapter makes of a plan, with the options schedule-sync has. */
const expectedInputs = (p: PlanRecord) => {
  const adapter = new EventBridgeReminderScheduler(scheduler.client, SCHEDULER_OPTIONS);
  return planScheduleSpecs(p.planId, p.plan, NOW)!.map((spec) => adapter.scheduleInput(spec));
};

describe('npm run ops:resync', () => {
  it("puts every active plan's schedules as schedule-sync does, updating those that exist, and deletes other plans' leftovers", async () => {
    const first = await activePlan(table);
    const second = await activePlan(table);
    const repo = new DynamoPlanRepository(table.db, table.tableName);
    const paused = await activePlan(table);
    await repo.changeStatus(paused.planId, transition({ kind: 'patient-paused' }), NOW);
    await repo.createPendingPlan(planRecord(), 30);
    const adapter = new EventBridgeReminderScheduler(scheduler.client, SCHEDULER_OPTIONS);
    // Changes the stream lost: the first plan's schedules have other times; the paused plan's and
    // an erased plan's schedules are still there.
    await adapter.putPlanSchedules(
      first.planId,
      { ...first.plan, sessionTimes: ['09:00', '14:00', '20:00'] },
      NOW,
    );
    await adapter.putPlanSchedules(paused.planId, paused.plan, NOW);
    await adapter.putPlanSchedules('erased-plan', first.plan, NOW);
    scheduler.mock.resetHistory();

    const result = await resyncSchedules(clients(), 'Clinic', { now: () => NOW });

    expect(result).toEqual({ synced: 2, deleted: 2, failed: [] });
    expect(stack.mock.commandCalls(DescribeStacksCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: 'Clinic' },
    ]);
    expect([...scheduler.schedules.keys()].sort()).toEqual(
      [...scheduleIds(first), ...scheduleIds(second)].sort(),
    );
    for (const p of [first, second]) {
      for (const input of expectedInputs(p)) {
        expect(scheduler.schedules.get(`${input.GroupName}/${input.Name}`)).toEqual(input);
      }
    }
    expect(
      scheduler
        .calls(UpdateScheduleCommand)
        .map((i) => i.Name)
        .sort(),
    ).toEqual(planScheduleNames(first.planId).sort());

    // Again: the same schedules, only updated.
    scheduler.mock.resetHistory();
    expect(await resyncSchedules(clients(), 'Clinic', { now: () => NOW })).toEqual({
      synced: 2,
      deleted: 0,
      failed: [],
    });
    expect(scheduler.calls(UpdateScheduleCommand)).toHaveLength(6);
    expect([...scheduler.schedules.keys()]).toHaveLength(6);
  });

  it("names each plan Scheduler refused, with AWS's error, and still puts the others", async () => {
    await activePlan(table);
    const active = (await table.scanAll()).filter((i) => i.sk === 'PLAN' && i.status === 'active');
    const refused = active[0]!;
    scheduler.injectFaults((call, input) =>
      call === 'CreateSchedule' && input.Name?.includes(String(refused.planId))
        ? new SchedulerServiceException({
            name: 'AccessDeniedException',
            $fault: 'client',
            $metadata: {},
            message: 'not authorized to perform: iam:PassRole',
          })
        : undefined,
    );

    const result = await resyncSchedules(clients(), 'Clinic', { now: () => NOW });

    expect(result.failed).toEqual([
      { planId: refused.planId, error: 'AccessDeniedException: not authorized to perform: iam:PassRole' },
    ]);
    expect(result.synced).toBe(active.length - 1);
    expect(scheduler.schedules.size).toBe(3 * (active.length - 1));
    expect(scheduler.calls(CreateScheduleCommand)).toHaveLength(3 * active.length);
  });
});
