import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ClinicMailer } from '../../ports.ts';

/**
 * The clinic's alert emails: one publish to the alert topic, whose email subscription (the
 * operator's address, confirmed once) delivers it. The topic is encrypted with the data key.
 */
export class SnsClinicMailer implements ClinicMailer {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(subject: string, body: string): Promise<void> {
    await this.sns.send(new PublishCommand({ TopicArn: this.topicArn, Subject: subject, Message: body }));
  }
}
