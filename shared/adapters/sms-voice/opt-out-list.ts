import {
  DescribeOptedOutNumbersCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { OptOutCheck } from '../../ports.ts';

/**
 * The opt-out list the stack's numbers use, in AWS End User Messaging (sms.channel: the stack's own
 * list, or the one it adopted). A patient's STOP to one of the numbers lands here, not on SNS's
 * account list, so this is the list the sender must ask (infra/stack.ts grants
 * sms-voice:DescribeOptedOutNumbers on it, and nothing else of End User Messaging).
 */
export class SmsVoiceOptOutList implements OptOutCheck {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    /** The list's name (or ARN). */
    private readonly optOutListName: string,
  ) {}

  /**
   * Whether the number is on the list (its own STOP, or put there). AWS does not say whether asking
   * for a number that is not on the list answers an empty list or ResourceNotFoundException for the
   * number: both mean "not opted out". Any other error (the list is gone, access denied,
   * throttling) is the caller's to map; it never reads as "not opted out".
   */
  async isOptedOut(phoneNumber: string): Promise<boolean> {
    try {
      const { OptedOutNumbers } = await this.client.send(
        new DescribeOptedOutNumbersCommand({
          OptOutListName: this.optOutListName,
          OptedOutNumbers: [phoneNumber],
        }),
      );
      return (OptedOutNumbers ?? []).some((n) => n.OptedOutNumber === phoneNumber);
    } catch (error) {
      const { name, ResourceType } = error as { name?: string; ResourceType?: string };
      if (name === 'ResourceNotFoundException' && ResourceType === 'opted-out-number') return false;
      throw error;
    }
  }
}
