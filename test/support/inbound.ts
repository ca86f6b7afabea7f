import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { createInboundHandler } from '../../functions/inbound/handler.ts';
import type { InboundDeps } from '../../functions/inbound/use-cases/context.ts';
import { asFunction, recordAwsCalls } from '../../local/aws-calls.ts';
import { DynamoPatientEventStore } from '../../shared/adapters/dynamodb/patient-events.ts';
import { DynamoPlanRepository } from '../../shared/adapters/dynamodb/plan-repository.ts';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import type { TestTable } from './dynamodb.ts';
import { TEST_HASH_KEY } from './fixtures.ts';

export const OUR_NUMBER = '+18005550100';

/** An SNS record carrying `message`, as the two-way SMS topic hands it to the inbound function. */
export function snsRecord(
  message: string,
  options: { messageId?: string; timestamp?: string } = {},
): SNSEventRecord {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:rehab-inbound:sub',
    Sns: {
      Type: 'Notification',
      MessageId: options.messageId ?? `sns-${Math.random().toString(36).slice(2)}`,
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:rehab-inbound',
      Subject: null as unknown as string,
      Message: message,
      Timestamp: options.timestamp ?? new Date().toISOString(),
      SignatureVersion: '1',
      Signature: 'sig',
      SigningCertUrl: 'https://sns.example/cert',
      UnsubscribeUrl: 'https://sns.example/unsub',
      MessageAttributes: {},
    },
  };
}

/** End User Messaging's two-way payload for a text from `from`. */
export function twoWayPayload(from: string, body: string, inboundMessageId: string) {
  return {
    originationNumber: from,
    destinationNumber: OUR_NUMBER,
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: body,
    inboundMessageId,
    previousPublishedMessageId: 'prev-1',
  };
}

/** What SNS hands the function for one text; a repeat of a text carries the same id and timestamp. */
export function inboundSmsEvent(
  from: string,
  body: string,
  inboundMessageId: string,
  timestamp: string,
): SNSEvent {
  return {
    Records: [
      snsRecord(JSON.stringify(twoWayPayload(from, body, inboundMessageId)), {
        messageId: `sns-${inboundMessageId}`,
        timestamp,
      }),
    ],
  };
}

/**
 * SNS mocked at the SDK boundary for the file: every Publish answers `messageId`, the calls are
 * cleared before each test and the mock removed after the file.
 */
export function useMockedSns(messageId = 'sns-1') {
  const sns = mockClient(SNSClient);
  afterAll(() => sns.restore());
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: messageId });
  });
  return sns;
}

/**
 * The inbound function on the test table, as its Lambda entry wires it: the plan, event and limit
 * stores on DynamoDB Local, SNS through the SDK (mocked at the boundary by useMockedSns; its requests
 * recorded for the IAM proof), the test hash key. `deps` adds the rest (config, clock, slots, the
 * opt-out list) or replaces any of these. Made when called: the table exists once the tests run.
 */
export function inboundOnTable(table: TestTable, deps: Pick<InboundDeps, 'config'> & Partial<InboundDeps>) {
  return asFunction(
    'inbound',
    createInboundHandler({
      repo: new DynamoPlanRepository(table.db, table.tableName),
      events: new DynamoPatientEventStore(table.db, table.tableName),
      limiter: new DynamoRateLimiter(table.db, table.tableName),
      notifier: new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), { originationNumber: OUR_NUMBER }),
      hashKey: TEST_HASH_KEY,
      ...deps,
    }),
  );
}
