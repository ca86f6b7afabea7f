import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, SERVICE, type MetricName } from '../../shared/metrics.ts';
import { STACK_OUTPUT } from '../outputs.ts';
import { allowServicePublish, encryptedTopic } from './topics.ts';

export interface MonitoringProps {
  readonly key: IKey;
  /** Every function: alarms on errors and throttles. */
  readonly functions: Record<string, IFunction>;
  /** Every dead-letter queue: an alarm as soon as one message lands. */
  readonly deadLetterQueues: Record<string, IQueue>;
  /** The reminder queue: its age shows a backlog at popular session times. */
  readonly reminderQueue: IQueue;
  /** The schedule group: Scheduler's target errors and drops between it and the queue. */
  readonly scheduleGroupName: string;
  /** Functions fed by a stream: an alarm when they fall behind it (IteratorAge). */
  readonly streamConsumers: Record<string, IFunction>;
  /** Functions with an async dead-letter queue: an alarm when Lambda cannot write to it. */
  readonly asyncDlqFunctions: Record<string, IFunction>;
  /** Topics with a subscription DLQ: an alarm when SNS cannot write to it. */
  readonly redrivingTopics: Record<string, ITopic>;
  /** Push is configured: alarm when its VAPID key cannot be read. @default false */
  readonly pushEnabled?: boolean;
  /** Where alarms also go by email. @default none */
  readonly alarmEmail?: string;
  /** The account's monthly SMS spend limit, to alarm at 80 % of it. @default unknown: no spend alarm */
  readonly monthlySmsSpendLimitUsd?: number;
}

// Labels go on graph copies only (`.with({ label })`): a labelled metric turns an alarm into metric math.
function business(name: MetricName, service: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });
}

/**
 * Alarms on everything that can break (every DLQ, function errors and throttles, failed or
 * throttled texts, SMS spend) to one encrypted alarm topic with an optional email, and a dashboard
 * of what patients do: assessments, texts sent / skipped / failed, opt-outs.
 */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  /** Set only by `npm run ops:selftest` (SetAlarmState), to prove an alarm reaches the alarm topic. */
  readonly selfTestAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.alarmTopic = encryptedTopic(this, 'AlarmTopic', 'Rehab reminders: alarms', props.key);
    // A topic policy replaces SNS's default one: without this statement CloudWatch may not publish
    // and every alarm would be silent. Only this account's alarms.
    allowServicePublish(this.alarmTopic, 'cloudwatch.amazonaws.com', {
      ArnLike: {
        'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
      },
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.alarmTopic);
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DlqAlarm`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        1,
        `${name}: a message reached the dead-letter queue. Read it, fix the cause, then redrive it.`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}ErrorsAlarm`,
        fn.metricErrors({ period: Duration.minutes(5) }),
        1,
        `${name}: the function failed.`,
      );
      alarm(
        `${name}ThrottlesAlarm`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        1,
        `${name}: Lambda throttled invocations (account concurrency).`,
      );
    }
    // Between services: what fails there fails no function, so no function alarm would see it.
    const scheduler = (metricName: string) =>
      new Metric({
        namespace: 'AWS/Scheduler',
        metricName,
        dimensionsMap: { ScheduleGroup: props.scheduleGroupName },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    alarm(
      'SchedulerTargetErrorsAlarm',
      scheduler('TargetErrorCount'),
      5,
      'Scheduler could not put reminders on the queue (its role, the queue or the key refused): reminders are retried, then dead-lettered.',
    );
    alarm(
      'SchedulerDroppedAlarm',
      scheduler('InvocationDroppedCount'),
      1,
      'Scheduler dropped reminders after all retries: those reminders are lost.',
    );
    alarm(
      'SchedulerDeadLetterFailedAlarm',
      scheduler('InvocationsFailedToBeSentToDeadLetterCount'),
      1,
      "Scheduler could not write failed reminders to its dead-letter queue (the role or the queue's key refused): they are lost.",
    );
    for (const [name, fn] of Object.entries(props.streamConsumers)) {
      alarm(
        `${name}IteratorAgeAlarm`,
        fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
        10 * 60 * 1000,
        `${name} is more than 10 minutes behind the table stream: new plans wait for their schedules (records older than 24 h are lost).`,
      );
    }
    for (const [name, fn] of Object.entries(props.asyncDlqFunctions)) {
      alarm(
        `${name}DeadLetterErrorsAlarm`,
        fn.metric('DeadLetterErrors', { statistic: 'Sum', period: Duration.minutes(5) }),
        1,
        `${name}: Lambda could not write a failed event to the dead-letter queue: it is lost.`,
      );
    }
    for (const [name, topic] of Object.entries(props.redrivingTopics)) {
      alarm(
        `${name}RedriveFailedAlarm`,
        topic.metric('NumberOfNotificationsFailedToRedriveToDlq', {
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        1,
        `${name}: SNS could not write an undeliverable message to the subscription's dead-letter queue: it is lost.`,
      );
    }

    if (props.pushEnabled)
      alarm(
        'PushMisconfiguredAlarm',
        business(METRIC.pushMisconfigured, SERVICE.sendReminder),
        1,
        'Push reminders fail: the sender cannot read the VAPID private key secret (texts are not affected).',
      );

    const failed = business(METRIC.remindersFailed, SERVICE.sendReminder);
    const throttled = business(METRIC.textsThrottled, SERVICE.sendReminder);
    alarm(
      'TextsFailedAlarm',
      failed,
      5,
      'Reminders failed permanently (opted-out or invalid numbers, gone endpoints).',
    );
    alarm(
      'TextsThrottledAlarm',
      throttled,
      20,
      'The SMS channel throttles the sender: raise the origination throughput or lower sms.partsPerSecond.',
    );
    alarm(
      'CodeBreakerOpenAlarm',
      business(METRIC.codeBreakerOpen, SERVICE.intake),
      1,
      'The service-wide codes-per-hour breaker (limits.serviceCodesPerHour) refused verification codes: SMS pumping, or a busy hour that needs a higher limit.',
    );
    const smsDeliveryFailed = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
      statistic: 'Sum',
      period: Duration.hours(1),
    });
    alarm('SmsDeliveryFailedAlarm', smsDeliveryFailed, 10, 'Carriers refused texts (SNS delivery failures).');
    const spend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    // Only from a limit the stack knows: an alarm on a guessed limit would be noise or silence.
    if (props.monthlySmsSpendLimitUsd !== undefined)
      alarm(
        'SmsSpendAlarm',
        spend,
        0.8 * props.monthlySmsSpendLimitUsd,
        'SMS spend reached 80 % of the monthly limit: texts stop at the limit.',
      );

    const sent = business(METRIC.remindersSent, SERVICE.sendReminder);
    const skipped = business(METRIC.remindersSkipped, SERVICE.sendReminder);
    const region = Stack.of(this).region;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            markdown: '# Rehab reminders\nAssessments, reminders and replies. Alarms go to the alarm topic.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Assessments and plans',
            left: [
              business(METRIC.assessments, SERVICE.intake).with({ label: 'assessments' }),
              business(METRIC.codesSent, SERVICE.intake).with({ label: 'codes sent' }),
              business(METRIC.plansActivated, SERVICE.intake).with({ label: 'plans activated' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Reminders',
            left: [
              sent.with({ label: 'sent' }),
              skipped.with({ label: 'skipped' }),
              failed.with({ label: 'failed' }),
              throttled.with({ label: 'throttled by the channel' }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Opt-outs',
            left: [business(METRIC.optOuts, SERVICE.inbound).with({ label: 'opt-outs' })],
            width: 8,
          }),
          new GraphWidget({
            title: 'Reminder queue age (s)',
            left: [props.reminderQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) })],
            width: 8,
          }),
          new SingleValueWidget({
            title: 'Delivery rate',
            metrics: [
              new MathExpression({
                expression: '100 * sent / (sent + failed)',
                usingMetrics: { sent, failed },
                label: '% of attempted reminders sent',
                period: Duration.days(1),
              }),
              spend.with({ label: 'SMS spend this month (USD)' }),
            ],
            width: 8,
          }),
        ],
      ],
    });
    // Nothing publishes this metric and missing data is not breaching: the alarm stays OK until the
    // self-test sets it, and its actions are those of every other alarm.
    this.selfTestAlarm = alarm(
      'SelfTestAlarm',
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'SelfTestNeverReported',
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      1,
      'Self-test only: npm run ops:selftest sets it to ALARM and back to OK to prove alarms reach the alarm topic. Nothing to do.',
    );
    new CfnOutput(this, 'SelfTestAlarmName', {
      value: this.selfTestAlarm.alarmName,
      description: 'The alarm npm run ops:selftest sets to prove alarms reach the alarm topic',
    }).overrideLogicalId(STACK_OUTPUT.selfTestAlarmName);

    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboard.dashboardName}`,
      description: 'The CloudWatch dashboard',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe to get alarms',
    });
  }
}
