/**
 * Intake's verification text through the real SNS adapter, at the SDK boundary: the exact Publish
 * input, and SNS's refusals mapped to the answers the contract promises. The Publish is also
 * recorded for the IAM proof (intake's role must be allowed to send it).
 */
import {
  SNSClient,
  PublishCommand,
  ThrottledException,
  InvalidParameterException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAwsCalls } from '../../local/aws-calls.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import type { OutboundMessage, SendResult } from '../../shared/domain/model.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { call, httpEvent } from '../support/http.ts';
import { assessmentBody, createTestIntake, RecordingNotifier } from '../support/intake.ts';

const table = useTestTable();
const sns = mockClient(SNSClient);
afterAll(() => sns.restore());
beforeEach(() => sns.reset());

/** Sends through the real SNS adapter and keeps what was sent (the tests read the code from it). */
class SnsThenRecording extends RecordingNotifier {
  private readonly sms = new SnsSmsNotifier(recordAwsCalls(new SNSClient({})), {
    originationNumber: '+18885550123',
  });
  override async send(message: OutboundMessage): Promise<SendResult> {
    const sent = await this.sms.send(message);
    await super.send(message);
    return sent;
  }
}

const assess = (body = assessmentBody()) => {
  const intake = createTestIntake(table, { notifier: new SnsThenRecording() });
  return call(intake.handler, httpEvent('POST', '/assessments', { body })).then((res) => ({ res, intake }));
};

describe('the verification text through SNS', () => {
  it('publishes one transactional text from the origination number, with the code, to the phone', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const body = assessmentBody();
    const { res, intake } = await assess(body);
    expect(res.status).toBe(201);
    const [publish] = sns.commandCalls(PublishCommand);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(publish!.args[0].input).toEqual({
      PhoneNumber: body.phone,
      Message: expect.stringContaining(intake.notifier.codeFor(body.phone)),
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18885550123' },
      },
    });
  });

  it('SNS throttling is a 503 with Retry-After, never a 500', async () => {
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }));
    const { res } = await assess();
    expect(res.status).toBe(503);
    expect(res.headers['retry-after'] ?? res.headers['Retry-After']).toBeDefined();
  });

  it('a number SNS refuses is the client’s mistake: a 400 naming the phone', async () => {
    sns
      .on(PublishCommand)
      .rejects(new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata: {} }));
    const { res } = await assess();
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('phone');
  });
});
