import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, OutboundMessage, SendResult } from '../../ports.ts';
import { mapSnsError } from './sns-sms.ts';

/**
 * SNS mobile push to a platform endpoint (TargetArn), for operators who ship an app registered with
 * SNS (FCM or APNs). One payload per platform; a disabled or deleted endpoint is permanent.
 */
export class SnsMobilePushNotifier implements Notifier {
  constructor(private readonly sns: SNSClient) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'mobile-push')
      throw new TypeError('SnsMobilePushNotifier sends mobile push only');
    const { title, body, kind } = message;
    const apns = JSON.stringify({ aps: { alert: { title, body } }, kind });
    const payload = {
      default: body,
      GCM: JSON.stringify({ notification: { title, body }, data: { kind } }),
      APNS: apns,
      APNS_SANDBOX: apns,
    };
    try {
      const result = await this.sns.send(
        new PublishCommand({
          TargetArn: message.endpointArn,
          MessageStructure: 'json',
          Message: JSON.stringify(payload),
        }),
      );
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      throw mapSnsError(error);
    }
  }
}
