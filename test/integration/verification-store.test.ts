import { describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoVerificationStore } from '../../shared/adapters/dynamodb/verification-store.ts';
import { issueCode } from '../../shared/domain/verification.ts';
import { StateConflictError } from '../../shared/ports.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';

const table = useTestTable();
const rules = { codeValidMinutes: 10, maxCodeAttempts: 5, resendAfterSeconds: 60 };

async function pending() {
  const record = planRecord();
  record.verification = issueCode('hash-1', new Date(), rules);
  await new DynamoPlanRepository(table.db, table.tableName).createPendingPlan(record, 30);
  return record;
}

const store = () => new DynamoVerificationStore(table.db, table.tableName);
const read = (planId: string) => new DynamoPlanRepository(table.db, table.tableName).getPlan(planId);

describe('DynamoVerificationStore (DynamoDB Local)', () => {
  it('counts a wrong code once for the state it was read in; a stale state conflicts', async () => {
    const record = await pending();
    const seen = record.verification!;
    await store().recordWrongCode(record.planId, seen, new Date(), false);
    await expect(store().recordWrongCode(record.planId, seen, new Date(), false)).rejects.toBeInstanceOf(
      StateConflictError,
    );
    expect((await read(record.planId))?.verification).toMatchObject({ attempts: 1 });
  });

  it('locks with the last try, after which nothing changes the verification', async () => {
    const record = await pending();
    const at = new Date();
    await store().recordWrongCode(record.planId, record.verification!, at, true);
    const locked = (await read(record.planId))!.verification!;
    expect(locked).toMatchObject({ attempts: 1, lockedAt: at.toISOString() });
    await expect(
      store().replaceCode(record.planId, locked, issueCode('hash-2', at, rules, locked), at),
    ).rejects.toBeInstanceOf(StateConflictError);
  });

  it('replaces the code keeping the try count, and refuses once the plan is no longer pending', async () => {
    const record = await pending();
    const at = new Date();
    const next = issueCode('hash-2', at, rules, { ...record.verification!, attempts: 0 });
    await store().replaceCode(record.planId, record.verification!, next, at);
    expect((await read(record.planId))?.verification).toEqual(next);

    await new DynamoPlanRepository(table.db, table.tableName).activatePlan(record.planId, at, 30);
    await expect(store().recordWrongCode(record.planId, next, at, false)).rejects.toBeInstanceOf(
      StateConflictError,
    );
    await store().markVerified(record.planId, at);
    await store().markVerified(record.planId, new Date(at.getTime() + 1000));
    expect((await read(record.planId))?.verification?.verifiedAt).toBe(at.toISOString());
  });
});
