import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption, type DeadLetterQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/**
 * A dead-letter queue with the service's defaults: encrypted with the data key, TLS only, kept
 * 14 days (the longest SQS allows) so there is time to read and redrive what failed.
 */
export function deadLetterQueue(scope: Construct, id: string, key: IKey, deadLetterOf: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, {
    'AwsSolutions-SQS3': `This queue is itself the dead-letter queue of ${deadLetterOf}; it has no further one.`,
  });
  return queue;
}

export function redrive(queue: Queue, maxReceiveCount: number): DeadLetterQueue {
  return { queue, maxReceiveCount };
}
