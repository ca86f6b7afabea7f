import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { CLINIC_WATCH_FILTER_PATTERNS } from '../../functions/clinic-watch/event-filter.ts';
import { ENV } from '../../shared/env.ts';
import { acknowledge } from '../nag.ts';
import type { BaseFunction } from './base-function.ts';
import { deadLetterQueue } from './queues.ts';
import { encryptedTopic } from './topics.ts';

export interface ClinicWatchProps {
  /** The clinic-watch function (table stream → roster and alerts; the hourly sweep). */
  readonly watch: BaseFunction;
  readonly table: ITableV2;
  readonly key: IKey;
  /** The clinic's address for alert emails (confirmed once by the subscription mail). @default none */
  readonly alertEmail?: string;
}

/**
 * The clinic's alerts: clinic-watch reads the table's stream (only what can enrol a patient or raise
 * an alert passes its filters), runs the inactivity sweep every hour, and emails alerts through an
 * encrypted topic with the clinic's address subscribed. SNS email rather than SES: no domain to
 * verify and no sandbox to leave, one confirmed address per clinic, and the emails carry no patient
 * detail (clinic-alerts.ts `alertEmail`), so SES's templates and bounce handling buy nothing here.
 */
export class ClinicWatch extends Construct {
  readonly alertTopic: Topic;
  readonly failureQueue;
  readonly sweepRule: Rule;

  constructor(scope: Construct, id: string, props: ClinicWatchProps) {
    super(scope, id);
    this.alertTopic = encryptedTopic(this, 'AlertTopic', 'Clinic alerts', props.key);
    if (props.alertEmail) this.alertTopic.addSubscription(new EmailSubscription(props.alertEmail));
    const watch = props.watch;
    watch.addEnvironment(ENV.clinicAlertTopicArn, this.alertTopic.topicArn);
    this.alertTopic.grantPublish(watch);

    this.failureQueue = deadLetterQueue(this, 'StreamFailures', props.key, 'the clinic-watch stream mapping');
    watch.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    watch.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(2),
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failureQueue),
        filters: CLINIC_WATCH_FILTER_PATTERNS.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    this.sweepRule = new Rule(this, 'HourlySweep', {
      description: 'clinic-watch: alerts for patients with no session logged for two days',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(watch, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });
    const kmsForQueue =
      "CDK's grant to send to a queue or topic encrypted with the data key (GenerateDataKey*, ReEncrypt*); it names that one key only.";
    acknowledge(watch.role!, {
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]': kmsForQueue,
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]': kmsForQueue,
    });
  }
}
