import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../../functions/schedule-sync/event-filter.ts';
import { actionFor, createScheduleSyncHandler, releaseFor } from '../../functions/schedule-sync/handler.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { fakeScheduler, SCHEDULER_OPTIONS } from '../support/scheduler.ts';
import { useStream } from '../support/streams.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { activePlan as activePlanIn } from '../support/reminders.ts';

const table = useTestTable();
const stream = useStream(table);
const scheduler = fakeScheduler();
afterAll(() => {
  scheduler.mock.restore();
  stream.close();
});
beforeEach(() => scheduler.reset());

const OPTIONS = SCHEDULER_OPTIONS;
// 21:30 in New York on 2030-03-05: no session left today, so the plan starts on the 6th. Dated in
// the future: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2030-03-06T02:30:00Z');
const NOW = new Date('2030-03-06T02:31:00Z');

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const handler = (now = NOW) =>
  asFunction(
    'schedule-sync',
    createScheduleSyncHandler({
      slots: new DynamoSessionSlots(table.db, table.tableName),
      scheduler: new EventBridgeReminderScheduler(scheduler.client, OPTIONS),
      clock: { now: () => now },
    }),
  );

const activePlan = (overrides: Partial<PlanRecord> = {}) =>
  activePlanIn(table, { now: MADE_AT, ...overrides });

const recordsOf = (planId: string) => stream.recordsOf(`PLAN#${planId}`);

function expectedSchedule(planId: string, slot: number, expression: string) {
  return {
    Name: `reminder-${planId}-${slot}`,
    GroupName: 'rehab-reminders',
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: 'America/New_York',
    StartDate: new Date('2030-03-06T05:00:00.000Z'), // local midnight, EST
    EndDate: new Date('2030-03-20T04:00:00.000Z'), // midnight after the 14th day, EDT (DST from 2030-03-10)
    State: 'ENABLED',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: OPTIONS.queueArn,
      RoleArn: OPTIONS.roleArn,
      Input: JSON.stringify({ v: 1, planId, slot, scheduledTime: '<aws.scheduler.scheduled-time>' }),
      RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 185 },
      DeadLetterConfig: { Arn: OPTIONS.deadLetterQueueArn },
    },
  };
}

describe('schedule-sync (DynamoDB Local stream → Scheduler at the SDK boundary)', () => {
  it('creates the three schedules of a plan when it becomes active', async () => {
    const plan = await activePlan();
    const records = await recordsOf(plan.planId);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);

    const response = await handler()(stream.event(records));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(scheduler.calls(CreateScheduleCommand)).toEqual([
      expectedSchedule(plan.planId, 1, 'cron(0 8 * * ? *)'),
      expectedSchedule(plan.planId, 2, 'cron(0 13 * * ? *)'),
      expectedSchedule(plan.planId, 3, 'cron(0 19 * * ? *)'),
    ]);
    expect(scheduler.schedules.size).toBe(3);
    expect(scheduler.calls(DeleteScheduleCommand)).toEqual([]);
  });

  it('leaves StartDate out when the plan started already (a plan resumed mid-way)', async () => {
    const plan = await activePlan();
    await handler(new Date('2030-03-12T15:00:00Z'))(stream.event(await recordsOf(plan.planId)));
    const inputs = scheduler.calls(CreateScheduleCommand);
    expect(inputs).toHaveLength(3);
    for (const input of inputs) {
      expect(input).not.toHaveProperty('StartDate');
      expect(input.EndDate).toEqual(new Date('2030-03-20T04:00:00.000Z'));
    }
  });

  it('a repeat of the same records creates nothing more: create becomes update', async () => {
    const plan = await activePlan();
    const event = stream.event(await recordsOf(plan.planId));
    await handler()(event);
    await handler()(event);
    expect(scheduler.schedules.size).toBe(3);
    // The second time: three refused creates, then three updates with the very same definition.
    expect(scheduler.calls(CreateScheduleCommand)).toHaveLength(6);
    expect(scheduler.calls(UpdateScheduleCommand)).toEqual(
      scheduler.calls(CreateScheduleCommand).slice(0, 3),
    );
  });

  it('a snooze from the page puts one one-off schedule at its new time; a repeat makes the same one; a passed time puts nothing', async () => {
    const plan = await activePlan();
    await handler()(stream.event(await recordsOf(plan.planId)));
    scheduler.reset();
    const to = '2030-03-07T19:30:00.000Z'; // 14:30 in New York (EST)
    const changes = { '2030-03-07#2': { kind: 'snooze' as const, at: '2030-03-07T18:00:00.000Z', to } };
    expect(await repo().setSessionChanges(plan.planId, undefined, changes, NOW)).toBe(true);
    const snoozed = (await recordsOf(plan.planId)).slice(-1);
    expect(await handler(new Date('2030-03-07T18:00:05Z'))(stream.event(snoozed))).toEqual({
      batchItemFailures: [],
    });
    expect(scheduler.calls(CreateScheduleCommand)).toEqual([
      {
        Name: `reminder-${plan.planId}-snooze`,
        GroupName: 'rehab-reminders',
        ScheduleExpression: 'at(2030-03-07T14:30:00)',
        ScheduleExpressionTimezone: 'America/New_York',
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: OPTIONS.queueArn,
          RoleArn: OPTIONS.roleArn,
          Input: JSON.stringify({
            v: 1,
            planId: plan.planId,
            slot: 2,
            scheduledTime: '<aws.scheduler.scheduled-time>',
            snoozed: true,
          }),
          RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: OPTIONS.deadLetterQueueArn },
        },
      },
    ]);
    // The same record again (a redelivery): the create is refused, the update makes the same schedule.
    await handler(new Date('2030-03-07T18:00:05Z'))(stream.event(snoozed));
    // (scheduler.reset() above forgot the plan's three: the snooze's is the one it knows.)
    expect(scheduler.schedules.size).toBe(1);
    expect(scheduler.calls(UpdateScheduleCommand)).toEqual(
      scheduler.calls(CreateScheduleCommand).slice(0, 1),
    );
    // A snooze whose time has passed when the record is read: nothing to put.
    scheduler.reset();
    await handler(new Date('2030-03-07T20:00:00Z'))(stream.event(snoozed));
    expect(scheduler.calls(CreateScheduleCommand)).toEqual([]);
  });

  for (const [status, change] of [
    ['paused', (p: PlanRecord) => repo().changeStatus(p.planId, transition({ kind: 'patient-paused' }), NOW)],
    ['stopped', (p: PlanRecord) => repo().changeStatus(p.planId, transition({ kind: 'opted-out' }), NOW)],
    ['completed', (p: PlanRecord) => repo().changeStatus(p.planId, transition({ kind: 'complete' }), NOW)],
    [
      'replaced',
      async (p: PlanRecord) => {
        const next = planRecord({ now: MADE_AT, phone: p.phone, phoneHash: p.phoneHash });
        await repo().createPendingPlan(next, 30);
        await repo().activatePlan(next.planId, MADE_AT, 30);
      },
    ],
    ['erased (REMOVE)', (p: PlanRecord) => repo().erasePatient(p.phoneHash)],
  ] as const) {
    it(`deletes them when the plan is ${status}, and a repeat of the delete is still success`, async () => {
      const plan = await activePlan();
      await change(plan);
      const event = stream.event(await recordsOf(plan.planId));
      expect(await handler()(event)).toEqual({ batchItemFailures: [] });
      const deletes = [1, 2, 3].map((slot) => ({
        Name: `reminder-${plan.planId}-${slot}`,
        GroupName: 'rehab-reminders',
      }));
      expect(scheduler.calls(DeleteScheduleCommand)).toEqual(deletes);
      expect([...scheduler.schedules.keys()].filter((k) => k.includes(plan.planId))).toEqual([]);

      // The same records again: the create is re-applied, then deleted again; nothing is left.
      expect(await handler()(event)).toEqual({ batchItemFailures: [] });
      expect([...scheduler.schedules.keys()].filter((k) => k.includes(plan.planId))).toEqual([]);
      // The delete alone, repeated: deleting what is not there is success.
      const last = event.Records.at(-1)!;
      expect(await handler()(stream.event([last]))).toEqual({ batchItemFailures: [] });
    });
  }

  it('puts them back when a paused plan resumes', async () => {
    const plan = await activePlan();
    await repo().changeStatus(plan.planId, transition({ kind: 'patient-paused' }), NOW);
    await repo().changeStatus(plan.planId, transition({ kind: 'resume' }), NOW);
    await handler()(stream.event(await recordsOf(plan.planId)));
    expect(scheduler.calls(CreateScheduleCommand).map((i) => i.Name)).toHaveLength(6);
    expect(scheduler.calls(DeleteScheduleCommand)).toHaveLength(3);
    expect(scheduler.schedules.size).toBe(3);
  });

  it('ignores the reminder claims and outcomes written on an active plan', async () => {
    const plan = await activePlan();
    const before = (await recordsOf(plan.planId)).length;
    const ledger = new DynamoReminderLedger(table.db, table.tableName);
    const claim = await ledger.claim(plan.planId, '2030-03-06T13:00Z', {
      token: 't1',
      at: NOW,
      leaseUntil: new Date(NOW.getTime() + 60_000),
      slot: 1,
    });
    expect(claim.outcome).toBe('claimed');
    await ledger.settle({
      planId: plan.planId,
      key: '2030-03-06T13:00Z',
      token: 't1',
      entry: { state: 'sent', messageId: 'm', at: NOW.toISOString() },
    });
    const claims = (await recordsOf(plan.planId)).slice(before);
    expect(claims.map((r) => r.eventName)).toEqual(['MODIFY', 'MODIFY']);
    expect(claims.map(actionFor)).toEqual([{ kind: 'none' }, { kind: 'none' }]);

    expect(await handler()(stream.event(claims))).toEqual({ batchItemFailures: [] });
    expect(scheduler.mock.calls()).toHaveLength(0);
  });

  it('on a failure, reports it and every later record of the same item, and applies other items', async () => {
    const failing = await activePlan();
    await repo().changeStatus(failing.planId, transition({ kind: 'patient-paused' }), NOW);
    const other = await activePlan();
    const failingRecords = await recordsOf(failing.planId); // INSERT, MODIFY → active, MODIFY → paused
    const otherRecords = await recordsOf(other.planId);
    scheduler.mock
      .on(CreateScheduleCommand, { Name: `reminder-${failing.planId}-2` })
      .rejects(
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
      );

    const response = await handler()(stream.event([...failingRecords, ...otherRecords]));
    expect(response.batchItemFailures).toEqual(
      failingRecords.slice(1).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber })),
    );
    // The pause of the failing plan was not applied before its activation: no delete was sent.
    expect(scheduler.calls(DeleteScheduleCommand)).toEqual([]);
    expect([...scheduler.schedules.keys()].filter((k) => k.includes(other.planId))).toHaveLength(3);
  });

  it('throws when the whole batch fails, so Lambda retries (and bisects) it', async () => {
    const plan = await activePlan();
    scheduler.mock
      .on(CreateScheduleCommand)
      .rejects(
        new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }),
      );
    const records = (await recordsOf(plan.planId)).filter((r) => actionFor(r).kind !== 'none');
    await expect(handler()(stream.event(records))).rejects.toThrow();
  });
});

/** Lambda event filtering, for the exact-string patterns used here (arrays of allowed values). */
function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.includes(value);
  if (pattern && typeof pattern === 'object') {
    return (
      !!value &&
      typeof value === 'object' &&
      Object.entries(pattern).every(([k, p]) => matches(p, (value as Record<string, unknown>)[k]))
    );
  }
  return false;
}
const passes = (record: DynamoDBRecord) => SCHEDULE_SYNC_FILTER_PATTERNS.some((p) => matches(p, record));

describe('the event source filter', () => {
  it('lets through every record that changes schedules or gives session places back, and drops patients, events and idle plans', async () => {
    const plan = await activePlan();
    await repo().changeStatus(plan.planId, transition({ kind: 'patient-paused' }), NOW);
    await repo().changeStatus(plan.planId, transition({ kind: 'opted-out' }), NOW);
    const records = await recordsOf(plan.planId);
    // INSERT pending, → active, → paused, paused → stopped (gives its places back)
    expect(records.map(passes)).toEqual([false, true, true, true]);
    for (const record of records) {
      if (actionFor(record).kind !== 'none' || releaseFor(record)) expect(passes(record)).toBe(true);
    }
    const patient = await stream.recordsOf(`PATIENT#${plan.phoneHash}`);
    expect(patient.length).toBeGreaterThan(0);
    expect(patient.some(passes)).toBe(false);
  });

  it('lets through the removal of an active plan', async () => {
    const plan = await activePlan();
    await repo().erasePatient(plan.phoneHash);
    const removal = (await recordsOf(plan.planId)).at(-1)!;
    expect(removal.eventName).toBe('REMOVE');
    expect(passes(removal)).toBe(true);
    expect(actionFor(removal)).toEqual({ kind: 'delete', planId: plan.planId });
  });
});
