/**
 * SNS's SMS delivery status log, as the local stack plays it: each text the outbox "sends" is
 * reported delivered a moment later, in the shape CloudWatch Logs hands a subscribed function
 * (base64 of gzip of the batch), to the same delivery-status handler Lambda runs. A report that
 * comes before the sender settled its claim is retried, as Lambda retries an async invocation.
 */
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { smsDeliveryLogGroups } from '../shared/domain/messaging/sms-delivery.ts';
import type { Log } from '../shared/ports.ts';
import type { OutboxEntry } from './outbox.ts';

/** SNS's log groups under the local stack's made-up region and account. */
export const LOCAL_SMS_LOG_GROUPS = smsDeliveryLogGroups('local-1', '000000000000');

/** One status line as SNS writes it ("2016-06-28 00:40:34.558", UTC). */
export function smsStatusLine(
  messageId: string,
  destination: string,
  at: Date,
  status: 'SUCCESS' | 'FAILURE' = 'SUCCESS',
  providerResponse = 'Message has been accepted by phone carrier',
): string {
  return JSON.stringify({
    notification: { messageId, timestamp: at.toISOString().replace('T', ' ').replace('Z', '') },
    delivery: {
      destination,
      priceInUSD: 0.00581,
      smsType: 'Transactional',
      providerResponse,
      dwellTimeMs: 599,
    },
    status,
  });
}

/** What CloudWatch Logs hands a subscribed function for these lines. */
export function cloudWatchLogsEvent(
  logGroup: string,
  messages: string[],
  at: Date,
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE' = 'DATA_MESSAGE',
): CloudWatchLogsEvent {
  const batch = {
    messageType,
    owner: '000000000000',
    logGroup,
    logStream: 'local',
    subscriptionFilters: ['SmsDeliveryStatus'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: at.getTime(), message })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(batch)).toString('base64') } };
}

export interface DeliveryReportsOptions {
  handler: (event: CloudWatchLogsEvent) => Promise<void>;
  log: Log;
  /** Real milliseconds before the report, and between tries. @default 50 */
  delayMs?: number;
  /** @default 5 */
  attempts?: number;
}

/** Reports every text of the outbox delivered (push has no such log: not reported). */
export function deliveryReporter(options: DeliveryReportsOptions) {
  const delayMs = options.delayMs ?? 50;
  const attempts = options.attempts ?? 5;
  return (entry: OutboxEntry, messageId: string): void => {
    if (entry.channel !== 'sms') return;
    const event = cloudWatchLogsEvent(
      LOCAL_SMS_LOG_GROUPS.success,
      [smsStatusLine(messageId, entry.to, new Date(entry.sentAt))],
      new Date(entry.sentAt),
    );
    const attempt = (left: number) =>
      setTimeout(() => {
        options.handler(event).catch((error: unknown) => {
          if (left > 1) attempt(left - 1);
          else options.log.warn('local delivery report not recorded', { messageId, error: String(error) });
        });
      }, delayMs).unref();
    attempt(attempts);
  };
}
