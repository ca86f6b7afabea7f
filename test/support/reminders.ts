import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import type { DeliveryEntry, PlanRecord } from '../../shared/domain/model.ts';
import { keys } from '../../shared/table.ts';
import type { TestTable } from './dynamodb.ts';
import { planRecord } from './fixtures.ts';
import { outsideFunctions } from '../../local/aws-calls.ts';

/** A clock the test moves. */
export function clockAt(iso: string | Date) {
  const clock = {
    at: new Date(iso),
    now: () => clock.at,
    set: (i: string | Date) => (clock.at = new Date(i)),
    advance: (ms: number) => (clock.at = new Date(clock.at.getTime() + ms)),
  };
  return clock;
}

/** What a schedule puts on the reminder queue. */
export const reminder = (planId: string, slot: number, scheduledTime: string) => ({
  v: 1,
  planId,
  slot,
  scheduledTime,
});

export { sqsEvent, sqsRecord } from './sqs.ts';

/** A plan made at `now`, verified and active. */
export async function activePlan(
  table: TestTable,
  overrides: Partial<PlanRecord> & { now?: Date } = {},
): Promise<PlanRecord> {
  const repo = new DynamoPlanRepository(table.db, table.tableName);
  const record = planRecord(overrides);
  await repo.createPendingPlan(record, 30);
  await repo.activatePlan(record.planId, new Date(record.createdAt), 30);
  return { ...record, status: 'active' };
}

/** The plan item's delivery records, read consistently. */
export async function deliveriesOf(table: TestTable, planId: string): Promise<Record<string, DeliveryEntry>> {
  // Test doubles call this while the sender waits on them: the read is the test's, not the sender's.
  const { Item } = await outsideFunctions(() =>
    table.db.send(
      new GetCommand({ TableName: table.tableName, Key: keys.plan(planId), ConsistentRead: true }),
    ),
  );
  return Item?.deliveries ?? {};
}

export const noFailures = { batchItemFailures: [] };
export const failed = (...ids: string[]) => ({
  batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })),
});
