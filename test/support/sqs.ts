import type { SQSEvent, SQSRecord } from 'aws-lambda';

let ids = 0;

/**
 * One SQS record as Lambda's event source mapping hands it over; `body` is sent as is if a string,
 * else as JSON. `receiveCount` is what SQS would say on a redelivery. Used by tests and the bench.
 */
export function sqsRecord(body: unknown, messageId = `sqs-${++ids}`, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}-${receiveCount}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '0',
      SenderId: 'scheduler',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:rehab-reminders',
    awsRegion: 'us-east-1',
  };
}

/** An SQS event (a batch) of these records. */
export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
