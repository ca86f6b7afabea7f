import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  SetAlarmStateCommand,
  type AlarmHistoryItem,
} from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  SchedulerServiceException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { AuthorizationErrorException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { OPTIONAL_STACK_OUTPUT, STACK_OUTPUT } from '../../infra/outputs.ts';
import {
  EDGE,
  formatResult,
  noFailure,
  parseSelfTestArgs,
  readStackTargets,
  runSelfTest,
  testAlarmEdge,
  testDeliveryEdge,
  testInboundEdge,
  testSenderEdge,
  type DeliveryTargets,
  type SelfTestClients,
  type StackTargets,
  type Waiting,
} from '../../scripts/ops/selftest-edges.ts';
import {
  INBOUND_SELF_TEST_FIELD,
  selfTestQueueMessageSchema,
  US_SIMULATOR_DESTINATION,
} from '../../shared/domain/ops/self-test.ts';

const cfn = mockClient(CloudFormationClient);
const scheduler = mockClient(SchedulerClient);
const cloudWatch = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBClient);
const logs = mockClient(CloudWatchLogsClient);
const mocks = [cfn, scheduler, cloudWatch, sns, dynamodb, logs];
afterAll(() => mocks.forEach((m) => m.restore()));
beforeEach(() => mocks.forEach((m) => m.reset()));

const region = { region: 'us-east-1' };
const clients = (): SelfTestClients => ({
  cloudFormation: new CloudFormationClient(region),
  scheduler: new SchedulerClient(region),
  cloudWatch: new CloudWatchClient(region),
  sns: new SNSClient(region),
  dynamodb: new DynamoDBClient(region),
  logs: new CloudWatchLogsClient(region),
});

const TARGETS: StackTargets = {
  scheduleGroupName: 'SchedulingGroupA1B2C3',
  schedulerRoleArn: 'arn:aws:iam::123456789012:role/RehabReminders-SchedulerRole',
  schedulerDeadLetterQueueArn: 'arn:aws:sqs:us-east-1:123456789012:RehabReminders-SchedulerDlq',
  reminderQueueArn: 'arn:aws:sqs:us-east-1:123456789012:RehabReminders-ReminderQueue',
  tableName: 'RehabReminders-Table',
  selfTestAlarmName: 'RehabReminders-SelfTestAlarm',
  inboundTopicArn: 'arn:aws:sns:us-east-1:123456789012:RehabReminders-InboundSms',
};
const ALARM_TOPIC = 'arn:aws:sns:us-east-1:123456789012:RehabReminders-AlarmTopic';
const NONCE = '6c1e5a70-0d5b-4f0e-9a57-3c2b1f8e9d10';
const START = '2030-01-01T12:00:00.400Z';

/** A fake clock: sleeping only moves it on, so nothing in these tests waits. */
function fakeWaiting(timeoutMs = 180_000): Waiting & { sleeps: number[] } {
  let at = Date.parse(START);
  const sleeps: number[] = [];
  return {
    now: () => new Date(at),
    sleep: async (ms) => {
      sleeps.push(ms);
      at += ms;
    },
    timeoutMs,
    pollMs: 5_000,
    sleeps,
  };
}

const recordKey = (sk: string) => ({ pk: { S: `SELFTEST#${NONCE}` }, sk: { S: sk } });
const RECORD = { pk: { S: `SELFTEST#${NONCE}` }, type: { S: 'self-test' } };

/** DescribeStacks answers a stack with these outputs. */
function stackWithOutputs(StackName: string, outputs: { OutputKey: string; OutputValue: string }[]) {
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [{ StackName, CreationTime: new Date(), StackStatus: 'UPDATE_COMPLETE', Outputs: outputs }],
  });
}
const ALL_OUTPUTS = Object.entries(STACK_OUTPUT).map(([name, key]) => ({
  OutputKey: key,
  OutputValue: TARGETS[name as keyof StackTargets],
}));

describe('readStackTargets', () => {
  it('reads every output it needs from DescribeStacks of the stack named', async () => {
    stackWithOutputs('Clinic', [
      { OutputKey: 'FormUrl', OutputValue: 'https://form.example/' },
      ...ALL_OUTPUTS,
    ]);

    expect(await readStackTargets(new CloudFormationClient(region), 'Clinic')).toEqual(TARGETS);
    expect(cfn.commandCalls(DescribeStacksCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: 'Clinic' },
    ]);
  });

  it('names the outputs an older stack lacks', async () => {
    stackWithOutputs('Old', [{ OutputKey: 'InboundTopicArn', OutputValue: TARGETS.inboundTopicArn }]);

    await expect(readStackTargets(new CloudFormationClient(region), 'Old')).rejects.toThrow(
      /stack Old has no output ScheduleGroupName, SchedulerRoleArn, .*SelfTestAlarmName: deploy/,
    );
  });
});

describe('scheduler → queue → sender', () => {
  it('creates a one-time, self-deleting schedule in the group, with the role, queue and DLQ, of a marked message', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    dynamodb.on(GetItemCommand).resolvesOnce({}).resolvesOnce({}).resolves({ Item: RECORD });

    const result = await testSenderEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(result).toEqual({ edge: EDGE.sender, passed: true, seconds: 10 });
    const [create] = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(create).toEqual({
      Name: `selftest-${NONCE}`,
      GroupName: TARGETS.scheduleGroupName,
      Description: expect.stringContaining('texts nobody'),
      // 60 s ahead of 12:00:00.4, to the next whole second.
      ScheduleExpression: 'at(2030-01-01T12:01:01)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: TARGETS.reminderQueueArn,
        RoleArn: TARGETS.schedulerRoleArn,
        Input: expect.any(String),
        RetryPolicy: { MaximumEventAgeInSeconds: 180, MaximumRetryAttempts: 185 },
        DeadLetterConfig: { Arn: TARGETS.schedulerDeadLetterQueueArn },
      },
    });
    // What the sender gets once Scheduler has put the firing's time in: a self-test, no plan.
    const delivered = JSON.parse(
      create!.Target!.Input!.replace('<aws.scheduler.scheduled-time>', '2030-01-01T12:01:01Z'),
    );
    expect(selfTestQueueMessageSchema.parse(delivered)).toEqual({
      v: 1,
      kind: 'self-test',
      nonce: NONCE,
      scheduledTime: '2030-01-01T12:01:01Z',
    });
    expect(dynamodb.commandCalls(GetItemCommand).map((c) => c.args[0].input)).toEqual(
      Array(3).fill({ TableName: TARGETS.tableName, Key: recordKey('sender'), ConsistentRead: true }),
    );
    // Fired, it deleted itself; deleting it again is no failure and leaves nothing to clean.
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: `selftest-${NONCE}`, GroupName: TARGETS.scheduleGroupName },
    ]);
  });

  it('fails with the AWS error when the schedule cannot be created, and looks for nothing', async () => {
    // What Scheduler answers a caller without the permission (no modelled class of its own).
    const denied = new SchedulerServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message:
        'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: scheduler:CreateSchedule',
    });
    scheduler.on(CreateScheduleCommand).rejects(denied);

    const result = await testSenderEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(result).toMatchObject({
      passed: false,
      error:
        'AccessDeniedException: User: arn:aws:iam::123456789012:user/ops is not authorized to perform: scheduler:CreateSchedule',
    });
    expect(formatResult(result)).toBe(
      'FAIL scheduler → queue → sender: AccessDeniedException: User: arn:aws:iam::123456789012:user/ops is not authorized to perform: scheduler:CreateSchedule',
    );
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
    expect(scheduler.commandCalls(DeleteScheduleCommand)).toHaveLength(0);
  });

  it('fails with a timeout when no record appears, and deletes the schedule that never fired', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    scheduler.on(DeleteScheduleCommand).resolves({});
    dynamodb.on(GetItemCommand).resolves({});
    const waiting = fakeWaiting(120_000);

    const result = await testSenderEdge(clients(), TARGETS, NONCE, waiting);

    expect(result).toMatchObject({
      passed: false,
      error: expect.stringMatching(/^no record from the sender 120 s after the schedule's time: look at/),
    });
    expect(result.cleanup).toBeUndefined();
    // Polled every 5 s up to the schedule's time (60.6 s ahead) plus the timeout, then one last look.
    expect(waiting.now().toISOString()).toBe('2030-01-01T12:03:01.000Z');
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(38);
    expect(scheduler.commandCalls(DeleteScheduleCommand)).toHaveLength(1);
  });

  it('says what to delete by hand when the schedule cannot be deleted', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ValidationException({ message: 'nope', Message: 'nope', $metadata: {} }));
    dynamodb.on(GetItemCommand).resolves({ Item: RECORD });

    const result = await testSenderEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(result.passed).toBe(true);
    expect(formatResult(result)).toBe(
      `PASS scheduler → queue → sender (0 s)\n     cleanup: delete schedule ${TARGETS.scheduleGroupName}/selftest-${NONCE} by hand: ValidationException: nope`,
    );
  });
});

/** The alarm history: our change (its reason carries the nonce) and what followed. */
const stateUpdate = (at: string, reason: string): AlarmHistoryItem => ({
  AlarmName: TARGETS.selfTestAlarmName,
  Timestamp: new Date(at),
  HistoryItemType: 'StateUpdate',
  HistorySummary: 'Alarm updated from OK to ALARM',
  HistoryData: JSON.stringify({
    version: '1.0',
    oldState: { stateValue: 'OK' },
    newState: { stateValue: 'ALARM', stateReason: reason },
  }),
});
const action = (at: string, summary: string): AlarmHistoryItem => ({
  AlarmName: TARGETS.selfTestAlarmName,
  Timestamp: new Date(at),
  HistoryItemType: 'Action',
  HistorySummary: summary,
});
const SUCCEEDED = `Successfully executed action ${ALARM_TOPIC}`;
const KMS_REFUSED = `Failed to execute action ${ALARM_TOPIC}. Received error: "CloudWatch Alarms does not have authorization to access the SNS topic encryption key."`;

describe('alarm → topic', () => {
  beforeEach(() => cloudWatch.on(SetAlarmStateCommand).resolves({}));

  it("sets the self-test alarm to ALARM, finds its action's success in the history, and sets it back to OK", async () => {
    cloudWatch
      .on(DescribeAlarmHistoryCommand)
      .resolvesOnce({ AlarmHistoryItems: [] })
      .resolves({
        AlarmHistoryItems: [
          stateUpdate('2030-01-01T12:00:01Z', `npm run ops:selftest ${NONCE}: proving…`),
          action('2030-01-01T12:00:02Z', SUCCEEDED),
        ],
      });

    const result = await testAlarmEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(result).toEqual({ edge: EDGE.alarm, passed: true, seconds: 5 });
    expect(cloudWatch.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input)).toEqual([
      {
        AlarmName: TARGETS.selfTestAlarmName,
        StateValue: 'ALARM',
        StateReason: `npm run ops:selftest ${NONCE}: proving that alarms reach the alarm topic. Nothing to do.`,
      },
      {
        AlarmName: TARGETS.selfTestAlarmName,
        StateValue: 'OK',
        StateReason: `npm run ops:selftest ${NONCE}: done.`,
      },
    ]);
    expect(cloudWatch.commandCalls(DescribeAlarmHistoryCommand)[0]!.args[0].input).toEqual({
      AlarmName: TARGETS.selfTestAlarmName,
      // Five minutes before the start: the operator's clock may be ahead of CloudWatch's.
      StartDate: new Date('2030-01-01T11:55:00.400Z'),
      ScanBy: 'TimestampAscending',
      MaxRecords: 100,
    });
  });

  it("fails with AWS's error when the action failed (the key refuses CloudWatch), and still sets OK", async () => {
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        stateUpdate('2030-01-01T12:00:01Z', `npm run ops:selftest ${NONCE}: proving…`),
        action('2030-01-01T12:00:02Z', KMS_REFUSED),
      ],
    });

    const result = await testAlarmEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(formatResult(result)).toBe(`FAIL alarm → topic: ${KMS_REFUSED}`);
    expect(cloudWatch.commandCalls(SetAlarmStateCommand).map((c) => c.args[0].input.StateValue)).toEqual([
      'ALARM',
      'OK',
    ]);
  });

  it("judges only the action of its own change, not an earlier run's", async () => {
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        stateUpdate('2030-01-01T11:58:00Z', 'npm run ops:selftest 11111111-earlier-run: proving…'),
        action('2030-01-01T11:58:01Z', SUCCEEDED),
        stateUpdate('2030-01-01T12:00:01Z', `npm run ops:selftest ${NONCE}: proving…`),
        action('2030-01-01T12:00:02Z', KMS_REFUSED),
      ],
    });

    const result = await testAlarmEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(result).toMatchObject({ passed: false, error: KMS_REFUSED });
  });

  it('fails with a timeout when no action shows up, and sets the alarm back to OK', async () => {
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [stateUpdate('2030-01-01T12:00:01Z', `npm run ops:selftest ${NONCE}: proving…`)],
    });

    const result = await testAlarmEdge(clients(), TARGETS, NONCE, fakeWaiting(30_000));

    expect(result).toMatchObject({
      passed: false,
      error: expect.stringMatching(
        /^no action in the history of alarm RehabReminders-SelfTestAlarm within 30 s/,
      ),
    });
    expect(cloudWatch.commandCalls(SetAlarmStateCommand).at(-1)!.args[0].input.StateValue).toBe('OK');
  });
});

describe('inbound topic → inbound function', () => {
  it('publishes a marked two-way payload to the inbound topic and finds the record', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    dynamodb.on(GetItemCommand).resolvesOnce({}).resolves({ Item: RECORD });

    const result = await testInboundEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(formatResult(result)).toBe('PASS inbound topic → inbound function (5 s)');
    const [publish] = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(publish).toEqual({ TopicArn: TARGETS.inboundTopicArn, Message: expect.any(String) });
    expect(JSON.parse(publish!.Message!)).toEqual({
      originationNumber: 'SELF-TEST',
      destinationNumber: 'SELF-TEST',
      messageKeyword: 'SELF-TEST',
      messageBody: 'ops:selftest',
      inboundMessageId: `selftest-${NONCE}`,
      [INBOUND_SELF_TEST_FIELD]: { nonce: NONCE },
    });
    // Never a PhoneNumber: the self-test texts nobody.
    expect(publish).not.toHaveProperty('PhoneNumber');
    expect(dynamodb.commandCalls(GetItemCommand).map((c) => c.args[0].input)).toEqual(
      Array(2).fill({ TableName: TARGETS.tableName, Key: recordKey('inbound'), ConsistentRead: true }),
    );
  });

  it('fails with the AWS error when the topic refuses the message', async () => {
    sns
      .on(PublishCommand)
      .rejects(
        new AuthorizationErrorException({ message: 'not authorized to perform: SNS:Publish', $metadata: {} }),
      );

    const result = await testInboundEdge(clients(), TARGETS, NONCE, fakeWaiting());

    expect(formatResult(result)).toBe(
      'FAIL inbound topic → inbound function: AuthorizationErrorException: not authorized to perform: SNS:Publish',
    );
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('fails with a timeout when no record appears', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    dynamodb.on(GetItemCommand).resolves({});

    const result = await testInboundEdge(clients(), TARGETS, NONCE, fakeWaiting(20_000));

    expect(result).toMatchObject({
      passed: false,
      error: expect.stringMatching(/^no record from the inbound function within 20 s: look at/),
    });
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(5);
  });
});

/** Scheduler takes the schedule; the self-test alarm's action ends with `actionSummary`. */
function schedulerAndAlarmAnswer(actionSummary: string) {
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
  scheduler.on(DeleteScheduleCommand).resolves({});
  cloudWatch.on(SetAlarmStateCommand).resolves({});
  cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
    AlarmHistoryItems: [
      stateUpdate('2030-01-01T12:00:01Z', `npm run ops:selftest ${NONCE}: proving…`),
      action('2030-01-01T12:00:02Z', actionSummary),
    ],
  });
}

describe('text → SNS delivery status → recorder', () => {
  const SIMULATOR = '+12065550142';
  const GROUP = 'sns/us-east-1/123456789012/DirectPublishToPhoneNumber';
  const DELIVERY: DeliveryTargets = { simulatorNumber: SIMULATOR, smsDeliveryLogGroup: GROUP };
  const MESSAGE_ID = '3f1c0d2e-9a8b-4c7d-8e6f-5a4b3c2d1e0f';
  const deliveryKey = { pk: { S: `SELFTEST#${MESSAGE_ID}` }, sk: { S: 'delivery-status' } };

  it.each([
    [{ simulatorNumber: SIMULATOR }, /the stack does not record deliveries .*set sms\.manageAccountSettings/],
    [
      { smsDeliveryLogGroup: GROUP },
      /the stack has no simulator number .*add "simulator": \{\} to sms\.channel/,
    ],
    // AWS has origination simulator numbers for the United States only.
    [{ simulatorNumber: '+447700900123', smsDeliveryLogGroup: GROUP }, /texts only from and to US numbers/],
  ])(
    'is "not available here" rather than a pass where it cannot run (%j), and texts nothing',
    async (delivery, why) => {
      const result = await testDeliveryEdge(clients(), TARGETS, delivery, NONCE, fakeWaiting());
      expect(result).toMatchObject({
        edge: EDGE.delivery,
        passed: false,
        notAvailable: expect.stringMatching(why),
      });
      expect(formatResult(result)).toMatch(
        /^N\/A {2}text → SNS delivery status → recorder: not available here: /,
      );
      expect(noFailure([result])).toBe(true);
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    },
  );

  it("texts AWS's success simulator from the stack's simulator number through SNS, and finds the status line recorded under the text's id", async () => {
    sns.on(PublishCommand).resolves({ MessageId: MESSAGE_ID });
    dynamodb
      .on(GetItemCommand)
      .resolvesOnce({})
      .resolves({ Item: { ...deliveryKey, type: { S: 'self-test' }, outcome: { S: 'delivered' } } });

    const result = await testDeliveryEdge(clients(), TARGETS, DELIVERY, NONCE, fakeWaiting());

    expect(formatResult(result)).toBe(
      'PASS text → SNS delivery status → recorder (5 s): SNS reported the text delivered',
    );
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      {
        PhoneNumber: US_SIMULATOR_DESTINATION.success,
        Message: expect.stringContaining(NONCE),
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: SIMULATOR },
        },
      },
    ]);
    expect(dynamodb.commandCalls(GetItemCommand).map((c) => c.args[0].input)).toEqual(
      Array(2).fill({ TableName: TARGETS.tableName, Key: deliveryKey, ConsistentRead: true }),
    );
    expect(logs.commandCalls(FilterLogEventsCommand)).toHaveLength(0);
  });

  it('fails naming the subscription and the function when SNS logged the status but nothing reached the table', async () => {
    sns.on(PublishCommand).resolves({ MessageId: MESSAGE_ID });
    dynamodb.on(GetItemCommand).resolves({});
    logs
      .on(FilterLogEventsCommand)
      .resolves({ events: [{ message: `{"notification":{"messageId":"${MESSAGE_ID}"}}` }] });

    const result = await testDeliveryEdge(clients(), TARGETS, DELIVERY, NONCE, fakeWaiting(20_000));

    expect(result).toMatchObject({
      passed: false,
      error: expect.stringMatching(
        new RegExp(
          `^SNS logged the status of text ${MESSAGE_ID} in ${GROUP}, but no record reached the table within 20 s: look at the group's subscription filter, the delivery-status function's log`,
        ),
      ),
    });
    expect(logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input)).toEqual([
      {
        logGroupName: GROUP,
        filterPattern: `"${MESSAGE_ID}"`,
        startTime: Date.parse(START) - 5 * 60_000,
        limit: 1,
      },
    ]);
  });

  it('fails saying plainly that SNS wrote no status line (undocumented for simulator texts), and what to check, after looking in both groups', async () => {
    sns.on(PublishCommand).resolves({ MessageId: MESSAGE_ID });
    dynamodb.on(GetItemCommand).resolves({});
    logs.on(FilterLogEventsCommand).resolves({ events: [] });

    const result = await testDeliveryEdge(clients(), TARGETS, DELIVERY, NONCE, fakeWaiting(20_000));

    expect(formatResult(result)).toMatch(
      new RegExp(
        `^FAIL text → SNS delivery status → recorder: SNS wrote no delivery status for text ${MESSAGE_ID} within 20 s\\. AWS documents simulator events for End User Messaging, not whether SNS logs the status of a simulator text: .*aws sns get-sms-attributes --attributes DeliveryStatusIAMRole`,
      ),
    );
    expect(logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.logGroupName)).toEqual([
      GROUP,
      `${GROUP}/Failure`,
    ]);
  });

  it("fails with AWS's error when SNS refuses the text (the simulator number's policy, the operator's rights)", async () => {
    sns.on(PublishCommand).rejects(
      new AuthorizationErrorException({
        message: 'not authorized to use the origination number',
        $metadata: {},
      }),
    );
    const result = await testDeliveryEdge(clients(), TARGETS, DELIVERY, NONCE, fakeWaiting());
    expect(formatResult(result)).toBe(
      'FAIL text → SNS delivery status → recorder: AuthorizationErrorException: not authorized to use the origination number',
    );
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('runs with the others when the stack has what it needs: four lines, one text', async () => {
    stackWithOutputs('RehabReminders', [
      ...ALL_OUTPUTS,
      { OutputKey: OPTIONAL_STACK_OUTPUT.simulatorNumber, OutputValue: SIMULATOR },
      { OutputKey: OPTIONAL_STACK_OUTPUT.smsDeliveryLogGroup, OutputValue: GROUP },
    ]);
    schedulerAndAlarmAnswer('Successfully executed action arn:aws:sns:…');
    sns.on(PublishCommand).resolves({ MessageId: MESSAGE_ID });
    dynamodb.on(GetItemCommand).resolves({ Item: { ...RECORD, outcome: { S: 'delivered' } } });

    const results = await runSelfTest({
      clients: clients(),
      stackName: 'RehabReminders',
      waiting: fakeWaiting(),
      newNonce: () => NONCE,
    });

    expect(results.map((r) => [r.edge, r.passed])).toEqual([
      [EDGE.sender, true],
      [EDGE.alarm, true],
      [EDGE.inbound, true],
      [EDGE.delivery, true],
    ]);
    expect(noFailure(results)).toBe(true);
    expect(sns.commandCalls(PublishCommand).filter((c) => c.args[0].input.PhoneNumber)).toHaveLength(1);
  });
});

describe('runSelfTest', () => {
  it('reads the outputs, runs the three edges with one nonce, one line each', async () => {
    stackWithOutputs('RehabReminders', ALL_OUTPUTS);
    schedulerAndAlarmAnswer(KMS_REFUSED);
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    dynamodb.on(GetItemCommand).resolves({ Item: RECORD });

    const results = await runSelfTest({
      clients: clients(),
      stackName: 'RehabReminders',
      waiting: fakeWaiting(),
      newNonce: () => NONCE,
    });

    expect(results.map(formatResult)).toEqual([
      'PASS scheduler → queue → sender (0 s)',
      `FAIL alarm → topic: ${KMS_REFUSED}`,
      'PASS inbound topic → inbound function (0 s)',
      // A stack without a simulator number or recorded deliveries: said, not passed, not failed.
      expect.stringMatching(
        /^N\/A {2}text → SNS delivery status → recorder: not available here: the stack does not record deliveries/,
      ),
    ]);
    expect(noFailure(results)).toBe(false);
    const keysLooked = dynamodb.commandCalls(GetItemCommand).map((c) => c.args[0].input.Key);
    expect(keysLooked).toEqual(expect.arrayContaining([recordKey('sender'), recordKey('inbound')]));
  });
});

describe('parseSelfTestArgs', () => {
  it('defaults to the app stack and 180 s', () => {
    expect(parseSelfTestArgs([])).toEqual({ stackName: 'RehabReminders', timeoutSeconds: 180 });
  });

  it('takes --stack-name and --timeout, spaced or with =', () => {
    expect(parseSelfTestArgs(['--stack-name', 'Clinic', '--timeout=300'])).toEqual({
      stackName: 'Clinic',
      timeoutSeconds: 300,
    });
  });

  it.each([
    [['--timeout', 'soon'], /--timeout must be a whole number/],
    [['--timeout', '5'], /10 or more/],
    [['--stack-name'], /--stack-name needs a value/],
    [['--region', 'eu-west-1'], /unknown argument --region/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSelfTestArgs(argv)).toThrow(message);
  });
});
