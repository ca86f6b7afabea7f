import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoVerificationStore } from '../../shared/adapters/dynamodb/verification-store.ts';
import { issueCode } from '../../shared/domain/security/verification.ts';
import { StateConflictError } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';

const table = useTestTable();
const rules = { codeValidMinutes: 10, maxCodeAttempts: 5, resendAfterSeconds: 60, codesPerPlan: 4 };

async function pending() {
  const record = planRecord();
  record.verification = issueCode('hash-1', new Date(), rules);
  await new DynamoPlanRepository(table.db, table.tableName).createPendingPlan(record, 30);
  return record;
}

const store = () => new DynamoVerificationStore(table.db, table.tableName);
const read = (planId: string) => new DynamoPlanRepository(table.db, table.tableName).getPlan(planId);

describe('DynamoVerificationStore (DynamoDB Local)', () => {
  it('counts each try once, racing ones each their own, never past the limit or an expired code', async () => {
    const record = await pending();
    const at = new Date();
    const counted = await Promise.all(
      Array.from({ length: 12 }, () => store().countTry(record.planId, at, 5)),
    );
    expect(
      counted
        .filter(Boolean)
        .map((s) => s!.attempts)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    expect((await read(record.planId))?.verification).toMatchObject({ attempts: 5 });

    const fresh = await pending();
    const expiry = new Date(fresh.verification!.expiresAt);
    expect(await store().countTry(fresh.planId, expiry, 5)).toBeUndefined();
    expect(await store().countTry(randomUUID(), at, 5)).toBeUndefined();
    expect((await table.scanAll()).filter((i) => i.sk === 'PLAN')).toHaveLength(2);
  });

  it('locks once, after which no try is counted and the code is not replaced', async () => {
    const record = await pending();
    const at = new Date();
    await store().lock(record.planId, at);
    await expect(store().lock(record.planId, at)).rejects.toBeInstanceOf(StateConflictError);
    const locked = (await read(record.planId))!.verification!;
    expect(locked).toMatchObject({ attempts: 0, lockedAt: at.toISOString() });
    expect(await store().countTry(record.planId, at, 5)).toBeUndefined();
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
    expect(await store().countTry(record.planId, at, 5)).toBeUndefined();
    await expect(store().lock(record.planId, at)).rejects.toBeInstanceOf(StateConflictError);
    await store().markVerified(record.planId, at);
    await store().markVerified(record.planId, new Date(at.getTime() + 1000));
    expect((await read(record.planId))?.verification?.verifiedAt).toBe(at.toISOString());
  });
});
