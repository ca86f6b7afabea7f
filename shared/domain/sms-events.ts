/**
 * The AWS End User Messaging SMS event types a configuration set reports, grouped as the clinic
 * view shows a reminder's delivery: delivered, failed or blocked. The event types are AWS's
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-types.html);
 * queued, pending and the like are steps on the way and not recorded.
 */
export const SMS_DELIVERY_EVENTS = {
  // Depending on the country, carriers report one or the other.
  delivered: ['TEXT_DELIVERED', 'TEXT_SUCCESSFUL'],
  failed: [
    'TEXT_INVALID',
    'TEXT_INVALID_MESSAGE',
    'TEXT_UNREACHABLE',
    'TEXT_CARRIER_UNREACHABLE',
    'TEXT_TTL_EXPIRED',
    'TEXT_UNKNOWN',
  ],
  blocked: ['TEXT_BLOCKED', 'TEXT_CARRIER_BLOCKED', 'TEXT_SPAM', 'TEXT_PROTECT_BLOCKED'],
} as const;

export type SmsDeliveryOutcome = keyof typeof SMS_DELIVERY_EVENTS;

/** Every event type the stack asks End User Messaging to report. */
export const RECORDED_SMS_EVENT_TYPES: readonly string[] = Object.values(SMS_DELIVERY_EVENTS).flat();
