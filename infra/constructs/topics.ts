import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/** An SNS topic with the service's defaults: encrypted with the data key, TLS only. */
export function encryptedTopic(scope: Construct, id: string, displayName: string, key: IKey): Topic {
  return new Topic(scope, id, { displayName, masterKey: key, enforceSSL: true });
}

/**
 * Lets an AWS service (`sms-voice.amazonaws.com`, `cloudwatch.amazonaws.com`) publish to the topic
 * for this account only, with any further `conditions`. A topic policy replaces SNS's default one:
 * without this statement the service may not publish at all.
 */
export function allowServicePublish(
  topic: Topic,
  service: string,
  conditions: Record<string, Record<string, string>> = {},
): void {
  const stack = Stack.of(topic);
  topic.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal(service)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ...conditions },
    }),
  );
}
