/**
 * A patient's text as the two-way SNS topic delivers it to the inbound function: an SNS event whose
 * Message is AWS End User Messaging SMS's JSON (originationNumber, destinationNumber, messageBody,
 * inboundMessageId), timed on the dev clock.
 */
import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import type { Clock } from '../shared/ports.ts';

/** The number patients "text" locally (a fictional toll-free number). */
export const LOCAL_ORIGINATION_NUMBER = '+18885550100';
const TOPIC_ARN = 'arn:aws:sns:local:000000000000:rehab-inbound-sms-local';

export function inboundSmsEvent(text: { from: string; body: string }, clock: Clock): SNSEvent {
  const inboundMessageId = randomUUID();
  const messageId = randomUUID();
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${TOPIC_ARN}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: TOPIC_ARN,
          Subject: '',
          Message: JSON.stringify({
            originationNumber: text.from,
            destinationNumber: LOCAL_ORIGINATION_NUMBER,
            messageBody: text.body,
            inboundMessageId,
            previousPublishedMessageId: randomUUID(),
          }),
          Timestamp: clock.now().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.local/cert.pem',
          UnsubscribeUrl: 'https://sns.local/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
