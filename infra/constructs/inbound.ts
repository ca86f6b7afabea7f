import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { STACK_OUTPUT } from '../outputs.ts';
import type { BaseFunction } from './base-function.ts';
import { allowServicePublish, encryptedTopic } from './topics.ts';

export interface InboundProps {
  /** The inbound function (two-way SMS → STOP, HELP, DONE …). */
  readonly handler: BaseFunction;
  readonly key: IKey;
  /** Where SNS puts replies it could not hand to the function (also the function's async DLQ). */
  readonly deadLetterQueue: IQueue;
}

/**
 * Two-way SMS: AWS End User Messaging publishes the patients' replies to this topic (point the
 * origination number's two-way channel at it), and the inbound function answers them.
 */
export class Inbound extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: InboundProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = encryptedTopic(this, 'InboundSmsTopic', 'Rehab reminders: inbound SMS', props.key);
    allowServicePublish(this.topic, 'sms-voice.amazonaws.com');
    this.topic.addSubscription(
      new LambdaSubscription(props.handler, { deadLetterQueue: props.deadLetterQueue }),
    );
    // Replies (HELP, thanks) are texts to phone numbers.
    props.handler.allowTexting();
    // The DLQ is encrypted with the data key: SNS (for replies it could not deliver) must be able to
    // use the key to write to it (the function's role may: BaseFunction grants it with the DLQ).
    props.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          // This account's topics: naming the topic itself would make the key and topic a cycle.
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:sns:${stack.region}:${stack.account}:*` },
        },
      }),
    );
    new CfnOutput(this, 'InboundTopicArn', {
      value: this.topic.topicArn,
      description: 'Set it as the two-way SMS destination of the origination number',
    }).overrideLogicalId(STACK_OUTPUT.inboundTopicArn); // the self-test reads it by this key
  }
}
