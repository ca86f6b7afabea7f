import { describe, expect, it } from 'vitest';
import { DynamoPlanRepository, retainedUntil } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { StateConflictError } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { planRecord } from '../support/fixtures.ts';
import { transition } from '../../shared/domain/plan/lifecycle.ts';
import { activeSpans } from '../../shared/domain/scheduling/due.ts';

const table = useTestTable();
const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const AT = new Date(Date.now() + 60_000);

describe('DynamoPlanRepository (DynamoDB Local)', () => {
  it('stores a pending plan alone (no patient until it is activated), and reads it back', async () => {
    const record = planRecord();
    await repo().createPendingPlan(record, 30);

    expect(await repo().getPlan(record.planId)).toEqual(record);
    expect(await repo().getPatient(record.phoneHash)).toBeUndefined();

    // Keys never carry the phone number; the pending plan expires on its own.
    const items = (await table.scanAll()).filter((i) => String(i.gsi1pk).includes(record.phoneHash));
    expect(items.map((i) => i.type)).toEqual(['plan']);
    for (const item of items) {
      expect(`${item.pk}${item.sk}${item.gsi1pk}${item.gsi1sk}`).not.toContain(record.phone.slice(1));
      expect(item.expiresAt).toBeGreaterThan(Date.parse(record.createdAt) / 1000);
    }
  });

  it('refuses to store the same plan id twice', async () => {
    const record = planRecord();
    await repo().createPendingPlan(record, 30);
    await expect(repo().createPendingPlan(record, 30)).rejects.toThrow();
  });

  it('returns undefined for unknown plans and patients', async () => {
    expect(await repo().getPlan('no-such-plan')).toBeUndefined();
    expect(await repo().getPatient('no-such-hash')).toBeUndefined();
  });

  it('activates a pending plan once, pointing the patient at it and setting retention', async () => {
    const record = planRecord();
    await repo().createPendingPlan(record, 30);
    expect(await repo().activatePlan(record.planId, AT, 30)).toEqual({});

    const plan = await repo().getPlan(record.planId);
    expect(plan).toMatchObject({ status: 'active', activatedAt: AT.toISOString() });
    expect((await repo().getPatient(record.phoneHash))?.currentPlanId).toBe(record.planId);
    const raw = (await table.scanAll()).find((i) => i.pk === `PLAN#${record.planId}`);
    expect(raw?.expiresAt).toBe(retainedUntil(record, 30));

    await expect(repo().activatePlan(record.planId, AT, 30)).rejects.toBeInstanceOf(StateConflictError);
  });

  it('keeps every change of status with its instant, which is what was due is read from', async () => {
    const record = planRecord();
    await repo().createPendingPlan(record, 30);
    await repo().activatePlan(record.planId, AT, 30);
    const hour = (n: number) => new Date(AT.getTime() + n * 3_600_000);
    expect(await repo().changeStatus(record.planId, transition({ kind: 'patient-paused' }), hour(1))).toBe(
      true,
    );
    expect(await repo().changeStatus(record.planId, transition({ kind: 'resume' }), hour(2))).toBe(true);
    expect(await repo().changeStatus(record.planId, transition({ kind: 'opted-out' }), hour(3))).toBe(true);
    // A change the lifecycle refuses (stopped → active) leaves no mark.
    expect(await repo().changeStatus(record.planId, transition({ kind: 'resume' }), hour(4))).toBe(false);

    const stored = await repo().getPlan(record.planId);
    expect(stored?.statusHistory).toEqual([
      { to: 'active', at: AT.toISOString() },
      { to: 'paused', at: hour(1).toISOString() },
      { to: 'active', at: hour(2).toISOString() },
      { to: 'stopped', at: hour(3).toISOString() },
    ]);
    expect(activeSpans(stored!, hour(5))).toEqual([
      { from: AT.getTime(), to: hour(1).getTime() },
      { from: hour(2).getTime(), to: hour(3).getTime() },
    ]);
  });

  it('replaces the older active plan of the same phone when a new one is activated', async () => {
    const first = planRecord();
    await repo().createPendingPlan(first, 30);
    await repo().activatePlan(first.planId, AT, 30);

    const second = planRecord({ phone: first.phone, phoneHash: first.phoneHash });
    await repo().createPendingPlan(second, 30);
    expect(await repo().activatePlan(second.planId, AT, 30)).toEqual({ replacedPlanId: first.planId });

    expect(await repo().getPlan(first.planId)).toMatchObject({
      status: 'replaced',
      statusReason: `replaced-by:${second.planId}`,
    });
    expect((await repo().getPlan(second.planId))?.status).toBe('active');
    expect((await repo().getPatient(first.phoneHash))?.currentPlanId).toBe(second.planId);
  });

  it('lets only one of two plans racing to activate for the same phone win', async () => {
    const a = planRecord();
    const b = planRecord({ phone: a.phone, phoneHash: a.phoneHash });
    await repo().createPendingPlan(a, 30);
    await repo().createPendingPlan(b, 30);
    const results = await Promise.allSettled([
      repo().activatePlan(a.planId, AT, 30),
      repo().activatePlan(b.planId, AT, 30),
    ]);
    const patient = await repo().getPatient(a.phoneHash);
    const statuses = [(await repo().getPlan(a.planId))!.status, (await repo().getPlan(b.planId))!.status];
    // Either both succeeded in turn (one replaced the other) or one was refused; never two active plans.
    expect(statuses.filter((s) => s === 'active')).toHaveLength(1);
    expect([a.planId, b.planId]).toContain(patient?.currentPlanId);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StateConflictError);
  });

  it('moves a plan between statuses only from the expected ones', async () => {
    const record = planRecord();
    await repo().createPendingPlan(record, 30);
    await repo().activatePlan(record.planId, AT, 30);

    const id = record.planId;
    expect(await repo().changeStatus(id, transition({ kind: 'patient-paused' }), AT)).toBe(true);
    expect(await repo().getPlan(id)).toMatchObject({ status: 'paused', statusReason: 'patient-paused' });
    // Only an active plan completes: the change is refused and nothing is written.
    expect(await repo().changeStatus(id, transition({ kind: 'complete' }), AT)).toBe(false);
    expect(await repo().getPlan(id)).toMatchObject({ status: 'paused', statusReason: 'patient-paused' });
    expect(await repo().changeStatus(id, transition({ kind: 'resume' }), AT)).toBe(true);
    const resumed = await repo().getPlan(id);
    expect(resumed?.status).toBe('active');
    expect(resumed?.statusReason).toBeUndefined();
  });

  it('erases every item of a patient and nothing of others', async () => {
    const mine = planRecord();
    const older = planRecord({ phone: mine.phone, phoneHash: mine.phoneHash });
    const theirs = planRecord();
    for (const r of [older, mine, theirs]) await repo().createPendingPlan(r, 30);
    await repo().activatePlan(older.planId, AT, 30);
    await repo().activatePlan(mine.planId, AT, 30);
    await repo().activatePlan(theirs.planId, AT, 30);

    const result = await repo().erasePatient(mine.phoneHash);
    expect(result.planIds.sort()).toEqual([mine.planId, older.planId].sort());
    expect(result.deletedItems).toBe(3);

    const left = await table.scanAll();
    expect(left.some((i) => JSON.stringify(i).includes(mine.phoneHash))).toBe(false);
    expect(left.some((i) => i.pk === `PLAN#${theirs.planId}`)).toBe(true);
    expect(await repo().getPatient(theirs.phoneHash)).toBeDefined();
  });
});
