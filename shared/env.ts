/**
 * Environment variables the functions read, by name: CDK sets them (infra/), the functions read
 * them once at module load (functions/wiring/runtime.ts). One list so the two never drift apart.
 */
export const ENV = {
  /** JSON runtime config, checked by shared/config.ts (all functions). */
  config: 'REHAB_CONFIG',
  /** The table (all functions). */
  tableName: 'TABLE_NAME',
  /** ARN of the Secrets Manager secret holding the HMAC key for phones and codes (all functions). */
  hashKeySecretArn: 'HASH_KEY_SECRET_ARN',
  /** Plain HMAC key; only the local stack and tests set it instead of the secret. */
  hashKey: 'HASH_KEY',
  /** SMS origination: an E.164 number or an alphanumeric sender id (functions that text). */
  smsOriginationNumber: 'SMS_ORIGINATION_NUMBER',
  /** A pool of origination numbers, comma-separated (sms.originationPool): each patient keeps one. */
  smsOriginationPool: 'SMS_ORIGINATION_POOL',
  /** The number verification codes come from, where it is not the reminders number (sms.channel.codes). */
  smsCodesOriginationNumber: 'SMS_CODES_ORIGINATION_NUMBER',
  smsSenderId: 'SMS_SENDER_ID',
  /**
   * The End User Messaging opt-out list the stack's numbers use (sms.channel: its own or adopted),
   * by name: the sender checks it before each reminder (unset: it asks SNS, the account's default
   * list); inbound puts numbers on it and takes them off; intake and the console ask whether a
   * number is on it before a code (unset: no list, shared/adapters/defaults.ts noOptOutList).
   */
  smsOptOutListName: 'SMS_OPT_OUT_LIST_NAME',
  /**
   * "true": End User Messaging answers HELP on the number itself (its mandatory keyword), so the
   * inbound function does not answer it a second time. Set in every deployed stack.
   */
  smsHelpAnsweredByChannel: 'SMS_HELP_ANSWERED_BY_CHANNEL',
  /** Optional USD cap per text, passed to SNS as AWS.SNS.SMS.MaxPrice. */
  smsMaxPriceUsd: 'SMS_MAX_PRICE_USD',
  /** VAPID public key (form and push sender) and the ARN of the secret holding the private key. */
  vapidPublicKey: 'VAPID_PUBLIC_KEY',
  vapidPrivateKeySecretArn: 'VAPID_PRIVATE_KEY_SECRET_ARN',
  /** Contact for push services (mailto: or https:), required by VAPID. */
  vapidSubject: 'VAPID_SUBJECT',
  /** schedule-sync: where schedules live and what they target. */
  scheduleGroupName: 'SCHEDULE_GROUP_NAME',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  reminderQueueArn: 'REMINDER_QUEUE_ARN',
  schedulerDlqArn: 'SCHEDULER_DLQ_ARN',
  /** The clinic console: the sign-in service's URL (the Cognito domain) and the console's app client. */
  consoleAuthUrl: 'CONSOLE_AUTH_URL',
  consoleClientId: 'CONSOLE_CLIENT_ID',
  /** Where invite links point: the form's origin (formUrl, or the API's own URL). */
  consoleFormUrl: 'CONSOLE_FORM_URL',
  /**
   * intake: the form's public URL (formUrl, or the API's own URL). The plan page's POSTs are taken
   * from its origin only (shared/domain/security/origin.ts).
   */
  publicUrl: 'PUBLIC_URL',
  /**
   * intake and console: the secret CloudFront adds to every request it sends the API (header
   * ORIGIN_SECRET_HEADER, functions/wiring/origin-guard.ts). Set: requests without it are refused
   * (403), so nothing reaches the API around the distribution (and its WAF).
   */
  originSecretArn: 'ORIGIN_SECRET_ARN',
  /** clinic-watch: the topic that emails the clinic its alerts. */
  clinicAlertTopicArn: 'CLINIC_ALERT_TOPIC_ARN',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];
