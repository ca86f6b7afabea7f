import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { reminderNotifierFromEnv } from '../../functions/wiring/channels.ts';
import { schedulerFromEnv } from '../../functions/wiring/scheduler.ts';
import { buildPlan } from '../../shared/domain/plan/plan.ts';
import { ENV } from '../../shared/env.ts';

const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const scheduler = mockClient(SchedulerClient);
afterEach(() => {
  vi.unstubAllEnvs();
  secrets.reset();
  sns.reset();
  scheduler.reset();
});
afterAll(() => {
  secrets.restore();
  sns.restore();
  scheduler.restore();
});

const SCHEDULER_ENV = {
  [ENV.scheduleGroupName]: 'rehab-reminders',
  [ENV.reminderQueueArn]: 'arn:aws:sqs:us-east-1:123456789012:reminders',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/scheduler',
  [ENV.schedulerDlqArn]: 'arn:aws:sqs:us-east-1:123456789012:scheduler-dlq',
};

describe('production wiring of the engine', () => {
  it('builds the Scheduler adapter from the env the stack sets, and refuses a missing name', async () => {
    const plan = buildPlan(
      {
        scores: { 'cat-camel': 0 },
        redFlags: [],
        timeZone: 'UTC',
        sessionTimes: ['08:00', '13:00', '19:00'],
      },
      { now: new Date('2030-01-01T00:00:00Z') },
    ).plan!;
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await schedulerFromEnv({ lateAfterMinutes: 45 }, SCHEDULER_ENV).putPlanSchedules(
      'p1',
      plan,
      new Date('2030-01-01T00:00:00Z'),
    );
    const input = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      GroupName: 'rehab-reminders',
      Target: {
        Arn: SCHEDULER_ENV[ENV.reminderQueueArn],
        RoleArn: SCHEDULER_ENV[ENV.schedulerRoleArn],
        DeadLetterConfig: { Arn: SCHEDULER_ENV[ENV.schedulerDlqArn] },
        RetryPolicy: { MaximumEventAgeInSeconds: 2700 },
      },
    });
    expect(() =>
      schedulerFromEnv({ lateAfterMinutes: 60 }, { ...SCHEDULER_ENV, [ENV.schedulerRoleArn]: '' }),
    ).toThrow(/SCHEDULER_ROLE_ARN/);
  });

  const VAPID_ENV = {
    [ENV.vapidPublicKey]: 'public-key',
    [ENV.vapidPrivateKeySecretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vapid-AbCdEf',
    [ENV.vapidSubject]: 'mailto:ops@example.org',
  };
  const PUSH = {
    channel: 'push' as const,
    subscription: { endpoint: 'https://fcm.googleapis.com/fcm/send/1', keys: { p256dh: 'a', auth: 'b' } },
    title: 't',
    body: 'b',
    kind: 'reminder' as const,
  };
  const SMS = { channel: 'sms' as const, to: '+14155550123', body: 'hi', kind: 'reminder' as const };

  it('routes SMS (with the opt-out check) without VAPID settings; push is then refused', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    const plain = reminderNotifierFromEnv({ lateAfterMinutes: 60 }, {});
    await plain.send(SMS);
    expect(sns.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'CheckIfPhoneNumberIsOptedOutCommand',
      'PublishCommand',
    ]);
    await expect(plain.send(PUSH)).rejects.toThrow(/no notifier is configured for channel push/);
    expect(secrets.calls()).toHaveLength(0);
  });

  it('reads the VAPID key on the first push, not at init, and once', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'private-key' });
    const sent: unknown[] = [];
    const notifier = reminderNotifierFromEnv({ lateAfterMinutes: 60 }, VAPID_ENV);
    expect(secrets.calls()).toHaveLength(0);
    // The first push builds the Web Push notifier; the library's send is not reachable here, so
    // only the key reads are counted (the send fails at the push service's boundary).
    await notifier.send(PUSH).catch((e: unknown) => sent.push(e));
    await notifier.send(PUSH).catch((e: unknown) => sent.push(e));
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: VAPID_ENV[ENV.vapidPrivateKeySecretArn] },
    ]);
  });

  it('a VAPID secret that cannot be read fails pushes (counted) and never texts, and is read again next time', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    let misconfigured = 0;
    const notifier = reminderNotifierFromEnv({ lateAfterMinutes: 60 }, VAPID_ENV, undefined, {
      onPushMisconfigured: () => (misconfigured += 1),
    });
    await expect(notifier.send(PUSH)).rejects.toThrow(/push is misconfigured/);
    await expect(notifier.send(SMS)).resolves.toEqual({ messageId: 'm' });
    await expect(notifier.send(PUSH)).rejects.toThrow(/push is misconfigured/);
    expect(misconfigured).toBe(2);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('each entry point initialises from its env', async () => {
    // The sender starts even when its VAPID secret cannot be read: texts must not wait on push.
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDenied'));
    const env = { ...SCHEDULER_ENV, ...VAPID_ENV, [ENV.tableName]: 'rehab', [ENV.hashKey]: 'k'.repeat(32) };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    for (const entry of ['schedule-sync', 'send-reminder', 'inbound']) {
      const module = (await import(`../../functions/${entry}/index.ts`)) as { handler: unknown };
      expect(typeof module.handler, entry).toBe('function');
    }
  });
});
