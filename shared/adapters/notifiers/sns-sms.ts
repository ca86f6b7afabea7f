import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  type Notifier,
  type OutboundMessage,
  type SendResult,
} from '../../ports.ts';

export interface SnsSmsOptions {
  /** E.164 origination number (toll-free, 10DLC, short code) registered in the account. */
  originationNumber?: string;
  /** Alphanumeric sender id, where the destination country supports it. */
  senderId?: string;
  /** Highest price in USD the operator accepts for one text. */
  maxPriceUsd?: number;
}

const THROTTLED = new Set([
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

/**
 * Texts through SNS Publish to a phone number, as Transactional (higher delivery priority: these
 * are reminders the patient asked for). SNS accepts a publish to an opted-out number and drops it,
 * so opt-outs are known from the patient's STOP (inbound) rather than from this call; the rare
 * error that says "opted out" is still mapped to a permanent failure.
 */
export class SnsSmsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly options: SnsSmsOptions = {},
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'sms') throw new TypeError('SnsSmsNotifier sends SMS only');
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.options.originationNumber) {
      attributes['AWS.MM.SMS.OriginationNumber'] = {
        DataType: 'String',
        StringValue: this.options.originationNumber,
      };
    }
    if (this.options.senderId) {
      attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.options.senderId };
    }
    if (this.options.maxPriceUsd !== undefined) {
      attributes['AWS.SNS.SMS.MaxPrice'] = {
        DataType: 'Number',
        StringValue: this.options.maxPriceUsd.toFixed(2),
      };
    }
    try {
      const result = await this.sns.send(
        new PublishCommand({ PhoneNumber: message.to, Message: message.body, MessageAttributes: attributes }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      throw mapSnsError(error);
    }
  }
}

export function mapSnsError(error: unknown): Error {
  const name = (error as { name?: string })?.name ?? '';
  const text = (error as { message?: string })?.message ?? '';
  if (THROTTLED.has(name)) return new NotifierThrottledError('SNS throttled the text', { cause: error });
  if (/opted.?out/i.test(text) || name === 'OptedOutException') {
    return new RecipientUnreachableError('the number has opted out of texts', 'opted-out', { cause: error });
  }
  if (name === 'EndpointDisabledException' || name === 'EndpointDisabled') {
    return new RecipientUnreachableError('the endpoint is disabled', 'disabled-endpoint', { cause: error });
  }
  if (name === 'InvalidParameterException' || name === 'InvalidParameterValueException') {
    return new RecipientUnreachableError('SNS refused the destination', 'invalid-endpoint', { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
