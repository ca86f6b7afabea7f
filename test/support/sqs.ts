import type { SQSEvent, SQSRecord } from 'aws-lambda';

let ids = 0;

/** One SQS record as Lambda's event source hands it over; `body` is sent as is if a string, else as JSON. */
export function sqsRecord(body: unknown, messageId = `sqs-${++ids}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
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

/** An SQS event of one record per body. */
export function sqsEvent(...bodies: unknown[]): SQSEvent {
  return { Records: bodies.map((body) => sqsRecord(body)) };
}
