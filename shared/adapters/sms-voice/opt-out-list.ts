/**
 * The opt-out list the stack's numbers use, in AWS End User Messaging (sms.channel: the stack's own
 * list, or the one it adopted; infra/constructs/sms-channel.ts), one method per call:
 * PutOptedOutNumber, DeleteOptedOutNumber, DescribeOptedOutNumbers. A patient's STOP to one of the
 * numbers lands here, not on SNS's account list, so this is also the list the sender asks before a
 * reminder. The list's name comes from the environment (ENV.smsOptOutListName); without a declared
 * channel there is no list and the wiring uses `noOptOutList` (shared/adapters/defaults.ts).
 */
import {
  DeleteOptedOutNumberCommand,
  DescribeOptedOutNumbersCommand,
  PutOptedOutNumberCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { NotifierThrottledError } from '../../domain/model.ts';
import type { OptInOutcome, OptOutCheck, OptOutList } from '../../ports.ts';

const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);

/** The error's name and, for ResourceNotFoundException, what was not found. */
function describe(error: unknown): { name: string; resourceType?: string } {
  const e = error as { name?: string; ResourceType?: string };
  return { name: e?.name ?? '', ...(e?.ResourceType ? { resourceType: e.ResourceType } : {}) };
}

/**
 * A missing number (not on the list) is an answer; a missing list (or anything else) is this
 * deployment's mistake. AWS does not say whether asking for a number that is not on the list answers
 * an empty list or ResourceNotFoundException for the number: both mean "not opted out".
 */
function numberNotFound(error: unknown): boolean {
  const { name, resourceType } = describe(error);
  return name === 'ResourceNotFoundException' && resourceType === 'opted-out-number';
}

function mapped(error: unknown): Error {
  if (THROTTLED.has(describe(error).name))
    return new NotifierThrottledError('End User Messaging throttled the opt-out list', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export class EumOptOutList implements OptOutList, OptOutCheck {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    /** The list's name or ARN (the stack's `SmsChannel.optOutList`). */
    private readonly listName: string,
  ) {}

  async putOptedOutNumber(phone: string): Promise<void> {
    try {
      await this.client.send(
        new PutOptedOutNumberCommand({ OptOutListName: this.listName, OptedOutNumber: phone }),
      );
    } catch (error) {
      throw mapped(error);
    }
  }

  /**
   * AWS removes a number at most once every 30 days; it answers a second removal with a refusal
   * (a ValidationException or ConflictException): read here as 'refused', so the patient is told.
   */
  async deleteOptedOutNumber(phone: string): Promise<OptInOutcome> {
    try {
      await this.client.send(
        new DeleteOptedOutNumberCommand({ OptOutListName: this.listName, OptedOutNumber: phone }),
      );
      return 'removed';
    } catch (error) {
      if (numberNotFound(error)) return 'not-listed';
      const { name } = describe(error);
      if (name === 'ValidationException' || name === 'ConflictException') return 'refused';
      throw mapped(error);
    }
  }

  /** DescribeOptedOutNumbers for this one number: AWS answers "not found" when it is not listed. */
  async describeOptedOutNumber(phone: string): Promise<boolean> {
    try {
      const { OptedOutNumbers } = await this.client.send(
        new DescribeOptedOutNumbersCommand({ OptOutListName: this.listName, OptedOutNumbers: [phone] }),
      );
      return (OptedOutNumbers ?? []).some((n) => n.OptedOutNumber === phone);
    } catch (error) {
      if (numberNotFound(error)) return false;
      throw mapped(error);
    }
  }

  /**
   * The sender's check before a reminder: whether the number is on the list. An error (the list is
   * gone, access denied, throttling) never reads as "not opted out": the reminder is retried.
   */
  isOptedOut(phone: string): Promise<boolean> {
    return this.describeOptedOutNumber(phone);
  }
}
