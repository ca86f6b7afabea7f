import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import {
  ConflictException,
  CreateScheduleCommand,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createScheduleSyncHandler } from '../../functions/schedule-sync/handler.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { planScheduleSpecs } from '../../shared/domain/scheduling/schedule.ts';
import { StateConflictError, type PlanRecord } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { seededRandom } from '../support/faults.ts';
import { activePlan as makeActivePlan } from '../support/reminders.ts';
import { fakeScheduler, SCHEDULER_OPTIONS, type SchedulerCall } from '../support/scheduler.ts';
import { useStream } from '../support/streams.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';

/**
 * Fault matrix, "Scheduler API errors during sync": schedule-sync on real stream records of
 * DynamoDB Local, EventBridge Scheduler at the SDK boundary answering errors, and Lambda's retry of
 * a stream batch from the first failed record (ReportBatchItemFailures) simulated.
 */
const table = useTestTable();
const stream = useStream(table);
const scheduler = fakeScheduler();
afterAll(() => {
  scheduler.mock.restore();
  stream.close();
});
beforeEach(() => scheduler.reset());

const OPTIONS = SCHEDULER_OPTIONS;
// 21:30 in New York on 2030-03-05 (future-dated for DynamoDB Local's TTL).
const MADE_AT = new Date('2030-03-06T02:30:00Z');
const NOW = new Date('2030-03-06T02:31:00Z');

const adapter = () => new EventBridgeReminderScheduler(scheduler.client, OPTIONS);
const handler = () =>
  asFunction(
    'schedule-sync',
    createScheduleSyncHandler({
      scheduler: adapter(),
      slots: new DynamoSessionSlots(table.db, table.tableName),
      clock: { now: () => NOW },
    }),
  );
const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const $metadata = {};
const ERRORS = {
  throttling: () =>
    new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata }),
  internal: () =>
    new InternalServerException({ message: 'Internal error', Message: 'Internal error', $metadata }),
  conflict: () => new ConflictException({ message: 'Conflict', Message: 'Conflict', $metadata }),
  notFound: () => new ResourceNotFoundException({ message: 'not found', Message: 'not found', $metadata }),
};

const sequence = (r: DynamoDBRecord) => BigInt(r.dynamodb!.SequenceNumber!);

/**
 * Hands `records` to schedule-sync as Lambda's event source mapping does: when records fail, the
 * batch is retried from the lowest failed sequence number; when the whole batch fails (the handler
 * throws), the batch is retried as it is. Answers the number of invocations.
 */
async function deliverLikeLambda(records: DynamoDBRecord[], maxInvocations = 200): Promise<number> {
  let pending = [...records].sort((a, b) => (sequence(a) < sequence(b) ? -1 : 1));
  for (let invocations = 1; invocations <= maxInvocations; invocations++) {
    let failures: string[];
    try {
      failures = (await handler()(stream.event(pending))).batchItemFailures.map((f) => f.itemIdentifier);
    } catch {
      continue;
    }
    if (failures.length === 0) return invocations;
    const first = failures.map(BigInt).reduce((a, b) => (a < b ? a : b));
    pending = pending.filter((r) => sequence(r) >= first);
  }
  throw new Error(`still failing after ${maxInvocations} invocations`);
}

const activePlan = (overrides: Partial<PlanRecord> = {}) =>
  makeActivePlan(table, { now: MADE_AT, ...overrides });

/** The schedules that must exist for `plans` (by their stored state): three per active plan, exactly. */
async function expectSchedulesMatch(planIds: string[]) {
  const expected = new Map<string, unknown>();
  for (const planId of planIds) {
    const plan = await repo().getPlan(planId);
    if (plan?.status !== 'active') continue;
    const specs = planScheduleSpecs(planId, plan.plan, NOW) ?? [];
    expect(specs).toHaveLength(RULE.sessionsPerDay);
    for (const spec of specs) {
      const input = adapter().scheduleInput(spec);
      expected.set(`${OPTIONS.groupName}/${input.Name}`, input);
    }
  }
  const mine = [...scheduler.schedules].filter(([id]) => planIds.some((p) => id.includes(p)));
  expect(new Map(mine)).toEqual(expected);
}

describe('fault matrix: Scheduler API errors during sync', () => {
  for (const [name, error] of [
    ['ThrottlingException', ERRORS.throttling],
    ['InternalServerException', ERRORS.internal],
  ] as const) {
    it(`${name} on a create: the record is reported failed, and the retry from it creates the three schedules`, async () => {
      const plan = await activePlan();
      let left = 1;
      scheduler.injectFaults((call) => (call === 'CreateSchedule' && left-- > 0 ? error() : undefined));
      const records = await stream.recordsOf(`PLAN#${plan.planId}`);

      const first = await handler()(stream.event(records));
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.dynamodb!.SequenceNumber }]);
      expect(await deliverLikeLambda(records)).toBe(1);
      await expectSchedulesMatch([plan.planId]);
    });
  }

  it('ConflictException on an update (changed meanwhile): retried, and the schedules end as the plan says', async () => {
    const plan = await activePlan();
    const records = await stream.recordsOf(`PLAN#${plan.planId}`);
    await deliverLikeLambda(records);
    let left = 1;
    scheduler.injectFaults((call) =>
      call === 'UpdateSchedule' && left-- > 0 ? ERRORS.conflict() : undefined,
    );
    expect(await deliverLikeLambda(records)).toBe(2); // a repeat of the records: create → conflict → update
    expect(scheduler.calls(UpdateScheduleCommand).length).toBeGreaterThanOrEqual(4);
    await expectSchedulesMatch([plan.planId]);
  });

  it('ResourceNotFoundException on an update (deleted between the conflict and the update): retried, then created', async () => {
    const plan = await activePlan();
    const records = await stream.recordsOf(`PLAN#${plan.planId}`);
    await deliverLikeLambda(records);
    // Scheduler deletes one schedule meanwhile (its end passed, or someone deleted it) just after
    // answering the create with a conflict.
    const victim = `${OPTIONS.groupName}/reminder-${plan.planId}-2`;
    scheduler.injectFaults((call, input) => {
      if (
        call === 'UpdateSchedule' &&
        `${OPTIONS.groupName}/${input.Name}` === victim &&
        scheduler.schedules.has(victim)
      ) {
        scheduler.schedules.delete(victim);
        return ERRORS.notFound();
      }
      return undefined;
    });
    expect(await deliverLikeLambda(records)).toBe(2);
    expect(
      scheduler.calls(CreateScheduleCommand).filter((c) => c.Name === `reminder-${plan.planId}-2`),
    ).toHaveLength(3);
    await expectSchedulesMatch([plan.planId]);
  });

  it('30 % of Scheduler calls fail (throttling, internal, conflict, not found) while plans activate, pause, resume, stop, get replaced and erased: in the end exactly the active plans have their schedules', async () => {
    const random = seededRandom(20300306);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const planIds: string[] = [];
    const phonesOf = new Map<string, PlanRecord>();
    for (let i = 0; i < 12; i++) {
      const plan = await activePlan();
      planIds.push(plan.planId);
      phonesOf.set(plan.planId, plan);
      for (let step = 0; step < 4; step++) {
        const current = await repo().getPlan(plan.planId);
        if (!current) break;
        const move = pick(['pause', 'resume', 'stop', 'complete', 'replace', 'erase', 'none'] as const);
        try {
          if (move === 'pause')
            await repo().changeStatus(plan.planId, transition({ kind: 'patient-paused' }), NOW);
          if (move === 'resume') await repo().changeStatus(plan.planId, transition({ kind: 'resume' }), NOW);
          if (move === 'stop') await repo().changeStatus(plan.planId, transition({ kind: 'opted-out' }), NOW);
          if (move === 'complete')
            await repo().changeStatus(plan.planId, transition({ kind: 'complete' }), NOW);
          if (move === 'replace') {
            const next = await activePlan({ phone: plan.phone, phoneHash: plan.phoneHash });
            planIds.push(next.planId);
          }
          if (move === 'erase') await repo().erasePatient(plan.phoneHash);
        } catch (error) {
          if (!(error instanceof StateConflictError)) throw error;
        }
      }
    }
    // Faults only where Scheduler really answers them: a delete of a missing schedule is success,
    // so a "not found" for one that exists would be a lie no real Scheduler tells.
    const faults: Record<SchedulerCall, (() => Error)[]> = {
      CreateSchedule: [ERRORS.throttling, ERRORS.internal, ERRORS.conflict],
      UpdateSchedule: [ERRORS.throttling, ERRORS.internal, ERRORS.conflict, ERRORS.notFound],
      DeleteSchedule: [ERRORS.throttling, ERRORS.internal, ERRORS.conflict],
    };
    let injected = 0;
    scheduler.injectFaults((call) => {
      if (random() >= 0.3) return undefined;
      injected++;
      return pick(faults[call])();
    });

    const records = (await stream.records()).filter((r) =>
      planIds.some((id) => r.dynamodb?.Keys?.pk?.S === `PLAN#${id}`),
    );
    const invocations = await deliverLikeLambda(records);
    expect(injected).toBeGreaterThan(10);
    expect(invocations).toBeGreaterThan(1);
    await expectSchedulesMatch(planIds);
    const active = (await Promise.all(planIds.map((id) => repo().getPlan(id)))).filter(
      (p) => p?.status === 'active',
    );
    expect(active.length).toBeGreaterThan(0);
    expect(active.length).toBeLessThan(planIds.length);
    // Many plans through every status with faults injected: 11 s in a full run (checks beside it: more).
  }, 90_000);
});
