/**
 * The operator's post-deploy self-test (`npm run ops:selftest`; the CLI is scripts/ops/selftest.ts):
 * in the deployed account it sends one marked message across each edge that only AWS can check
 * (trust, key, topic and queue policies) and looks for the trace the far end leaves. No patient is
 * texted: the sender and the inbound function record a self-test message and do nothing else
 * (shared/domain/ops/self-test.ts); with a simulator number, one real text goes through SNS to an
 * AWS simulator destination (nobody's phone) and its delivery status must reach the table. Runs
 * with the operator's own credentials and region.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
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
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { randomUUID } from 'node:crypto';
import { DEFAULT_STACK_NAME, OPTIONAL_STACK_OUTPUT } from '../../infra/outputs.ts';
import {
  describeError,
  readOptionalStackOutputs,
  readStackOutputs,
  type OutputName,
  type StackOutputs,
} from './stack-outputs.ts';

export { describeError };
import { reminderQueueTarget } from '../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { smsDeliveryLogGroups } from '../../shared/domain/messaging/sms-delivery.ts';
import {
  inboundSelfTestPayload,
  selfTestQueueInput,
  simulatorSelfTestText,
  US_SIMULATOR_DESTINATION,
  type SelfTestEdge,
} from '../../shared/domain/ops/self-test.ts';
import { keys } from '../../shared/table.ts';

export interface SelfTestClients {
  cloudFormation: CloudFormationClient;
  scheduler: SchedulerClient;
  cloudWatch: CloudWatchClient;
  sns: SNSClient;
  dynamodb: DynamoDBClient;
  logs: CloudWatchLogsClient;
}

/** Clients with the SDK's default credentials and region (AWS_PROFILE, AWS_REGION, ~/.aws/config). */
export function defaultClients(): SelfTestClients {
  return {
    cloudFormation: new CloudFormationClient({}),
    scheduler: new SchedulerClient({}),
    cloudWatch: new CloudWatchClient({}),
    sns: new SNSClient({}),
    dynamodb: new DynamoDBClient({}),
    logs: new CloudWatchLogsClient({}),
  };
}

/** The outputs the self-test reads. */
const SELF_TEST_OUTPUTS = [
  'scheduleGroupName',
  'schedulerRoleArn',
  'schedulerDeadLetterQueueArn',
  'reminderQueueArn',
  'tableName',
  'selfTestAlarmName',
  'inboundTopicArn',
] as const satisfies readonly OutputName[];

export type StackTargets = StackOutputs<(typeof SELF_TEST_OUTPUTS)[number]>;

/** The outputs the self-test needs, from CloudFormation; an error names the ones that are missing. */
export function readStackTargets(cfn: CloudFormationClient, stackName: string): Promise<StackTargets> {
  return readStackOutputs(cfn, stackName, SELF_TEST_OUTPUTS);
}

/** Time as the self-test sees it; tests pass a fake clock whose sleep only moves it on. */
export interface Waiting {
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** How long an edge may take to show its trace once its message is out. */
  timeoutMs: number;
  /** Between two looks. */
  pollMs: number;
}

export const EDGE = {
  sender: 'scheduler → queue → sender',
  alarm: 'alarm → topic',
  inbound: 'inbound topic → inbound function',
  delivery: 'text → SNS delivery status → recorder',
} as const;

export type EdgeResult = {
  edge: (typeof EDGE)[keyof typeof EDGE];
  seconds: number;
  /** Something the self-test could not clean up (it says what to delete by hand). */
  cleanup?: string;
} & (
  | { passed: true; note?: string }
  | { passed: false; error: string }
  /** Cannot be tried in this stack or region: neither a pass nor a failure (it says why). */
  | { passed: false; notAvailable: string }
);

/** Not a failure: every edge passed or could not be tried here. */
export function noFailure(results: readonly EdgeResult[]): boolean {
  return results.every((r) => r.passed || 'notAvailable' in r);
}

/** Calls `look` until it answers something or `deadline` passes (one last look at the deadline). */
async function pollUntil<T>(
  waiting: Waiting,
  deadline: number,
  look: () => Promise<T | undefined>,
): Promise<T | undefined> {
  for (;;) {
    const found = await look();
    if (found !== undefined) return found;
    const left = deadline - waiting.now().getTime();
    if (left <= 0) return undefined;
    await waiting.sleep(Math.min(waiting.pollMs, left));
  }
}

/** Runs one edge: its result, with the seconds since it began; any AWS error is its failure. */
async function edgeRun(
  edge: EdgeResult['edge'],
  waiting: Waiting,
  run: (result: { cleanup?: string; note?: string }) => Promise<string | undefined>,
): Promise<EdgeResult> {
  const started = waiting.now().getTime();
  const extra: { cleanup?: string; note?: string } = {};
  let error: string | undefined;
  try {
    error = await run(extra);
  } catch (thrown) {
    error = describeError(thrown);
  }
  const seconds = Math.round((waiting.now().getTime() - started) / 1000);
  return error === undefined
    ? { edge, seconds, passed: true, ...extra }
    : { edge, seconds, passed: false, error, ...extra };
}

/** Waits for the record a function writes when the self-test message reaches it: its `outcome`, if any. */
async function awaitRecord(
  dynamodb: DynamoDBClient,
  tableName: string,
  nonce: string,
  edge: SelfTestEdge,
  waiting: Waiting,
  deadline: number,
): Promise<{ outcome?: string } | undefined> {
  const key = keys.selfTest(nonce, edge);
  return pollUntil(waiting, deadline, async () => {
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        ConsistentRead: true,
      }),
    );
    return Item ? { ...(Item.outcome?.S ? { outcome: Item.outcome.S } : {}) } : undefined;
  });
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** How far ahead the one-time schedule fires: time enough to create it, and little to wait. */
export const SCHEDULE_LEAD_MS = 60_000;

/** The self-test's one-time schedule (its name carries the nonce, so runs never collide). */
export function selfTestScheduleInput(
  targets: StackTargets,
  nonce: string,
  fireAt: Date,
  timeoutMs: number,
): CreateScheduleCommandInput {
  return {
    Name: `selftest-${nonce}`,
    GroupName: targets.scheduleGroupName,
    Description: 'npm run ops:selftest: one marked message; the sender records it and texts nobody',
    ScheduleExpression: `at(${fireAt.toISOString().slice(0, 19)})`,
    ScheduleExpressionTimezone: 'UTC',
    State: 'ENABLED',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    // The very target a plan's schedules have; retried no longer than the self-test waits.
    Target: reminderQueueTarget(
      {
        queueArn: targets.reminderQueueArn,
        roleArn: targets.schedulerRoleArn,
        deadLetterQueueArn: targets.schedulerDeadLetterQueueArn,
        maxEventAgeSeconds: Math.min(86_400, Math.max(60, Math.round(timeoutMs / 1000))),
      },
      selfTestQueueInput(nonce),
    ),
  };
}

/**
 * Scheduler → queue → sender: a one-time schedule in the stack's group, with its role and target,
 * fires a marked message that the sender records. Proves the role's trust (the group as source),
 * its right to send to the encrypted queue (queue and key policies), and the sender's mapping.
 */
export function testSenderEdge(
  clients: SelfTestClients,
  targets: StackTargets,
  nonce: string,
  waiting: Waiting,
): Promise<EdgeResult> {
  return edgeRun(EDGE.sender, waiting, async (result) => {
    const fireAt = new Date(Math.ceil((waiting.now().getTime() + SCHEDULE_LEAD_MS) / 1000) * 1000);
    const input = selfTestScheduleInput(targets, nonce, fireAt, waiting.timeoutMs);
    await clients.scheduler.send(new CreateScheduleCommand(input));
    try {
      const deadline = fireAt.getTime() + waiting.timeoutMs;
      if (await awaitRecord(clients.dynamodb, targets.tableName, nonce, 'sender', waiting, deadline)) {
        return undefined;
      }
      return (
        `no record from the sender ${seconds(waiting.timeoutMs)} after the schedule's time: look at the ` +
        "schedules' dead-letter queue, the reminder queue's dead-letter queue and the sender's log"
      );
    } finally {
      // Fired, it deletes itself (ActionAfterCompletion); unfired, it must not fire later.
      try {
        await clients.scheduler.send(
          new DeleteScheduleCommand({ Name: input.Name, GroupName: input.GroupName }),
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) {
          result.cleanup = `delete schedule ${input.GroupName}/${input.Name} by hand: ${describeError(error)}`;
        }
      }
    }
  });
}

/** CloudWatch's summary of an alarm action that reached its target. */
const ACTION_SUCCEEDED = /^Successfully executed action/;

/**
 * The result of the action our state change triggered. Action items do not say which change
 * triggered them, so the whole history is read (both item types, oldest first): our change is the
 * StateUpdate whose reason carries the nonce, and its action the first Action item from then on.
 */
function ourAction(items: AlarmHistoryItem[], nonce: string): AlarmHistoryItem | undefined {
  const change = items.find((i) => i.HistoryItemType === 'StateUpdate' && i.HistoryData?.includes(nonce));
  if (!change?.Timestamp) return undefined;
  const from = change.Timestamp.getTime();
  return items.find((i) => i.HistoryItemType === 'Action' && (i.Timestamp?.getTime() ?? 0) >= from);
}

/** Clocks differ: the history (and a status log) is read from a while before the operator's "now". */
const HISTORY_SKEW_MS = 5 * 60_000;

/**
 * Alarm → topic: SetAlarmState(ALARM) on the self-test alarm, then the alarm's history says whether
 * its action published to the alarm topic, or AWS's error (a key or topic policy that refuses
 * CloudWatch). The alarm is set back to OK in any case (subscribers get an ALARM and an OK message
 * that name the self-test).
 */
export function testAlarmEdge(
  clients: SelfTestClients,
  targets: StackTargets,
  nonce: string,
  waiting: Waiting,
): Promise<EdgeResult> {
  const AlarmName = targets.selfTestAlarmName;
  return edgeRun(EDGE.alarm, waiting, async (result) => {
    const startedAt = waiting.now().getTime();
    try {
      await clients.cloudWatch.send(
        new SetAlarmStateCommand({
          AlarmName,
          StateValue: 'ALARM',
          StateReason: `npm run ops:selftest ${nonce}: proving that alarms reach the alarm topic. Nothing to do.`,
        }),
      );
      const action = await pollUntil(waiting, startedAt + waiting.timeoutMs, async () => {
        const { AlarmHistoryItems } = await clients.cloudWatch.send(
          new DescribeAlarmHistoryCommand({
            AlarmName,
            StartDate: new Date(startedAt - HISTORY_SKEW_MS),
            ScanBy: 'TimestampAscending',
            MaxRecords: 100,
          }),
        );
        return ourAction(AlarmHistoryItems ?? [], nonce);
      });
      if (!action) {
        return (
          `no action in the history of alarm ${AlarmName} within ${seconds(waiting.timeoutMs)} ` +
          '(if it was in ALARM already, nothing changed: run again once it is OK)'
        );
      }
      const summary = action.HistorySummary ?? '(no summary)';
      return ACTION_SUCCEEDED.test(summary) ? undefined : summary;
    } finally {
      try {
        await clients.cloudWatch.send(
          new SetAlarmStateCommand({
            AlarmName,
            StateValue: 'OK',
            StateReason: `npm run ops:selftest ${nonce}: done.`,
          }),
        );
      } catch (error) {
        // It would go back to OK at its next evaluation anyway (no data is not breaching).
        result.cleanup = `alarm ${AlarmName} not set back to OK: ${describeError(error)}`;
      }
    }
  });
}

/**
 * Inbound topic → inbound function: a marked two-way SMS payload published to the topic reaches
 * the function (topic and key policies, the Lambda subscription and its permission), which records
 * it and answers nothing.
 */
export function testInboundEdge(
  clients: SelfTestClients,
  targets: StackTargets,
  nonce: string,
  waiting: Waiting,
): Promise<EdgeResult> {
  return edgeRun(EDGE.inbound, waiting, async () => {
    await clients.sns.send(
      new PublishCommand({
        TopicArn: targets.inboundTopicArn,
        Message: JSON.stringify(inboundSelfTestPayload(nonce)),
      }),
    );
    const deadline = waiting.now().getTime() + waiting.timeoutMs;
    if (await awaitRecord(clients.dynamodb, targets.tableName, nonce, 'inbound', waiting, deadline)) {
      return undefined;
    }
    return (
      `no record from the inbound function within ${seconds(waiting.timeoutMs)}: look at the inbound ` +
      "dead-letter queue and the inbound function's log"
    );
  });
}

/** What the delivery edge needs that only some stacks have (sms.channel.simulator, sms.recordDeliveries). */
export interface DeliveryTargets {
  simulatorNumber?: string;
  smsDeliveryLogGroup?: string;
}

/** The optional outputs the delivery edge reads; missing ones make it "not available here". */
export async function readDeliveryTargets(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<DeliveryTargets> {
  const found = await readOptionalStackOutputs(cfn, stackName, ['simulatorNumber', 'smsDeliveryLogGroup']);
  return {
    ...(found.simulatorNumber ? { simulatorNumber: found.simulatorNumber } : {}),
    ...(found.smsDeliveryLogGroup ? { smsDeliveryLogGroup: found.smsDeliveryLogGroup } : {}),
  };
}

/** Why the delivery edge cannot be tried in this stack or region, and what would make it possible. */
export function deliveryNotAvailable(delivery: DeliveryTargets): string | undefined {
  if (!delivery.smsDeliveryLogGroup)
    return `the stack does not record deliveries (no ${OPTIONAL_STACK_OUTPUT.smsDeliveryLogGroup} output): set sms.manageAccountSettings (sms.recordDeliveries follows it) and deploy`;
  if (!delivery.simulatorNumber)
    return `the stack has no simulator number (no ${OPTIONAL_STACK_OUTPUT.simulatorNumber} output): add "simulator": {} to sms.channel and deploy (docs/DEPLOY.md, step 3)`;
  // AWS has origination simulator numbers for the United States only, texting US simulator destinations.
  if (!delivery.simulatorNumber.startsWith('+1'))
    return `AWS's SMS simulator texts only from and to US numbers, and ${delivery.simulatorNumber} is not one`;
  return undefined;
}

/** SNS's two status groups: the success group the stack outputs, and its /Failure twin. */
function statusGroups(successGroup: string): string[] {
  const [, region = '', account = ''] = successGroup.split('/');
  const groups = smsDeliveryLogGroups(region, account);
  return groups.success === successGroup ? [groups.success, groups.failure] : [successGroup];
}

/** Where the status line of the text is, if SNS wrote one (the self-test's clue when no record came). */
async function statusLineGroup(
  logs: CloudWatchLogsClient,
  successGroup: string,
  messageId: string,
  since: number,
): Promise<string | undefined> {
  for (const logGroupName of statusGroups(successGroup)) {
    const { events } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName,
        filterPattern: `"${messageId}"`,
        startTime: since - HISTORY_SKEW_MS,
        limit: 1,
      }),
    );
    if (events?.length) return logGroupName;
  }
  return undefined;
}

/**
 * Text → SNS delivery status → recorder: one real text, through SNS as every reminder goes, from
 * the stack's simulator number to AWS's US success simulator destination (nobody's phone: the text
 * never leaves AWS). SNS writes its delivery status line; the log group's subscription hands it to
 * the delivery-status function, which records it under the text's message id. Proves the account's
 * delivery status role and setting, the log subscription, the function and its table access in a
 * real account. When no record comes, the status groups say which half broke.
 */
export function testDeliveryEdge(
  clients: SelfTestClients,
  targets: StackTargets,
  delivery: DeliveryTargets,
  nonce: string,
  waiting: Waiting,
): Promise<EdgeResult> {
  const notAvailable = deliveryNotAvailable(delivery);
  if (notAvailable) return Promise.resolve({ edge: EDGE.delivery, seconds: 0, passed: false, notAvailable });
  const simulatorNumber = delivery.simulatorNumber!;
  const successGroup = delivery.smsDeliveryLogGroup!;
  return edgeRun(EDGE.delivery, waiting, async (result) => {
    const sentAt = waiting.now().getTime();
    const { MessageId } = await clients.sns.send(
      new PublishCommand({
        PhoneNumber: US_SIMULATOR_DESTINATION.success,
        Message: simulatorSelfTestText(nonce),
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: simulatorNumber },
        },
      }),
    );
    if (!MessageId) return 'SNS accepted the text but gave no message id: nothing to look for';
    const deadline = sentAt + waiting.timeoutMs;
    const record = await awaitRecord(
      clients.dynamodb,
      targets.tableName,
      MessageId,
      'delivery-status',
      waiting,
      deadline,
    );
    if (record) {
      result.note = `SNS reported the text ${record.outcome ?? 'with no outcome'}`;
      return undefined;
    }
    const group = await statusLineGroup(clients.logs, successGroup, MessageId, sentAt);
    return group
      ? `SNS logged the status of text ${MessageId} in ${group}, but no record reached the table within ${seconds(waiting.timeoutMs)}: ` +
          "look at the group's subscription filter, the delivery-status function's log and its dead-letter queue"
      : `SNS wrote no delivery status for text ${MessageId} within ${seconds(waiting.timeoutMs)}. AWS documents ` +
          "simulator events for End User Messaging, not whether SNS logs the status of a simulator text: if a real text's " +
          `status does appear (aws logs tail ${successGroup} --since 1h), it is the simulator, not the stack; if none ever ` +
          "does, check that the account's status role is the stack's (aws sns get-sms-attributes --attributes DeliveryStatusIAMRole) and the role's trust";
  });
}

export interface SelfTestRun {
  clients: SelfTestClients;
  stackName: string;
  waiting: Waiting;
  /** @default randomUUID */
  newNonce?: () => string;
}

/** Reads the stack's outputs, then tests the edges at once (the delivery edge only where it can run). */
export async function runSelfTest(run: SelfTestRun): Promise<EdgeResult[]> {
  const targets = await readStackTargets(run.clients.cloudFormation, run.stackName);
  const delivery = await readDeliveryTargets(run.clients.cloudFormation, run.stackName);
  const nonce = (run.newNonce ?? randomUUID)();
  return Promise.all([
    ...[testSenderEdge, testAlarmEdge, testInboundEdge].map((test) =>
      test(run.clients, targets, nonce, run.waiting),
    ),
    testDeliveryEdge(run.clients, targets, delivery, nonce, run.waiting),
  ]);
}

/**
 * `PASS scheduler → queue → sender (42 s)`, `FAIL alarm → topic: <AWS error and where to look>` or
 * `N/A  text → … : not available here: <why, and what would make it possible>`, and any cleanup left.
 */
export function formatResult(result: EdgeResult): string {
  const line = result.passed
    ? `PASS ${result.edge} (${result.seconds} s)${result.note ? `: ${result.note}` : ''}`
    : 'notAvailable' in result
      ? `N/A  ${result.edge}: not available here: ${result.notAvailable}`
      : `FAIL ${result.edge}: ${result.error}`;
  return result.cleanup ? `${line}\n     cleanup: ${result.cleanup}` : line;
}

export interface SelfTestArgs {
  stackName: string;
  timeoutSeconds: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 180;

/** `--stack-name <name>` (default the app's), `--timeout <seconds>` (default 180). */
export function parseSelfTestArgs(argv: readonly string[]): SelfTestArgs {
  const args: SelfTestArgs = { stackName: DEFAULT_STACK_NAME, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--stack-name') args.stackName = value();
    else if (flag === '--timeout') {
      const raw = value();
      args.timeoutSeconds = Number(raw);
      if (!Number.isInteger(args.timeoutSeconds) || args.timeoutSeconds < 10) {
        throw new Error(`--timeout must be a whole number of seconds, 10 or more: ${raw}`);
      }
    } else throw new Error(`unknown argument ${argv[i]} (use --stack-name <name>, --timeout <seconds>)`);
  }
  return args;
}
