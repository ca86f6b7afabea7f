/**
 * The stack's End User Messaging opt-out list (infra/constructs/sms-channel.ts), one method per
 * call: PutOptedOutNumber, DeleteOptedOutNumber, DescribeOptedOutNumbers. The list's name comes
 * from the environment (ENV.smsOptOutListName); without a declared channel there is no list and
 * the wiring uses `noOptOutList` (shared/adapters/defaults.ts).
 */
import {
  DeleteOptedOutNumberCommand,
  DescribeOptedOutNumbersCommand,
  PutOptedOutNumberCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { NotifierThrottledError } from '../../domain/model.ts';
import type { OptInOutcome, OptOutList } from '../../ports.ts';

const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);

/** The error's name and, for ResourceNotFoundException, what was not found. */
function describe(error: unknown): { name: string; resourceType?: string } {
  const e = error as { name?: string; ResourceType?: string };
  return { name: e?.name ?? '', ...(e?.ResourceType ? { resourceType: e.ResourceType } : {}) };
}

/** A missing number (not on the list) is an answer; a missing list is this deployment's mistake. */
function numberNotFound(error: unknown): boolean {
  const { name, resourceType } = describe(error);
  return name === 'ResourceNotFoundException' && resourceType !== 'opt-out-list';
}

function mapped(error: unknown): Error {
  if (THROTTLED.has(describe(error).name))
    return new NotifierThrottledError('End User Messaging throttled the opt-out list', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export class EumOptOutList implements OptOutList {
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
}
