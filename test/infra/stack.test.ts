import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operatorConfigOrExit, parseOperatorConfig, senderConcurrency } from '../../infra/config.ts';
import { addNagChecks } from '../../infra/nag.ts';
import { STACK_OUTPUT, type StackOutputName } from '../../infra/outputs.ts';
import { RehabStack } from '../../infra/stack.ts';
import { helpText, stopText } from '../../shared/domain/messaging/texts.ts';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const FULL = {
  runtime: { allowedCountries: ['US', 'CA'], clinicContact: '(415) 555-0100' },
  sms: {
    originationNumber: '+18885550123',
    partsPerSecond: 3,
    manageAccountSettings: true,
    accountSpendQuotaUsd: 100,
    monthlySpendLimitUsd: 50,
    maxPriceUsd: 0.05,
  },
  push: {
    vapidPublicKey: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    vapidPrivateKeySecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vapid-AbCdEf',
    vapidSubject: 'mailto:ops@clinic.example',
  },
  alarmEmail: 'ops@clinic.example',
};

// The feature flags of cdk.json, so the template tested is the one `cdk deploy` makes.
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

function app() {
  // Skip asset bundling: these tests read the template only.
  return new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
}

function synth(settings: unknown = {}) {
  const stack = new RehabStack(app(), 'Test', {
    config: parseOperatorConfig(settings),
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

const template = synth(FULL);
const resources = template.toJSON().Resources as Resources;

function functionId(service: string): string {
  const found = Object.entries(resources).find(
    ([, r]) =>
      r.Type === 'AWS::Lambda::Function' &&
      (r.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables
        ?.POWERTOOLS_SERVICE_NAME === service,
  );
  if (!found) throw new Error(`no function for ${service}`);
  return found[0];
}

function fnProps(service: string) {
  return resources[functionId(service)]!.Properties as {
    Environment: { Variables: Record<string, unknown> };
    Role: { 'Fn::GetAtt': [string, string] };
  };
}

/** Every statement of the policies attached to the function's role. */
function statementsOf(service: string): Statement[] {
  const roleId = fnProps(service).Role['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId),
    )
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The actions the role is allowed (explicit denies are asserted on their own). */
function actionsOf(service: string): string[] {
  return statementsOf(service)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();
}

function statementWith(service: string, action: string): Statement {
  const found = statementsOf(service).find((s) =>
    (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action),
  );
  if (!found) throw new Error(`${service} has no statement with ${action}`);
  return found;
}

const ref = (id: string) => ({ Ref: id });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const idOf = (type: string, prefix: string) => {
  const found = Object.keys(resources).find((k) => resources[k]!.Type === type && k.startsWith(prefix));
  if (!found) throw new Error(`no ${type} ${prefix}`);
  return found;
};

/** The topic is encrypted with the data key, and End User Messaging of this account may publish to it. */
function expectEncryptedTopicSmsMayPublish(t: Template, topicId: string) {
  const all = t.toJSON().Resources as Resources;
  const keyId = Object.keys(all).find((k) => k.startsWith('EncryptionDataKey'))!;
  expect(all[topicId]!.Properties.KmsMasterKeyId).toEqual(arnOf(keyId));
  t.hasResourceProperties('AWS::SNS::TopicPolicy', {
    Topics: [ref(topicId)],
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Principal: { Service: 'sms-voice.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }),
      ]),
    },
  });
}

describe('every function', () => {
  it.each(['intake', 'schedule-sync', 'send-reminder', 'inbound', 'delivery-status'])(
    '%s runs Node.js 24 on arm64 with tracing, JSON logs to its own encrypted log group, and the checked config',
    (service) => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: service,
            REHAB_CONFIG: Match.anyValue(),
          }),
        },
      });
      // The checked runtime config; the functions that link to the form get the API's URL in it.
      const config = JSON.stringify(fnProps(service).Environment.Variables.REHAB_CONFIG);
      expect(config).toContain('\\"allowedCountries\\":[\\"US\\",\\"CA\\"]');
      if (service !== 'intake' && service !== 'delivery-status') expect(config).toContain('formUrl');
      // Every function knows the table (schedule-sync gives session places back there).
      const tableName = fnProps(service).Environment.Variables.TABLE_NAME;
      expect(tableName).toEqual(ref(idOf('AWS::DynamoDB::GlobalTable', 'StorageTable')));
      // No wildcard actions anywhere; logs only to its own group.
      for (const action of actionsOf(service)) expect(action).not.toMatch(/^\*$|:\*$/);
      const logs = statementWith(service, 'logs:PutLogEvents');
      expect(logs.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(JSON.stringify(logs.Resource)).toContain('Logs');
    },
  );

  it('uses no AWS managed policy for the functions (no logs:* on every group)', () => {
    for (const service of ['intake', 'schedule-sync', 'send-reminder', 'inbound', 'delivery-status']) {
      const roleId = fnProps(service).Role['Fn::GetAtt'][0];
      expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('log groups are encrypted with the data key and keep logs the configured days', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 30,
      KmsKeyId: arnOf(idOf('AWS::KMS::Key', 'EncryptionDataKey')),
    });
    // One per function, and the API's access log.
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (r) => (r.Properties?.Environment?.Variables ?? {}).POWERTOOLS_SERVICE_NAME,
    ).length;
    expect(functions).toBeGreaterThanOrEqual(5);
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, functions + 1);
  });
});

describe('intake', () => {
  it('gets the table, the hash key secret, SMS settings and the VAPID public key only', () => {
    expect(fnProps('intake').Environment.Variables).toMatchObject({
      HASH_KEY_SECRET_ARN: ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
      SMS_ORIGINATION_NUMBER: '+18885550123',
      SMS_MAX_PRICE_USD: '0.05',
      VAPID_PUBLIC_KEY: FULL.push.vapidPublicKey,
    });
    expect(fnProps('intake').Environment.Variables.VAPID_PRIVATE_KEY_SECRET_ARN).toBeUndefined();
    // The plan page's POSTs are taken from the form's origin only: the distribution's here.
    expect(JSON.stringify(fnProps('intake').Environment.Variables.PUBLIC_URL)).toMatch(
      /EdgeDistribution.*DomainName/,
    );
    expect(actionsOf('intake')).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'sns:Publish',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    // The hash key, and CloudFront's origin secret (the origin guard compares it): those two only.
    expect(statementWith('intake', 'secretsmanager:GetSecretValue').Resource).toEqual([
      ref(idOf('AWS::SecretsManager::Secret', 'EdgeOriginSecret')),
      ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
    ]);
    expect(fnProps('intake').Environment.Variables.ORIGIN_SECRET_ARN).toEqual(
      ref(idOf('AWS::SecretsManager::Secret', 'EdgeOriginSecret')),
    );
    // The table, and its indexes for Query: erasure from the plan page finds the patient's items
    // by the patient index (gsi1), as the inbound function's DELETE <code> does.
    expect(statementWith('intake', 'dynamodb:UpdateItem').Resource).toEqual([
      arnOf(idOf('AWS::DynamoDB::GlobalTable', 'StorageTable')),
      { 'Fn::Join': ['', [arnOf(idOf('AWS::DynamoDB::GlobalTable', 'StorageTable')), '/index/*']] },
    ]);
  });

  it('sits behind an HTTP API whose stage is throttled and writes access logs without personal data', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: {
        DestinationArn: arnOf(idOf('AWS::Logs::LogGroup', 'IntakeAccessLogs')),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
    const format = JSON.stringify(
      (
        Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties
          .AccessLogSettings as {
          Format: string;
        }
      ).Format,
    );
    expect(format).not.toMatch(/sourceIp|identity/);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}' });
  });
});

describe('per-route throttles (found by a review: one stage-wide 20/s and burst 40 for patients and staff alike)', () => {
  const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties as {
    RouteSettings?: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
  };
  const routeKeys = Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
    .map((r) => String(r.Properties.RouteKey));
  const throttleOf = (routeKey: string) => {
    const setting = stage.RouteSettings?.[routeKey];
    return setting && [setting.ThrottlingRateLimit, setting.ThrottlingBurstLimit];
  };

  it('the plan page has a route of its own', () => {
    expect(routeKeys).toContain('ANY /p/{proxy+}');
  });

  it('every route has its throttle: patient routes, the plan page and the console each their own', () => {
    expect(Object.keys(stage.RouteSettings ?? {}).sort()).toEqual([...routeKeys].sort());
    const { ratePerSecond, burst, planPage, console: staff } = parseOperatorConfig({}).apiThrottle;
    for (const key of ['GET /', 'ANY /{proxy+}'])
      expect(throttleOf(key), key).toEqual([ratePerSecond, burst]);
    expect(throttleOf('ANY /p/{proxy+}')).toEqual([planPage.ratePerSecond, planPage.burst]);
    for (const key of routeKeys.filter((k) => /\/(console|i)\b/.test(k)))
      expect(throttleOf(key), key).toEqual([staff.ratePerSecond, staff.burst]);
  });

  it('the stage is made after every route it throttles (CloudFormation refuses settings of a route not there yet)', () => {
    const stageResource = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
    const routeIds = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map(([id]) => id);
    expect((stageResource as { DependsOn?: string[] }).DependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});

describe('scheduling', () => {
  const groupId = idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup');
  const groupName = ref(groupId);

  it('names the schedule group anew for each deployment: no fixed name a destroy then deploy could meet again', () => {
    // Scheduler deletes a group asynchronously: a fixed name may still be taken by the old group.
    expect(resources[groupId]!.Properties ?? {}).not.toHaveProperty('Name');
    template.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
    // Everything that names the group takes CloudFormation's name (Ref), never a written one.
    expect(fnProps('schedule-sync').Environment.Variables.SCHEDULE_GROUP_NAME).toEqual(groupName);
    template.hasOutput('ScheduleGroupName', { Value: groupName });
  });

  it('lets schedule-sync manage schedules only in its group, and pass only the scheduler role, only to Scheduler', () => {
    const schedules = statementWith('schedule-sync', 'scheduler:CreateSchedule');
    expect(schedules.Action).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'scheduler:UpdateSchedule',
    ]);
    expect(JSON.stringify(schedules.Resource)).toContain(`:schedule/",${JSON.stringify(groupName)},"/*`);
    const pass = statementWith('schedule-sync', 'iam:PassRole');
    expect(pass.Resource).toEqual(arnOf(idOf('AWS::IAM::Role', 'SchedulingSchedulerRole')));
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    // The stream, and the session places it gives back (a marker Put, counter Updates); no texts.
    expect([...new Set(actionsOf('schedule-sync').filter((a) => a.startsWith('dynamodb:')))]).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    // ListStreams has no resource type: only "*" grants it (a grant on the stream ARN does nothing).
    expect(
      statementsOf('schedule-sync').some(
        (st) =>
          st.Effect === 'Allow' && st.Resource === '*' && [st.Action].flat().includes('dynamodb:ListStreams'),
      ),
    ).toBe(true);
    expect(actionsOf('schedule-sync')).not.toContain('sns:Publish');
  });

  it('gives schedule-sync the group, role, queue and DLQ it needs', () => {
    expect(fnProps('schedule-sync').Environment.Variables).toMatchObject({
      SCHEDULE_GROUP_NAME: groupName,
      SCHEDULER_ROLE_ARN: arnOf(idOf('AWS::IAM::Role', 'SchedulingSchedulerRole')),
      REMINDER_QUEUE_ARN: arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderQueue')),
      SCHEDULER_DLQ_ARN: arnOf(idOf('AWS::SQS::Queue', 'SchedulingSchedulerDlq')),
    });
  });

  it('lets Scheduler (this account, this group) assume a role that may only send to the reminder queue and its DLQ', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            // Scheduler presents the schedule group's ARN (the IAM proof evaluates it).
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnEquals: { 'aws:SourceArn': arnOf(idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup')) },
            },
          }),
        ],
      },
    });
    const roleId = idOf('AWS::IAM::Role', 'SchedulingSchedulerRole');
    const policy = Object.values(resources).find(
      (r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[])[0]!.Ref === roleId,
    )!;
    expect((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toEqual([
      {
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Effect: 'Allow',
        Resource: [
          arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderQueue')),
          arnOf(idOf('AWS::SQS::Queue', 'SchedulingSchedulerDlq')),
        ],
      },
      {
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Effect: 'Allow',
        Resource: arnOf(idOf('AWS::KMS::Key', 'EncryptionDataKey')),
      },
    ]);
  });

  it('feeds schedule-sync from the table stream: plan items only, partial failures, bisect, retries, on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref(functionId('schedule-sync')),
      EventSourceArn: { 'Fn::GetAtt': [idOf('AWS::DynamoDB::GlobalTable', 'StorageTable'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 1,
      DestinationConfig: {
        OnFailure: { Destination: arnOf(idOf('AWS::SQS::Queue', 'SchedulingSyncFailures')) },
      },
      // Only plan items that are or were active, or held session places (pending, paused).
      FilterCriteria: {
        Filters: [
          ...['NewImage', 'OldImage'].map((image) => ({
            Pattern: JSON.stringify({
              dynamodb: { Keys: { sk: { S: ['PLAN'] } }, [image]: { status: { S: ['active'] } } },
            }),
          })),
          {
            Pattern: JSON.stringify({
              dynamodb: {
                Keys: { sk: { S: ['PLAN'] } },
                OldImage: { status: { S: ['pending_verification', 'paused'] } },
              },
            }),
          },
        ],
      },
    });
  });
});

describe('delivery', () => {
  it('the reminder queue is KMS-encrypted, TLS only, redrives to its DLQ, visibility ≥ 6× the sender timeout', () => {
    const queueId = idOf('AWS::SQS::Queue', 'DeliveryReminderQueue');
    const senderTimeout = resources[functionId('send-reminder')]!.Properties.Timeout as number;
    expect(senderTimeout).toBe(30);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: arnOf(idOf('AWS::KMS::Key', 'EncryptionDataKey')),
      VisibilityTimeout: 6 * senderTimeout,
      RedrivePolicy: {
        deadLetterTargetArn: arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderDlq')),
        maxReceiveCount: 20,
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref(queueId)],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });

  it('every queue is encrypted with the data key', () => {
    const queues = Object.values(resources).filter((r) => r.Type === 'AWS::SQS::Queue');
    // Reminders and their DLQ, the schedules' DLQ, the two stream mappings' on-failure queues,
    // inbound's DLQ and delivery-status's.
    expect(queues.length).toBe(7);
    for (const q of queues)
      expect(q.Properties.KmsMasterKeyId).toEqual(arnOf(idOf('AWS::KMS::Key', 'EncryptionDataKey')));
  });

  it('the sender reads the queue with partial batch failures and a maximum concurrency from the SMS rate in parts', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref(functionId('send-reminder')),
      EventSourceArn: arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderQueue')),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // 3 parts/s: two senders (one per two parts a second, SQS's minimum), and four messages at
      // their worst (a reminder and the last-day text, two parts each), paced, fit the timeout.
      ScalingConfig: { MaximumConcurrency: 2 },
      BatchSize: 4,
    });
    expect(senderConcurrency(0.5)).toBe(2);
    expect(senderConcurrency(1)).toBe(2);
    expect(senderConcurrency(20)).toBe(10);
    expect(senderConcurrency(5000)).toBe(1000);
  });

  it('the sender may publish texts, read the VAPID private key and the hash key, and consume the queue, nothing else', () => {
    expect(actionsOf('send-reminder')).toEqual(
      expect.arrayContaining([
        'sns:Publish',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'secretsmanager:GetSecretValue',
      ]),
    );
    // Two secrets and nothing else: the VAPID private key and the hash key (the plan page's links).
    expect(statementWith('send-reminder', 'secretsmanager:GetSecretValue').Resource).toEqual([
      FULL.push.vapidPrivateKeySecretArn,
      ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
    ]);
    expect(fnProps('send-reminder').Environment.Variables).toMatchObject({
      VAPID_PRIVATE_KEY_SECRET_ARN: FULL.push.vapidPrivateKeySecretArn,
      VAPID_SUBJECT: 'mailto:ops@clinic.example',
    });
    // The plan page's link in each reminder is made with the hash key.
    expect(fnProps('send-reminder').Environment.Variables.HASH_KEY_SECRET_ARN).toEqual(
      ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
    );
    const config = JSON.stringify(fnProps('send-reminder').Environment.Variables.REHAB_CONFIG);
    expect(config).toContain('formUrl');
  });
});

describe('inbound', () => {
  it('may read and write patients, plans and events, erase a patient, read how full session minutes are (TIMES), read the hash key and text replies', () => {
    expect(actionsOf('inbound').filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOf('inbound')).toContain('sns:Publish');
    expect(statementWith('inbound', 'secretsmanager:GetSecretValue').Resource).toEqual(
      ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
    );
  });

  it('an encrypted topic that End User Messaging may publish to, subscribed by the inbound function with a DLQ', () => {
    const topicId = idOf('AWS::SNS::Topic', 'InboundInboundSmsTopic');
    expectEncryptedTopicSmsMayPublish(template, topicId);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: ref(topicId),
      Endpoint: arnOf(functionId('inbound')),
      RedrivePolicy: { deadLetterTargetArn: arnOf(idOf('AWS::SQS::Queue', 'InboundDlq')) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'inbound' }) },
      DeadLetterConfig: { TargetArn: arnOf(idOf('AWS::SQS::Queue', 'InboundDlq')) },
    });
  });
});

describe('storage', () => {
  it('one table from the shared definition: keys, GSI, TTL, stream, PITR, encryption, on demand, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
          {
            // The clinic's lists (shared/table.ts): sparse, whole rows, a page in one Query.
            IndexName: 'gsi2',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('can be destroyed with the stack when the operator says so (test stacks)', () => {
    synth({ retainData: false }).hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });

  it('the hash key is generated by Secrets Manager, encrypted with the data key and retained', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
        KmsKeyId: arnOf(idOf('AWS::KMS::Key', 'EncryptionDataKey')),
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('monitoring', () => {
  const alarmTopic = idOf('AWS::SNS::Topic', 'MonitoringAlarmTopic');

  it('alarms on every dead-letter queue, to the alarm topic', () => {
    for (const dlq of [
      'DeliveryReminderDlq',
      'SchedulingSchedulerDlq',
      'SchedulingSyncFailures',
      'InboundDlq',
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', dlq), 'QueueName'] } },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [ref(alarmTopic)],
      });
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const service of ['intake', 'schedule-sync', 'send-reminder', 'inbound']) {
      for (const metric of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: ref(functionId(service)) }],
          AlarmActions: [ref(alarmTopic)],
        });
      }
    }
  });

  it('alarms on failed and throttled texts, carrier failures and SMS spend', () => {
    for (const [namespace, name, dimensions] of [
      ['RehabReminders', 'RemindersFailed', [{ Name: 'service', Value: 'send-reminder' }]],
      ['RehabReminders', 'TextsThrottled', [{ Name: 'service', Value: 'send-reminder' }]],
      ['AWS/SNS', 'NumberOfNotificationsFailed', [{ Name: 'PhoneNumber', Value: 'PhoneNumberDirect' }]],
      ['AWS/SNS', 'SMSMonthToDateSpentUSD', Match.absent()],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: namespace,
        MetricName: name,
        Dimensions: dimensions,
        AlarmActions: [ref(alarmTopic)],
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 40,
    });
  });

  it('alarms on what fails between services: Scheduler → queue, DLQ writes, the stream, SNS redrive, push keys', () => {
    const group = ref(idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup'));
    for (const metric of [
      'TargetErrorCount',
      'InvocationDroppedCount',
      'InvocationsFailedToBeSentToDeadLetterCount',
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Scheduler',
        MetricName: metric,
        Dimensions: [{ Name: 'ScheduleGroup', Value: group }],
        AlarmActions: [ref(alarmTopic)],
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'DeadLetterErrors',
      Dimensions: [{ Name: 'FunctionName', Value: ref(functionId('inbound')) }],
      AlarmActions: [ref(alarmTopic)],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: ref(functionId('schedule-sync')) }],
      Threshold: 600_000,
      AlarmActions: [ref(alarmTopic)],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailedToRedriveToDlq',
      Dimensions: [
        {
          Name: 'TopicName',
          Value: { 'Fn::GetAtt': [idOf('AWS::SNS::Topic', 'InboundInboundSmsTopic'), 'TopicName'] },
        },
      ],
      AlarmActions: [ref(alarmTopic)],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'RehabReminders',
      MetricName: 'PushMisconfigured',
      AlarmActions: [ref(alarmTopic)],
    });
    expect(JSON.stringify(synth({}).toJSON())).not.toContain('PushMisconfigured');
  });

  it('alarms on SMS spend only from a limit the stack knows', () => {
    const spendAlarm = (settings: unknown) =>
      Object.values(synth(settings).toJSON().Resources as Resources).find(
        (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'SMSMonthToDateSpentUSD',
      )?.Properties.Threshold;
    expect(spendAlarm({})).toBeUndefined();
    expect(spendAlarm({ sms: { manageAccountSettings: true } })).toBe(0.8);
    expect(spendAlarm({ sms: { accountSpendQuotaUsd: 200, monthlySpendLimitUsd: 150 } })).toBe(120);
  });

  it('alarms as soon as the service-wide codes-per-hour breaker refuses a code', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'RehabReminders',
      MetricName: 'CodeBreakerOpen',
      Dimensions: [{ Name: 'service', Value: 'intake' }],
      Threshold: 1,
      AlarmActions: [ref(alarmTopic)],
    });
  });

  it('mails alarms to the operator when an address is set, and has a dashboard', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@clinic.example',
      TopicArn: ref(alarmTopic),
    });
    const dashboard = Object.values(resources).find((r) => r.Type === 'AWS::CloudWatch::Dashboard')!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of [
      'AssessmentsReceived',
      'RemindersSent',
      'RemindersSkipped',
      'RemindersFailed',
      'OptOuts',
    ]) {
      expect(body).toContain(metric);
    }
  });
});

describe('SMS account settings', () => {
  it('are set by the stack only when the operator opts in', () => {
    // (With deliveries recorded the call names the logging role, so CloudFormation joins it in.)
    const settingsCall = (t: Template) =>
      JSON.stringify(
        Object.values(t.findResources('Custom::AWS')).find((r) =>
          JSON.stringify(r.Properties.Create).includes('setSMSAttributes'),
        )?.Properties.Create,
      );
    expect(settingsCall(template)).toContain(
      '\\"DefaultSMSType\\":\\"Transactional\\",\\"MonthlySpendLimit\\":\\"50\\"',
    );
    // Managed without a stated limit: the quota AWS granted (new accounts: $1), never more.
    expect(settingsCall(synth({ sms: { manageAccountSettings: true } }))).toContain(
      '\\"MonthlySpendLimit\\":\\"1\\"',
    );
    // Not recording deliveries: the setting is left as the account has it.
    const noRecording = settingsCall(
      synth({ sms: { manageAccountSettings: true, recordDeliveries: false } }),
    );
    expect(noRecording).toContain('MonthlySpendLimit');
    expect(noRecording).not.toContain('DeliveryStatus');
    expect(JSON.stringify(synth({}).toJSON())).not.toContain('setSMSAttributes');
  });
});

describe("recording deliveries (sms.recordDeliveries): SNS's SMS delivery status log, read onto each reminder", () => {
  const GROUP = 'sns/us-east-1/123456789012/DirectPublishToPhoneNumber';
  const roleId = idOf('AWS::IAM::Role', 'SmsDeliveryStatusSnsLoggingRole');
  const recorderArn = arnOf(functionId('delivery-status'));

  it("the account setting names the stack's logging role and logs every text; passing the role is granted", () => {
    const settings = Object.values(resources).find(
      (r) => r.Type === 'Custom::AWS' && JSON.stringify(r.Properties.Create).includes('setSMSAttributes'),
    )!;
    const create = JSON.stringify(settings.Properties.Create);
    expect(create).toContain('\\"DeliveryStatusSuccessSamplingRate\\":\\"100\\"');
    expect(create).toContain('\\"DeliveryStatusIAMRole\\":\\"');
    expect(create).toContain(JSON.stringify(arnOf(roleId)));
    const passRole = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .find((st) => st.Action === 'iam:PassRole' && JSON.stringify(st).includes('sns.amazonaws.com'));
    expect(passRole).toEqual({
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: arnOf(roleId),
      Condition: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
    });
  });

  it("SNS may assume the logging role as AWS documents it (no condition key SNS may leave out); only the stack may pass it; it writes SNS's two groups only", () => {
    // AWS's SNS delivery-status pages show this trust with no condition: a condition on a key SNS
    // does not send (aws:SourceAccount) would refuse every status line, and no proof would notice.
    expect(resources[roleId]!.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' } }],
    });
    // The guard is PassRole instead: one statement in the whole stack may pass the role, to SNS only.
    const passes = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((st) => [st.Action].flat().some((a) => a === 'iam:PassRole' || a === 'iam:*' || a === '*'))
      .filter((st) => JSON.stringify(st.Resource).includes(roleId) || st.Resource === '*');
    expect(passes).toEqual([
      {
        Action: 'iam:PassRole',
        Effect: 'Allow',
        Resource: arnOf(roleId),
        Condition: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
      },
    ]);
    const policy = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([ref(roleId)]),
    )!;
    const [statement] = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(JSON.stringify(statement!.Resource)).toContain(`log-group:${GROUP}`);
    expect(JSON.stringify(statement!.Resource)).toContain(`log-group:${GROUP}/Failure`);
    expect(JSON.stringify(statement!.Resource)).not.toMatch(/log-group:\*|log-group:sns\/\*/);
  });

  it('both groups are made if missing, keep status lines a day (they name the number), and feed the recorder', () => {
    for (const group of [GROUP, `${GROUP}/Failure`]) {
      template.hasResourceProperties('Custom::AWS', {
        Create: Match.stringLikeRegexp(
          `"action":"createLogGroup","parameters":\\{"logGroupName":"${group.replace(/\//g, '\\/')}"\\}`,
        ),
      });
      template.hasResourceProperties('Custom::AWS', {
        Create: Match.stringLikeRegexp(
          `"logGroupName":"${group.replace(/\//g, '\\/')}","retentionInDays":"1"`,
        ),
      });
      template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
        LogGroupName: group,
        FilterPattern: '',
        DestinationArn: recorderArn,
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: recorderArn,
        Principal: 'logs.amazonaws.com',
        SourceArn: `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*`,
      });
    }
  });

  it('the recorder reads the patient and the plan and writes the outcome, nothing more; its failures reach a DLQ', () => {
    expect(actionsOf('delivery-status').filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOf('delivery-status')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('delivery-status').filter((a) => a.startsWith('sns:'))).toEqual([]);
    const props = resources[functionId('delivery-status')]!.Properties as {
      DeadLetterConfig?: { TargetArn: unknown };
    };
    expect(props.DeadLetterConfig?.TargetArn).toEqual(arnOf(idOf('AWS::SQS::Queue', 'DeliveryStatusDlq')));
  });

  it('is on with manageAccountSettings, off without; asked for without it, the config names the field', () => {
    expect(parseOperatorConfig({ sms: { manageAccountSettings: true } }).sms.recordDeliveries).toBe(true);
    expect(
      parseOperatorConfig({ sms: { manageAccountSettings: true, recordDeliveries: false } }).sms
        .recordDeliveries,
    ).toBe(false);
    expect(parseOperatorConfig({}).sms.recordDeliveries).toBe(false);
    expect(JSON.stringify(synth({}).toJSON())).not.toContain('DirectPublishToPhoneNumber');
    expect(() => parseOperatorConfig({ sms: { recordDeliveries: true } })).toThrow(
      /recordDeliveries: needs manageAccountSettings/,
    );
  });
});

describe('SMS channel in End User Messaging (sms.channel)', () => {
  const CHANNEL = {
    runtime: { appName: 'Back Clinic', allowedCountries: ['US', 'CA'], clinicContact: '(415) 555-0100' },
    sms: { channel: { reminders: {}, codes: { numberType: 'SIMULATOR' } } },
  };
  const channel = synth(CHANNEL);
  const all = channel.toJSON().Resources as Resources;
  const idsOf = (type: string) => Object.keys(all).filter((k) => all[k]!.Type === type);
  const one = (type: string, prefix: string) => {
    const found = idsOf(type).filter((k) => k.startsWith(prefix));
    expect(found, `${type} ${prefix}`).toHaveLength(1);
    return found[0]!;
  };
  const numberId = one('AWS::SMSVOICE::PhoneNumber', 'SmsChannelRemindersNumber');
  const codesId = one('AWS::SMSVOICE::PhoneNumber', 'SmsChannelCodesNumber');
  const optOutId = one('AWS::SMSVOICE::OptOutList', 'SmsChannelOptOutList');
  const protectId = one('AWS::SMSVOICE::ProtectConfiguration', 'SmsChannelProtectConfiguration');
  const inboundTopicId = one('AWS::SNS::Topic', 'InboundInboundSmsTopic');
  const envOf = (service: string) =>
    (
      Object.values(all).find(
        (r) =>
          r.Type === 'AWS::Lambda::Function' &&
          (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables
            .POWERTOOLS_SERVICE_NAME === service,
      )!.Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables;
  const policyOn = (resourceId: string) => {
    const policies = idsOf('AWS::SMSVOICE::ResourcePolicy').filter(
      (k) => JSON.stringify(all[k]!.Properties.ResourceArn) === JSON.stringify(arnOf(resourceId)),
    );
    expect(policies, `resource policy on ${resourceId}`).toHaveLength(1);
    return all[policies[0]!]!.Properties.PolicyDocument as { Statement: Statement[] };
  };

  it('requests the numbers: SMS, two-way to the inbound topic, AWS answering HELP and STOP, the opt-out list, kept on delete', () => {
    channel.hasResource('AWS::SMSVOICE::PhoneNumber', {
      DeletionPolicy: 'Retain',
      Properties: {
        IsoCountryCode: 'US',
        NumberType: 'TOLL_FREE',
        NumberCapabilities: ['SMS'],
        MandatoryKeywords: {
          HELP: { Message: helpText('Back Clinic', '(415) 555-0100') },
          STOP: { Message: stopText('Back Clinic') },
        },
        SelfManagedOptOutsEnabled: false,
        OptOutListName: ref(optOutId),
        TwoWay: { Enabled: true, ChannelArn: ref(inboundTopicId) },
      },
    });
    expect(all[codesId]!.Properties.NumberType).toBe('SIMULATOR');
    channel.hasResource('AWS::SMSVOICE::OptOutList', { DeletionPolicy: 'Retain' });
  });

  it('texts reminders and replies from the reminders number, codes from the codes number', () => {
    expect(envOf('send-reminder').SMS_ORIGINATION_NUMBER).toEqual({
      'Fn::GetAtt': [numberId, 'PhoneNumber'],
    });
    expect(envOf('inbound').SMS_ORIGINATION_NUMBER).toEqual({ 'Fn::GetAtt': [numberId, 'PhoneNumber'] });
    // Intake: codes from the codes number, the welcome (after the code) from the reminders number.
    expect(envOf('intake').SMS_CODES_ORIGINATION_NUMBER).toEqual({ 'Fn::GetAtt': [codesId, 'PhoneNumber'] });
    expect(envOf('intake').SMS_ORIGINATION_NUMBER).toEqual({ 'Fn::GetAtt': [numberId, 'PhoneNumber'] });
    expect(envOf('send-reminder').SMS_CODES_ORIGINATION_NUMBER).toBeUndefined();
    // The number answers HELP: the inbound function must not answer it a second time.
    expect(envOf('inbound').SMS_HELP_ANSWERED_BY_CHANNEL).toBe('true');
    expect(envOf('send-reminder').SMS_HELP_ANSWERED_BY_CHANNEL).toBeUndefined();
    // A brought number answers HELP too.
    expect(fnProps('inbound').Environment.Variables.SMS_HELP_ANSWERED_BY_CHANNEL).toBe('true');
    const none = synth({}).toJSON().Resources as Resources;
    const inboundEnv = Object.values(none).find((r) =>
      JSON.stringify(r.Properties?.Environment ?? '').includes('"POWERTOOLS_SERVICE_NAME":"inbound"'),
    )!.Properties.Environment as { Variables: Record<string, unknown> };
    expect(inboundEnv.Variables.SMS_HELP_ANSWERED_BY_CHANNEL).toBeUndefined();
  });

  it('lets SNS of this account, and only it, send through each number and use the opt-out list', () => {
    for (const id of [numberId, codesId]) {
      expect(policyOn(id).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sms-voice:SendTextMessage',
          Resource: arnOf(id),
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ]);
    }
    expect(policyOn(optOutId).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: [
          'sms-voice:DescribeOptedOutNumbers',
          'sms-voice:PutOptedOutNumber',
          'sms-voice:DeleteOptedOutNumber',
        ],
        Resource: arnOf(optOutId),
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });

  it('makes no configuration set: SNS Publish names none, so its events would never fire (deliveries: sms.recordDeliveries)', () => {
    expect(idsOf('AWS::SMSVOICE::ConfigurationSet')).toEqual([]);
    const old = new RehabStack(app(), 'Old', {
      config: parseOperatorConfig({
        runtime: { clinicContact: '(415) 555-0100' },
        sms: { channel: { reminders: {}, deliveryEvents: true } },
      }),
      env: { account: '123456789012', region: 'us-east-1' },
    });
    Annotations.fromStack(old).hasWarning('*', Match.stringLikeRegexp('deliveryEvents is ignored'));
  });

  it('a protect configuration allows the allow-listed countries, blocks every other, and is the account default', () => {
    const rules = (
      all[protectId]!.Properties.CountryRuleSet as { SMS: { CountryCode: string; ProtectStatus: string }[] }
    ).SMS;
    expect(rules.filter((r) => r.ProtectStatus === 'ALLOW').map((r) => r.CountryCode)).toEqual(['CA', 'US']);
    expect(rules.filter((r) => r.ProtectStatus === 'BLOCK').length).toBeGreaterThan(200);
    expect(rules.find((r) => r.CountryCode === 'GB')?.ProtectStatus).toBe('BLOCK');
    // SNS texts obey a protect configuration only as the account default (set at deploy).
    channel.hasResourceProperties('Custom::AWS', {
      Create: {
        'Fn::Join': [
          '',
          Match.arrayWith([Match.stringLikeRegexp('"action":"setAccountDefaultProtectConfiguration"')]),
        ],
      },
    });
    const policy = Object.values(all).find(
      (r) =>
        r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties).includes('SetAccountDefaultProtect'),
    )!;
    expect((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toEqual([
      {
        Action: 'sms-voice:SetAccountDefaultProtectConfiguration',
        Effect: 'Allow',
        Resource: arnOf(protectId),
      },
      { Action: 'sms-voice:DeleteAccountDefaultProtectConfiguration', Effect: 'Allow', Resource: '*' },
    ]);
  });

  it('the opt-out list: inbound puts and takes numbers off it, intake, the console and the sender only ask; no other function touches it', () => {
    const fnIdOf = (service: string) =>
      Object.keys(all).find(
        (k) =>
          all[k]!.Type === 'AWS::Lambda::Function' &&
          (all[k]!.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
            ?.POWERTOOLS_SERVICE_NAME === service,
      )!;
    const listNameOf = (service: string) =>
      (all[fnIdOf(service)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .SMS_OPT_OUT_LIST_NAME;
    const statementsIn = (service: string) => {
      const fnId = Object.keys(all).find(
        (k) =>
          all[k]!.Type === 'AWS::Lambda::Function' &&
          (all[k]!.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
            ?.POWERTOOLS_SERVICE_NAME === service,
      )!;
      const roleId = (all[fnId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return Object.values(all)
        .filter(
          (r) =>
            r.Type === 'AWS::IAM::Policy' &&
            (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === roleId),
        )
        .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    };
    const onTheList = (service: string) =>
      statementsIn(service)
        .filter((st) => JSON.stringify(st.Resource) === JSON.stringify(arnOf(optOutId)))
        .flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]))
        .sort();
    expect(onTheList('inbound')).toEqual(['sms-voice:DeleteOptedOutNumber', 'sms-voice:PutOptedOutNumber']);
    expect(onTheList('intake')).toEqual(['sms-voice:DescribeOptedOutNumbers']);
    expect(onTheList('console')).toEqual(['sms-voice:DescribeOptedOutNumbers']);
    // The sender asks it before each reminder (the list the numbers use).
    expect(onTheList('send-reminder')).toEqual(['sms-voice:DescribeOptedOutNumbers']);
    for (const service of ['schedule-sync', 'clinic-watch']) {
      expect(onTheList(service), service).toEqual([]);
      expect(listNameOf(service), service).toBeUndefined();
    }
    // The environment names the list (its name, which End User Messaging's calls take).
    for (const service of ['inbound', 'intake', 'console', 'send-reminder'])
      expect(listNameOf(service), service).toEqual({ Ref: optOutId });
    // Without a declared list there is nothing to call: no variable, no grant.
    expect(fnProps('inbound').Environment.Variables.SMS_OPT_OUT_LIST_NAME).toBeUndefined();
    expect(actionsOf('inbound').filter((a) => a.startsWith('sms-voice:'))).toEqual([]);
  });

  it('each part only when configured; nothing in End User Messaging without sms.channel', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('AWS::SMSVOICE');
    const bare = synth({
      runtime: { clinicContact: '(415) 555-0100' },
      sms: {
        originationNumber: '+18885550123',
        channel: { optOutList: false, deliveryEvents: false, protectCountries: false },
      },
    }).toJSON();
    expect(JSON.stringify(bare)).not.toContain('AWS::SMSVOICE');
    const optOutOnly = synth({
      sms: { channel: { deliveryEvents: false, protectCountries: false } },
    }).toJSON().Resources as Resources;
    expect(
      Object.values(optOutOnly)
        .map((r) => r.Type)
        .filter((t) => t.startsWith('AWS::SMSVOICE'))
        .sort(),
    ).toEqual(['AWS::SMSVOICE::OptOutList', 'AWS::SMSVOICE::ResourcePolicy']);
  });

  it.each([
    [
      { sms: { originationNumber: '+18885550123', channel: { reminders: {} } } },
      /rehab\.sms\.channel\.reminders: cannot be set with originationNumber/,
    ],
    [{ sms: { channel: { codes: {} } } }, /rehab\.sms\.channel\.codes: needs a reminders number/],
    [
      { sms: { channel: { reminders: { numberType: 'SHORT_CODE' } } } },
      /rehab\.sms\.channel\.reminders\.numberType/,
    ],
    [
      { sms: { channel: { reminders: { isoCountryCode: 'XX' } } } },
      /rehab\.sms\.channel\.reminders\.isoCountryCode/,
    ],
  ])('refuses %j', (settings, message) => {
    expect(() => parseOperatorConfig(settings)).toThrow(message);
  });

  it('passes cdk-nag with every part on (and a custom domain)', () => {
    const nagApp = app();
    new RehabStack(nagApp, 'NaggedChannel', {
      config: parseOperatorConfig({
        ...CHANNEL,
        sms: { ...CHANNEL.sms, manageAccountSettings: true },
        customDomain: {
          domainName: 'reminders.clinic.example',
          certificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        },
      }),
      env: { account: '123456789012', region: 'us-east-1' },
    });
    addNagChecks(nagApp);
    expect(() => nagApp.synth()).not.toThrow();
  });
});

describe('lifecycle: destroy, then deploy again', () => {
  const NAME_PROPERTIES = [
    'TableName',
    'Name',
    'QueueName',
    'TopicName',
    'LogGroupName',
    'RoleName',
    'FunctionName',
    'AlarmName',
  ];

  it('no retained resource has a fixed name the next deploy would collide with', () => {
    for (const settings of [FULL, {}]) {
      const all = synth(settings).toJSON().Resources as Record<
        string,
        { DeletionPolicy?: string; Properties?: object }
      >;
      const collide = Object.entries(all)
        .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate')
        .filter(([, r]) => NAME_PROPERTIES.some((p) => p in (r.Properties ?? {})))
        .map(([id]) => id);
      expect(collide).toEqual([]);
    }
  });

  it('retainData keeps exactly the table, its key, the hash key secret and the static files bucket; the schedule group always goes', () => {
    const policies = (settings: unknown) =>
      Object.fromEntries(
        Object.entries(
          synth(settings).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>,
        )
          .filter(([, r]) => r.DeletionPolicy === 'Retain')
          .map(([, r]) => [r.Type, 'Retain']),
      );
    expect(policies({})).toEqual({
      'AWS::DynamoDB::GlobalTable': 'Retain',
      'AWS::KMS::Key': 'Retain',
      'AWS::S3::Bucket': 'Retain',
      'AWS::SecretsManager::Secret': 'Retain',
    });
    expect(policies({ retainData: false })).toEqual({});
    template.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Delete' });
  });

  it("the deploy guide's example settings deploy on a new account: no spend limit above its $1 quota", () => {
    const readme = readFileSync(new URL('../../docs/DEPLOY.md', import.meta.url), 'utf8');
    const example = /## \d+\. Configure[\s\S]*?```json\n"rehab": ([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const settings = JSON.parse(
      example!.replace(/<[^>]+>/g, (placeholder) =>
        placeholder === '<region>'
          ? 'us-east-1'
          : placeholder === '<account>'
            ? '123456789012'
            : 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      ),
    ) as { sms: { accountSpendQuotaUsd?: number } };
    expect(settings.sms.accountSpendQuotaUsd ?? 1).toBe(1);
    const settingsCall = Object.values(synth(settings).toJSON().Resources as Resources).find(
      (r) => r.Type === 'Custom::AWS',
    );
    const limit = /"MonthlySpendLimit":"(\d+)"/.exec(
      JSON.stringify(settingsCall?.Properties.Create ?? ''),
    )?.[1];
    if (limit !== undefined) expect(Number(limit)).toBeLessThanOrEqual(1);
  });
});

describe('custom domain (customDomain)', () => {
  const DOMAIN = {
    domainName: 'reminders.clinic.example',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  };
  const withDomain = synth({ customDomain: DOMAIN });
  const all = withDomain.toJSON().Resources as Resources;
  const idOfType = (type: string) => Object.keys(all).find((k) => all[k]!.Type === type)!;

  it("serves everything on the operator's domain from the distribution, with their us-east-1 certificate, TLS 1.2", () => {
    // The API keeps no domain of its own: the distribution carries it.
    expect(Object.values(all).some((r) => r.Type === 'AWS::ApiGatewayV2::DomainName')).toBe(false);
    const distributionId = idOfType('AWS::CloudFront::Distribution');
    expect(all[distributionId]!.Properties.DistributionConfig).toMatchObject({
      Aliases: [DOMAIN.domainName],
      ViewerCertificate: {
        AcmCertificateArn: DOMAIN.certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
    withDomain.hasOutput('CustomDomainTarget', { Value: { 'Fn::GetAtt': [distributionId, 'DomainName'] } });
  });

  it('puts the domain in every link of a text and in the FormUrl output', () => {
    const services = Object.entries(all).filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' &&
        (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.REHAB_CONFIG,
    );
    expect(services.length).toBeGreaterThanOrEqual(6);
    for (const [id, r] of services) {
      const config = JSON.stringify(
        (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables.REHAB_CONFIG,
      );
      if (config.includes('formUrl')) expect(config, id).toContain('https://reminders.clinic.example/');
      expect(config, id).not.toContain('execute-api');
    }
    withDomain.hasOutput('FormUrl', { Value: 'https://reminders.clinic.example/' });
  });

  it.each([
    [{ customDomain: { ...DOMAIN, domainName: 'https://x.example' } }, /rehab\.customDomain\.domainName/],
    [{ customDomain: { ...DOMAIN, certificateArn: 'my-cert' } }, /rehab\.customDomain\.certificateArn/],
    [
      {
        customDomain: { ...DOMAIN, certificateArn: DOMAIN.certificateArn.replace('us-east-1', 'eu-west-1') },
      },
      /rehab\.customDomain\.certificateArn: must be a certificate in us-east-1: CloudFront/,
    ],
  ])('refuses %j', (settings, message) => {
    expect(() => parseOperatorConfig(settings)).toThrow(message);
  });
});

describe('the deploy guide (docs/DEPLOY.md)', () => {
  it('is in the order an operator really goes', () => {
    const guide = readFileSync(new URL('../../docs/DEPLOY.md', import.meta.url), 'utf8');
    const steps = [...guide.matchAll(/^## (\d+)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);
    expect(steps).toEqual([
      '1. Choose the region',
      '2. Request and register the number(s)',
      '3. Meanwhile: simulator numbers and sandbox destinations',
      '4. Store the VAPID secret (push reminders only)',
      '5. Configure',
      '6. Deploy',
      '7. Verify',
      '8. Production access and spend limit',
      '9. Go live',
    ]);
    // The stored secret is the raw key, as functions/wiring/runtime.ts readSecret reads it.
    expect(guide).toContain(
      "aws secretsmanager create-secret --name rehab-vapid-private-key \\\n  --secret-string '<the Private Key, raw base64url>'",
    );
  });

  it('has a runbook line for every alarm the stack makes', () => {
    const runbook = readFileSync(new URL('../../docs/RUNBOOK.md', import.meta.url), 'utf8');
    const named = (id: string) =>
      runbook.includes(`\`${id}\``) ||
      runbook.includes(
        `\`<Function>${id.replace(/^(Intake|ScheduleSync|SendReminder|Inbound|Console|ClinicWatch|DeliveryStatus)(?=(Errors|Throttles)Alarm)/, '')}\``,
      );
    const alarmIds = Object.keys(resources)
      .filter((id) => resources[id]!.Type === 'AWS::CloudWatch::Alarm')
      .map((id) => /^Monitoring(.+Alarm)[0-9A-F]{8}$/.exec(id)![1]!);
    expect(alarmIds.length).toBeGreaterThan(20);
    expect(alarmIds.filter((id) => !named(id))).toEqual([]);
  });
});

describe('outputs', () => {
  it('give the form URL, the API URL, the inbound topic ARN and the dashboard link', () => {
    const outputs = Object.keys(template.toJSON().Outputs as object);
    for (const name of ['FormUrl', 'IntakeApiUrl', 'InboundTopicArn', 'MonitoringDashboardUrl']) {
      expect(outputs.some((o) => o.startsWith(name))).toBe(true);
    }
  });
});

describe('self-test and operator scripts (npm run ops:*)', () => {
  const alarmTopic = idOf('AWS::SNS::Topic', 'MonitoringAlarmTopic');
  const selfTestAlarm = idOf('AWS::CloudWatch::Alarm', 'MonitoringSelfTestAlarm');

  it('gives the scripts what they read under fixed output keys, with descriptions', () => {
    const groupName = ref(idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup'));
    const expected: Record<StackOutputName, unknown> = {
      ScheduleGroupName: groupName,
      SchedulerRoleArn: arnOf(idOf('AWS::IAM::Role', 'SchedulingSchedulerRole')),
      SchedulerDeadLetterQueueArn: arnOf(idOf('AWS::SQS::Queue', 'SchedulingSchedulerDlq')),
      ReminderQueueArn: arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderQueue')),
      TableName: ref(idOf('AWS::DynamoDB::GlobalTable', 'StorageTable')),
      SelfTestAlarmName: ref(selfTestAlarm),
      InboundTopicArn: ref(idOf('AWS::SNS::Topic', 'InboundInboundSmsTopic')),
      HashKeySecretArn: ref(idOf('AWS::SecretsManager::Secret', 'SecretsHashKey')),
      ReminderDeadLetterQueueArn: arnOf(idOf('AWS::SQS::Queue', 'DeliveryReminderDlq')),
      InboundDeadLetterQueueArn: arnOf(idOf('AWS::SQS::Queue', 'InboundDlq')),
      ScheduleSyncFailureQueueArn: arnOf(idOf('AWS::SQS::Queue', 'SchedulingSyncFailures')),
      // lateAfterMinutes (60 by default) in seconds: what schedule-sync gives every schedule.
      ScheduleMaxEventAgeSeconds: '3600',
    };
    expect(Object.values(STACK_OUTPUT).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      template.hasOutput(key, { Value: value, Description: Match.stringLikeRegexp('.{10,}') });
    }
  });

  it('has an alarm that only the self-test sets, acting on the alarm topic like every other', () => {
    expect(resources[selfTestAlarm]!.Properties).toMatchObject({
      Namespace: 'RehabReminders',
      MetricName: 'SelfTestNeverReported',
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref(alarmTopic)],
      OKActions: [ref(alarmTopic)],
    });
    // No function publishes the metric: nothing but SetAlarmState moves the alarm.
    expect(
      JSON.stringify(Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function')),
    ).not.toContain('SelfTestNeverReported');
  });

  it('needs no new grant: the sender records with the UpdateItem it already has, and nothing else of the table', () => {
    expect(actionsOf('send-reminder').filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:UpdateItem',
    ]);
  });
});

describe('a pool of numbers (sms.originationPool)', () => {
  const POOL = ['+18885550101', '+18885550102', '+18885550103', '+18885550104'];
  const pooled = synth({
    runtime: { clinicContact: '(415) 555-0100' },
    sms: { originationPool: POOL, partsPerSecond: 3 },
  });
  const all = pooled.toJSON().Resources as Resources;
  const envOf = (service: string) =>
    (
      Object.values(all).find(
        (r) =>
          r.Type === 'AWS::Lambda::Function' &&
          (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables
            .POWERTOOLS_SERVICE_NAME === service,
      )!.Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables;

  it('every function that texts knows the pool; booking and pacing count every number', () => {
    for (const service of ['intake', 'send-reminder', 'inbound']) {
      expect(envOf(service).SMS_ORIGINATION_POOL).toBe(POOL.join(','));
      expect(envOf(service).SMS_ORIGINATION_NUMBER).toBeUndefined();
      // The config is joined with the API's URL by CloudFormation: its text holds the SMS settings.
      expect(JSON.stringify(envOf(service).REHAB_CONFIG)).toContain(
        JSON.stringify(JSON.stringify({ sms: { partsPerSecond: 3, identities: 4 } }).slice(1, -1)).slice(
          1,
          -1,
        ),
      );
    }
    // 4 numbers × 3 parts a second: the sender runs as for 12.
    pooled.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: senderConcurrency(12) },
    });
    expect(senderConcurrency(12)).toBeGreaterThan(senderConcurrency(3));
    // Dedicated numbers answer HELP themselves.
    expect(envOf('inbound').SMS_HELP_ANSWERED_BY_CHANNEL).toBe('true');
  });

  it('is one way of naming the reminders numbers: not with originationNumber or channel.reminders; 2–20 distinct numbers', () => {
    for (const [sms, error] of [
      [{ originationPool: POOL, originationNumber: '+18885550199' }, /originationPool: cannot be set with/],
      [{ originationPool: POOL, channel: { reminders: {} } }, /originationPool: cannot be set with/],
      [{ originationPool: ['+18885550101'] }, /originationPool: needs at least 2 numbers/],
      [
        { originationPool: ['+18885550101', '+18885550101'] },
        /originationPool: must not name a number twice/,
      ],
      [{ originationPool: ['+18885550101', '555'] }, /originationPool\.1: must be an E\.164 number/],
    ] as const)
      expect(() => parseOperatorConfig({ sms })).toThrow(error);
  });
});

describe('operator settings', () => {
  it.each([
    [{ runtime: { planLengthDays: 0 } }, /rehab\.runtime\.planLengthDays/],
    [{ runtime: { allowedCountries: ['usa'] } }, /rehab\.runtime\.allowedCountries\.0: must be ISO 3166-1/],
    [{ sms: { originationNumber: '555-0123' } }, /rehab\.sms\.originationNumber: must be an E\.164 number/],
    [{ sms: { senderId: 'TOO-LONG-SENDER' } }, /rehab\.sms\.senderId/],
    // HELP must carry a way to reach a person wherever the stack texts from a number of its own.
    [
      { sms: { originationNumber: '+18885550123' } },
      /rehab\.runtime\.clinicContact: is required when the stack texts from a number of its own/,
    ],
    [{ sms: { channel: { reminders: {} } } }, /rehab\.runtime\.clinicContact: is required/],
    [
      { sms: { originationPool: ['+18885550101', '+18885550102'] } },
      /rehab\.runtime\.clinicContact: is required/,
    ],
    [{ sms: { partsPerSecond: 0 } }, /rehab\.sms\.partsPerSecond/],
    [{ sms: { messagesPerSecond: 0 } }, /rehab\.sms\.messagesPerSecond/],
    [
      { sms: { partsPerSecond: 3, messagesPerSecond: 3 } },
      /rehab\.sms\.messagesPerSecond: is the old name of partsPerSecond/,
    ],
    [
      { push: { ...FULL.push, vapidPrivateKeySecretArn: 'my-private-key' } },
      /rehab\.push\.vapidPrivateKeySecretArn: must be the complete Secrets Manager secret ARN/,
    ],
    [
      // A partial ARN (no suffix) would grant nothing: the sender could never read the key.
      {
        push: {
          ...FULL.push,
          vapidPrivateKeySecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:vapid',
        },
      },
      /rehab\.push\.vapidPrivateKeySecretArn: must be the complete/,
    ],
    [
      // New accounts may spend $1 a month: a higher limit is refused by SNS and the deploy rolls back.
      { sms: { manageAccountSettings: true, monthlySpendLimitUsd: 100 } },
      /rehab\.sms\.monthlySpendLimitUsd: must not be above accountSpendQuotaUsd/,
    ],
    [{ alarmEmail: 'not-an-email' }, /rehab\.alarmEmail: must be an email address/],
    [{ logRetentionDays: 10 }, /rehab\.logRetentionDays: must be one of CloudWatch's periods/],
    [{ retainData: 'yes' }, /rehab\.retainData/],
    [{ unknownSetting: 1 }, /unknownSetting/],
    // The plan rule's own checks (shared/domain/scheduling/settings-rules.ts), as intake applies them to patients.
    [
      { runtime: { defaultSessionTimes: ['07:00', '13:00', '19:00'] } },
      /rehab\.runtime\.defaultSessionTimes\.0: must be between 08:00 and 21:00: no reminders at night/,
    ],
    [
      { runtime: { defaultSessionTimes: ['08:00', '10:00', '19:00'] } },
      /rehab\.runtime\.defaultSessionTimes\.1: must be at least 3 hours after the session before it/,
    ],
    [
      { runtime: { allowedCountries: ['US', 'XX'] } },
      /rehab\.runtime\.allowedCountries\.1: "XX" is not a country code the phone number library knows/,
    ],
  ])('refuse %j at synth, naming the setting', (settings, message) => {
    expect(() => parseOperatorConfig(settings)).toThrow(message);
  });

  it('print one line per refused setting and exit 1, with no stack trace', () => {
    const printed: string[] = [];
    const exit = (code: number): never => {
      throw new Error(`exit ${code}`);
    };
    const io = { error: (text: string) => void printed.push(text), exit };
    const bad = JSON.stringify({
      runtime: { defaultSessionTimes: ['07:00', '13:00', '19:00'], allowedCountries: ['XX'] },
      alarmEmail: 'nope',
    });
    expect(() => operatorConfigOrExit(bad, io)).toThrow('exit 1');
    expect(printed).toHaveLength(1);
    // A string is what `-c rehab='…'` passes: the message says so (cdk.json passes an object).
    expect(printed[0]!.split('\n')).toEqual([
      'Invalid "rehab" settings given with -c rehab=… on the command line (it replaces the "rehab" of cdk.json whole):',
      '  rehab.runtime.defaultSessionTimes.0: must be between 08:00 and 21:00: no reminders at night',
      '  rehab.runtime.allowedCountries.0: "XX" is not a country code the phone number library knows (ISO 3166-1 alpha-2, like "US")',
      '  rehab.alarmEmail: must be an email address',
    ]);
    expect(printed[0]).not.toMatch(/\bat \S+:\d+/);
    expect(() => operatorConfigOrExit('{not json', io)).toThrow('exit 1');
    expect(printed[1]).toMatch(/^The "rehab" settings given with -c are cut short/);
    // A good setting passes through, from cdk.json's object as from -c's string.
    expect(operatorConfigOrExit({ retainData: false }, io).retainData).toBe(false);
    expect(operatorConfigOrExit('{"retainData":false}', io).retainData).toBe(false);
  });

  it('accept an empty configuration with safe defaults', () => {
    const config = parseOperatorConfig({});
    expect(config).toMatchObject({
      retainData: true,
      logRetentionDays: 30,
      sms: { partsPerSecond: 1, manageAccountSettings: false, accountSpendQuotaUsd: 1 },
      runtime: { planLengthDays: 14, allowedCountries: ['US'], lateAfterMinutes: 60 },
    });
    expect(config.push).toBeUndefined();
  });

  it('read the deprecated sms.messagesPerSecond as partsPerSecond, with a synth warning', () => {
    const config = parseOperatorConfig({ sms: { messagesPerSecond: 3 } });
    expect(config.sms).toMatchObject({ partsPerSecond: 3, renamedMessagesPerSecond: true });
    expect(config.sms).not.toHaveProperty('messagesPerSecond');
    const warned = (settings: unknown) =>
      Annotations.fromStack(
        new RehabStack(app(), 'Renamed', {
          config: parseOperatorConfig(settings),
          env: { account: '123456789012', region: 'us-east-1' },
        }),
      ).findWarning('*', Match.stringLikeRegexp('messagesPerSecond is deprecated'));
    expect(warned({ sms: { messagesPerSecond: 3 } })).toHaveLength(1);
    expect(warned({ sms: { partsPerSecond: 3 } })).toHaveLength(0);
  });
});

describe('cdk-nag (AwsSolutions and HIPAA Security)', () => {
  it('finds nothing unacknowledged in the stack, with every option on', () => {
    const nagApp = app();
    new RehabStack(nagApp, 'Nagged', {
      config: parseOperatorConfig(FULL),
      env: { account: '123456789012', region: 'us-east-1' },
    });
    addNagChecks(nagApp);
    expect(() => nagApp.synth()).not.toThrow();
  });

  it('fails the synth on a new finding', () => {
    const nagApp = app();
    const stack = new Stack(nagApp, 'Bad');
    new Queue(stack, 'Unencrypted', { enforceSSL: false });
    addNagChecks(nagApp);
    expect(() => nagApp.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
