import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeCustomResourceProvider } from '../nag.ts';

export interface SmsAccountSettingsProps {
  /** Monthly SMS spend limit in USD (the account's quota caps it; raise that with AWS Support first). */
  readonly monthlySpendLimitUsd: number;
  /**
   * The role SNS writes SMS delivery status with (SmsDeliveryStatus): set as the account's
   * DeliveryStatusIAMRole, every text's status logged. @default none: delivery status left as it is
   */
  readonly deliveryStatusRole?: IRole;
}

/**
 * The account-wide SNS SMS settings, where the operator lets the stack own them: default type
 * Transactional, the monthly spend limit (a cap against SMS pumping) and, when the stack records
 * deliveries, SNS's delivery status log (every text, success and failure). Deleting the stack leaves
 * them as they are (they belong to the account, not to this service).
 */
export class SmsAccountSettings extends Construct {
  constructor(scope: Construct, id: string, props: SmsAccountSettingsProps) {
    super(scope, id);
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: {
        attributes: {
          DefaultSMSType: 'Transactional',
          MonthlySpendLimit: String(props.monthlySpendLimitUsd),
          ...(props.deliveryStatusRole
            ? {
                DeliveryStatusIAMRole: props.deliveryStatusRole.roleArn,
                DeliveryStatusSuccessSamplingRate: '100',
              }
            : {}),
        },
      },
      physicalResourceId: PhysicalResourceId.of(`sms-settings-${Stack.of(this).region}`),
    };
    const resource = new AwsCustomResource(this, 'SetSmsAttributes', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: {
        // SetSMSAttributes is account-wide and has no resource ARN.
        statements: [
          new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
          // Naming a role for SNS to use is passing it.
          ...(props.deliveryStatusRole
            ? [
                new PolicyStatement({
                  actions: ['iam:PassRole'],
                  resources: [props.deliveryStatusRole.roleArn],
                  conditions: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } },
                }),
              ]
            : []),
        ],
      },
    });
    acknowledge(resource, {
      'AwsSolutions-IAM5[Resource::*]':
        'sns:SetSMSAttributes is an account-level action with no resource ARN.',
      'HIPAA.Security-IAMNoInlinePolicy':
        "CDK's custom resource policy: one action, used only at deploy time.",
    });
    acknowledgeCustomResourceProvider(this);
  }
}
