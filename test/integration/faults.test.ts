import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSendReminderHandler, type SendReminderDeps } from '../../functions/send-reminder/handler.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { deliveryKey } from '../../shared/domain/scheduling/reminders.ts';
import type { PlanRecord } from '../../shared/domain/model.ts';
import type { Log } from '../../shared/ports.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { failFirst, injectDynamoFaults, type DynamoRequest, type FaultPlacement } from '../support/faults.ts';
import {
  activePlan as makeActivePlan,
  clockAt,
  deliveriesOf,
  failed,
  noFailures,
  reminder,
  sqsEvent,
  sqsRecord,
} from '../support/reminders.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';

/**
 * The fault matrix of docs/RELIABILITY.md, one test (or a few) per fault, through the real
 * send-reminder handler on DynamoDB Local: SNS at its SDK boundary (aws-sdk-client-mock), DynamoDB
 * faults injected by a middleware on a real client (test/support/faults.ts).
 */
const table = useTestTable();
const sns = mockClient(SNSClient);
afterAll(() => sns.restore());

const CONFIG = { appName: 'Rehab reminders', lateAfterMinutes: 60, formUrl: 'https://form.example/' };
// Made 07:00 in New York on 2030-03-05 (EST, UTC-5): sessions 08:00, 13:00, 19:00 are 13:00Z,
// 18:00Z, 00:00Z. Future-dated: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const SLOT1 = '2030-03-06T13:00:00Z';
const SLOT2 = '2030-03-06T18:00:00Z';
const KEY2 = deliveryKey(new Date(SLOT2));
const LEASE_MS = 30_000;

let publishes = 0;
beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++publishes}` }));
  sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
});

const activePlan = (overrides: Partial<PlanRecord> = {}) =>
  makeActivePlan(table, { now: MADE_AT, ...overrides });
const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const publishedTo = (phone: string) =>
  sns.commandCalls(PublishCommand).filter((c) => c.args[0].input.PhoneNumber === phone);

/** A log that keeps its lines, to see what the sender said about a fault. */
function keptLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  const log: Log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

/** The sender on a DynamoDB client of its own, with the faults `decide` picks injected at `placement`. */
function faultySender(
  clock: { now(): Date },
  placement: FaultPlacement,
  decide: (request: DynamoRequest) => Error | undefined,
  overrides: Partial<SendReminderDeps> = {},
) {
  const db = recordAwsCalls(createDocumentClient(localClientConfig()));
  const faults = injectDynamoFaults(db, placement, decide);
  const handler = asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: new DynamoReminderLedger(db, table.tableName),
      notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { checkOptOut: true }),
      config: CONFIG,
      clock,
      defaultLeaseMs: LEASE_MS,
      ...overrides,
    }),
  );
  return { handler, faults };
}

const sender = (clock: { now(): Date }, overrides: Partial<SendReminderDeps> = {}) =>
  faultySender(clock, 'final', () => undefined, overrides).handler;

const is = (operation: string) => (r: DynamoRequest) => r.operation === operation;

describe('fault matrix: channels', () => {
  it('SNS says the number opted out (checked before each text): no text, plan stopped, patient marked, never retried', async () => {
    const plan = await activePlan();
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    const clock = clockAt('2030-03-06T18:00:30Z');
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await sender(clock)(sqsEvent(sqsRecord(body, 'm-1')))).toEqual(noFailures);
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)[0]!.args[0].input).toEqual({
      phoneNumber: plan.phone,
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(await repo().getPlan(plan.planId)).toMatchObject({ status: 'stopped', statusReason: 'opted-out' });
    expect(await repo().getPatient(plan.phoneHash)).toMatchObject({ optedOut: true });
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toMatchObject({
      state: 'failed',
      reason: 'opted-out',
    });

    // The repeat and the next session: nothing is asked or sent again.
    clock.advance(3 * 60_000);
    expect(await sender(clock)(sqsEvent(sqsRecord(body, 'm-1', 2)))).toEqual(noFailures);
    clock.set('2030-03-07T00:00:30Z');
    expect(
      await sender(clock)(sqsEvent(sqsRecord(reminder(plan.planId, 3, '2030-03-07T00:00:00Z')))),
    ).toEqual(noFailures);
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('on the claim, once: the SDK retries it and the reminder goes out once', async () => {
    const plan = await activePlan();
    const { handler, faults } = faultySender(
      clockAt('2030-03-06T18:00:30Z'),
      'each-attempt',
      failFirst(1, is('claim')),
    );
    expect(await handler(sqsEvent(sqsRecord(reminder(plan.planId, 2, SLOT2))))).toEqual(noFailures);
    expect(faults.count('claim')).toBe(2);
    expect(faults.count('claim', true)).toBe(1);
    expect(publishedTo(plan.phone)).toHaveLength(1);
    expect((await deliveriesOf(table, plan.planId))[KEY2]?.state).toBe('sent');
  });

  it('on the claim, past the SDK retries: nothing is sent or kept, the message comes back and then goes once', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:00:30Z');
    const { handler, faults } = faultySender(clock, 'final', failFirst(1, is('claim')));
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await handler(sqsEvent(sqsRecord(body, 'm-1')))).toEqual(failed('m-1'));
    expect(faults.count('claim', true)).toBe(1);
    expect(publishedTo(plan.phone)).toHaveLength(0);
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toBeUndefined();

    clock.advance(3 * 60_000); // the queue's visibility timeout (6 × the 30 s function timeout)
    expect(await handler(sqsEvent(sqsRecord(body, 'm-1', 2)))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(1);
    expect((await deliveriesOf(table, plan.planId))[KEY2]?.state).toBe('sent');
  });

  it('on the outcome record, twice: the SDK retries it; sent once and recorded', async () => {
    const plan = await activePlan();
    const { handler, faults } = faultySender(
      clockAt('2030-03-06T18:00:30Z'),
      'each-attempt',
      failFirst(2, is('settle')),
    );
    expect(await handler(sqsEvent(sqsRecord(reminder(plan.planId, 2, SLOT2))))).toEqual(noFailures);
    expect(faults.count('settle')).toBe(3);
    expect(publishedTo(plan.phone)).toHaveLength(1);
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toMatchObject({ state: 'sent' });
  });

  it('on the outcome record, past the SDK retries: sent once and acknowledged (not retried); the claim lapses with its lease', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:00:30Z');
    const { log, lines } = keptLog();
    const { handler } = faultySender(clock, 'final', failFirst(1, is('settle')), { log });
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await handler(sqsEvent(sqsRecord(body, 'm-1')))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(1);
    expect(lines).toContainEqual({ level: 'error', message: 'sent, but the outcome could not be recorded' });
    const claim = (await deliveriesOf(table, plan.planId))[KEY2]!;
    expect(claim).toMatchObject({ state: 'sending', leaseUntil: '2030-03-06T18:01:10.000Z' });

    // A repeat of the firing while the lease runs: it waits, sending nothing.
    clock.set('2030-03-06T18:01:00Z');
    expect(await sender(clock)(sqsEvent(sqsRecord(body, 'dup')))).toEqual(failed('dup'));
    expect(publishedTo(plan.phone)).toHaveLength(1);
    // A repeat after the lease and within the lateness limit takes over and sends again: this is
    // the documented duplicate window (docs/PATIENTS.md, "Reminders and replies"), one failed write wide.
    clock.set('2030-03-06T18:04:00Z');
    expect(await sender(clock)(sqsEvent(sqsRecord(body, 'dup', 2)))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(2);
    expect((await deliveriesOf(table, plan.planId))[KEY2]?.state).toBe('sent');
  });

  it('on giving the claim back after SNS throttled: the claim lapses and the redelivery after the visibility timeout sends once', async () => {
    const plan = await activePlan();
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ MessageId: 'after-throttle' });
    const clock = clockAt('2030-03-06T18:00:30Z');
    const { handler, faults } = faultySender(clock, 'final', failFirst(1, is('release')));
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await handler(sqsEvent(sqsRecord(body, 'm-1')))).toEqual(failed('m-1'));
    expect(faults.count('release', true)).toBe(1);
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toMatchObject({ state: 'sending' });

    clock.advance(3 * 60_000);
    expect(await handler(sqsEvent(sqsRecord(body, 'm-1', 2)))).toEqual(noFailures);
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toMatchObject({
      state: 'sent',
      messageId: 'after-throttle',
    });
    expect(publishedTo(plan.phone)).toHaveLength(2); // one throttled (nothing went out), one sent
  });

  it('on stopping the plan after SNS refused the number: the redelivery finishes the marking, sending nothing', async () => {
    const plan = await activePlan();
    sns.on(PublishCommand).rejects(
      new InvalidParameterException({
        message: 'Invalid parameter: PhoneNumber Reason: not valid',
        $metadata: {},
      }),
    );
    const clock = clockAt('2030-03-06T18:00:30Z');
    const { handler } = faultySender(clock, 'final', failFirst(1, is('plan-status')));
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await handler(sqsEvent(sqsRecord(body, 'm-1')))).toEqual(failed('m-1'));
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toMatchObject({ state: 'failed' });
    expect((await repo().getPlan(plan.planId))?.status).toBe('active');

    clock.advance(3 * 60_000);
    expect(await handler(sqsEvent(sqsRecord(body, 'm-1', 2)))).toEqual(noFailures);
    expect(await repo().getPlan(plan.planId)).toMatchObject({
      status: 'stopped',
      statusReason: 'unreachable:invalid-endpoint',
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});

describe('fault matrix: time', () => {
  it('a reminder hours late is recorded as skipped (late) and never sent; its repeats change nothing', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T21:15:00Z'); // 3 h 15 min after the 13:00 session
    const body = reminder(plan.planId, 2, SLOT2);
    expect(await sender(clock)(sqsEvent(sqsRecord(body)))).toEqual(noFailures);
    const recorded = { state: 'skipped', reason: 'late', slot: 2, at: '2030-03-06T21:15:00.000Z' };
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toEqual(recorded);
    clock.advance(2 * 3_600_000);
    expect(await sender(clock)(sqsEvent(sqsRecord(body)))).toEqual(noFailures);
    expect((await deliveriesOf(table, plan.planId))[KEY2]).toEqual(recorded);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it("the sender's clock 3 minutes behind at the 08:00 session: sent (Scheduler never fires early)", async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T12:57:20Z'); // reads 07:57:20 in New York at the 08:00 firing
    expect(await sender(clock)(sqsEvent(sqsRecord(reminder(plan.planId, 1, SLOT1))))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(1);
    expect((await deliveriesOf(table, plan.planId))[deliveryKey(new Date(SLOT1))]?.state).toBe('sent');
  });

  it('a message scheduled hours ahead of the clock is no firing: dropped, nothing written or sent', async () => {
    const plan = await activePlan();
    const before = await deliveriesOf(table, plan.planId);
    const clock = clockAt('2030-03-06T13:00:30Z');
    const ahead = reminder(plan.planId, 2, '2030-03-06T18:00:00Z'); // 5 hours ahead
    const { handler, faults } = faultySender(clock, 'final', () => undefined);
    expect(await handler(sqsEvent(sqsRecord(ahead)))).toEqual(noFailures);
    expect(faults.log).toEqual([]);
    expect(await deliveriesOf(table, plan.planId)).toEqual(before);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it("the sender's clock 3 minutes ahead at the 13:00 session: sent once", async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:03:10Z');
    const body = reminder(plan.planId, 2, SLOT2);
    expect(await sender(clock)(sqsEvent(sqsRecord(body)))).toEqual(noFailures);
    expect(await sender(clock)(sqsEvent(sqsRecord(body)))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(1);
  });

  it('a 21:00 session read after 21:00:59 (a clock over a minute fast, or a slow delivery) is skipped for quiet hours', async () => {
    const plan = await activePlan();
    const at2100 = '2030-03-07T02:00:00Z'; // 21:00 in New York
    const onTime = clockAt('2030-03-07T02:00:50Z');
    expect(await sender(onTime)(sqsEvent(sqsRecord(reminder(plan.planId, 3, at2100))))).toEqual(noFailures);
    expect(publishedTo(plan.phone)).toHaveLength(1);

    const other = await activePlan();
    const fast = clockAt('2030-03-07T02:03:00Z');
    expect(await sender(fast)(sqsEvent(sqsRecord(reminder(other.planId, 3, at2100))))).toEqual(noFailures);
    expect(publishedTo(other.phone)).toHaveLength(0);
    expect((await deliveriesOf(table, other.planId))[deliveryKey(new Date(at2100))]).toMatchObject({
      state: 'skipped',
      reason: 'quiet-hours',
    });
  });

  it('two senders whose clocks differ by less than the lease margin race on one message: one text', async () => {
    const plan = await activePlan();
    const body = reminder(plan.planId, 2, SLOT2);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    sns.on(PublishCommand).callsFake(async () => {
      await gate; // the first sender holds its claim while the other tries
      return { MessageId: 'only' };
    });
    // One sender claims (lease: its 30 s + the 10 s margin). The other's copy arrives at the worst
    // moment, just before the first one's deadline (30 s later), on a clock 8 s fast: it reads
    // 38 s after the claim and sees the lease still running.
    const slow = sender(clockAt('2030-03-06T18:00:30Z'))(sqsEvent(sqsRecord(body, 'slow')));
    await expect.poll(async () => (await deliveriesOf(table, plan.planId))[KEY2]?.state).toBe('sending');
    const fast = await sender(clockAt(new Date(Date.parse('2030-03-06T18:00:30Z') + LEASE_MS + 8_000)))(
      sqsEvent(sqsRecord(body, 'fast')),
    );
    expect(fast).toEqual(failed('fast'));
    open();
    expect(await slow).toEqual(noFailures);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
