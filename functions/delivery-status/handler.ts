import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { silentLog } from '../../shared/adapters/defaults.ts';
import {
  smsDeliveryStatusSchema,
  type SmsDeliveryStatus,
} from '../../shared/domain/messaging/sms-delivery.ts';
import { createDeliveryStatusRecorder, type DeliveryStatusDeps } from './service.ts';
import { jsonOrUndefined } from '../../shared/json.ts';

export type { DeliveryStatusDeps } from './service.ts';

/** The log lines of a CloudWatch Logs subscription delivery (base64 of gzip of JSON). */
export function decodeLogsEvent(event: CloudWatchLogsEvent): CloudWatchLogsDecodedData {
  return JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'));
}

/** A status line, or undefined for anything else in the group. */
export function statusOf(message: string): SmsDeliveryStatus | undefined {
  const parsed = smsDeliveryStatusSchema.safeParse(jsonOrUndefined(message));
  return parsed.success ? parsed.data : undefined;
}

/**
 * CloudWatch Logs subscription (SNS's SMS delivery status groups) → delivery-status. Invoked
 * asynchronously: a throw (a claim not settled yet, DynamoDB unavailable) makes Lambda retry the
 * whole delivery, which records the same again; after the retries it lands on the DLQ.
 */
export function createDeliveryStatusHandler(deps: DeliveryStatusDeps) {
  const record = createDeliveryStatusRecorder(deps);
  const log = deps.log ?? silentLog;
  return async (event: CloudWatchLogsEvent): Promise<void> => {
    const data = decodeLogsEvent(event);
    // CloudWatch Logs checks a new subscription with a control message: nothing to record.
    if (data.messageType !== 'DATA_MESSAGE') return;
    for (const line of data.logEvents) {
      const status = statusOf(line.message);
      if (!status) {
        log.warn('not an SMS delivery status line: ignored', { logGroup: data.logGroup, id: line.id });
        continue;
      }
      await record(status);
    }
  };
}
