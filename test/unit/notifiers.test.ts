import {
  AuthorizationErrorException,
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import {
  DescribeOptedOutNumbersCommand,
  PinpointSMSVoiceV2Client,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import webpush from 'web-push';
import { PUSH_SUBSCRIPTION } from '../support/fixtures.ts';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoutingNotifier } from '../../shared/adapters/notifiers/routing.ts';
import { SnsSmsNotifier } from '../../shared/adapters/notifiers/sns-sms.ts';
import { EumOptOutList } from '../../shared/adapters/sms-voice/opt-out-list.ts';
import { WebPushNotifier, type SendNotification } from '../../shared/adapters/notifiers/web-push.ts';
import {
  NotifierThrottledError,
  RecipientUnreachableError,
  type OutboundMessage,
  type PushSubscription,
} from '../../shared/domain/model.ts';

const sns = mockClient(SNSClient);
const smsVoice = mockClient(PinpointSMSVoiceV2Client);
const $metadata = {};
const SMS: OutboundMessage = { channel: 'sms', to: '+14155550123', body: 'Hello', kind: 'reminder' };
const SUBSCRIPTION: PushSubscription = PUSH_SUBSCRIPTION;

beforeEach(() => {
  sns.reset();
  smsVoice.reset();
});
afterAll(() => {
  sns.restore();
  smsVoice.restore();
});

async function reason(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof RecipientUnreachableError ? error.reason : (error as Error)?.name;
}

describe('SNS SMS', () => {
  it('publishes a Transactional text from the origination number, with the price cap', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsSmsNotifier(new SNSClient({}), {
      originationNumber: '+18005550100',
      maxPriceUsd: 0.05,
    });
    await expect(notifier.send(SMS)).resolves.toEqual({ messageId: 'm-1' });
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      {
        PhoneNumber: '+14155550123',
        Message: 'Hello',
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18005550100' },
          'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.05' },
        },
      },
    ]);
  });

  it('with a codes number, codes come from it and every other text (the welcome too) from the reminders number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsSmsNotifier(new SNSClient({}), {
      originationNumber: '+18005550100',
      codesOriginationNumber: '+18005550199',
    });
    for (const kind of ['verification', 'welcome', 'reminder', 'reply'] as const)
      await notifier.send({ ...SMS, kind });
    expect(
      sns
        .commandCalls(PublishCommand)
        .map((c) => c.args[0].input.MessageAttributes?.['AWS.MM.SMS.OriginationNumber']?.StringValue),
    ).toEqual(['+18005550199', '+18005550100', '+18005550100', '+18005550100']);
  });

  it('with a pool, each patient is texted from their number of it; an answer goes from the number the patient texted, if it is ours', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const pool = ['+18005550101', '+18005550102', '+18005550103'];
    const notifier = new SnsSmsNotifier(new SNSClient({}), { originationPool: pool });
    const from = () =>
      sns
        .commandCalls(PublishCommand)
        .map((c) => c.args[0].input.MessageAttributes?.['AWS.MM.SMS.OriginationNumber']?.StringValue);
    await notifier.send(SMS);
    await notifier.send({ ...SMS, kind: 'verification' });
    const patients = from();
    expect(pool).toContain(patients[0]);
    expect(patients[1]).toBe(patients[0]); // one number for everything to this patient
    sns.resetHistory();
    const other = pool.find((n) => n !== patients[0])!;
    await notifier.send({ ...SMS, kind: 'reply', from: other });
    await notifier.send({ ...SMS, kind: 'reply', from: '+19995550000' }); // not ours: ignored
    expect(from()).toEqual([other, patients[0]]);
  });

  it('with checkOptOut, asks SNS first and never publishes to an opted-out number', async () => {
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    const notifier = new SnsSmsNotifier(new SNSClient({}), { checkOptOut: true });
    expect(await reason(notifier.send(SMS))).toBe('opted-out');
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)[0]!.args[0].input).toEqual({
      phoneNumber: '+14155550123',
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);

    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await expect(notifier.send(SMS)).resolves.toEqual({ messageId: 'm-2' });
  });

  it("with the numbers' own opt-out list, asks that list (End User Messaging) and never SNS's", async () => {
    const list = new EumOptOutList(new PinpointSMSVoiceV2Client({}), 'StackOptOuts');
    const notifier = new SnsSmsNotifier(new SNSClient({}), { checkOptOut: true, optOutList: list });
    smsVoice.on(DescribeOptedOutNumbersCommand).resolves({
      OptedOutNumbers: [
        {
          OptedOutNumber: SMS.to,
          OptedOutTimestamp: new Date('2030-01-01T00:00:00Z'),
          EndUserOptedOut: true,
        },
      ],
    });
    expect(await reason(notifier.send(SMS))).toBe('opted-out');
    expect(smsVoice.commandCalls(DescribeOptedOutNumbersCommand)[0]!.args[0].input).toEqual({
      OptOutListName: 'StackOptOuts',
      OptedOutNumbers: ['+14155550123'],
    });
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);

    // Another number's entry (an answer not about ours) is not ours.
    smsVoice.on(DescribeOptedOutNumbersCommand).resolves({
      OptedOutNumbers: [
        {
          OptedOutNumber: '+14155550999',
          OptedOutTimestamp: new Date('2030-01-01T00:00:00Z'),
          EndUserOptedOut: true,
        },
      ],
    });
    sns.on(PublishCommand).resolves({ MessageId: 'm-3' });
    await expect(notifier.send(SMS)).resolves.toEqual({ messageId: 'm-3' });

    // A number End User Messaging calls invalid is the recipient's; another refused field is ours.
    smsVoice.on(DescribeOptedOutNumbersCommand).rejects(
      new ValidationException({
        message: 'Invalid number',
        Reason: 'INVALID_PARAMETER',
        Fields: [{ Name: 'OptedOutNumbers', Message: 'not a valid phone number' }],
        $metadata,
      }),
    );
    expect(await reason(notifier.send(SMS))).toBe('invalid-endpoint');
    smsVoice.on(DescribeOptedOutNumbersCommand).rejects(
      new ValidationException({
        message: 'Invalid list',
        Reason: 'INVALID_PARAMETER',
        Fields: [{ Name: 'OptOutListName', Message: 'bad' }],
        $metadata,
      }),
    );
    expect(await reason(notifier.send(SMS))).toBe('ValidationException');
  });

  it('maps SNS errors: throttling is temporary, a refused number is permanent, our own mistakes are neither', async () => {
    const notifier = new SnsSmsNotifier(new SNSClient({}));
    const cases: [Error, string][] = [
      [new ThrottledException({ message: 'Rate exceeded', $metadata }), 'NotifierThrottledError'],
      [new OptedOutException({ message: 'Phone number is opted out', $metadata }), 'opted-out'],
      [
        new InvalidParameterException({
          message: 'Invalid parameter: PhoneNumber Reason: +1999 is not valid to publish to',
          $metadata,
        }),
        'invalid-endpoint',
      ],
      [
        new InvalidParameterException({ message: 'Invalid parameter: MessageAttributes', $metadata }),
        'InvalidParameterException',
      ],
      [
        new AuthorizationErrorException({ message: 'not authorized', $metadata }),
        'AuthorizationErrorException',
      ],
      [new TypeError("Cannot destructure property 'isOptedOut' of undefined"), 'TypeError'],
    ];
    for (const [error, expected] of cases) {
      sns.on(PublishCommand).rejects(error);
      expect(await reason(notifier.send(SMS)), error.message).toBe(expected);
    }
  });

  it('refuses messages of another channel', async () => {
    await expect(
      new SnsSmsNotifier(new SNSClient({})).send({
        ...SMS,
        channel: 'push',
        subscription: SUBSCRIPTION,
        title: 't',
      }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe('Web Push', () => {
  const vapid = { subject: 'mailto:ops@example.org', publicKey: 'BPublic', privateKey: 'private' };
  const message: OutboundMessage = {
    channel: 'push',
    subscription: SUBSCRIPTION,
    title: 'Rehab reminders',
    body: 'Session 2',
    kind: 'reminder',
  };

  it('sends the payload with VAPID, a TTL of the lateness limit and a topic', async () => {
    const send = vi.fn<SendNotification>().mockResolvedValue({
      statusCode: 201,
      body: '',
      headers: { location: 'https://push.example/m/1' },
    });
    const notifier = new WebPushNotifier(vapid, { ttlSeconds: 3600 }, send);
    await expect(notifier.send(message)).resolves.toEqual({ messageId: 'https://push.example/m/1' });
    expect(send).toHaveBeenCalledExactlyOnceWith(
      SUBSCRIPTION,
      JSON.stringify({ title: 'Rehab reminders', body: 'Session 2', kind: 'reminder' }),
      { vapidDetails: vapid, TTL: 3600, timeout: 5000, urgency: 'normal', topic: 'reminder' },
    );
  });

  it('maps the push service answers: 404 and 410 gone, 400 and 413 invalid (never retried), 429 throttled, others retried', async () => {
    const cases: [number, string][] = [
      [404, 'disabled-endpoint'],
      [410, 'disabled-endpoint'],
      [400, 'invalid-endpoint'],
      [413, 'invalid-endpoint'],
      [429, 'NotifierThrottledError'],
      [401, 'WebPushError'],
      [403, 'WebPushError'],
      [500, 'WebPushError'],
    ];
    for (const [status, expected] of cases) {
      const send = vi
        .fn<SendNotification>()
        .mockRejectedValue(new webpush.WebPushError('refused', status, {}, '', SUBSCRIPTION.endpoint));
      expect(
        await reason(new WebPushNotifier(vapid, { ttlSeconds: 60 }, send).send(message)),
        String(status),
      ).toBe(expected);
    }
  });
});

describe('Web Push: invalid subscriptions are permanent failures', () => {
  const vapid = { subject: 'mailto:ops@example.org', publicKey: 'BPublic', privateKey: 'private' };
  const push = (subscription: PushSubscription): OutboundMessage => ({
    channel: 'push',
    subscription,
    title: 'Rehab reminders',
    body: 'Session 2',
    kind: 'reminder',
  });

  it('a stored subscription off the push services, or with bad keys, is refused before any request', async () => {
    for (const subscription of [
      { ...SUBSCRIPTION, endpoint: 'https://169.254.169.254/latest/meta-data/' },
      { ...SUBSCRIPTION, endpoint: 'https://fcm.googleapis.com:8443/fcm/send/x' },
      { ...SUBSCRIPTION, endpoint: 'https://push.internal.example/x' },
      // Stored before the normal-form check: web-push's url.parse would read no host (localhost).
      { ...SUBSCRIPTION, endpoint: 'https:/@fcm.googleapis.com/x' },
      { ...SUBSCRIPTION, endpoint: 'https://fcm.googleapis.com\\@localhost/x' },
      { ...SUBSCRIPTION, keys: { ...SUBSCRIPTION.keys, p256dh: 'BPk' } },
      { ...SUBSCRIPTION, keys: { ...SUBSCRIPTION.keys, auth: 'xyz' } },
    ]) {
      const send = vi.fn<SendNotification>();
      expect(
        await reason(new WebPushNotifier(vapid, { ttlSeconds: 60 }, send).send(push(subscription))),
      ).toBe('invalid-endpoint');
      expect(send).not.toHaveBeenCalled();
    }
  });

  it('web-push is handed the endpoint in its normal form (url.href), the one form every parser reads alike', async () => {
    const send = vi.fn<SendNotification>().mockResolvedValue({ statusCode: 201, body: '', headers: {} });
    await new WebPushNotifier(vapid, { ttlSeconds: 60 }, send).send(push(SUBSCRIPTION));
    const handed = send.mock.calls[0]![0];
    expect(handed.endpoint).toBe(new URL(SUBSCRIPTION.endpoint).href);
    expect(handed.keys).toEqual(SUBSCRIPTION.keys);
  });

  it("web-push's own refusals of keys are permanent; a network error is retried", async () => {
    for (const [error, expected] of [
      [new Error('The subscription p256dh value should be 65 bytes long.'), 'invalid-endpoint'],
      [new Error('The subscription auth key should be at least 16 bytes long'), 'invalid-endpoint'],
      [new Error('Public key is not valid for specified curve'), 'invalid-endpoint'],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'Error'],
    ] as const) {
      const send = vi.fn<SendNotification>().mockRejectedValue(error);
      expect(
        await reason(new WebPushNotifier(vapid, { ttlSeconds: 60 }, send).send(push(SUBSCRIPTION))),
      ).toBe(expected);
    }
  });
});

describe('routing by channel', () => {
  it('hands each message to the adapter of its channel, and refuses a channel not configured', async () => {
    const sms = { send: vi.fn().mockResolvedValue({ messageId: 's' }) };
    const push = { send: vi.fn().mockResolvedValue({ messageId: 'p' }) };
    const router = new RoutingNotifier({ sms, push });
    await expect(router.send(SMS)).resolves.toEqual({ messageId: 's' });
    const pushMessage: OutboundMessage = {
      channel: 'push',
      subscription: SUBSCRIPTION,
      title: 't',
      body: 'b',
      kind: 'reminder',
    };
    await expect(router.send(pushMessage)).resolves.toEqual({ messageId: 'p' });
    expect(sms.send).toHaveBeenCalledExactlyOnceWith(SMS);
    expect(push.send).toHaveBeenCalledExactlyOnceWith(pushMessage);
    // A channel the deployment has no notifier for: an operator's fix, not throttling.
    const smsOnly = new RoutingNotifier({ sms });
    await expect(smsOnly.send(pushMessage)).rejects.toThrow(/no notifier is configured for channel push/);
    await expect(smsOnly.send(pushMessage)).rejects.not.toBeInstanceOf(NotifierThrottledError);
  });
});
