/**
 * The stack's name and the outputs scripts read by key (`npm run ops:selftest` and the other
 * operator scripts, scripts/ops/, through CloudFormation's DescribeStacks). Plain constants, no CDK: the scripts import them too, so the
 * keys the stack writes and the keys a script reads are one list.
 */
export const DEFAULT_STACK_NAME = 'RehabReminders';

/** CfnOutput logical ids (the OutputKey DescribeStacks answers), fixed so they never carry a hash. */
export const STACK_OUTPUT = {
  scheduleGroupName: 'ScheduleGroupName',
  schedulerRoleArn: 'SchedulerRoleArn',
  schedulerDeadLetterQueueArn: 'SchedulerDeadLetterQueueArn',
  reminderQueueArn: 'ReminderQueueArn',
  tableName: 'TableName',
  selfTestAlarmName: 'SelfTestAlarmName',
  inboundTopicArn: 'InboundTopicArn',
  // The other operator scripts (lookup, erase, redrive, resync):
  hashKeySecretArn: 'HashKeySecretArn',
  reminderDeadLetterQueueArn: 'ReminderDeadLetterQueueArn',
  inboundDeadLetterQueueArn: 'InboundDeadLetterQueueArn',
  scheduleSyncFailureQueueArn: 'ScheduleSyncFailureQueueArn',
  scheduleMaxEventAgeSeconds: 'ScheduleMaxEventAgeSeconds',
} as const;

/**
 * Outputs only some stacks have: the simulator number (sms.channel.simulator), SNS's delivery status
 * group (sms.recordDeliveries), the opt-out list (sms.channel). The self-test reads them when there.
 */
export const OPTIONAL_STACK_OUTPUT = {
  simulatorNumber: 'SimulatorNumber',
  smsDeliveryLogGroup: 'SmsDeliveryLogGroup',
  optOutListName: 'OptOutListName',
} as const;

export type OptionalStackOutputName = (typeof OPTIONAL_STACK_OUTPUT)[keyof typeof OPTIONAL_STACK_OUTPUT];

export type StackOutputName = (typeof STACK_OUTPUT)[keyof typeof STACK_OUTPUT];
