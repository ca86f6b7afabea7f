import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { smsDeliveryLogGroups } from '../../shared/domain/messaging/sms-delivery.ts';
import { acknowledge, acknowledgeCustomResourceProvider } from '../nag.ts';

export interface SmsDeliveryStatusProps {
  /** Records each status line on the reminder's delivery record (functions/delivery-status). */
  readonly recorder: IFunction;
  /**
   * How long SNS's status lines are kept in its log groups. They name the phone number, and the
   * recorder reads them within seconds, so a day is enough. @default RetentionDays.ONE_DAY
   */
  readonly retention?: RetentionDays;
}

/**
 * SNS's SMS delivery status log, read into the service: the role SNS writes the log with (the
 * account setting `DeliveryStatusIAMRole` names it: SmsAccountSettings sets it), SNS's two log
 * groups made ahead of SNS with a short retention, and a subscription of each to the recorder.
 * The groups are the account's (SNS names them; other senders in the account write there too), so
 * they are made only if missing and left in place when the stack goes.
 */
export class SmsDeliveryStatus extends Construct {
  /** The role SNS assumes to write delivery status (the account's DeliveryStatusIAMRole). */
  readonly snsLoggingRole: Role;
  /** SNS's two log groups (named by SNS after the region and account). */
  readonly logGroupNames: { success: string; failure: string };

  constructor(scope: Construct, id: string, props: SmsDeliveryStatusProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const groups = smsDeliveryLogGroups(stack.region, stack.account);
    this.logGroupNames = groups;
    const groupArn = (name: string) =>
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const arns = [groups.success, groups.failure].flatMap((name) => [groupArn(name), `${groupArn(name)}:*`]);

    this.snsLoggingRole = new Role(this, 'SnsLoggingRole', {
      description: 'SNS writes SMS delivery status to its log groups with this role',
      // As AWS documents it (SNS, "Viewing Amazon CloudWatch metrics and logs for SMS deliveries";
      // "Prerequisites for delivery status logging"): SNS, with no condition key. AWS does not say
      // that SNS sends aws:SourceAccount or aws:SourceArn when it assumes this role, and a condition
      // on a key SNS leaves out would refuse every status line in silence. The confused-deputy guard
      // is iam:PassRole instead: only a principal of this account allowed to pass this role (the
      // stack's SmsAccountSettings, for sns.amazonaws.com only) can name it as an account's
      // DeliveryStatusIAMRole, and no other account can pass a role of this one.
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
    });
    // What AWS's SNS delivery status role needs, on SNS's two groups only.
    this.snsLoggingRole.addToPolicy(
      new PolicyStatement({
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:PutMetricFilter',
          'logs:PutRetentionPolicy',
        ],
        resources: arns,
      }),
    );
    // cdk-nag names a resource as the template has it: resolved when the stack's env is known.
    const asNagNames = (name: string, tail: string) => {
      const resolved: unknown = stack.resolve(`${groupArn(name)}:*`);
      return typeof resolved === 'string'
        ? resolved
        : `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/${tail}:*`;
    };
    acknowledge(this.snsLoggingRole, {
      ...Object.fromEntries(
        [
          asNagNames(groups.success, 'DirectPublishToPhoneNumber'),
          asNagNames(groups.failure, 'DirectPublishToPhoneNumber/Failure'),
        ].map((arn) => [
          `AwsSolutions-IAM5[Resource::${arn}]`,
          "SNS writes log streams it names itself in its delivery status group: ':*' is the group's streams.",
        ]),
      ),
      'HIPAA.Security-IAMNoInlinePolicy': 'One statement on the two SNS delivery status groups.',
    });

    const retentionDays = String(props.retention ?? RetentionDays.ONE_DAY);
    for (const [name, logGroupName] of [
      ['Delivered', groups.success],
      ['Failed', groups.failure],
    ] as const) {
      const call = (action: string, parameters: Record<string, string>, ignore?: string) => ({
        service: 'CloudWatchLogs',
        action,
        parameters,
        physicalResourceId: PhysicalResourceId.of(`${action}-${logGroupName}`),
        ...(ignore ? { ignoreErrorCodesMatching: ignore } : {}),
      });
      const policy = AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
          resources: [groupArn(logGroupName)],
        }),
      ]);
      // The subscription needs the group before SNS's first text makes it; one there already is kept.
      const create = call('createLogGroup', { logGroupName }, 'ResourceAlreadyExistsException');
      const made = new AwsCustomResource(this, `${name}Group`, {
        onCreate: create,
        onUpdate: create,
        installLatestAwsSdk: false,
        policy,
      });
      const retain = call('putRetentionPolicy', { logGroupName, retentionInDays: retentionDays });
      const retention = new AwsCustomResource(this, `${name}Retention`, {
        onCreate: retain,
        onUpdate: retain,
        installLatestAwsSdk: false,
        policy,
      });
      retention.node.addDependency(made);
      for (const resource of [made, retention])
        acknowledge(resource, {
          'HIPAA.Security-IAMNoInlinePolicy':
            "CDK's custom resource policy: two actions on one log group, used only at deploy time.",
        });

      const subscription = new SubscriptionFilter(this, `${name}Subscription`, {
        logGroup: LogGroup.fromLogGroupName(this, `${name}LogGroup`, logGroupName),
        destination: new LambdaDestination(props.recorder),
        filterPattern: FilterPattern.allEvents(),
      });
      subscription.node.addDependency(made);
    }
    acknowledgeCustomResourceProvider(this);
  }
}
