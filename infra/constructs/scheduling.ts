import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { SCHEDULE_SYNC_FILTER_PATTERNS } from '../../functions/schedule-sync/event-filter.ts';
import type { BaseFunction } from './base-function.ts';
import { acknowledge } from '../nag.ts';
import { deadLetterQueue } from './queues.ts';

/** How cdk-nag prints a value in a finding id: a pseudo parameter as <AWS::…>, a concrete value as is. */
function nagToken(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

export interface SchedulingProps {
  /** The schedule-sync function (table stream → Scheduler). */
  readonly sync: BaseFunction;
  readonly table: ITableV2;
  readonly reminderQueue: Queue;
  readonly key: IKey;
}

/**
 * Per-plan EventBridge Scheduler schedules, kept in step with the table by schedule-sync:
 * one schedule group, the role Scheduler assumes (allowed only to send to the reminder queue and
 * its own dead-letter queue), and the sync function (allowed only to manage schedules in that
 * group and to pass that role).
 */
export class Scheduling extends Construct {
  /** The schedule group: its name is CloudFormation's, new for each deployment (Ref). */
  readonly group: { readonly scheduleGroupName: string; readonly scheduleGroupArn: string };
  readonly schedulerRole: Role;
  readonly schedulerDeadLetterQueue;
  readonly syncFailureQueue;

  constructor(scope: Construct, id: string, props: SchedulingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Always deleted with the stack: its schedules are derived from the table (a redeploy makes them
    // again). No name is given, so CloudFormation makes one unique to this deployment
    // (<stack>-SchedulingGroup…-<random>): Scheduler deletes a group asynchronously, and a fixed
    // name could still be taken when `cdk destroy` is followed at once by `cdk deploy`.
    const group = new CfnScheduleGroup(this, 'Group');
    group.applyRemovalPolicy(RemovalPolicy.DESTROY);
    this.group = { scheduleGroupName: group.ref, scheduleGroupArn: group.attrArn };
    // cdk-nag names the group as the template has it: its Ref, shown as <logical id>.
    const groupInNag = `<${stack.getLogicalId(group)}>`;
    this.schedulerDeadLetterQueue = deadLetterQueue(
      this,
      'SchedulerDlq',
      props.key,
      "every plan's schedules",
    );
    this.syncFailureQueue = deadLetterQueue(
      this,
      'SyncFailures',
      props.key,
      'the schedule-sync stream mapping',
    );

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to put due reminders on the reminder queue',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // Scheduler presents the schedule *group's* ARN as aws:SourceArn, not the schedule's (AWS,
        // "Confused deputy prevention in EventBridge Scheduler"); a schedule ARN here fails every firing.
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    props.reminderQueue.grantSendMessages(this.schedulerRole);
    this.schedulerDeadLetterQueue.grantSendMessages(this.schedulerRole);

    const sync = props.sync;
    // The stream mapping lists the table's streams; ListStreams has no resource type, so only "*"
    // grants it (as AWS's AWSLambdaDynamoDBExecutionRole does).
    sync.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    sync.addEnvironment(ENV.scheduleGroupName, this.group.scheduleGroupName);
    sync.addEnvironment(ENV.schedulerRoleArn, this.schedulerRole.roleArn);
    sync.addEnvironment(ENV.reminderQueueArn, props.reminderQueue.queueArn);
    sync.addEnvironment(ENV.schedulerDlqArn, this.schedulerDeadLetterQueue.queueArn);
    sync.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
        ],
        resources: [
          stack.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.group.scheduleGroupName}/*`,
          }),
        ],
      }),
    );
    sync.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );

    const kmsForQueue =
      "CDK's grant to send to a queue encrypted with the data key (GenerateDataKey*, ReEncrypt*); it names that one key only.";
    acknowledge(this.schedulerRole, {
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]': kmsForQueue,
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]': kmsForQueue,
      'HIPAA.Security-IAMNoInlinePolicy':
        'One policy, created with the role and limited to sending to the reminder queue and its dead-letter queue.',
    });
    acknowledge(sync.role!, {
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]': kmsForQueue,
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]': kmsForQueue,
      [`AwsSolutions-IAM5[Resource::arn:${nagToken(stack.partition, 'AWS::Partition')}:scheduler:${nagToken(stack.region, 'AWS::Region')}:${nagToken(stack.account, 'AWS::AccountId')}:schedule/${groupInNag}/*]`]:
        "Schedule names derive from plan ids created at run time; the permission is limited to this service's schedule group.",
    });

    sync.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Absorbs the two claim updates each reminder makes on its plan item into fewer invocations.
        maxBatchingWindow: Duration.seconds(5),
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.syncFailureQueue),
        // Only plan items that are or were active reach the function (patients, events, counters never do).
        filters: SCHEDULE_SYNC_FILTER_PATTERNS.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
  }
}
