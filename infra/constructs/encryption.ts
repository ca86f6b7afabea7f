import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface EncryptionProps {
  /**
   * Keep the key when the stack is deleted (retained data stays readable).
   * @default true
   */
  readonly retain?: boolean;
}

/**
 * One customer-managed key (rotated yearly) for what holds patient data in transit or in logs: the
 * queues, the topics and the log groups. The services that write to them are allowed to use it.
 */
export class Encryption extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: EncryptionProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'DataKey', {
      description: 'Rehab reminders: queues, topics and logs',
      enableKeyRotation: true,
      removalPolicy: props.retain === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the log groups of this account and region only.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted alarm topic; SMS two-way messages to the inbound topic.
    for (const service of ['cloudwatch.amazonaws.com', 'sms-voice.amazonaws.com']) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
    }
  }
}
