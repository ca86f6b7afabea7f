/**
 * Business metrics (CloudWatch, embedded metric format): the functions emit them, the stack's
 * dashboard and alarms read them. One list so the names never drift apart.
 */
export const METRICS_NAMESPACE = 'RehabReminders';

export const METRIC = {
  /** intake: an assessment was accepted (with or without a plan). */
  assessments: 'AssessmentsReceived',
  /** intake: a verification code was texted. */
  codesSent: 'VerificationCodesSent',
  /** intake: a code was refused because the service-wide codes-per-hour breaker is open. */
  codeBreakerOpen: 'CodeBreakerOpen',
  /** intake: a first screen found a sign that needs care urgently now (nothing else of it is stored). */
  screeningsUrgent: 'ScreeningsUrgent',
  /**
   * intake: a first screen led to a clinician at any other tier (same day, within 24 h, this week,
   * weak flags alone, pain at rest): nothing else of it is stored.
   */
  screeningsClinician: 'ScreeningsClinician',
  /** intake: a plan was verified and became active. */
  plansActivated: 'PlansActivated',
  /** send-reminder: a reminder went out. */
  remindersSent: 'RemindersSent',
  /** send-reminder: a reminder was dropped on purpose (paused, late, quiet hours, …). */
  remindersSkipped: 'RemindersSkipped',
  /** send-reminder: a reminder could not be sent (permanent failure). */
  remindersFailed: 'RemindersFailed',
  /** send-reminder: the channel throttled a send; the reminder went back to the queue. */
  textsThrottled: 'TextsThrottled',
  /** send-reminder: a push could not be sent because the VAPID private key could not be read. */
  pushMisconfigured: 'PushMisconfigured',
  /** inbound: a patient opted out (STOP, another opt-out keyword or wording). */
  optOuts: 'OptOuts',
  /** inbound: a patient who had opted out texted START and is off the opt-out list. */
  optIns: 'OptIns',
  /** inbound: End User Messaging refused to take a number off its list (once per 30 days). */
  optInsRefused: 'OptInsRefused',
  /** inbound: a reply was read as unsure and got a short question back. */
  questionsBack: 'RepliesQuestionedBack',
  /** delivery-status: the carrier accepted a text (SNS's delivery status log). */
  textsDelivered: 'TextsDelivered',
  /** delivery-status: a text did not reach the phone. */
  textsUndelivered: 'TextsUndelivered',
  /** delivery-status: a carrier or filter blocked a text. */
  textsBlocked: 'TextsBlocked',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The `service` dimension each function's metrics carry (Powertools' default dimension). */
export const SERVICE = {
  intake: 'intake',
  scheduleSync: 'schedule-sync',
  sendReminder: 'send-reminder',
  inbound: 'inbound',
  deliveryStatus: 'delivery-status',
} as const;
