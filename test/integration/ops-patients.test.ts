import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteScheduleCommand, SchedulerServiceException } from '@aws-sdk/client-scheduler';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { EventBridgeReminderScheduler } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { planScheduleNames } from '../../shared/domain/scheduling/schedule.ts';
import { hashPhone } from '../../shared/domain/security/privacy.ts';
import {
  erasePatientByPhone,
  lookupPatient,
  UnknownPatientError,
  type PatientOpsClients,
} from '../../scripts/ops/patients.ts';
import { UsageError } from '../../scripts/ops/stack-outputs.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { nextPhone, TEST_HASH_KEY } from '../support/fixtures.ts';
import { mockStack, opsOutputs } from '../support/ops.ts';
import { activePlan } from '../support/reminders.ts';
import { fakeScheduler, SCHEDULER_OPTIONS } from '../support/scheduler.ts';

const table = useTestTable();
const scheduler = fakeScheduler();
const secrets = mockClient(SecretsManagerClient);
let stack: ReturnType<typeof mockStack>;
afterAll(() => {
  scheduler.mock.restore();
  secrets.restore();
  stack?.mock.restore();
});

const STACK = 'Clinic';
beforeEach(() => {
  scheduler.reset();
  secrets.reset();
  stack?.mock.restore();
  stack = mockStack(STACK, opsOutputs(table.tableName));
  secrets.on(GetSecretValueCommand).resolves({ SecretString: TEST_HASH_KEY });
});

const clients = (): PatientOpsClients => ({
  cloudFormation: stack.client,
  secretsManager: new SecretsManagerClient({ region: 'us-east-1' }),
  db: table.db,
  scheduler: scheduler.client,
});

/** "+14155551234" as an operator might type it: "+1 (415) 555-1234". */
const typed = (e164: string) => `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

/** The patient's items: everything under their hash (profile, plans, events). */
async function itemsOf(phone: string) {
  const phoneHash = hashPhone(phone, TEST_HASH_KEY);
  return (await table.scanAll()).filter(
    (i) => i.phoneHash === phoneHash || String(i.gsi1pk ?? '').includes(phoneHash),
  );
}

describe('npm run ops:lookup', () => {
  it("finds the patient by a number typed any way, hashed with the stack's key, and shows it masked", async () => {
    const plan = await activePlan(table);
    // Lookup reads only the table and the key.
    stack.mock.restore();
    const { tableName, hashKeySecretArn } = opsOutputs(table.tableName);
    stack = mockStack(STACK, { tableName, hashKeySecretArn });

    const found = await lookupPatient(clients(), STACK, typed(plan.phone));

    expect(found).toMatchObject({
      phone: `+1********${plan.phone.slice(-2)}`,
      country: 'US',
      optedOut: false,
      currentPlan: {
        planId: plan.planId,
        status: 'active',
        channel: 'sms',
        timeZone: 'America/New_York',
        sessionTimes: ['08:00', '13:00', '19:00'],
      },
    });
    expect(JSON.stringify(found)).not.toContain(plan.phone.slice(2));
    expect(stack.mock.commandCalls(DescribeStacksCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: STACK },
    ]);
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: opsOutputs().hashKeySecretArn },
    ]);
  });

  it('says no patient has an unknown number, masked', async () => {
    const phone = nextPhone();
    const error = await lookupPatient(clients(), STACK, phone).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPatientError);
    expect((error as Error).message).toBe(`no patient has the number +1********${phone.slice(-2)}`);
  });

  it("fails with AWS's error when the operator may not read the key, and reads nothing else", async () => {
    secrets.on(GetSecretValueCommand).rejects(
      new SecretsManagerServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
        message: 'not authorized to perform: secretsmanager:GetSecretValue',
      }),
    );
    await expect(lookupPatient(clients(), STACK, nextPhone())).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('refuses a number that is not one before asking AWS anything, without repeating it', async () => {
    const error = await lookupPatient(clients(), STACK, '415 555 0123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    // The number typed is not repeated (the example it shows, "like +1 201 555 0123", is the library's).
    expect((error as Error).message).not.toContain('415');
    expect((error as Error).message.replace(/like \+[\d ]+$/, '')).not.toContain('555 0123');
    expect(stack.mock.calls()).toHaveLength(0);
  });
});

describe('npm run ops:erase', () => {
  it('without --yes only says who would be erased', async () => {
    const plan = await activePlan(table);
    const before = await itemsOf(plan.phone);

    const result = await erasePatientByPhone(clients(), STACK, plan.phone, { yes: false });

    expect(result).toMatchObject({ erased: false, patient: { currentPlan: { planId: plan.planId } } });
    expect(await itemsOf(plan.phone)).toEqual(before);
    expect(scheduler.mock.calls()).toHaveLength(0);
  });

  it("erases every item of the patient as DELETE YES does, and their plans' schedules; others stay", async () => {
    const older = await activePlan(table);
    // The patient assessed again: a second plan replaced the first.
    const plan = await activePlan(table, { phone: older.phone });
    const other = await activePlan(table);
    const adapter = new EventBridgeReminderScheduler(scheduler.client, SCHEDULER_OPTIONS);
    for (const p of [plan, other]) await adapter.putPlanSchedules(p.planId, p.plan, new Date());
    expect((await itemsOf(plan.phone)).length).toBeGreaterThanOrEqual(3);

    const result = await erasePatientByPhone(clients(), STACK, typed(plan.phone), { yes: true });

    expect(result).toMatchObject({ erased: true });
    expect(result.erased && [...result.planIds].sort()).toEqual([older.planId, plan.planId].sort());
    expect(await itemsOf(plan.phone)).toEqual([]);
    expect(await new DynamoPlanRepository(table.db, table.tableName).getPlan(other.planId)).toBeDefined();
    // Each erased plan's schedules, in the stack's group; the other patient's are untouched.
    expect(scheduler.calls(DeleteScheduleCommand)).toEqual(
      expect.arrayContaining(
        [older, plan].flatMap((p) =>
          planScheduleNames(p.planId).map((Name) => ({ Name, GroupName: SCHEDULER_OPTIONS.groupName })),
        ),
      ),
    );
    expect([...scheduler.schedules.keys()].sort()).toEqual(
      planScheduleNames(other.planId)
        .map((n) => `${SCHEDULER_OPTIONS.groupName}/${n}`)
        .sort(),
    );

    // Erased, the number is unknown: a second run changes nothing.
    await expect(erasePatientByPhone(clients(), STACK, plan.phone, { yes: true })).rejects.toBeInstanceOf(
      UnknownPatientError,
    );
  });

  it('says which schedules are left when Scheduler refuses, the patient being erased already', async () => {
    const plan = await activePlan(table);
    scheduler.injectFaults((call) =>
      call === 'DeleteSchedule'
        ? new SchedulerServiceException({
            name: 'AccessDeniedException',
            $fault: 'client',
            $metadata: {},
            message: 'not authorized to perform: scheduler:DeleteSchedule',
          })
        : undefined,
    );

    await expect(erasePatientByPhone(clients(), STACK, plan.phone, { yes: true })).rejects.toThrow(
      `+1********${plan.phone.slice(-2)} erased (2 items), but the schedules of plan(s) ${plan.planId} ` +
        '(AccessDeniedException: not authorized to perform: scheduler:DeleteSchedule) were not deleted: ' +
        'schedule-sync deletes them from the table stream, or run npm run ops:resync',
    );
    expect(await itemsOf(plan.phone)).toEqual([]);
  });

  it('leaves the table as it was when the stack lacks an output, naming it', async () => {
    const plan = await activePlan(table);
    const { hashKeySecretArn: _dropped, ...older } = opsOutputs(table.tableName);
    stack.mock.restore();
    stack = mockStack(STACK, older);

    await expect(erasePatientByPhone(clients(), STACK, plan.phone, { yes: true })).rejects.toThrow(
      /stack Clinic has no output HashKeySecretArn: deploy/,
    );
    expect((await itemsOf(plan.phone)).length).toBeGreaterThan(0);
  });
});
