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
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, SERVICE, type MetricName } from '../../shared/metrics.ts';

export interface MonitoringProps {
  readonly key: IKey;
  /** Every function: alarms on errors and throttles. */
  readonly functions: Record<string, IFunction>;
  /** Every dead-letter queue: an alarm as soon as one message lands. */
  readonly deadLetterQueues: Record<string, IQueue>;
  /** The reminder queue: its age shows a backlog at popular session times. */
  readonly reminderQueue: IQueue;
  /** Where alarms also go by email. @default none */
  readonly alarmEmail?: string;
  /** Monthly SMS spend limit, to alarm at 80 % of it. @default 1 */
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

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Rehab reminders: alarms',
      masterKey: props.key,
      enforceSSL: true,
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
      'The SMS channel throttles the sender: raise the origination throughput or lower sms.messagesPerSecond.',
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
    alarm(
      'SmsSpendAlarm',
      spend,
      0.8 * (props.monthlySmsSpendLimitUsd ?? 1),
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
