import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { reminderNotifierFromEnv } from '../../functions/shared/channels.ts';
import { schedulerFromEnv } from '../../functions/shared/scheduler.ts';
import { buildPlan } from '../../shared/domain/plan.ts';
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

  it('routes SMS (with the opt-out check) without VAPID settings, and reads the VAPID key once when set', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    const plain = await reminderNotifierFromEnv({ lateAfterMinutes: 60 }, {});
    await plain.send({ channel: 'sms', to: '+14155550123', body: 'hi', kind: 'reminder' });
    expect(sns.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'CheckIfPhoneNumberIsOptedOutCommand',
      'PublishCommand',
    ]);
    await expect(
      plain.send({
        channel: 'push',
        subscription: { endpoint: 'https://push.example/1', keys: { p256dh: 'a', auth: 'b' } },
        title: 't',
        body: 'b',
        kind: 'reminder',
      }),
    ).rejects.toThrow(/no notifier is configured for channel push/);
    expect(secrets.calls()).toHaveLength(0);

    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'private-key' });
    await reminderNotifierFromEnv(
      { lateAfterMinutes: 60 },
      {
        [ENV.vapidPublicKey]: 'public-key',
        [ENV.vapidPrivateKeySecretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vapid',
        [ENV.vapidSubject]: 'mailto:ops@example.org',
      },
    );
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vapid' },
    ]);
  });

  it('each entry point initialises from its env', async () => {
    const env = { ...SCHEDULER_ENV, [ENV.tableName]: 'rehab', [ENV.hashKey]: 'k'.repeat(32) };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    for (const entry of ['schedule-sync', 'send-reminder', 'inbound']) {
      const module = (await import(`../../functions/${entry}/index.ts`)) as { handler: unknown };
      expect(typeof module.handler, entry).toBe('function');
    }
  });
});
