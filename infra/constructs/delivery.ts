import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { senderBatchSize, senderConcurrency } from '../../shared/sending.ts';
import type { BaseFunction } from './base-function.ts';
import { deadLetterQueue, redrive } from './queues.ts';

export interface DeliveryProps {
  /** The send-reminder function (SQS → channels). */
  readonly sender: BaseFunction;
  readonly key: IKey;
  /** Message parts per second the origination identity allows; bounds the sender's concurrency and batch size. */
  readonly partsPerSecond: number;
  /**
   * Receives before a reminder goes to the DLQ (throttling and a live claim put it back each time;
   * enough that a throttled reminder keeps trying until it is too late anyway).
   * @default 20
   */
  readonly maxReceiveCount?: number;
}

/**
 * The reminder queue between Scheduler and the sender: it absorbs the burst at popular session
 * times and lets the sender keep to the SMS rate through bounded concurrency.
 */
export class Delivery extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly maxConcurrency: number;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    const senderTimeout = props.sender.timeout ?? Duration.seconds(30);
    this.deadLetterQueue = deadLetterQueue(this, 'ReminderDlq', props.key, 'the reminder queue');
    this.queue = new Queue(this, 'ReminderQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      // Reuse the data key for 5 minutes: cuts KMS calls (and cost) at the popular minutes.
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      // AWS's guidance for Lambda event sources: at least 6× the function timeout.
      visibilityTimeout: Duration.seconds(senderTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: redrive(this.deadLetterQueue, props.maxReceiveCount ?? 20),
    });
    this.maxConcurrency = senderConcurrency(props.partsPerSecond);
    props.sender.addEventSource(
      new SqsEventSource(this.queue, {
        // A whole batch of two-part texts, paced, fits the timeout (shared/sending.ts).
        batchSize: senderBatchSize(props.partsPerSecond, senderTimeout.toSeconds()),
        maxBatchingWindow: Duration.seconds(0),
        reportBatchItemFailures: true,
        maxConcurrency: this.maxConcurrency,
      }),
    );
    props.sender.allowTexting();
  }
}
