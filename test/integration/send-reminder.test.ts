import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeOptedOutNumbersCommand,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  InternalErrorException,
  InvalidParameterException,
  CheckIfPhoneNumberIsOptedOutCommand,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import webpush from 'web-push';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendReminderHandler, type SendReminderDeps } from '../../functions/send-reminder/handler.ts';
import { reminderNotifierFromEnv } from '../../functions/wiring/channels.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoReminderLedger } from '../../shared/adapters/dynamodb/reminder-ledger.ts';
import { RoutingNotifier } from '../../shared/adapters/notifiers/routing.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { WebPushNotifier, type SendNotification } from '../../shared/adapters/notifiers/web-push.ts';
import { planDates } from '../../shared/domain/plan/plan.ts';
import { deliveryKey } from '../../shared/domain/scheduling/reminders.ts';
import { pushReminderText, reassessmentText, reminderText } from '../../shared/domain/messaging/texts.ts';
import { keys } from '../../shared/table.ts';
import type { DeliveryEntry, PlanRecord } from '../../shared/domain/model.ts';
import type { Notifier } from '../../shared/ports.ts';
import { localClientConfig, useTestTable } from '../support/dynamodb.ts';
import { planRecord, PUSH_SUBSCRIPTION } from '../support/fixtures.ts';
import {
  activePlan as makeActivePlan,
  clockAt,
  deliveriesOf,
  reminder,
  sqsEvent,
  sqsRecord,
} from '../support/reminders.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { transition, type LifecycleEvent } from '../../shared/domain/plan/lifecycle.ts';

const table = useTestTable();
const sns = mockClient(SNSClient);
const smsVoice = mockClient(PinpointSMSVoiceV2Client);
afterAll(() => {
  sns.restore();
  smsVoice.restore();
});

const CONFIG = { appName: 'Rehab reminders', lateAfterMinutes: 60, formUrl: 'https://form.example/' };
const TZ = 'America/New_York';
// 07:00 in New York on 2030-03-05: the plan runs 03-05 … 03-18, sessions 08:00, 13:00, 19:00 EST
// (13:00Z, 18:00Z, 00:00Z). Dated in the future: DynamoDB Local deletes items whose TTL has passed.
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const SLOT2 = '2030-03-06T18:00:00Z';
const ATTRIBUTES = {
  'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
  'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18005550100' },
};

const repo = () => new DynamoPlanRepository(table.db, table.tableName);
const ledger = () => new DynamoReminderLedger(table.db, table.tableName);
const sms = () =>
  new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { originationNumber: '+18005550100' });

let tokens = 0;
let publishes = 0;
beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).callsFake(async () => ({ MessageId: `sns-${++publishes}` }));
});

function sender(clock: { now(): Date }, overrides: Partial<SendReminderDeps> = {}) {
  return asFunction(
    'send-reminder',
    createSendReminderHandler({
      ledger: ledger(),
      notifier: sms(),
      config: CONFIG,
      clock,
      newToken: () => `token-${++tokens}`,
      defaultLeaseMs: 30_000,
      ...overrides,
    }),
  );
}

const sqs = (body: unknown, messageId?: string) => sqsEvent(sqsRecord(body, messageId));
const activePlan = (overrides: Partial<PlanRecord> = {}) =>
  makeActivePlan(table, { now: MADE_AT, ...overrides });
const deliveries = (planId: string) => deliveriesOf(table, planId);

function publishedTexts() {
  return sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
}

function reminderBody(plan: PlanRecord, slot: number) {
  return reminderText({
    appName: CONFIG.appName,
    movements: plan.plan.movements,
    session: slot,
    sessionsPerDay: 3,
  });
}

const KEY = deliveryKey(new Date(SLOT2));
const noFailures = { batchItemFailures: [] };
const failed = (id: string) => ({ batchItemFailures: [{ itemIdentifier: id }] });

describe('send-reminder (DynamoDB Local, SNS at the SDK boundary)', () => {
  it('sends the reminder of the session, records it, with two DynamoDB requests', async () => {
    const plan = await activePlan();
    let requests = 0;
    const raw = new DynamoDBClient(localClientConfig());
    raw.middlewareStack.add(
      (next) => async (args) => {
        requests++;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const clock = clockAt('2030-03-06T18:00:30Z');
    const handler = sender(clock, { ledger: new DynamoReminderLedger(db, table.tableName) });

    expect(await handler(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(noFailures);
    expect(requests).toBe(2);
    expect(publishedTexts()).toEqual([
      { PhoneNumber: plan.phone, Message: reminderBody(plan, 2), MessageAttributes: ATTRIBUTES },
    ]);
    expect((await deliveries(plan.planId))[KEY]).toEqual({
      state: 'sent',
      messageId: expect.stringMatching(/^sns-\d+$/),
      at: '2030-03-06T18:00:30.000Z',
      token: expect.stringMatching(/^token-/),
    });
    raw.destroy();
  });

  it('the same message delivered three times at once sends exactly one text', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:00:30Z');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    sns.reset();
    sns.on(PublishCommand).callsFake(async () => {
      await gate; // the winner holds its claim while the others try theirs
      return { MessageId: `sns-${++publishes}` };
    });
    const body = reminder(plan.planId, 2, SLOT2);
    const runs = ['a', 'b', 'c'].map((id) => ({ id, result: sender(clock)(sqs(body, id)) }));
    const settled: { id: string; response: unknown }[] = [];
    for (const run of runs) void run.result.then((response) => settled.push({ id: run.id, response }));
    await vi.waitFor(() => expect(settled).toHaveLength(2), { timeout: 20_000, interval: 20 });
    const losers = [...settled];
    open();
    await Promise.all(runs.map((r) => r.result));

    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    // The two that lost saw a claim in flight: they come back later rather than risk a second text.
    for (const { id, response } of losers) expect(response).toEqual(failed(id));
    const winner = runs.find((r) => !losers.some((s) => s.id === r.id))!;
    expect(await winner.result).toEqual(noFailures);

    // When they come back, the reminder is sent: acknowledged, nothing more goes out.
    clock.set('2030-03-06T18:03:30Z');
    for (const { id } of losers) expect(await sender(clock)(sqs(body, id))).toEqual(noFailures);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect((await deliveries(plan.planId))[KEY]?.state).toBe('sent');
  });

  describe('skips, with the reason recorded and no text', () => {
    /** A reminder on time for a plan moved out of `active` by `event` first. */
    const byStatus = (reason: string, event: LifecycleEvent) => ({
      reason,
      scheduled: SLOT2,
      now: '2030-03-06T18:00:30Z',
      event,
    });
    const cases: { reason: string; scheduled: string; now: string; event?: LifecycleEvent }[] = [
      { reason: 'late', scheduled: SLOT2, now: '2030-03-06T19:00:31Z' },
      // 20:50 in New York delivered at 21:05: quiet hours have begun.
      { reason: 'quiet-hours', scheduled: '2030-03-07T01:50:00Z', now: '2030-03-07T02:05:00Z' },
      { reason: 'outside-plan-dates', scheduled: '2030-03-04T18:00:00Z', now: '2030-03-04T18:00:30Z' },
      { reason: 'outside-plan-dates', scheduled: '2030-03-19T17:00:00Z', now: '2030-03-19T17:00:30Z' },
      byStatus('plan-paused', { kind: 'patient-paused' }),
      byStatus('opted-out', { kind: 'opted-out' }),
      byStatus('plan-stopped', { kind: 'unreachable', cause: 'invalid-endpoint' }),
      byStatus('plan-completed', { kind: 'complete' }),
      byStatus('plan-replaced', { kind: 'replaced', byPlanId: 'x' }),
    ];
    for (const c of cases) {
      it(`${c.reason}${c.reason === 'outside-plan-dates' ? ` (${c.scheduled.slice(0, 10)})` : ''}`, async () => {
        const plan = await activePlan();
        if (c.event) expect(await repo().changeStatus(plan.planId, transition(c.event), MADE_AT)).toBe(true);
        const clock = clockAt(c.now);
        const body = reminder(plan.planId, 2, c.scheduled);
        expect(await sender(clock)(sqs(body))).toEqual(noFailures);
        const key = deliveryKey(new Date(c.scheduled));
        const recorded = { state: 'skipped', reason: c.reason, slot: 2, at: new Date(c.now).toISOString() };
        expect((await deliveries(plan.planId))[key]).toEqual(
          c.event || c.reason === 'late' ? recorded : { ...recorded, token: expect.any(String) },
        );
        // A repeat changes nothing and sends nothing.
        clock.set(new Date(clock.now().getTime() + 60_000));
        expect(await sender(clock)(sqs(body))).toEqual(noFailures);
        expect((await deliveries(plan.planId))[key]?.at).toBe(new Date(c.now).toISOString());
        expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
      });
    }

    it('a plan that was never verified', async () => {
      const plan = planRecord({ now: MADE_AT });
      await repo().createPendingPlan(plan, 30);
      expect(await sender(clockAt('2030-03-06T18:00:30Z'))(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(
        noFailures,
      );
      expect((await deliveries(plan.planId))[KEY]).toMatchObject({
        state: 'skipped',
        reason: 'plan-pending_verification',
      });
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    });
  });

  it('throttling: the message is reported as failed, nothing is kept, and a later delivery sends it', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:00:30Z');
    sns.reset();
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }))
      .resolves({ MessageId: 'sns-after-throttle' });
    const body = reminder(plan.planId, 2, SLOT2);

    expect(await sender(clock)(sqs(body, 'm-1'))).toEqual(failed('m-1'));
    expect((await deliveries(plan.planId))[KEY]).toBeUndefined(); // the claim was given back

    clock.set('2030-03-06T18:01:00Z'); // the queue's visibility timeout later
    expect(await sender(clock)(sqs(body, 'm-1'))).toEqual(noFailures);
    expect(publishedTexts().map((t) => t.Message)).toEqual([reminderBody(plan, 2), reminderBody(plan, 2)]);
    expect((await deliveries(plan.planId))[KEY]).toMatchObject({
      state: 'sent',
      messageId: 'sns-after-throttle',
    });
  });

  it('an unexpected channel error is retried the same way', async () => {
    const plan = await activePlan();
    const clock = clockAt('2030-03-06T18:00:30Z');
    sns.reset();
    sns
      .on(PublishCommand)
      .rejectsOnce(new InternalErrorException({ message: 'boom', $metadata: {} }))
      .resolves({ MessageId: 'sns-after-error' });
    expect(await sender(clock)(sqs(reminder(plan.planId, 2, SLOT2), 'm-9'))).toEqual(failed('m-9'));
    expect(await sender(clock)(sqs(reminder(plan.planId, 2, SLOT2), 'm-9'))).toEqual(noFailures);
    expect((await deliveries(plan.planId))[KEY]?.state).toBe('sent');
  });

  describe('permanent failures: marked, not retried', () => {
    it('an opted-out number stops the plan and marks the patient', async () => {
      const plan = await activePlan();
      const clock = clockAt('2030-03-06T18:00:30Z');
      sns
        .on(PublishCommand)
        .rejects(new OptedOutException({ message: 'Phone number is opted out', $metadata: {} }));
      const body = reminder(plan.planId, 2, SLOT2);
      expect(await sender(clock)(sqs(body))).toEqual(noFailures);

      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'opted-out',
      });
      expect(await repo().getPatient(plan.phoneHash)).toMatchObject({
        optedOut: true,
        optedOutAt: expect.any(String),
      });
      expect((await deliveries(plan.planId))[KEY]).toMatchObject({ state: 'failed', reason: 'opted-out' });

      expect(await sender(clock)(sqs(body))).toEqual(noFailures);
      expect(await sender(clock)(sqs(reminder(plan.planId, 3, '2030-03-07T00:00:00Z')))).toEqual(noFailures);
      expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    });

    it('an invalid number stops the plan', async () => {
      const plan = await activePlan();
      const clock = clockAt('2030-03-06T18:00:30Z');
      sns.on(PublishCommand).rejects(
        new InvalidParameterException({
          message: 'Invalid parameter: PhoneNumber Reason: not valid',
          $metadata: {},
        }),
      );
      expect(await sender(clock)(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(noFailures);
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'unreachable:invalid-endpoint',
      });
      expect((await repo().getPatient(plan.phoneHash))?.optedOut).toBe(false);
    });

    it('a gone Web Push subscription stops the plan', async () => {
      const subscription = { ...PUSH_SUBSCRIPTION, endpoint: 'https://fcm.googleapis.com/fcm/send/gone-1' };
      const plan = await activePlan({ channel: 'push', pushSubscription: subscription });
      const send = vi
        .fn<SendNotification>()
        .mockRejectedValue(new webpush.WebPushError('Gone', 410, {}, '', subscription.endpoint));
      const notifier = new RoutingNotifier({
        sms: sms(),
        push: new WebPushNotifier(
          { subject: 'mailto:a@b.c', publicKey: 'k', privateKey: 'p' },
          { ttlSeconds: 3600 },
          send,
        ),
      });
      const clock = clockAt('2030-03-06T18:00:30Z');
      const body = reminder(plan.planId, 2, SLOT2);
      expect(await sender(clock, { notifier })(sqs(body))).toEqual(noFailures);
      expect(send).toHaveBeenCalledOnce();
      expect(send.mock.calls[0]![0]).toEqual(subscription);
      // Push wording: the app name is the title, and nothing says "Reply".
      expect(JSON.parse(String(send.mock.calls[0]![1]))).toEqual({
        title: 'Rehab reminders',
        body: pushReminderText({ movements: plan.plan.movements, session: 2, sessionsPerDay: 3 }),
        kind: 'reminder',
      });
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'unreachable:disabled-endpoint',
      });
      expect(await sender(clock, { notifier })(sqs(body))).toEqual(noFailures);
      expect(send).toHaveBeenCalledOnce();
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    });
  });

  describe('invalid Web Push subscriptions: failed for good, the plan stopped, never retried', () => {
    const pushNotifier = (send: SendNotification) =>
      new RoutingNotifier({
        sms: sms(),
        push: new WebPushNotifier(
          { subject: 'mailto:a@b.c', publicKey: 'k', privateKey: 'p' },
          { ttlSeconds: 3600 },
          send,
        ),
      });

    it.each([
      ['the push service answers 400', PUSH_SUBSCRIPTION, 400],
      ['the push service answers 413', PUSH_SUBSCRIPTION, 413],
      [
        'a stored endpoint at the metadata address (no request)',
        { ...PUSH_SUBSCRIPTION, endpoint: 'https://169.254.169.254/x' },
        0,
      ],
      [
        'stored keys of the wrong size (no request)',
        { ...PUSH_SUBSCRIPTION, keys: { p256dh: 'BP', auth: 'au' } },
        0,
      ],
    ])('%s', async (_name, subscription, status) => {
      const plan = await activePlan({ channel: 'push', pushSubscription: subscription });
      const send = vi
        .fn<SendNotification>()
        .mockRejectedValue(new webpush.WebPushError('refused', status, {}, '', subscription.endpoint));
      const clock = clockAt('2030-03-06T18:00:30Z');
      const body = reminder(plan.planId, 2, SLOT2);
      expect(await sender(clock, { notifier: pushNotifier(send) })(sqs(body))).toEqual(noFailures);
      expect(send).toHaveBeenCalledTimes(status ? 1 : 0);
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'unreachable:invalid-endpoint',
      });
      expect((await deliveries(plan.planId))[KEY]).toMatchObject({ state: 'failed' });
      // The repeat of the message sends nothing more.
      expect(await sender(clock, { notifier: pushNotifier(send) })(sqs(body))).toEqual(noFailures);
      expect(send).toHaveBeenCalledTimes(status ? 1 : 0);
    });
  });

  describe('death between claim and send', () => {
    const dead = (plan: PlanRecord, at: string) =>
      ledger().claim(plan.planId, KEY, {
        token: 'dead',
        at: new Date(at),
        leaseUntil: new Date(new Date(at).getTime() + 40_000),
        slot: 2,
      });

    it('died before sending: a redelivery within the lease waits; after it, takes over and sends once', async () => {
      const plan = await activePlan();
      expect((await dead(plan, '2030-03-06T18:00:10Z')).outcome).toBe('claimed');
      const clock = clockAt('2030-03-06T18:00:30Z');
      const body = reminder(plan.planId, 2, SLOT2);

      expect(await sender(clock)(sqs(body, 'm-1'))).toEqual(failed('m-1'));
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);

      clock.set('2030-03-06T18:00:51Z'); // the lease (40 s) has run out
      expect(await sender(clock)(sqs(body, 'm-1'))).toEqual(noFailures);
      expect(publishedTexts().map((t) => t.Message)).toEqual([reminderBody(plan, 2)]);
      expect((await deliveries(plan.planId))[KEY]).toMatchObject({
        state: 'sent',
        token: expect.not.stringMatching('dead'),
      });
    });

    it('died after sending but before recording: the documented duplicate window, one extra text', async () => {
      const plan = await activePlan();
      await dead(plan, '2030-03-06T18:00:10Z');
      await sms().send({ channel: 'sms', to: plan.phone, body: reminderBody(plan, 2), kind: 'reminder' }); // then died
      const clock = clockAt('2030-03-06T18:03:10Z'); // redelivered after the visibility timeout
      expect(await sender(clock)(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(noFailures);
      expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    });

    it('a claim is held until the invocation deadline plus a margin', async () => {
      const plan = await activePlan();
      const clock = clockAt('2030-03-06T18:00:30Z');
      let lease: string | undefined;
      const notifier: Notifier = {
        send: async () => {
          lease = (await deliveries(plan.planId))[KEY]?.leaseUntil;
          return { messageId: 'seen' };
        },
      };
      const context = { getRemainingTimeInMillis: () => 15_000 } as Context;
      expect(await sender(clock, { notifier })(sqs(reminder(plan.planId, 2, SLOT2)), context)).toEqual(
        noFailures,
      );
      expect(lease).toBe('2030-03-06T18:00:55.000Z'); // 15 s left + 10 s
    });
  });

  describe('the last day', () => {
    // A two-day plan: 2030-03-05 and 2030-03-06; the 6th is the last day.
    const twoDays = async () => {
      const base = planRecord({ now: MADE_AT });
      const dates = planDates(MADE_AT, TZ, base.plan.sessionTimes, 2);
      return activePlan({ plan: { ...base.plan, ...dates, lengthDays: 2 } });
    };
    const at = { 1: '2030-03-06T13:00:00Z', 2: SLOT2, 3: '2030-03-07T00:00:00Z' } as const;
    const soon = (iso: string) => new Date(new Date(iso).getTime() + 30_000).toISOString();

    it('sends the re-assessment text once after the first reminder, and completes the plan after the last', async () => {
      const plan = await twoDays();
      const clock = clockAt(soon(at[1]));
      expect(await sender(clock)(sqs(reminder(plan.planId, 1, at[1])))).toEqual(noFailures);
      expect(publishedTexts().map((t) => t.Message)).toEqual([
        reminderBody(plan, 1),
        reassessmentText(CONFIG.appName, CONFIG.formUrl),
      ]);
      expect(publishedTexts()[1]).toEqual({
        PhoneNumber: plan.phone,
        Message: reassessmentText(CONFIG.appName, CONFIG.formUrl),
        MessageAttributes: ATTRIBUTES,
      });
      expect((await deliveries(plan.planId)).reassessment).toMatchObject({ state: 'sent' });

      clock.set(soon(at[2]));
      await sender(clock)(sqs(reminder(plan.planId, 2, at[2])));
      expect((await repo().getPlan(plan.planId))?.status).toBe('active');
      clock.set(soon(at[3]));
      await sender(clock)(sqs(reminder(plan.planId, 3, at[3])));
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'completed',
        statusReason: 'plan-ended',
      });
      expect(publishedTexts().map((t) => t.Message)).toEqual([
        reminderBody(plan, 1),
        reassessmentText(CONFIG.appName, CONFIG.formUrl),
        reminderBody(plan, 2),
        reminderBody(plan, 3),
      ]);

      // Repeats of any of them send nothing more.
      for (const slot of [1, 2, 3] as const) {
        expect(await sender(clock)(sqs(reminder(plan.planId, slot, at[slot])))).toEqual(noFailures);
      }
      expect(sns.commandCalls(PublishCommand)).toHaveLength(4);
    });

    it('when the first reminder of the day is skipped, the next one carries the re-assessment', async () => {
      const plan = await twoDays();
      const clock = clockAt('2030-03-06T14:30:00Z'); // slot 1 arrives 90 minutes late
      await sender(clock)(sqs(reminder(plan.planId, 1, at[1])));
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
      clock.set(soon(at[2]));
      await sender(clock)(sqs(reminder(plan.planId, 2, at[2])));
      expect(publishedTexts().map((t) => t.Message)).toEqual([
        reminderBody(plan, 2),
        reassessmentText(CONFIG.appName, CONFIG.formUrl),
      ]);
    });

    it('a throttled re-assessment comes back with its reminder, which is not sent again', async () => {
      const plan = await twoDays();
      const clock = clockAt(soon(at[1]));
      sns.reset();
      sns
        .on(PublishCommand)
        .resolvesOnce({ MessageId: 'reminder-1' })
        .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }))
        .resolves({ MessageId: 'reassess-1' });
      expect(await sender(clock)(sqs(reminder(plan.planId, 1, at[1]), 'm-1'))).toEqual(failed('m-1'));
      expect(await sender(clock)(sqs(reminder(plan.planId, 1, at[1]), 'm-1'))).toEqual(noFailures);
      expect(publishedTexts().map((t) => t.Message)).toEqual([
        reminderBody(plan, 1),
        reassessmentText(CONFIG.appName, CONFIG.formUrl),
        reassessmentText(CONFIG.appName, CONFIG.formUrl),
      ]);
      const d = await deliveries(plan.planId);
      expect(d[deliveryKey(new Date(at[1]))]).toMatchObject({ state: 'sent', messageId: 'reminder-1' });
      expect(d.reassessment).toMatchObject({ state: 'sent', messageId: 'reassess-1' });
    });

    it('the plan completes even when its last reminder is skipped', async () => {
      const plan = await twoDays();
      await sender(clockAt('2030-03-07T01:30:00Z'))(sqs(reminder(plan.planId, 3, at[3])));
      expect((await deliveries(plan.planId))[deliveryKey(new Date(at[3]))]).toMatchObject({ reason: 'late' });
      expect((await repo().getPlan(plan.planId))?.status).toBe('completed');
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    });
  });

  it('prunes delivery records older than two days as it records a new one', async () => {
    const plan = await activePlan();
    const entry = (at: string): DeliveryEntry => ({ state: 'skipped', reason: 'late', at, slot: 1 });
    for (const key of ['2030-03-05T13:00Z', '2030-03-06T18:00Z', '2030-03-08T13:00Z']) {
      await ledger().recordSkip(plan.planId, key, entry(`${key.slice(0, 16)}:00.000Z`));
    }
    await sender(clockAt('2030-03-09T13:00:30Z'))(sqs(reminder(plan.planId, 1, '2030-03-09T13:00:00Z')));
    expect(Object.keys(await deliveries(plan.planId)).sort()).toEqual([
      '2030-03-08T13:00Z',
      '2030-03-09T13:00Z',
    ]);
  });

  it('works on a plan item written without the deliveries map', async () => {
    const plan = await activePlan();
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.plan(plan.planId),
        UpdateExpression: 'REMOVE deliveries',
      }),
    );
    expect(await sender(clockAt('2030-03-06T18:00:30Z'))(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(
      noFailures,
    );
    expect((await deliveries(plan.planId))[KEY]?.state).toBe('sent');
  });

  it('drops what is not a reminder, and reminders of plans that do not exist, without writing', async () => {
    const clock = clockAt('2030-03-06T18:00:30Z');
    const before = (await table.scanAll()).length;
    expect(await sender(clock)(sqs('not json'))).toEqual(noFailures);
    expect(await sender(clock)(sqs({ v: 1, planId: 'x', slot: 9, scheduledTime: SLOT2 }))).toEqual(
      noFailures,
    );
    expect(await sender(clock)(sqs(reminder('no-such-plan', 2, SLOT2)))).toEqual(noFailures);
    expect(await sender(clockAt('2030-03-06T20:00:30Z'))(sqs(reminder('no-such-plan', 2, SLOT2)))).toEqual(
      noFailures,
    );
    expect((await table.scanAll()).length).toBe(before);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  describe("the opt-out list the stack's numbers use (End User Messaging, sms.channel): asked before each text", () => {
    const LIST = 'RehabReminders-SmsChannelOptOutList';
    // As deployed: the stack sets SMS_OPT_OUT_LIST_NAME on the sender (infra/stack.ts), and the
    // production wiring builds the check from it.
    const listSender = (clock: { now(): Date }) =>
      sender(clock, {
        notifier: reminderNotifierFromEnv(
          CONFIG,
          { SMS_ORIGINATION_NUMBER: '+18005550100', SMS_OPT_OUT_LIST_NAME: LIST },
          recordAwsCalls(new SNSClient({})),
          { smsVoice: recordAwsCalls(new PinpointSMSVoiceV2Client({})) },
        ),
      });
    beforeEach(() => smsVoice.reset());
    const asked = () => smsVoice.commandCalls(DescribeOptedOutNumbersCommand).map((c) => c.args[0].input);

    it("a patient on the numbers' list (their STOP to our number) gets no text: the plan stops, opted out", async () => {
      const plan = await activePlan();
      smsVoice.on(DescribeOptedOutNumbersCommand).resolves({
        OptOutListName: LIST,
        OptedOutNumbers: [
          {
            OptedOutNumber: plan.phone,
            OptedOutTimestamp: new Date('2030-03-06T09:00:00Z'),
            EndUserOptedOut: true,
          },
        ],
      });
      const clock = clockAt('2030-03-06T18:00:30Z');
      expect(await listSender(clock)(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(noFailures);

      expect(asked()).toEqual([{ OptOutListName: LIST, OptedOutNumbers: [plan.phone] }]);
      // SNS's own list (the account default) is not the one the numbers use: never asked.
      expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(0);
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
      expect(await repo().getPlan(plan.planId)).toMatchObject({
        status: 'stopped',
        statusReason: 'opted-out',
      });
      expect((await repo().getPatient(plan.phoneHash))?.optedOut).toBe(true);
    });

    it.each([
      [
        'an empty answer',
        () =>
          smsVoice.on(DescribeOptedOutNumbersCommand).resolves({ OptOutListName: LIST, OptedOutNumbers: [] }),
      ],
      [
        'ResourceNotFoundException for the number',
        () =>
          smsVoice.on(DescribeOptedOutNumbersCommand).rejects(
            new ResourceNotFoundException({
              message: 'Opted out number not found',
              ResourceType: 'opted-out-number',
              ResourceId: '+15550000000',
              $metadata: {},
            }),
          ),
      ],
    ])('a number not on the list (%s) gets its reminder', async (_, answer) => {
      const plan = await activePlan();
      answer();
      const clock = clockAt('2030-03-06T18:00:30Z');
      expect(await listSender(clock)(sqs(reminder(plan.planId, 2, SLOT2)))).toEqual(noFailures);
      expect(publishedTexts()).toEqual([
        { PhoneNumber: plan.phone, Message: reminderBody(plan, 2), MessageAttributes: ATTRIBUTES },
      ]);
      expect((await deliveries(plan.planId))[KEY]?.state).toBe('sent');
    });

    it.each([
      ['throttled', new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
      [
        'the list is gone (ResourceNotFoundException for the list)',
        new ResourceNotFoundException({
          message: 'Opt-out list not found',
          ResourceType: 'opt-out-list',
          ResourceId: LIST,
          $metadata: {},
        }),
      ],
    ])(
      'when the check fails (%s) nothing is sent and the reminder is retried, never taken as "not opted out"',
      async (_, error) => {
        const plan = await activePlan();
        smsVoice
          .on(DescribeOptedOutNumbersCommand)
          .rejectsOnce(error)
          .resolves({ OptOutListName: LIST, OptedOutNumbers: [] });
        const clock = clockAt('2030-03-06T18:00:30Z');
        expect(await listSender(clock)(sqs(reminder(plan.planId, 2, SLOT2), 'm-list'))).toEqual(
          failed('m-list'),
        );
        expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
        expect(await listSender(clock)(sqs(reminder(plan.planId, 2, SLOT2), 'm-list'))).toEqual(noFailures);
        expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
      },
    );
  });
});
