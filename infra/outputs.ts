/**
 * The stack's name and the outputs scripts read by key (`npm run ops:selftest` through
 * CloudFormation's DescribeStacks). Plain constants, no CDK: the scripts import them too, so the
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
} as const;

export type StackOutputName = (typeof STACK_OUTPUT)[keyof typeof STACK_OUTPUT];
