/**
 * What became of a text after SNS took it (pure): SNS's SMS delivery status log line, read into
 * the outcome the clinic view shows on the reminder's delivery record.
 *
 * Texts go out through SNS Publish, which names no End User Messaging configuration set (its
 * message attributes are SenderID, OriginationNumber, MaxPrice, SMSType, EntityId and TemplateId:
 * https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html), so configuration-set events
 * never fire for them. What SNS does give is its delivery status log: with the account's
 * `DeliveryStatusIAMRole` set, one JSON line per text in `sns/<region>/<account>/DirectPublishToPhoneNumber`
 * (and `/Failure`), carrying the MessageId Publish returned, the carrier's answer and the price
 * (https://docs.aws.amazon.com/sns/latest/dg/sms_stats_cloudwatch.html).
 */
import * as z from '../zod.ts';

/** The log groups SNS writes SMS delivery status to, in the account and region of the stack. */
export function smsDeliveryLogGroups(region: string, account: string) {
  const success = `sns/${region}/${account}/DirectPublishToPhoneNumber`;
  return { success, failure: `${success}/Failure` } as const;
}

/** delivered: the carrier accepted it; failed: it did not reach the phone; blocked: a carrier or filter refused it. */
export type SmsDeliveryOutcome = 'delivered' | 'failed' | 'blocked' | 'opted-out';

/** One SNS delivery status line, as much of it as is used (the rest is ignored, never kept). */
export const smsDeliveryStatusSchema = z.object({
  notification: z.object({
    messageId: z.string().check(z.minLength(1), z.maxLength(100)),
    timestamp: z.optional(z.string()),
  }),
  delivery: z.object({
    destination: z.string().check(z.minLength(1), z.maxLength(32)),
    providerResponse: z.optional(z.string()),
    priceInUSD: z.optional(z.number()),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});

export type SmsDeliveryStatus = z.infer<typeof smsDeliveryStatusSchema>;

/** The carrier's answer kept on the record: short, and only the words SNS wrote. */
export const MAX_PROVIDER_RESPONSE = 120;

/**
 * The outcome of a status line. SNS writes the carrier's answer in words ("Phone carrier has
 * blocked this message", "Blocked as spam by phone carrier", "Phone is currently opted out"…):
 * opted out and blocked are told apart from the other failures by those words.
 */
export function deliveryOutcome(status: Pick<SmsDeliveryStatus, 'status' | 'delivery'>): SmsDeliveryOutcome {
  if (status.status === 'SUCCESS') return 'delivered';
  const response = status.delivery.providerResponse ?? '';
  if (/opt(ed)?[\s-]?out/i.test(response)) return 'opted-out';
  if (/block|spam|filter/i.test(response)) return 'blocked';
  return 'failed';
}

/** What the delivery record of a reminder gains from its status line. */
export interface DeliveryOutcomeRecord {
  outcome: SmsDeliveryOutcome;
  /** When the status was logged (ISO), or when it was read if SNS gave no time. */
  outcomeAt: string;
  providerResponse?: string;
  priceUsd?: number;
}

/** SNS writes "2016-06-28 00:40:34.558" (UTC, no zone): read it as UTC. */
function statusTime(timestamp: string | undefined, now: Date): string {
  const at = timestamp ? Date.parse(`${timestamp.replace(' ', 'T')}Z`) : Number.NaN;
  return Number.isFinite(at) ? new Date(at).toISOString() : now.toISOString();
}

export function outcomeRecord(status: SmsDeliveryStatus, now: Date): DeliveryOutcomeRecord {
  const response = status.delivery.providerResponse?.slice(0, MAX_PROVIDER_RESPONSE);
  return {
    outcome: deliveryOutcome(status),
    outcomeAt: statusTime(status.notification.timestamp, now),
    ...(response ? { providerResponse: response } : {}),
    ...(status.delivery.priceInUSD !== undefined ? { priceUsd: status.delivery.priceInUSD } : {}),
  };
}
