import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { STACK_OUTPUT } from '../../infra/outputs.ts';
import type { OutputName } from '../../scripts/ops/stack-outputs.ts';
import { SCHEDULER_OPTIONS } from './scheduler.ts';

/** What a deployed stack answers for every output the operator scripts read (the table: the test's). */
export function opsOutputs(tableName = 'RehabReminders-Table'): Record<OutputName, string> {
  const sqs = (name: string) => `arn:aws:sqs:us-east-1:123456789012:RehabReminders-${name}`;
  return {
    scheduleGroupName: SCHEDULER_OPTIONS.groupName,
    schedulerRoleArn: SCHEDULER_OPTIONS.roleArn,
    schedulerDeadLetterQueueArn: SCHEDULER_OPTIONS.deadLetterQueueArn,
    reminderQueueArn: SCHEDULER_OPTIONS.queueArn,
    scheduleMaxEventAgeSeconds: String(SCHEDULER_OPTIONS.maxEventAgeSeconds),
    tableName,
    selfTestAlarmName: 'RehabReminders-SelfTestAlarm',
    inboundTopicArn: 'arn:aws:sns:us-east-1:123456789012:RehabReminders-InboundSms',
    hashKeySecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:SecretsHashKey-AbCdEf',
    reminderDeadLetterQueueArn: sqs('ReminderDlq'),
    inboundDeadLetterQueueArn: sqs('InboundDlq'),
    scheduleSyncFailureQueueArn: sqs('SyncFailures'),
  };
}

/** CloudFormation at the SDK boundary: DescribeStacks of `stackName` answers these outputs. */
export function mockStack(stackName: string, outputs: Partial<Record<OutputName, string>>) {
  const cfn = mockClient(CloudFormationClient);
  cfn.on(DescribeStacksCommand, { StackName: stackName }).resolves({
    Stacks: [
      {
        StackName: stackName,
        CreationTime: new Date(),
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: Object.entries(outputs).map(([name, value]) => ({
          OutputKey: STACK_OUTPUT[name as OutputName],
          OutputValue: value,
        })),
      },
    ],
  });
  return { mock: cfn, client: new CloudFormationClient({ region: 'us-east-1' }) };
}
