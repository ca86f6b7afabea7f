import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createScheduleSyncHandler } from '../../functions/schedule-sync/handler.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoSessionSlots } from '../../shared/adapters/dynamodb/session-slots.ts';
import { SlotsFullError, type PlanRecord } from '../../shared/domain/model.ts';
import { slotCapacity, slotsOf } from '../../shared/domain/scheduling/session-slots.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { burstContext, call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, GENEROUS_LIMITS, testConfig } from '../support/intake.ts';
import { asFunction } from '../../local/aws-calls.ts';
import { proofSize } from '../support/proof-size.ts';

const table = useTestTable();
const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const slots = () => new DynamoSessionSlots(table.db, table.tableName);

async function booked(minute: number): Promise<number> {
  const { Item } = await table.db.send(
    new GetCommand({ TableName: table.tableName, Key: keys.slot(minute), ConsistentRead: true }),
  );
  return Number(Item?.booked ?? 0);
}

/** A plan at its own three times (distinct from every other test's, so counts start at zero). */
function planAt(times: [string, string, string], timeZone = 'Pacific/Chatham'): PlanRecord {
  const record = planRecord();
  return { ...record, plan: { ...record.plan, sessionTimes: times, timeZone } };
}

describe('session slots in DynamoDB Local: booked with the plan, never past capacity, given back once', () => {
  // 1,000 bookings of a capacity of 100 in `npm run prove:full`; 200 of 20 in `npm test`.
  const bookings = proofSize(200, 1000);
  it(`${bookings} concurrent bookings of the same three minutes: exactly the capacity is booked, the rest refused with nothing written`, async () => {
    const capacity = bookings / 10;
    const plans = Array.from({ length: bookings }, () => planAt(['08:07', '13:07', '19:07']));
    const minutes = slotsOf(plans[0]!.plan);
    const results = await Promise.allSettled(
      plans.map((p) => repo().createPendingPlan(p, 30, { slots: slotsOf(p.plan), capacity })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toBe(capacity);
    expect(refused).toHaveLength(bookings - capacity);
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SlotsFullError);
      expect(((r as PromiseRejectedResult).reason as SlotsFullError).full.sort()).toEqual(
        [...minutes].sort(),
      );
    }
    for (const minute of minutes) expect(await booked(minute)).toBe(capacity);
    // Only the booked plans exist, each with its places.
    const stored = (await table.scanAll()).filter(
      (i) => i.sk === 'PLAN' && plans.some((p) => `PLAN#${p.planId}` === i.pk),
    );
    expect(stored).toHaveLength(capacity);
    for (const item of stored) expect(item.bookedSlots).toEqual(minutes);
  }, 120_000);

  it('counts read back what was booked', async () => {
    const p = planAt(['08:11', '13:11', '19:11']);
    await repo().createPendingPlan(p, 30, { slots: slotsOf(p.plan), capacity: 3 });
    const counts = await slots().counts([...slotsOf(p.plan), 5]);
    expect([...counts.entries()].sort()).toEqual(
      slotsOf(p.plan)
        .map((m) => [m, 1])
        .sort(),
    );
  });

  it('schedule-sync gives the places back when the plan ends, once however often the record comes', async () => {
    const p = planAt(['08:13', '13:13', '19:13']);
    const minutes = slotsOf(p.plan);
    await repo().createPendingPlan(p, 30, { slots: minutes, capacity: 5 });
    for (const minute of minutes) expect(await booked(minute)).toBe(1);
    const item = (await table.scanAll()).find((i) => i.pk === `PLAN#${p.planId}` && i.sk === 'PLAN')!;
    // An unconfirmed plan's TTL deletion: a REMOVE record with the old image only.
    const removed: DynamoDBRecord = {
      eventID: randomUUID(),
      eventName: 'REMOVE',
      dynamodb: {
        Keys: marshall(keys.plan(p.planId)) as never,
        OldImage: marshall(item, { removeUndefinedValues: true }) as never,
        SequenceNumber: '1',
      },
    };
    const sync = asFunction(
      'schedule-sync',
      createScheduleSyncHandler({
        scheduler: {
          putPlanSchedules: async () => {},
          deletePlanSchedules: async () => {},
          putSnoozeSchedule: async () => {},
        },
        slots: slots(),
        clock: { now: () => new Date() },
      }),
    );
    for (let i = 0; i < 3; i++) {
      const answer = await sync({ Records: [removed] }, burstContext);
      expect(answer).toEqual({ batchItemFailures: [] });
    }
    for (const minute of minutes) expect(await booked(minute)).toBe(0);
    // A place can be booked again.
    const again = planAt(['08:13', '13:13', '19:13']);
    await repo().createPendingPlan(again, 30, { slots: minutes, capacity: 1 });
    for (const minute of minutes) expect(await booked(minute)).toBe(1);
  });
});

describe('intake books session times (POST /assessments)', () => {
  // 0.1 parts a second: 5 reminders a minute, so a test fills a minute quickly.
  const config = testConfig({ limits: GENEROUS_LIMITS, sms: { partsPerSecond: 0.1 } });
  const capacity = slotCapacity({ identities: 1, partsPerSecond: 0.1 });
  const ZONE = 'Pacific/Marquesas'; // −9:30: minutes no other test of this file books
  const assess = (intake: ReturnType<typeof createTestIntake>, body: Record<string, unknown>) =>
    call(intake.handler, httpEvent('POST', '/assessments', { body }));

  it('the defaults move to the nearest free minutes by themselves; times the patient chose are refused with the nearest free ones, and nothing is written', async () => {
    expect(capacity).toBe(5);
    const intake = createTestIntake(table, { config });
    for (let i = 0; i < capacity; i++) {
      const made = await assess(intake, assessmentBody({ timeZone: ZONE }));
      expect(made.status).toBe(201);
      expect((made.body as { plan: { sessionTimes: string[] } }).plan.sessionTimes).toEqual([
        '08:00',
        '13:00',
        '19:00',
      ]);
    }
    // The sixth patient with the form's defaults: moved a minute, and told so by the plan.
    const moved = await assess(intake, assessmentBody({ timeZone: ZONE }));
    expect(moved.status).toBe(201);
    expect((moved.body as { plan: { sessionTimes: string[] } }).plan.sessionTimes).toEqual([
      '08:01',
      '13:01',
      '19:01',
    ]);

    // A patient who chose 08:00, 13:00, 19:00: refused, with the free times to offer.
    const notLimits = async () => (await table.scanAll()).filter((i) => !String(i.pk).startsWith('LIMIT#'));
    const before = await notLimits();
    const codesBefore = intake.notifier.sent.length;
    const chosen = await assess(
      intake,
      assessmentBody({ timeZone: ZONE, sessionTimes: ['08:00', '13:00', '19:00'] }),
    );
    expect(chosen.status).toBe(409);
    expect(chosen.body).toEqual({
      error: {
        code: 'session_times_full',
        message: 'Reminders at these times are fully booked. The nearest free times are 08:01, 13:01, 19:01.',
        issues: [
          { path: 'sessionTimes.0', message: 'sessionTimes.0 is fully booked: try 08:01' },
          { path: 'sessionTimes.1', message: 'sessionTimes.1 is fully booked: try 13:01' },
          { path: 'sessionTimes.2', message: 'sessionTimes.2 is fully booked: try 19:01' },
        ],
        suggestedSessionTimes: ['08:01', '13:01', '19:01'],
      },
    });
    // Nothing but the request's own rate counters was written, and no code was sent.
    expect(await notLimits()).toEqual(before);
    expect(intake.notifier.sent.length).toBe(codesBefore);

    // Choosing the times offered works.
    const offered = await assess(
      intake,
      assessmentBody({ timeZone: ZONE, sessionTimes: ['08:01', '13:01', '19:01'] }),
    );
    expect(offered.status).toBe(201);
  });
});
