import {
  CheckIfPhoneNumberIsOptedOutCommand,
  PublishCommand,
  type MessageAttributeValue,
  type SNSClient,
} from '@aws-sdk/client-sns';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  type OutboundMessage,
  type SendResult,
} from '../../domain/model.ts';
import { poolNumberFor } from '../../domain/messaging/number-pool.ts';
import { type Notifier, type OptOutCheck } from '../../ports.ts';

export interface SnsSmsOptions {
  /** E.164 origination number (toll-free, 10DLC, short code) registered in the account. */
  originationNumber?: string;
  /**
   * The number verification codes come from, where carriers want one number per use case.
   * @default originationNumber: every text from one number
   */
  codesOriginationNumber?: string;
  /**
   * A pool of origination numbers in place of `originationNumber`: each patient is texted from one
   * of them, always the same (shared/domain/messaging/number-pool.ts). @default none
   */
  originationPool?: readonly string[];
  /** Alphanumeric sender id, where the destination country supports it. */
  senderId?: string;
  /** Highest price in USD the operator accepts for one text. */
  maxPriceUsd?: number;
  /**
   * Ask whether the number opted out before each text (one more call; its limit is far above any
   * SMS rate). SNS accepts a Publish to an opted-out number and silently drops it, so without this
   * a patient whose STOP never reached the inbound function would be "texted" forever. It asks
   * `optOutList` when given, else SNS (CheckIfPhoneNumberIsOptedOut: the account's default list).
   */
  checkOptOut?: boolean;
  /**
   * The opt-out list the origination numbers use (End User Messaging: the stack's list). A STOP to
   * one of those numbers lands there, never on SNS's list, so this is the one to ask when they have
   * a list of their own. @default none: SNS's check, for numbers on the account's default list
   */
  optOutList?: OptOutCheck;
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
 * so opt-outs are known from the patient's STOP (inbound), or before each text with `checkOptOut`;
 * the rare error that says "opted out" is still mapped to a permanent failure.
 */
export class SnsSmsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly options: SnsSmsOptions = {},
  ) {}

  /**
   * Codes from the codes number; an answer from the number the patient texted (if it is ours);
   * everything else from the patient's number of the pool, or the one number.
   */
  private originationFor(message: OutboundMessage & { channel: 'sms' }): string | undefined {
    const o = this.options;
    if (message.kind === 'verification' && o.codesOriginationNumber) return o.codesOriginationNumber;
    if (message.from && ownNumbers(o).includes(message.from)) return message.from;
    if (o.originationPool?.length) return poolNumberFor(message.to, o.originationPool);
    return o.originationNumber;
  }

  /** The list the numbers use when it is known, else SNS's own. */
  private async optedOut(phoneNumber: string): Promise<boolean> {
    if (this.options.optOutList) return this.options.optOutList.isOptedOut(phoneNumber);
    const { isOptedOut } = await this.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber }));
    return isOptedOut === true;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'sms') throw new TypeError('SnsSmsNotifier sends SMS only');
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    const origination = this.originationFor(message);
    if (origination) {
      attributes['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: origination };
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
      if (this.options.checkOptOut && (await this.optedOut(message.to)))
        throw new RecipientUnreachableError('the number has opted out of texts', 'opted-out');
      const result = await this.sns.send(
        new PublishCommand({ PhoneNumber: message.to, Message: message.body, MessageAttributes: attributes }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      throw mapSnsError(error);
    }
  }
}

/** Ours: the configured numbers, the only ones a message's `from` may name. */
function ownNumbers(o: SnsSmsOptions): string[] {
  return [o.originationNumber, o.codesOriginationNumber, ...(o.originationPool ?? [])].filter(
    (n): n is string => n !== undefined,
  );
}

export function mapSnsError(error: unknown): Error {
  if (error instanceof RecipientUnreachableError || error instanceof NotifierThrottledError) return error;
  const name = (error as { name?: string })?.name ?? '';
  const text = (error as { message?: string })?.message ?? '';
  if (THROTTLED.has(name)) return new NotifierThrottledError('SNS throttled the text', { cause: error });
  // Only an answer of SNS itself says so (a local TypeError about `isOptedOut` must not).
  const fromSns = typeof error === 'object' && error !== null && '$metadata' in error;
  if (name === 'OptedOutException' || (fromSns && /opted.?out/i.test(text))) {
    return new RecipientUnreachableError('the number has opted out of texts', 'opted-out', { cause: error });
  }
  if (name === 'EndpointDisabledException' || name === 'EndpointDisabled') {
    return new RecipientUnreachableError('the endpoint is disabled', 'disabled-endpoint', { cause: error });
  }
  if (name === 'NotFoundException' && /endpoint/i.test(text)) {
    return new RecipientUnreachableError('the endpoint no longer exists', 'disabled-endpoint', {
      cause: error,
    });
  }
  // Only a refusal of the destination itself is the recipient's; any other invalid parameter
  // (an attribute, the origination number) is this deployment's mistake and must not stop a plan.
  if (
    (name === 'InvalidParameterException' || name === 'InvalidParameterValueException') &&
    /PhoneNumber|TargetArn|endpoint/i.test(text)
  ) {
    return new RecipientUnreachableError('SNS refused the destination', 'invalid-endpoint', { cause: error });
  }
  // End User Messaging (the opt-out list check) names the refused field: only the number is the recipient's.
  const fields = (error as { Fields?: { Name?: string }[] })?.Fields ?? [];
  if (name === 'ValidationException' && fields.some((f) => /OptedOutNumber/.test(f.Name ?? ''))) {
    return new RecipientUnreachableError('End User Messaging refused the destination', 'invalid-endpoint', {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
